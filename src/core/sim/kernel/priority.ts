/**
 * `scheduler priority quantum Q`: LWPs ordered by priority (their thread's,
 * 0 for pool LWPs), FIFO within a level; round-robin among equals at the
 * quantum. A newly runnable LWP takes at once the CPU of the
 * lowest-priority running LWP below it (lowest CPU number on ties), which
 * goes back to the head of its level; at every preemption point a waiting
 * LWP of higher priority takes the CPU.
 */
import type { Cpu, Lwp } from '../entities';
import { KeyedHeap } from '../queue';
import type { KernelPolicy } from './policy';

export class PriorityPolicy implements KernelPolicy {
  readonly tracksRunTime = false;
  private readonly queue = new KeyedHeap<Lwp>(false);
  private readonly quantum: number;

  constructor(quantum: number) {
    this.quantum = Math.max(1, quantum);
  }

  get waiting(): number {
    return this.queue.size;
  }

  enqueue(lwp: Lwp, atHead: boolean): void {
    if (atHead) this.queue.pushHead(lwp, lwp.priority);
    else this.queue.pushTail(lwp, lwp.priority);
  }

  take(): Lwp | undefined {
    return this.queue.pop();
  }

  sliceEnd(_lwp: Lwp, start: number): number {
    return start + this.quantum;
  }

  preemptsNow(lwp: Lwp): boolean {
    return this.queue.size > 0 && this.queue.peekPriority() > lwp.priority;
  }

  hasSuccessor(lwp: Lwp): boolean {
    return this.queue.size > 0 && this.queue.peekPriority() >= lwp.priority;
  }

  wakeupVictim(lwp: Lwp, cpus: readonly Cpu[]): Cpu | null {
    const p = lwp.priority;
    // Running LWPs never have a lower priority than a queued one (they would
    // have been preempted), so if one of at least this priority already
    // waits, no CPU can be taken from a lower one.
    if (this.queue.size > 0 && this.queue.peekPriority() >= p) return null;
    let victim: Cpu | null = null;
    let lowest = p;
    for (let i = 0; i < cpus.length; i++) {
      const c = cpus[i];
      if (c.lwp === null || c.preemptPending) continue;
      if (c.lwp.priority < lowest) {
        lowest = c.lwp.priority;
        victim = c;
      }
    }
    return victim;
  }

  /** Not called (tracksRunTime is false). */
  ran(): void {}

  /** Not called (tracksRunTime is false). */
  woke(): void {}
}
