/**
 * What many-to-one and many-to-many share: a pool of LWPs that run whichever
 * ready thread the library gives them, a ready queue with its user-level
 * policy, and the pool options (upcalls, SIGWAITING, handoff), with the
 * plumbing of their hand-off delays (armDelay, poolTimer).
 *
 * Invariants: pool LWPs start parked, and the library wakes one for each
 * ready thread that no awake LWP will pick up (`seekers` counts the LWPs
 * woken or created to look for a thread that have not looked yet), so LWPs
 * with nothing to do never take a CPU; `poolSize` counts the pool's LWPs
 * (not those an option took out), `blocked` those of them blocked in the
 * kernel; `lwps` lists the pool's LWPs in creation order (the priority
 * preemption's victim search walks it).
 */
import type { ThreadIR } from '../../check/ir';
import type { Engine } from '../engine';
import { LwpStatus, removeAt, Role, ThreadStatus, Wait, type Lwp, type Process, type Thread } from '../entities';
import type { Counters } from '../counters';
import type { Kernel } from '../kernel/kernel';
import { EventType, type EventLoop } from '../loop';
import type { TraceBuilder } from '../traceBuilder';
import { EventKind, State } from '../result';
import { startOnOwnLwp } from './direct';
import type { ThreadLibrary } from './library';
import type { PoolOption } from './poolOption';
import { poolOptionsOf } from './poolOptions';
import { ReadyQueue } from './readyQueue';

export abstract class PooledLibrary implements ThreadLibrary {
  readonly ready: ReadyQueue;
  poolSize = 0;
  blocked = 0;
  readonly lwps: Lwp[] = [];
  private readonly parked: Lwp[] = [];
  seekers = 0;
  private readonly options: readonly PoolOption[];
  private readonly loop: EventLoop;
  private readonly trace: TraceBuilder;
  private readonly kernel: Kernel;
  private readonly counters: Counters;
  /** Each overhead's cost, by State (Engine.cost). */
  private readonly cost: Float64Array;

  constructor(
    protected readonly sim: Engine,
    readonly process: Process,
    /** LWPs the pool starts with. */
    private readonly initialLwps: number,
  ) {
    this.ready = new ReadyQueue(process.ir.scheduler);
    this.options = poolOptionsOf(sim, process.ir);
    this.loop = sim.loop;
    this.trace = sim.trace;
    this.kernel = sim.kernel;
    this.counters = sim.counters;
    this.cost = sim.cost;
  }

  abstract isDirect(decl: ThreadIR): boolean;

  start(): void {
    for (let i = 0; i < this.initialLwps; i++) {
      const l = this.kernel.newLwp(this.process, Role.Pool, 0, State.LwpParked);
      this.poolSize++;
      this.lwps.push(l);
      this.parked.push(l);
    }
  }

  threadStarted(t: Thread): void {
    if (t.direct) {
      startOnOwnLwp(this.kernel, t);
      return;
    }
    t.quantumLeft = this.ready.quantum;
    this.makeReady(t, null);
  }

  makeReady(t: Thread, payer: Lwp | null): void {
    const now = this.loop.now;
    t.status = ThreadStatus.Ready;
    t.lwp = null;
    this.ready.push(t, false);
    this.trace.threadState(t, State.ThreadReady, -1, now);
    if (!this.wakeParked(payer) && this.ready.byPriority) this.preemptLowerThan(t.decl.priority);
    this.threadsWaiting(payer);
  }

  /** Wakes a parked LWP when ready threads outnumber the LWPs looking for them (true); `payer` pays the wake-up. */
  wakeParked(payer: Lwp | null): boolean {
    if (this.parked.length === 0 || this.ready.size <= this.seekers) return false;
    const l = this.parked.shift()!;
    l.seeking = true;
    this.seekers++;
    if (payer !== null) this.kernel.modeSwitch(payer);
    this.trace.event(this.loop.now, EventKind.LwpWake, l.lane, payer !== null && payer.thread !== null ? payer.thread.id : -1);
    this.kernel.makeRunnable(l);
    return true;
  }

  /** Priority library: the lowest-priority running thread below `priority` gives way at once. */
  private preemptLowerThan(priority: number): void {
    let victim: Lwp | null = null;
    let lowest = priority;
    const pool = this.lwps;
    for (let i = 0; i < pool.length; i++) {
      const l = pool[i];
      if (l.status !== LwpStatus.Running || l.thread === null || l.threadPreemptPending) continue;
      const tp = l.thread.decl.priority;
      if (tp < lowest) {
        lowest = tp;
        victim = l;
      }
    }
    if (victim !== null) {
      victim.threadPreemptPending = true;
      this.kernel.interrupt(victim.cpu!);
    }
  }

  assign(l: Lwp): boolean {
    if (l.seeking) {
      l.seeking = false;
      this.seekers--;
    }
    l.threadPreemptPending = false;
    const t = this.ready.threads.pop();
    if (t === undefined) {
      this.parked.push(l);
      return false;
    }
    const now = this.loop.now;
    l.thread = t;
    t.lwp = l;
    t.status = ThreadStatus.OnLwp;
    // A switch needs a thread to switch from: an LWP's first thread is not one.
    if (l.lastThread !== null && l.lastThread !== t) {
      this.counters.userSwitches++;
      this.trace.event(now, EventKind.UserSwitch, l.lane, t.id);
      if (this.cost[State.OverheadUserSwitch] > 0) l.owe(State.OverheadUserSwitch);
    }
    l.lastThread = t;
    t.quantumLeft = this.ready.quantum;
    this.trace.lwpState(l, State.LwpRunning, now);
    this.trace.threadState(t, State.ThreadRunning, l.id, now);
    return true;
  }

