/**
 * `scheduler fair latency L granularity G`: a model of Linux's Completely
 * Fair Scheduler (Documentation/scheduler/sched-design-CFS.rst; the weights
 * of kernel/sched/core.c) on one run queue for all CPUs.
 *
 * - Each LWP has a virtual runtime: its running time scaled by
 *   NICE_0_LOAD / weight (1024 / weight), so a heavier LWP's advances slower.
 *   Its weight is `sched_prio_to_weight[nice + 20]` with nice = −priority
 *   clamped to −20…19 (LANGUAGE.md: a higher priority is more important; a
 *   pool LWP has priority 0, nice 0, weight 1024).
 * - The run queue is ordered by virtual runtime, smallest first (ties: the
 *   one queued first).
 * - A slice is max(G, L × weight / (its weight + the weights queued)),
 *   fixed at dispatch; when it ends, the LWP gives way if a queued one has
 *   a virtual runtime no larger than its own.
 * - An LWP that becomes runnable after blocking gets max(its own, min − L/2)
 *   (sleeper credit: at most half a latency behind), where min is the
 *   queue's monotonic minimum virtual runtime; a new LWP starts at min.
 * - Wake-up preemption: a newly runnable LWP that finds no idle CPU takes the
 *   CPU whose LWP has the largest current virtual runtime, if that exceeds
 *   its own by more than G converted to its virtual time (Linux's separate
 *   `sched_wakeup_granularity_ns`, 1ms by default, is folded into G).
 *
 * Left out: per-CPU run queues and load balancing (one queue as for the
 * other policies), group scheduling, START_DEBIT for new tasks, the
 * buddies (next/last/skip), the tick's re-check of slices, and EEVDF's lag
 * and deadlines (docs/simulation.md says how the slices relate).
 *
 * Invariants (beyond KernelPolicy's): `queuedWeight` is the sum of the
 * weights of the queued LWPs; `minVruntime` never decreases; an LWP's
 * virtual runtime changes only in `ran` (by its running time) and in
 * `woke` (placement), so the queue's keys stay valid while it waits.
 */
import type { Cpu, Lwp } from '../entities';
import { KeyedHeap } from '../queue';
import type { KernelPolicy } from './policy';

/** Linux's NICE_0_LOAD (unscaled): the weight of nice 0. */
const NICE_0_LOAD = 1024;

/** kernel/sched/core.c `sched_prio_to_weight`, nice −20 … 19. */
export const SCHED_PRIO_TO_WEIGHT: readonly number[] = [
  /* -20 */ 88761, 71755, 56483, 46273, 36291,
  /* -15 */ 29154, 23254, 18705, 14949, 11916,
  /* -10 */ 9548, 7620, 6100, 4904, 3906,
  /*  -5 */ 3121, 2501, 1991, 1586, 1277,
  /*   0 */ 1024, 820, 655, 526, 423,
  /*   5 */ 335, 272, 215, 172, 137,
  /*  10 */ 110, 87, 70, 56, 45,
  /*  15 */ 36, 29, 23, 18, 15,
];

/** The nice value of an LWP of this priority: −priority, clamped to Linux's −20…19. */
export function niceOf(priority: number): number {
  return Math.max(-20, Math.min(19, 0 - priority)) | 0;
}

export function weightOf(priority: number): number {
  return SCHED_PRIO_TO_WEIGHT[niceOf(priority) + 20];
}

export class FairPolicy implements KernelPolicy {
  readonly tracksRunTime = true;
  private readonly queue = new KeyedHeap<Lwp>(false);
  private readonly latency: number;
  private readonly granularity: number;
  /** Per LWP id: virtual runtime (ns), and whether it has been placed once (a new LWP has not). */
  private vruntime = new Float64Array(64);
  private placed = new Uint8Array(64);
  /** Per LWP id: chosen by wakeupVictim, preempted at its next preemption point. */
  private victim = new Uint8Array(64);
  private victims = 0;
  private minVruntime = 0;
  private queuedWeight = 0;

