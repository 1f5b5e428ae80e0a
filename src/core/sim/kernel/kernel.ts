/**
 * The kernel: CPUs, LWPs, dispatch and preemption, over a KernelPolicy
 * (policy.ts) that orders the run queue and decides slices and preemption.
 *
 * Each CPU advances through *segments*: an overhead it pays (a cost of
 * LANGUAGE.md §8) or thread work (compute, a syscall's body, spinning).
 * Between segments lie the preemption points. Anything that changes what a
 * CPU should do only *kicks* it; kicked CPUs are advanced after each event in
 * kick order, so no handler ever re-enters another CPU's loop.
 *
 * Invariants: a CPU runs at most one LWP and an LWP is on at most one CPU;
 * an LWP is Running ⇔ it is on a CPU, Runnable ⇔ it is in the policy's run
 * queue (or just assigned to an idle CPU in the same step), Blocked ⇔ it
 * waits in the kernel (a timer or a waker will unblock it), Parked ⇔ its
 * library holds it for later; a CPU with an active segment has exactly one
 * live end event queued (older ones are stale by generation) unless it spins,
 * which queues none; overheads are never cut short, work segments are; no
 * CPU is idle while an LWP is runnable.
 */
import { EventKind, State } from '../result';
import { CAPS } from '../caps';
import { Cpu, Lwp, LwpStatus, Role, Wait, type Process, type Thread } from '../entities';
import type { Counters } from '../counters';
import type { Engine } from '../engine';
import type { Interpreter } from '../interpreter';
import { EventType, type EventLoop } from '../loop';
import { ProbeEvent } from '../probe';
import type { TraceBuilder } from '../traceBuilder';
import type { KernelPolicy } from './policy';

export class Kernel {
  readonly cpus: Cpu[] = [];
  /** LWPs by id; a destroyed one's entry is cleared (nothing reads it again). */
  readonly lwps: (Lwp | undefined)[] = [];
  private busyCpus = 0;
  /** CPUs to advance after the current event, in kick order (reused: no allocation per event). */
  private readonly kicks: Cpu[] = [];
  private kickCount = 0;
  private readonly loop: EventLoop;
  private readonly trace: TraceBuilder;
  private readonly cost: Float64Array;
  private readonly counters: Counters;
  private readonly interpreter: Interpreter;
  /** The policy's tracksRunTime, read once: the calls it guards are skipped on the others' hot path. */
  private readonly tracksRunTime: boolean;

  constructor(
    private readonly sim: Engine,
    readonly policy: KernelPolicy,
  ) {
    this.loop = sim.loop;
    this.trace = sim.trace;
    this.cost = sim.cost;
    this.counters = sim.counters;
    this.interpreter = sim.interpreter;
    this.tracksRunTime = policy.tracksRunTime;
  }

  addCpu(id: number): void {
    this.cpus.push(new Cpu(id, this.trace.addCpu(id)));
  }

  /** A new LWP of process `p`, in `state` (LwpParked or LwpRunnable; the caller queues a runnable one). */
  newLwp(p: Process, role: number, priority: number, state: number): Lwp {
    const id = this.lwps.length;
    const now = this.loop.now;
    const lane = this.trace.addLwp(id, p.ir.index, now, state);
    const l = new Lwp(id, lane, p, role, priority);
    l.status = state === State.LwpParked ? LwpStatus.Parked : LwpStatus.Runnable;
    this.lwps.push(l);
    this.counters.lwpsCreated++;
    p.liveLwps++;
    if (p.liveLwps > p.maxLwps) p.maxLwps = p.liveLwps;
    this.trace.event(now, EventKind.LwpCreate, lane, id);
    if (this.lwps.length >= CAPS.lwps && this.loop.stop === 'none') this.loop.stop = 'lwps';
    return l;
  }

  // ---------------------------------------------------------------------------
  // Advancing CPUs

  kick(c: Cpu): void {
    if (c.kicked) return;
    c.kicked = true;
    this.kicks[this.kickCount++] = c;
  }

  /** Advances every kicked CPU; advancing one may kick others, which are handled in this same pass. */
  drainKicks(): void {
    const k = this.kicks;
    for (let i = 0; i < this.kickCount; i++) {
      const c = k[i];
      c.kicked = false;
      this.advance(c);
    }
    this.kickCount = 0;
  }