  preemptionPoint(l: Lwp, t: Thread): boolean {
    l.threadPreemptPending = false;
    const ready = this.ready;
    if (ready.byPriority && ready.size > 0 && ready.threads.peekPriority() > t.decl.priority) {
      this.preemptThread(l, t, true);
      return true;
    }
    return false;
  }

  /** The library's round-robin quantum, checked like the kernel's: before work. */
  quantumExpired(l: Lwp, t: Thread): boolean {
    if (t.quantumLeft > 0) return false;
    if (this.ready.size > 0) {
      this.preemptThread(l, t, false);
      return true;
    }
    t.quantumLeft = this.ready.quantum;
    return false;
  }

  private preemptThread(l: Lwp, t: Thread, atHead: boolean): void {
    const now = this.loop.now;
    this.trace.event(now, EventKind.Preempt, l.lane, t.id);
    l.thread = null;
    t.lwp = null;
    t.status = ThreadStatus.Ready;
    this.ready.push(t, atHead);
    this.trace.threadState(t, State.ThreadReady, -1, now);
  }

  yieldThread(l: Lwp, t: Thread): boolean {
    if (this.ready.size === 0) return false;
    l.thread = null;
    t.lwp = null;
    t.status = ThreadStatus.Ready;
    this.ready.push(t, false);
    this.trace.threadState(t, State.ThreadReady, -1, this.loop.now);
    return true;
  }

  park(l: Lwp, t: Thread, wait: number, detail: number, ns: number): void {
    const now = this.loop.now;
    t.wait = wait;
    l.thread = null;
    t.lwp = null;
    t.status = ThreadStatus.Parked;
    this.trace.threadState(t, wait === Wait.Sleep ? State.ThreadSleeping : State.ThreadBlockedSync, detail, now);
    if (ns >= 0) this.loop.at(now + ns, EventType.ThreadTimer, t.id, ++t.blockGeneration);
  }

  lwpBlocked(l: Lwp, t: Thread): void {
    if (l.role !== Role.Pool) return;
    l.delayGeneration++;
    const options = this.options;
    for (let i = 0; i < options.length; i++) if (options[i].lwpBlocked(this, l, t)) return;
    this.blocked++;
    this.threadsWaiting(null);
  }

  lwpUnblocked(l: Lwp): void {
    if (l.role === Role.TakenFromPool) l.takenBy!.lwpUnblocked(this, l);
    else if (l.role === Role.Pool) {
      this.blocked--;
      const options = this.options;
      for (let i = 0; i < options.length; i++) options[i].lwpResumed(this, l);
    }
  }

  /** Option `option` asks to be told (delayEnded) if pool LWP l is still in this block after `delay`. */
  armDelay(option: PoolOption, l: Lwp, delay: number): void {
    this.loop.at(this.loop.now + delay, EventType.PoolTimer, l.id * 4 + this.options.indexOf(option), l.delayGeneration);
  }

  poolTimer(l: Lwp, option: number, generation: number): void {
    if (generation !== l.delayGeneration || l.status !== LwpStatus.Blocked) return;
    this.options[option].delayEnded(this, l);
  }

  get poolLwps(): number {
    let n = this.poolSize;
    const options = this.options;
    for (let i = 0; i < options.length; i++) n += options[i].heldLwps;
    return n;
  }

  /** Option `by` takes pool LWP l out of the pool (blocked in the kernel, or idle). */
  leave(l: Lwp, by: PoolOption): void {
    l.role = Role.TakenFromPool;
    l.takenBy = by;
    const i = this.lwps.indexOf(l);
    if (i >= 0) removeAt(this.lwps, i);
    this.poolSize--;
  }

  /** An LWP an option took comes back into the pool, awake (it carries on with its thread, if it has one). */
  rejoin(l: Lwp): void {
    l.role = Role.Pool;
    l.takenBy = null;
    this.lwps.push(l);
    this.poolSize++;
  }

  /** An idle LWP an option took comes back into the pool, parked (woken by wakeParked as any parked LWP). */
  adoptParked(l: Lwp): void {
    this.rejoin(l);
    this.parked.push(l);
  }

  /** The longest-parked LWP, out of the pool to option `by`, or null when none is parked. */
  takeParked(by: PoolOption): Lwp | null {
    const l = this.parked.shift();
    if (l === undefined) return null;
    this.leave(l, by);
    return l;
  }

  lwpReturned(l: Lwp): void {
    l.takenBy!.lwpReturned(this, l);
  }

  lwpDestroyed(l: Lwp): void {
    const i = this.lwps.indexOf(l);
    if (i >= 0) removeAt(this.lwps, i);
  }

  /** A new pool LWP that will look for a ready thread once it has paid `owed` (the caller makes it runnable). */
  addPoolLwp(owed: number): Lwp {
    const l = this.kernel.newLwp(this.process, Role.Pool, 0, State.LwpRunnable);
    this.poolSize++;
    this.lwps.push(l);
    l.seeking = true;
    this.seekers++;
    if (this.cost[owed] > 0) l.owe(owed);
    return l;
  }

  private threadsWaiting(payer: Lwp | null): void {
    const options = this.options;
    for (let i = 0; i < options.length; i++) options[i].threadsWaiting(this, payer);
  }
}