  constructor(latency: number, granularity: number) {
    this.latency = Math.max(1, latency);
    this.granularity = Math.max(1, Math.min(granularity, this.latency));
  }

  get waiting(): number {
    return this.queue.size;
  }

  /** Preempted or woken, the key is the virtual runtime (`atHead` means nothing here). */
  enqueue(lwp: Lwp, _atHead: boolean): void {
    this.grow(lwp.id);
    this.queue.pushTail(lwp, -this.vruntime[lwp.id]);
    this.queuedWeight += weightOf(lwp.priority);
  }

  take(): Lwp | undefined {
    const l = this.queue.pop();
    if (l !== undefined) {
      this.queuedWeight -= weightOf(l.priority);
      this.advanceMin(this.vruntime[l.id]);
    }
    return l;
  }

  sliceEnd(lwp: Lwp, start: number): number {
    const w = weightOf(lwp.priority);
    const slice = (this.latency * w) / (w + this.queuedWeight);
    return start + Math.max(this.granularity, Math.round(slice));
  }

  ran(lwp: Lwp, ns: number): void {
    const id = lwp.id;
    this.grow(id);
    if (ns > 0) this.vruntime[id] += (ns * NICE_0_LOAD) / weightOf(lwp.priority);
    if (this.victim[id] === 1) {
      this.victim[id] = 0;
      this.victims--;
    }
    this.advanceMin(this.vruntime[id]);
  }

  woke(lwp: Lwp): void {
    const id = lwp.id;
    this.grow(id);
    if (this.placed[id] === 0) {
      this.placed[id] = 1;
      this.vruntime[id] = this.minVruntime;
      return;
    }
    const floor = this.minVruntime - this.latency / 2;
    if (this.vruntime[id] < floor) this.vruntime[id] = floor;
  }

  preemptsNow(lwp: Lwp): boolean {
    if (this.victims === 0 || this.victim[lwp.id] === 0) return false;
    this.victim[lwp.id] = 0;
    this.victims--;
    return true;
  }

  hasSuccessor(lwp: Lwp): boolean {
    return this.queue.size > 0 && -this.queue.peekPriority() <= this.vruntime[lwp.id];
  }

  wakeupVictim(lwp: Lwp, cpus: readonly Cpu[], now: number): Cpu | null {
    const mine = this.vruntime[lwp.id];
    // G in the waking LWP's virtual time (Linux's wakeup_gran(se)).
    let most = mine + (this.granularity * NICE_0_LOAD) / weightOf(lwp.priority);
    let victim: Cpu | null = null;
    for (let i = 0; i < cpus.length; i++) {
      const c = cpus[i];
      const r = c.lwp;
      if (r === null || c.preemptPending) continue;
      this.grow(r.id);
      const current = this.vruntime[r.id] + ((now - c.runStart) * NICE_0_LOAD) / weightOf(r.priority);
      if (current > most) {
        most = current;
        victim = c;
      }
    }
    if (victim !== null) {
      this.victim[victim.lwp!.id] = 1;
      this.victims++;
    }
    return victim;
  }

  /** min_vruntime follows the smallest of the LWP just charged or taken and the queue's leftmost, never going back. */
  private advanceMin(v: number): void {
    let m = v;
    if (this.queue.size > 0) {
      const left = -this.queue.peekPriority();
      if (left < m) m = left;
    }
    if (m > this.minVruntime) this.minVruntime = m;
  }

  private grow(id: number): void {
    if (id < this.vruntime.length) return;
    let n = this.vruntime.length;
    while (n <= id) n *= 2;
    const v = new Float64Array(n);
    v.set(this.vruntime);
    this.vruntime = v;
    const p = new Uint8Array(n);
    p.set(this.placed);
    this.placed = p;
    const m = new Uint8Array(n);
    m.set(this.victim);
    this.victim = m;
  }
}
