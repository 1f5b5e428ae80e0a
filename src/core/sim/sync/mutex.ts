/**
 * `mutex M`: owned by one thread; waiters queue FIFO and ownership passes to
 * the first on `unlock`. A library mutex costs a direct thread a kernel entry
 * only when it must wait (futex-like); a kernel mutex costs one on every
 * operation. A `lock` takes effect when it starts (taken, or queued); its
 * kernel entry is paid after.
 */
import type { Span } from '../../syntax/ast';
import { Wait, type Cpu, type Lwp, type Thread } from '../entities';
import { holderName, holderSpan } from '../report';
import type { StuckThread } from '../result';
import { EntryPhase, passed, tookAtEntry, waitAtEntry } from './context';
import { Lock } from './lock';
import type { SyncState } from './syncObject';

export class Mutex extends Lock {
  private readonly waiters: Thread[] = [];

  inspect(): SyncState {
    return { holder: this.holder, waiters: [...this.waiters], count: null };
  }

  acquire(c: Cpu, l: Lwp, t: Thread): boolean {
    // Decided when the call starts (context.ts EntryPhase); its kernel entry is paid after.
    if (t.phase === EntryPhase.Waiting) return waitAtEntry(this.cx, c, l, t, Wait.Mutex, this.ir.index, this.kernel);
    if (t.phase === EntryPhase.Took) return passed(t);
    if (this.holder === null) {
      this.take(t);
      return tookAtEntry(this.cx, l, t, this.kernel);
    }
    this.waiters.push(t);
    return waitAtEntry(this.cx, c, l, t, Wait.Mutex, this.ir.index, this.kernel);
  }

  release(l: Lwp, t: Thread): boolean {
    if (t.phase === 0 && this.kernel) {
      t.phase = 1;
      if (this.cx.modeSwitch(l)) return false;
    }
    if (this.releaseNotHeld(t)) return true;
    t.phase = 0;
    t.pc++;
    t.held--;
    const w = this.waiters.shift();
    if (w === undefined) {
      this.free();
      return true;
    }
    this.take(w);
    w.pc++;
    w.phase = 0;
    this.cx.wake(w, l, !this.kernel);
    return true;
  }

  describeWaiter(t: Thread, span: Span): StuckThread {
    const h = this.holder;
    const where = this.kernel ? 'kernel ' : '';
    const name = this.ir.name;
    return { thread: t.name, waitsFor: h ? `${where}mutex ${name} held by ${holderName(h)}` : `${where}mutex ${name}`, kind: 'mutex', span, holder: h ? h.name : null, holderSpan: h ? holderSpan(h, this.heldAt) : null };
  }
}
