/**
 * `scheduler round-robin quantum Q`: one FIFO of LWPs; a running LWP keeps
 * its CPU for a quantum of CPU time, then goes to the tail if another waits
 * (the quantum is renewed when nobody does). No preemption on wake-up.
 */
import type { Lwp } from '../entities';
import { KeyedHeap } from '../queue';
import type { KernelPolicy } from './policy';

export class RoundRobinPolicy implements KernelPolicy {
  readonly tracksRunTime = false;
  // Every LWP at priority 0: the keyed heap is then a ring buffer.
  private readonly queue = new KeyedHeap<Lwp>(true);
  private readonly quantum: number;

  constructor(quantum: number) {
    this.quantum = Math.max(1, quantum);
  }

  get waiting(): number {
    return this.queue.size;
  }

  enqueue(lwp: Lwp, atHead: boolean): void {
    if (atHead) this.queue.pushHead(lwp, 0);
    else this.queue.pushTail(lwp, 0);
  }

  take(): Lwp | undefined {
    return this.queue.pop();
  }

  sliceEnd(_lwp: Lwp, start: number): number {
    return start + this.quantum;
  }

  preemptsNow(): boolean {
    return false;
  }

  hasSuccessor(): boolean {
    return this.queue.size > 0;
  }

  wakeupVictim(): null {
    return null;
  }

  /** Not called (tracksRunTime is false). */
  ran(): void {}

  /** Not called (tracksRunTime is false). */
  woke(): void {}
}
