/**
 * `semaphore S = N`: `wait` takes a unit or waits (FIFO); `post` hands a
 * unit to the first waiter, or adds one. A direct thread enters the kernel
 * to wait on a library semaphore; a kernel semaphore costs a kernel entry on
 * every operation. A `wait` takes effect when it starts (a unit taken, or
 * the thread queued as a waiter); its kernel entry is paid after.
 */
import type { SyncIR } from '../../check/ir';
import type { Span } from '../../syntax/ast';
import { Wait, type Cpu, type Lwp, type Thread } from '../entities';
import type { StuckThread } from '../result';
import { EntryPhase, passed, tookAtEntry, waitAtEntry, type SyncContext } from './context';
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
    // Decided when the call starts (LANGUAGE.md §7); its kernel entry is paid after.
    if (t.phase === EntryPhase.Waiting) return waitAtEntry(this.cx, c, l, t, Wait.Semaphore, this.ir.index, this.kernel);
    if (t.phase === EntryPhase.Took) return passed(t);
    if (this.count > 0) {
      this.count--;
      return tookAtEntry(this.cx, l, t, this.kernel);
    }
    // A waiter from this instant: a post during its kernel entry hands it the unit (and wakes it).
    this.waiters.push(t);
    return waitAtEntry(this.cx, c, l, t, Wait.Semaphore, this.ir.index, this.kernel);
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
