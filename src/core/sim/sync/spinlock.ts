/**
 * `spinlock S`: owned like a mutex, but a thread that finds it held burns
 * its CPU (CpuSpin) instead of waiting; on `unlock` the first spinner (in
 * spin order) whose LWP is on a CPU at that instant takes it, the others
 * keep spinning, and a preempted spinner retries when it runs again.
 * Spinning queues no event. No kernel entry, ever.
 *
 * Invariants: the spinners (threads spinning, or preempted while spinning)
 * form a list in spin order through their SpinWait records, each with its
 * rank in that order; a thread is on at most one spinlock's list (its
 * record's `lock`), so joining, leaving and membership cost O(1) without a
 * look-up, and a retry costs the same with 16 or 16,000 spinners.
 */
import type { Span } from '../../syntax/ast';
import { LwpStatus, ThreadStatus, type Cpu, type Lwp, type Thread } from '../entities';
import { holderSpan, whyCannotRun } from '../report';
import type { StuckThread } from '../result';
import { Lock } from './lock';
import type { SyncState } from './syncObject';

/** A thread's place in a spinlock's spin order (Thread.spin): one per thread that ever spins, reused. */
export class SpinWait {
  /** The spinlock it spins on, or null. */
  lock: Spinlock | null = null;
  rank = 0;
  prev: SpinWait | null = null;
  next: SpinWait | null = null;
  constructor(readonly thread: Thread) {}
}

export class Spinlock extends Lock {
  private first: SpinWait | null = null;
  private last: SpinWait | null = null;
  private spinners = 0;
  private nextRank = 0;

  inspect(): SyncState {
    const spinners: Thread[] = [];
    for (let w = this.first; w !== null; w = w.next) spinners.push(w.thread);
    return { holder: this.holder, waiters: spinners, count: null };
  }

  acquire(c: Cpu, l: Lwp, t: Thread): boolean {
    const w = t.spin;
    if (this.holder === null) {
      this.take(t);
      if (w !== null && w.lock === this) this.leave(w);
      t.pc++;
      return true;
    }
    if (w === null || w.lock !== this) this.join(w ?? (t.spin = new SpinWait(t)));
    t.workLeft = Infinity;
    this.cx.spin(c, l, t);
    return false;
  }

  release(_l: Lwp, t: Thread): boolean {
    if (this.releaseNotHeld(t)) return true;
    t.phase = 0;
    t.pc++;
    t.held--;
    this.free();
    // The first spinner (in spin order) that is on a CPU right now gets it; others keep spinning.
    const s = this.firstRunningSpinner();
    if (s === null) return true;
    this.leave(s);
    const w = s.thread;
    this.take(w);
    w.pc++;
    w.phase = 0;
    w.workLeft = 0;
    this.cx.interrupt(w.lwp!.cpu!);
    return true;
  }

  /** The spinner goes to the end of the spin order. */
  private join(w: SpinWait): void {
    w.lock = this;
    w.rank = this.nextRank++;
    w.prev = this.last;
    w.next = null;
    if (this.last !== null) this.last.next = w;
    else this.first = w;
    this.last = w;
    this.spinners++;
  }

  /** The spinner leaves the spin order (it took the lock). */
  private leave(w: SpinWait): void {
    if (w.prev !== null) w.prev.next = w.next;
    else this.first = w.next;
    if (w.next !== null) w.next.prev = w.prev;
    else this.last = w.prev;
    w.lock = null;
    w.prev = null;
    w.next = null;
    this.spinners--;
  }

  /**
   * Only a thread on a CPU can take the lock: with more spinners than CPUs
   * the CPUs are searched (the lowest rank among their threads), else the
   * spinners in order — either way at most min(spinners, CPUs) steps.
   */
  private firstRunningSpinner(): SpinWait | null {
    const cpus = this.cx.cpus;
    if (this.spinners <= cpus.length) {
      for (let w = this.first; w !== null; w = w.next) {
        const wl = w.thread.lwp;
        if (wl !== null && wl.status === LwpStatus.Running) return w;
      }
      return null;
    }
    let best: SpinWait | null = null;
    for (const c of cpus) {
      const cl = c.lwp;
      if (cl === null || cl.status !== LwpStatus.Running) continue;
      const t = cl.thread;
      if (t === null || t.lwp !== cl) continue;
      const w = t.spin;
      if (w !== null && w.lock === this && (best === null || w.rank < best.rank)) best = w;
    }
    return best;
  }

  /** t spins on this lock while its holder cannot run (so it would spin until the limit). */
  spinsInVain(t: Thread): boolean {
    const h = this.holder;
    if (h === null || h === t || t.spin === null || t.spin.lock !== this) return false;
    return !(h.status === ThreadStatus.OnLwp && h.lwp !== null && h.lwp.status === LwpStatus.Running);
  }

  describeWaiter(t: Thread, span: Span): StuckThread {
    const h = this.holder;
    const name = this.ir.name;
    return { thread: t.name, waitsFor: h ? `spinlock ${name} held by ${h.name}, which cannot run: ${whyCannotRun(h)}` : `spinlock ${name}`, kind: 'spinlock', span, holder: h ? h.name : null, holderSpan: h ? holderSpan(h, this.heldAt) : null };
  }
}
