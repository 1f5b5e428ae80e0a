/**
 * A pooled library's ready queue and its user-level policy (the process's
 * `scheduler fifo | round-robin quantum Q | priority`): FIFO unless the
 * policy is `priority` (then by the thread's priority, FIFO within a level);
 * round-robin gives each thread a quantum of CPU time on its LWP.
 */
import type { ProcessIR } from '../../check/ir';
import type { Thread } from '../entities';
import { KeyedHeap } from '../queue';

export class ReadyQueue {
  readonly threads: KeyedHeap<Thread>;
  readonly byPriority: boolean;
  /** Round-robin quantum, or Infinity. */
  readonly quantum: number;

  constructor(scheduler: ProcessIR['scheduler']) {
    this.byPriority = scheduler.policy === 'priority';
    // Without priorities every thread is pushed with priority 0: a FIFO (a ring buffer).
    this.threads = new KeyedHeap<Thread>(!this.byPriority);
    this.quantum = scheduler.policy === 'round-robin' ? Math.max(1, scheduler.quantum) : Infinity;
  }

  get size(): number {
    return this.threads.size;
  }

  push(t: Thread, atHead: boolean): void {
    const p = this.byPriority ? t.decl.priority : 0;
    if (atHead) this.threads.pushHead(t, p);
    else this.threads.pushTail(t, p);
  }
}
