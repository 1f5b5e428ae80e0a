/**
 * `barrier B = N`: `arrive` counts the thread in; the first N - 1 wait
 * (FIFO), the N-th wakes them all at that instant, in arrival order, with
 * their pc past `arrive`, goes on itself, and the barrier starts its next
 * round empty. An arrival takes effect when it starts, its kernel entry is
 * paid after. Costs follow the semaphore's: a kernel barrier costs a kernel
 * entry on every arrive; at a library barrier a direct thread enters the
 * kernel only when it must wait, and the last arriver pays the wake-up of
 * each waiter blocked in the kernel (SyncContext.wake).
 *
 * Invariant: `waiters.length < ir.initial` between statements (the N-th
 * arrival empties it); no statement releases a barrier (the checker admits
 * only `arrive` on one).
 */
import type { SyncIR } from '../../check/ir';
import type { Span } from '../../syntax/ast';
import { Op } from '../code';
import { ThreadStatus, Wait, type Cpu, type Lwp, type Thread } from '../entities';
import { whyCannotRun } from '../report';
import type { StuckThread } from '../result';
import { EntryPhase, passed, tookAtEntry, waitAtEntry, type SyncContext } from './context';
import { stmtSpan } from './join';
import type { SyncObject, SyncState } from './syncObject';

export class Barrier implements SyncObject {
  readonly kernel: boolean;
  private waiters: Thread[] = [];
  /** Every thread that has arrived at least once: an exited one is named in a deadlock as never arriving again. */
  private readonly arrived = new Set<Thread>();

  inspect(): SyncState {
    return { holder: null, waiters: [...this.waiters], count: this.waiters.length };
  }

  constructor(
    readonly ir: SyncIR,
    private readonly cx: SyncContext,
  ) {
    this.kernel = ir.process === -1;
  }

  acquire(c: Cpu, l: Lwp, t: Thread): boolean {
    // Decided when the call starts (context.ts EntryPhase); its kernel entry is paid after.
    if (t.phase === EntryPhase.Waiting) return waitAtEntry(this.cx, c, l, t, Wait.Barrier, this.ir.index, this.kernel);
    if (t.phase === EntryPhase.Took) return passed(t);
    this.arrived.add(t);
    if (this.waiters.length + 1 >= this.ir.initial) {
      const released = this.waiters;
      this.waiters = [];
      for (const w of released) {
        w.pc++;
        w.phase = 0;
        this.cx.wake(w, l, !this.kernel);
      }
      return tookAtEntry(this.cx, l, t, this.kernel);
    }
    this.waiters.push(t);
    return waitAtEntry(this.cx, c, l, t, Wait.Barrier, this.ir.index, this.kernel);
  }

  /** No statement releases a barrier; kept total so that the interface holds. */
  release(_l: Lwp, t: Thread): boolean {
    t.phase = 0;
    t.pc++;
    return true;
  }

  heldBy(): null {
    return null;
  }

  describeWaiter(t: Thread, span: Span): StuckThread {
    const missing = this.neverArriving();
    const shown = missing.slice(0, 3).map((m) => `${m.name} never arrives: ${m.status === ThreadStatus.Exited ? 'it exited' : whyCannotRun(m)}`);
    if (missing.length > 3) shown.push(`and ${missing.length - 3} more`);
    const why = shown.length ? shown.join('; ') : `no other thread arrives at it`;
    const first = missing[0] ?? null;
    return {
      thread: t.name,
      waitsFor: `${this.kernel ? 'kernel ' : ''}barrier ${this.ir.name} (${this.waiters.length} of ${this.ir.initial} arrived; ${why})`,
      kind: 'barrier',
      span,
      holder: first ? first.name : null,
      holderSpan: first ? (first.status === ThreadStatus.Exited ? first.decl.nameSpan : stmtSpan(first)) : null,
    };
  }

  /** Threads that could arrive but are not waiting here: those that arrived before and exited, and live ones whose code arrives here, in id order. */
  private neverArriving(): Thread[] {
    const out: Thread[] = [];
    for (const a of this.arrived) if (a.status === ThreadStatus.Exited) out.push(a);
    for (const u of this.cx.unfinishedThreads()) if (!this.waiters.includes(u) && this.arrivesHere(u)) out.push(u);
    return out.sort((x, y) => x.id - y.id);
  }

  private arrivesHere(u: Thread): boolean {
    const { ops, operand } = u.code;
    for (let i = 0; i < ops.length; i++) if (ops[i] === Op.acquire && operand[i] === this.ir.index) return true;
    return false;
  }
}
