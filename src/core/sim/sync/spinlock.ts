/**
 * `spinlock S`: owned like a mutex, but a thread that finds it held burns
 * its CPU (CpuSpin) instead of waiting; on `unlock` the first spinner (in
 * spin order) whose LWP is on a CPU at that instant takes it, the others
 * keep spinning, and a preempted spinner retries when it runs again.
 * Spinning queues no event. No kernel entry, ever.
 */
import type { Span } from '../../syntax/ast';
import { LwpStatus, removeAt, ThreadStatus, type Cpu, type Lwp, type Thread } from '../entities';
import { holderSpan, whyCannotRun } from '../report';
import type { StuckThread } from '../result';
import { Lock } from './lock';

export class Spinlock extends Lock {
  /** Threads spinning or preempted while spinning, in spin order. */
  private readonly spinners: Thread[] = [];

  acquire(c: Cpu, l: Lwp, t: Thread): boolean {
    if (this.holder === null) {
      this.take(t);
      const i = this.spinners.indexOf(t);
      if (i >= 0) removeAt(this.spinners, i);
      t.pc++;
      return true;
    }
    if (this.spinners.indexOf(t) < 0) this.spinners.push(t);
    t.workLeft = Infinity;
    this.cx.spin(c, l, t);
    return false;
  }

  release(_l: Lwp, t: Thread): boolean {
    if (this.releaseNotHeld(t)) return true;
    t.phase = 0;
    t.pc++;
    t.held--;
    this.holder = null;
    this.heldAt = null;
    // The first spinner that is on a CPU right now gets it; others keep spinning.
    const spinners = this.spinners;
    for (let i = 0; i < spinners.length; i++) {
      const w = spinners[i];
      const wl = w.lwp;
      if (wl === null || wl.status !== LwpStatus.Running) continue;
      removeAt(spinners, i);
      this.take(w);
      w.pc++;
      w.phase = 0;
      w.workLeft = 0;
      this.cx.interrupt(wl.cpu!);
      break;
    }
    return true;
  }

  /** t spins on this lock while its holder cannot run (so it would spin until the limit). */
  spinsInVain(t: Thread): boolean {
    const h = this.holder;
    if (h === null || h === t || this.spinners.indexOf(t) < 0) return false;
    return !(h.status === ThreadStatus.OnLwp && h.lwp !== null && h.lwp.status === LwpStatus.Running);
  }

  describeWaiter(t: Thread, span: Span): StuckThread {
    const h = this.holder;
    const name = this.ir.name;
    return { thread: t.name, waitsFor: h ? `spinlock ${name} held by ${h.name}, which cannot run: ${whyCannotRun(h)}` : `spinlock ${name}`, kind: 'spinlock', span, holder: h ? h.name : null, holderSpan: h ? holderSpan(h, this.heldAt) : null };
  }
}
