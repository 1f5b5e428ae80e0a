/**
 * `scheduler round-robin quantum Q`: the FIFO of `scheduler fifo`, with a
 * quantum: a running LWP keeps its CPU for Q of CPU time, then goes to the
 * tail if another waits (the quantum is renewed when nobody does). No
 * preemption on wake-up.
 */
import type { Lwp } from '../entities';
import { FifoPolicy } from './fifo';

export class RoundRobinPolicy extends FifoPolicy {
  private readonly quantum: number;

  constructor(quantum: number) {
    super();
    this.quantum = Math.max(1, quantum);
  }

  override sliceEnd(_lwp: Lwp, now: number): number {
    return now + this.quantum;
  }
}
