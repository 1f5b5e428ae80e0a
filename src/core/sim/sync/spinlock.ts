/**
 * `spinlock S`: owned like a mutex, but a thread that finds it held burns
 * its CPU (CpuSpin) instead of waiting; on `unlock` the first spinner (in
 * spin order) whose LWP is on a CPU at that instant takes it, the others
 * keep spinning, and a preempted spinner retries when it runs again.
 * Spinning queues no event. No kernel entry, ever.
 */
import type { Span } from '../../syntax/ast';
import { LwpStatus, ThreadStatus, type Cpu, type Lwp, type Thread } from '../entities';
import { holderSpan, whyCannotRun } from '../report';
import type { StuckThread } from '../result';
import { Lock } from './lock';
import type { SyncState } from './syncObject';

export class Spinlock extends Lock {
  /**
   * Threads spinning or preempted while spinning, in spin order (a Map keeps
   * insertion order), each with its rank in that order: joining, leaving and
   * membership cost O(1), so a retry costs the same with 16 or 16,000 spinners.
   */
  private readonly spinners = new Map<Thread, number>();
  private nextRank = 0;

  inspect(): SyncState {
    const spinners = [...this.spinners].sort((a, b) => a[1] - b[1]).map(([t]) => t);
    return { holder: this.holder, waiters: spinners, count: null };
  }

  acquire(c: Cpu, l: Lwp, t: Thread): boolean {
    if (this.holder === null) {
      this.take(t);
      this.spinners.delete(t);
      t.pc++;
      return true;
    }
    if (!this.spinners.has(t)) this.spinners.set(t, this.nextRank++);
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
    const w = this.firstRunningSpinner();
    if (w === null) return true;
    const wl = w.lwp!;
    this.spinners.delete(w);
    this.take(w);
    w.pc++;
    w.phase = 0;
    w.workLeft = 0;
    this.cx.interrupt(wl.cpu!);
    return true;
  }

  /**
   * Only a thread on a CPU can take the lock: with more spinners than CPUs
   * the CPUs are searched (the lowest rank among their threads), else the
   * spinners in order — either way at most min(spinners, CPUs) steps.
   */
  private firstRunningSpinner(): Thread | null {
    const spinners = this.spinners;
    const cpus = this.cx.cpus;
    if (spinners.size <= cpus.length) {
      for (const w of spinners.keys()) {
        const wl = w.lwp;
        if (wl !== null && wl.status === LwpStatus.Running) return w;
      }
      return null;
    }
    let best: Thread | null = null;
    let bestRank = Infinity;
    for (const c of cpus) {
      const cl = c.lwp;
      if (cl === null || cl.status !== LwpStatus.Running) continue;
      const w = cl.thread;
      if (w === null || w.lwp !== cl) continue;
      const rank = spinners.get(w);
      if (rank !== undefined && rank < bestRank) {
        best = w;
        bestRank = rank;
      }
    }
    return best;
  }

  /** t spins on this lock while its holder cannot run (so it would spin until the limit). */
  spinsInVain(t: Thread): boolean {
    const h = this.holder;
    if (h === null || h === t || !this.spinners.has(t)) return false;
    return !(h.status === ThreadStatus.OnLwp && h.lwp !== null && h.lwp.status === LwpStatus.Running);
  }

  describeWaiter(t: Thread, span: Span): StuckThread {
    const h = this.holder;
    const name = this.ir.name;
    return { thread: t.name, waitsFor: h ? `spinlock ${name} held by ${h.name}, which cannot run: ${whyCannotRun(h)}` : `spinlock ${name}`, kind: 'spinlock', span, holder: h ? h.name : null, holderSpan: h ? holderSpan(h, this.heldAt) : null };
  }
}
