/**
 * `scheduler fifo`: one FIFO of LWPs; a running LWP keeps its CPU until it
 * blocks, yields or exits. No quantum, no preemption.
 */
import type { Lwp } from '../entities';
import { KeyedHeap } from '../queue';
import type { KernelPolicy } from './policy';

export class FifoPolicy implements KernelPolicy {
  readonly tracksRunTime = false;
  // Every LWP at priority 0: the keyed heap is then a ring buffer.
  private readonly queue = new KeyedHeap<Lwp>(true);

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

  sliceEnd(): number {
    return Infinity;
  }

  preemptsNow(): boolean {
    return false;
  }

  /** Asked only by `yield` (a slice never ends). */
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