  /** A SegmentEnd event of CPU `id`. */
  segmentEnded(id: number, generation: number): void {
    const c = this.cpus[id];
    if (generation !== c.generation || !c.segmentActive) return;
    c.segmentActive = false;
    if (c.segmentIsWork) this.account(c);
    // Nothing else can be kicked yet (handlers run with an empty list):
    // advancing c at once is what kicking and draining would do, less the
    // list's bookkeeping; whatever it kicks is drained after.
    this.advance(c);
  }

  /** Runs CPU c until it has a segment in progress or nothing to do. */
  private advance(c: Cpu): void {
    const loop = this.loop;
    while (loop.stop === 'none') {
      if (c.segmentActive) return;
      if (!loop.step()) {
        if (loop.stop === 'none') this.sim.stopAtZeroTime(c.lwp?.thread ?? null);
        return;
      }
      const l = c.lwp;
      if (l === null) {
        const next = this.policy.take();
        if (next === undefined) {
          c.wasIdle = true;
          this.trace.cpuIdle(c.lane, loop.now);
          return;
        }
        this.assignCpu(c, next);
        continue;
      }
      if (l.owedCount > 0) {
        if (!this.sliceExpired(c, l)) this.startOverhead(c, l, l.takeOwed());
        continue;
      }
      if (l.role === Role.Dying) {
        this.destroyLwp(c, l);
        continue;
      }
      if (l.role === Role.Returning) {
        l.process.library.lwpReturned(l);
        continue;
      }
      if (this.preemptionPoint(c, l)) continue;
      const t = l.thread;
      if (t === null) {
        if (!l.process.library.assign(l)) this.park(c, l);
        continue;
      }
      if (!t.direct && t.process.library.preemptionPoint(l, t)) continue;
      this.interpreter.execute(c, l, t);
    }
  }

  private assignCpu(c: Cpu, l: Lwp): void {
    const now = this.loop.now;
    c.lwp = l;
    l.cpu = c;
    l.status = LwpStatus.Running;
    this.busyCpus++;
    // The slice is the LWP's own running time: it starts once the dispatch costs are paid.
    let sliceStart = now;
    if (c.wasIdle || c.lastLwp !== l) {
      this.counters.kernelSwitches++;
      this.trace.event(now, EventKind.KernelSwitch, c.lane, l.id);
      // Dispatch costs come before anything the LWP already owes (an upcall, its creation).
      const cost = this.cost;
      if (c.lastProcess >= 0 && c.lastProcess !== l.process.ir.index && cost[State.OverheadAddressSpaceSwitch] > 0) {
        l.oweFirst(State.OverheadAddressSpaceSwitch);
        sliceStart += cost[State.OverheadAddressSpaceSwitch];
      }
      if (cost[State.OverheadKernelSwitch] > 0) {
        l.oweFirst(State.OverheadKernelSwitch);
        sliceStart += cost[State.OverheadKernelSwitch];
      }
    }
    c.wasIdle = false;
    c.lastLwp = l;
    c.lastProcess = l.process.ir.index;
    c.runStart = now;
    c.sliceEnd = this.policy.sliceEnd(l, sliceStart);
    c.preemptPending = false;
    this.trace.lwpState(l, State.LwpRunning, now);
    const t = l.thread;
    if (t !== null) this.trace.threadState(t, State.ThreadRunning, l.id, now);
  }

  /** The LWP leaves CPU c (blocked, parked, preempted, destroyed). */
  private releaseCpu(c: Cpu, l: Lwp): void {
    if (this.tracksRunTime) this.policy.ran(l, this.loop.now - c.runStart);
    c.lwp = null;
    l.cpu = null;
    this.busyCpus--;
  }

  private findIdleCpu(): Cpu | null {
    if (this.busyCpus >= this.cpus.length) return null;
    const cpus = this.cpus;
    for (let i = 0; i < cpus.length; i++) if (cpus[i].lwp === null) return cpus[i];
    return null;
  }

  private startOverhead(c: Cpu, l: Lwp, state: number): void {
    const now = this.loop.now;
    c.segmentActive = true;
    c.segmentIsWork = false;
    c.segmentState = state;
    c.segmentStart = now;
    this.trace.cpuBusy(c.lane, state, l, now);
    const t = l.thread;
    if (t !== null) this.trace.threadState(t, State.ThreadRunning, l.id, now);
    this.loop.at(now + this.cost[state], EventType.SegmentEnd, c.id, c.generation);
  }

