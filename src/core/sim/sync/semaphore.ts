/**
 * `semaphore S = N`: `wait` takes a unit or waits (FIFO); `post` hands a
 * unit to the first waiter, or adds one. A direct thread enters the kernel
 * to wait on a library semaphore; a kernel semaphore costs a kernel entry on
 * every operation.
 */
import type { SyncIR } from '../../check/ir';
import type { Span } from '../../syntax/ast';
import { Wait, type Cpu, type Lwp, type Thread } from '../entities';
import type { StuckThread } from '../result';
import type { SyncContext } from './context';
import type { SyncObject, SyncState } from './syncObject';

export class Semaphore implements SyncObject {
  count: number;
  readonly kernel: boolean;
  private readonly waiters: Thread[] = [];

  inspect(): SyncState {
    return { holder: null, waiters: [...this.waiters], count: this.count };
  }

  constructor(
    readonly ir: SyncIR,
    private readonly cx: SyncContext,
  ) {
    this.count = ir.initial;
    this.kernel = ir.process === -1;
  }

  acquire(c: Cpu, l: Lwp, t: Thread): boolean {
    if (t.phase === 0 && this.kernel) {
      t.phase = 1;
      if (this.cx.modeSwitch(l)) return false;
    }
    if (this.count > 0) {
      this.count--;
      t.phase = 0;
      t.pc++;
      return true;
    }
    if (t.phase === 0 && t.direct) {
      // A direct thread enters the kernel to sleep. If that entry takes time, the
      // statement runs again afterwards and takes a unit posted meanwhile.
      t.phase = 1;
      if (this.cx.modeSwitch(l)) return false;
    }
    this.waiters.push(t);
    this.cx.block(c, l, t, Wait.Semaphore, this.ir.index, this.kernel);
    return false;
  }

  release(l: Lwp, t: Thread): boolean {
    if (t.phase === 0 && this.kernel) {
      t.phase = 1;
      if (this.cx.modeSwitch(l)) return false;
    }
    t.phase = 0;
    t.pc++;
    const w = this.waiters.shift();
    if (w === undefined) this.count++;
    else {
      w.pc++;
      w.phase = 0;
      this.cx.wake(w, l, !this.kernel);
    }
    return true;
  }

  heldBy(): null {
    return null;
  }

  describeWaiter(t: Thread, span: Span): StuckThread {
    return { thread: t.name, waitsFor: `${this.kernel ? 'kernel ' : ''}semaphore ${this.ir.name} (count 0)`, kind: 'semaphore', span, holder: null, holderSpan: null };
  }
}