  /** Thread t works on CPU c (compute, syscall body, spin) until its work, its kernel slice or its library quantum ends. */
  startWork(c: Cpu, l: Lwp, t: Thread, cpuState: number, threadState: number): void {
    if (this.sliceExpired(c, l) || (!t.direct && t.process.library.quantumExpired(l, t))) return;
    const now = this.loop.now;
    c.segmentActive = true;
    c.segmentIsWork = true;
    c.segmentState = cpuState;
    c.segmentStart = now;
    this.trace.cpuBusy(c.lane, cpuState, l, now);
    this.trace.threadState(t, threadState, l.id, now);
    let end = now + t.workLeft;
    if (c.sliceEnd < end) end = c.sliceEnd;
    const quantumEnd = now + t.quantumLeft;
    if (quantumEnd < end) end = quantumEnd;
    if (end !== Infinity) this.loop.at(end, EventType.SegmentEnd, c.id, c.generation);
  }

  /** Credits the time a work segment ran to its thread. */
  private account(c: Cpu): void {
    const t = c.lwp!.thread!;
    const now = this.loop.now;
    const ran = now - c.segmentStart;
    c.segmentStart = now;
    if (t.workLeft !== Infinity) t.workLeft -= ran;
    if (t.quantumLeft !== Infinity) t.quantumLeft -= ran;
  }

  /** Stops a work segment now (preemption, spin hand-off); overheads are never cut. */
  interrupt(c: Cpu): void {
    if (c.segmentActive && c.segmentIsWork) {
      c.segmentActive = false;
      c.generation++;
      this.account(c);
    }
    this.kick(c);
  }

  /** Whether some CPU is spinning (spinning burns time but schedules nothing). */
  spinning(): boolean {
    return this.cpus.some((c) => c.segmentActive && c.segmentState === State.CpuSpin);
  }

  // ---------------------------------------------------------------------------
  // Scheduling

  makeRunnable(l: Lwp): void {
    const now = this.loop.now;
    l.status = LwpStatus.Runnable;
    this.trace.lwpState(l, State.LwpRunnable, now);
    const t = l.thread;
    if (t !== null) this.trace.threadState(t, t.direct ? State.ThreadReady : State.ThreadStalled, l.id, now);
    if (this.tracksRunTime) this.policy.woke(l);
    const c = this.findIdleCpu();
    if (c !== null) {
      this.assignCpu(c, l);
      this.kick(c);
      return;
    }
    const victim = this.policy.wakeupVictim(l, this.cpus, now);
    this.policy.enqueue(l, false);
    if (victim !== null) {
      victim.preemptPending = true;
      this.interrupt(victim);
    }
  }

  /** At every preemption point: the policy may give the CPU to a waiting LWP at once. */
  private preemptionPoint(c: Cpu, l: Lwp): boolean {
    if (c.preemptPending) {
      c.preemptPending = false;
      if (l.wokenInEntry) {
        l.wokenInEntry = false;
        this.sleepAndWake(c, l);
        return true;
      }
    }
    if (this.policy.preemptsNow(l)) {
      this.preempt(c, l, true);
      return true;
    }
    return false;
  }

  /**
   * Slice expiry, checked only before something that takes time: statements
   * that take none still run at the instant the slice ends (a thread whose
   * compute ends exactly then still reaches its `yield` or its exit). A slice
   * that ends with nobody to take over is renewed.
   */
  private sliceExpired(c: Cpu, l: Lwp): boolean {
    // Asked before every segment: the common answer stays this small (inlined where it is asked).
    if (this.loop.now < c.sliceEnd) return false;
    return this.sliceEnded(c, l);
  }

  /** The slice of l on c has ended: preempted if the policy has a successor (true), else renewed. */
  private sliceEnded(c: Cpu, l: Lwp): boolean {
    this.tellRan(c, l);
    if (this.policy.hasSuccessor(l)) {
      this.preempt(c, l, false);
      return true;
    }
    c.sliceEnd = this.policy.sliceEnd(l, this.loop.now);
    return false;
  }

  /** A direct thread's `yield`: its LWP gives the CPU to a waiting one, if the policy has a successor. */
  yieldCpu(c: Cpu, l: Lwp): boolean {
    this.tellRan(c, l);
    if (!this.policy.hasSuccessor(l)) return false;
    this.preempt(c, l, false);
    return true;
  }

  /** Tells a policy that keeps running time what the LWP on c has run so far (before it is asked about that LWP). */
  private tellRan(c: Cpu, l: Lwp): void {
    if (!this.tracksRunTime) return;
    const now = this.loop.now;
    this.policy.ran(l, now - c.runStart);
    c.runStart = now;
  }

  private preempt(c: Cpu, l: Lwp, atHead: boolean): void {
    const now = this.loop.now;
    this.trace.event(now, EventKind.Preempt, c.lane, l.id);
    this.releaseCpu(c, l);
    l.status = LwpStatus.Runnable;
    this.policy.enqueue(l, atHead);
    this.trace.lwpState(l, State.LwpRunnable, now);
    const t = l.thread;
    if (t !== null) this.trace.threadState(t, t.direct ? State.ThreadReady : State.ThreadStalled, l.id, now);
  }

  /** A pool LWP with no thread to run leaves its CPU until its library wakes it (also for pool options: an LWP that goes idle). */
  park(c: Cpu, l: Lwp): void {
    this.releaseCpu(c, l);
    l.status = LwpStatus.Parked;
    this.trace.lwpState(l, State.LwpParked, this.loop.now);
  }

  private destroyLwp(c: Cpu, l: Lwp): void {
    const now = this.loop.now;
    this.releaseCpu(c, l);
    l.status = LwpStatus.Dead;
    l.thread = null;
    const p = l.process;
    p.liveLwps--;
    p.library.lwpDestroyed(l);
    this.trace.lwpState(l, State.Absent, now);
    this.trace.event(now, EventKind.LwpDestroy, l.lane, l.id);
    this.lwps[l.id] = undefined;
  }

  // ---------------------------------------------------------------------------
  // Kernel entries, blocks and wake-ups

  /** One kernel entry with its return. True when it costs time (the caller returns to pay it first). */
  modeSwitch(l: Lwp): boolean {
    this.counters.modeSwitches++;
    if (this.cost[State.OverheadModeSwitch] > 0) {
      l.owe(State.OverheadModeSwitch);
      return true;
    }
    return false;
  }

  /** The thread's LWP blocks in the kernel with it (io, kernel objects, every block of a direct thread); for `ns` if ≥ 0. */
  block(c: Cpu, l: Lwp, t: Thread, wait: number, detail: number, ns: number): void {
    const now = this.loop.now;
    t.wait = wait;
    this.releaseCpu(c, l);
    l.status = LwpStatus.Blocked;
    this.trace.lwpBlocked(l, t, now);
    this.trace.threadState(t, wait === Wait.Sleep ? State.ThreadSleeping : State.ThreadBlockedKernel, detail, now);
    if (ns >= 0) this.loop.at(now + ns, EventType.LwpTimer, l.id, ++l.blockGeneration);
    if (this.sim.probe !== null) this.sim.probe.happened(ProbeEvent.KernelBlock, t.id);
    l.process.library.lwpBlocked(l, t);
  }

  /** An LWP blocked in the kernel can run again (its call finished or a waker released it). */
  unblock(l: Lwp): void {
    l.process.library.lwpUnblocked(l);
    this.makeRunnable(l);
  }

  /**
   * A waker served l's thread while l was still entering its kernel wait (a
   * waiter from the start of its call, LANGUAGE.md §7). If l is on a CPU it
   * goes to sleep when its entry is paid and is woken at once (sleepAndWake);
   * if it was preempted before paying, its thread simply goes on when it runs.
   */
  wokenBeforeBlocking(l: Lwp): void {
    const c = l.cpu;
    if (c === null) return;
    l.wokenInEntry = true;
    c.preemptPending = true;
  }

  /**
   * l had committed to sleeping when its wake-up came: it leaves its CPU,
   * which takes the next runnable LWP or goes idle, and l comes back as any
   * woken LWP — onto an idle CPU, which pays its switch (§8), or into the run
   * queue. The library is not told: l never blocked for it.
   */
  private sleepAndWake(c: Cpu, l: Lwp): void {
    this.releaseCpu(c, l);
    l.status = LwpStatus.Blocked;
    const next = this.policy.take();
    if (next !== undefined) this.assignCpu(c, next);
    else c.wasIdle = true;
    this.makeRunnable(l);
  }

  /** An LwpTimer event: the LWP's timed block (io, a direct sleep) is over. */
  timerFired(id: number, generation: number): void {
    const l = this.lwps[id];
    if (l === undefined || generation !== l.blockGeneration || l.status !== LwpStatus.Blocked) return;
    const t = l.thread!;
    t.pc++;
    t.phase = 0;
    t.wait = Wait.None;
    this.unblock(l);
  }
}
