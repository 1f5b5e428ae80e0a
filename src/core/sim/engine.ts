/**
 * The discrete-event engine (LANGUAGE.md §4–§9; decisions in docs/simulation.md).
 *
 * Structure: an event queue drives time; each CPU advances through
 * "segments" (an overhead it pays, or thread work: compute, syscall, spin).
 * Between segments lie the preemption points. Anything that changes what a
 * CPU should do only *kicks* it; kicked CPUs are advanced after each event in
 * kick order, so no handler ever re-enters another CPU's loop.
 *
 * The kernel scheduler (one run queue of LWPs) and each process's thread
 * library (one ready queue of user threads) are separate; the model shows up
 * only as data: Proc.pooled, Thr.direct, Lwp.role and the libraries' policies.
 */
import type { Scenario, ThreadIR } from '../check/ir';
import type { Diagnostic } from '../diagnostic';
import { makeDiagnostic } from '../diagnostics/codes';
import { CodeTable, Cpu, Lwp, LwpStatus, Op, Proc, Role, Sync, Thr, ThreadRecords, ThrStatus, TIMES, Wait, namePrefix, numbered } from './entities';
import { Ev, EventQueue, KeyedHeap } from './queue';
import { EventKind, State } from './result';
import { CATEGORY, LaneKindId, TraceBuilder } from './traceBuilder';
import { CAPS } from './caps';
import { powerOfTwoAtLeast, withLength } from '../typed';

export type StopReason = 'none' | 'completed' | 'quiescent' | 'limit' | 'events' | 'cancelled' | 'trace' | 'threads' | 'lwps' | 'zero-time';

export interface EngineOptions {
  readonly maxEvents: number;
  readonly shouldStop: (() => boolean) | undefined;
  readonly onProgress: ((simTimeNs: number, events: number) => void) | undefined;
  readonly recordTrace: boolean;
  readonly maxIntervals: number;
}


export class Engine {
  now = 0;
  events = 0;
  stop: StopReason = 'none';
  /** Where the zero-time guard tripped (the thread looping), for the report. */
  zeroTimeThread: Thr | null = null;
  endTime = 0;

  readonly trace: TraceBuilder;
  readonly cpus: Cpu[] = [];
  /** LWPs by id; a destroyed one's entry is cleared (nothing reads it again). */
  readonly lwps: (Lwp | undefined)[] = [];
  /** Threads by id; an exited one's entry is cleared: `records` keeps what the result needs of it. */
  readonly threads: (Thr | undefined)[] = [];
  readonly records: ThreadRecords;
  readonly procs: Proc[] = [];
  readonly syncs: Sync[];
  readonly diagnostics: Diagnostic[] = [];
  private readonly reported = new Set<string>();

  // Counters of §10.
  kernelSwitches = 0;
  userSwitches = 0;
  modeSwitches = 0;
  upcalls = 0;
  sigwaiting = 0;
  lwpsCreated = 0;
  threadsCreated = 0;

  private readonly queue: EventQueue;
  private readonly rq: KeyedHeap<Lwp>;
  private readonly recording: boolean;
  private readonly kernelPriority: boolean;
  private readonly quantum: number;
  private readonly cost: Float64Array;
  private liveThreads = 0;
  private busyCpus = 0;
  private instantWork = 0;
  private readonly kicks: Cpu[] = [];
  private kickCount = 0;
  private readonly codeTables = new Map<ThreadIR, CodeTable>();
  /** Per process and declaration, namePrefix (threadName). */
  private namePrefixes: string[][] | null = null;
  /**
   * One record of HOT doubles (64 bytes) per live thread (at Thr.slot) with what the events
   * of a thread read and write besides the Thr object: the work left in its
   * current compute/syscall (Infinity while spinning), the CPU time left in
   * its library's round-robin quantum (Infinity without one) and, without a
   * trace, the state of its (lane-less) thread, since when, and its time per
   * category (what TraceBuilder.setState keeps of a lane: so that an event
   * touches one record per thread, not two; copied to `records` when the
   * thread exits or the run ends). Doubles live here rather than in Thr,
   * since doubles in an object are boxed.
   */
  private hot: Float64Array;
  /** Records in use or free (Thr.slot), and the free ones (of exited threads). */
  private slots = 0;
  private readonly freeSlots: number[] = [];

  constructor(
    readonly sc: Scenario,
    private readonly opt: EngineOptions,
  ) {
    this.trace = new TraceBuilder(opt.recordTrace, opt.maxIntervals, (kind, id, process) => (kind === 'cpu' ? `CPU ${id}` : kind === 'lwp' ? `LWP ${id} (${sc.processes[process].name})` : this.threadName(id)));
    this.recording = opt.recordTrace;
    // Thread arrays sized at once for the declared threads, rounded up to a
    // power of two, not doubled up to it: the rounding leaves room for the
    // spawned threads alive at once, so the hot records rarely grow in the
    // middle of a run (sized exactly, they did, and it cost more than the
    // copies saved). Beyond it the arrays double as they come.
    let declared = 0;
    for (const p of sc.processes) for (const d of p.threads) if (!d.spawned) declared += d.count;
    const room = Math.max(16, powerOfTwoAtLeast(Math.min(declared, CAPS.threads)));
    this.records = new ThreadRecords(!opt.recordTrace, room);
    this.hot = new Float64Array(room * HOT);
    this.kernelPriority = sc.kernel.policy === 'priority';
    // Without kernel priorities every LWP is queued with priority 0 (kprio): a FIFO.
    this.rq = new KeyedHeap<Lwp>(!this.kernelPriority);
    this.quantum = sc.kernel.policy === 'fifo' ? Infinity : Math.max(1, sc.kernel.quantum);
    const cost = new Float64Array(STATE_COUNT);
    cost[State.OverheadModeSwitch] = sc.costs['mode-switch'];
    cost[State.OverheadKernelSwitch] = sc.costs['kernel-switch'];
    cost[State.OverheadAddressSpaceSwitch] = sc.costs['address-space-switch'];
    cost[State.OverheadUserSwitch] = sc.costs['user-switch'];
    cost[State.OverheadUserCreate] = sc.costs['user-create'];
    cost[State.OverheadKernelCreate] = sc.costs['kernel-create'];
    cost[State.OverheadUpcall] = sc.costs.upcall;
    this.cost = cost;
    this.syncs = sc.syncs.map((s) => new Sync(s));
    this.queue = new EventQueue(Ev.CpuEnd, sc.cpus);
  }

  // ---------------------------------------------------------------------------
  // The run

  run(): void {
    this.init();
    this.drainKicks();
    const q = this.queue;
    const limit = this.sc.limit;
    const { maxEvents, shouldStop, onProgress } = this.opt;
    const recording = this.recording;
    while (this.stop === 'none') {
      if (q.size === 0) {
        this.stop = 'quiescent';
        break;
      }
      if (this.events >= maxEvents) {
        // At the event cap the limit still comes first when both are reached.
        if (q.peekTime() > limit) this.stop = 'limit';
        else this.stop = 'events';
        break;
      }
      // Popped before the limit test: past the limit the run ends and the
      // queue is not read again, so that event is simply not processed.
      q.pop();
      const t = q.outTime;
      if (t > limit) {
        this.stop = 'limit';
        break;
      }
      this.events++;
      if (t !== this.now) {
        this.now = t;
        this.instantWork = 0;
      }
      this.handle(q.outKind, q.outArg, q.outGen);
      this.drainKicks();
      if (recording && this.trace.overflow && this.stop === 'none') this.stop = 'trace';
      if ((this.events & 4095) === 0) {
        if (shouldStop && this.stop === 'none' && shouldStop()) this.stop = 'cancelled';
        if (onProgress) onProgress(this.now, this.events);
      }
    }
    this.endTime = this.stop === 'completed' ? this.now : this.stop === 'limit' ? limit : this.now;
    if (this.stop === 'quiescent' && this.cpus.some((c) => c.segActive && c.segState === State.CpuSpin)) {
      // Spinning burns time but schedules nothing: the run would spin until the limit.
      this.stop = 'limit';
      this.endTime = Math.max(this.now, limit);
    }
    if (!recording) this.closeThreadTimes();
  }

  private handle(kind: number, arg: number, gen: number): void {
    switch (kind) {
      case Ev.CpuEnd: {
        const c = this.cpus[arg];
        if (gen !== c.gen || !c.segActive) return;
        c.segActive = false;
        if (c.segWork) this.account(c);
        // Nothing else can be kicked yet (handlers run with an empty list):
        // advancing c at once is what kicking and draining would do, less
        // the list's bookkeeping; whatever it kicks is drained after.
        this.advance(c);
        return;
      }
      case Ev.LwpTimer: {
        const l = this.lwps[arg];
        if (l === undefined || gen !== l.blockGen || l.status !== LwpStatus.Blocked) return;
        const t = l.thread!;
        t.pc++;
        t.phase = 0;
        t.wait = Wait.None;
        this.unblockLwp(l);
        return;
      }
      case Ev.ThreadTimer: {
        const t = this.threads[arg];
        if (t === undefined || gen !== t.blockGen || t.status !== ThrStatus.Parked) return;
        t.pc++;
        t.phase = 0;
        t.wait = Wait.None;
        this.makeReady(t, null);
        return;
      }
      case Ev.ThreadStart:
        // Not started yet, so not exited: still there.
        this.startThread(this.threads[arg]!);
        return;
    }
  }

  private kick(c: Cpu): void {
    if (c.kicked) return;
    c.kicked = true;
    this.kicks[this.kickCount++] = c;
  }

  private drainKicks(): void {
    // The list is reused across events (no per-event allocation); advancing a
    // CPU may kick others, which are appended and handled in this same pass.
    const k = this.kicks;
    for (let i = 0; i < this.kickCount; i++) {
      const c = k[i];
      c.kicked = false;
      this.advance(c);
    }
    this.kickCount = 0;
  }

  // ---------------------------------------------------------------------------
  // Setup

  private init(): void {
    const sc = this.sc;
    for (let i = 0; i < sc.cpus; i++) {
      const lane = this.trace.addLane(LaneKindId.cpu, i, -1, 0, State.CpuIdle, -1, -1);
      this.cpus.push(new Cpu(i, lane));
    }
    for (const pir of sc.processes) {
      const p = new Proc(pir, pir.model !== 'one-to-one');
      this.procs.push(p);
      p.firstThread = this.threads.length;
      for (const d of pir.threads) {
        if (d.spawned) continue;
        for (let k = 1; k <= d.count; k++) this.newThread(p, d.index, k);
      }
      p.declaredThreads = this.threads.length - p.firstThread;
    }
    const starts: Thr[] = [];
    for (const p of this.procs) {
      if (p.pooled) {
        const n = p.ir.model === 'many-to-one' ? 1 : Math.max(0, p.ir.lwps);
        // Pool LWPs begin parked: the library wakes one per ready thread, so
        // LWPs with nothing to do never take a CPU.
        for (let i = 0; i < n; i++) {
          const l = this.newLwp(p, Role.Pool, 0, State.LwpParked);
          p.poolSize++;
          p.poolLwps.push(l);
          p.parked.push(l);
        }
      }
      for (let i = p.firstThread; i < p.firstThread + p.declaredThreads; i++) {
        const t = this.threads[i]!;
        p.liveThreads++;
        this.liveThreads++;
        if (t.decl.start <= 0) this.startThread(t);
        else starts.push(t);
      }
    }
    for (const t of starts) this.queue.push(t.decl.start, Ev.ThreadStart, t.id, 0);
    if (this.liveThreads === 0) this.stop = 'completed';
  }

  private newThread(p: Proc, decl: number, instance: number): Thr | null {
    if (this.threads.length >= CAPS.threads) {
      this.stop = 'threads';
      return null;
    }
    const d = p.ir.threads[decl];
    const id = this.threads.length;
    // Without a trace a thread has no lane: its times are kept in its hot record, then in `records`.
    const lane = this.recording ? this.trace.addLane(LaneKindId.thread, id, p.ir.index, this.now, State.Absent, -1, -1) : -1;
    const direct = p.ir.model === 'one-to-one' || (d.bound && p.ir.model === 'many-to-many');
    let tables = this.codeTables.get(d);
    if (tables === undefined) {
      tables = new CodeTable(d.code);
      this.codeTables.set(d, tables);
    }
    // An exited thread's hot record is reused: the array stays as large as
    // the most threads alive at once, not all threads ever created.
    let slot = this.freeSlots.pop();
    if (slot === undefined) {
      slot = this.slots++;
      if (slot * HOT === this.hot.length) {
        this.hot = withLength(this.hot, 2 * slot * HOT);
      }
    }
    const t = new Thr(id, slot, lane, p, d, instance, direct, tables);
    this.threads.push(t);
    this.records.add(p.ir.index, decl, instance, lane);
    // No work, no quantum, the lane Absent since 0 with nothing summed.
    this.hot.fill(0, slot * HOT, slot * HOT + HOT);
    this.hot[slot * HOT + H_QUANTUM] = Infinity;
    return t;
  }

  private newLwp(p: Proc, role: number, prio: number, state: number): Lwp {
    const id = this.lwps.length;
    // LWP lanes are only drawn (no metric sums them): without a trace there are none.
    const lane = this.recording ? this.trace.addLane(LaneKindId.lwp, id, p.ir.index, this.now, state, -1, -1) : -1;
    const l = new Lwp(id, lane, p, role, prio);
    l.status = state === State.LwpParked ? LwpStatus.Parked : LwpStatus.Runnable;
    this.lwps.push(l);
    this.lwpsCreated++;
    p.liveLwps++;
    if (p.liveLwps > p.maxLwps) p.maxLwps = p.liveLwps;
    this.trace.event(this.now, EventKind.LwpCreate, lane, id);
    if (this.lwps.length >= CAPS.lwps && this.stop === 'none') this.stop = 'lwps';
    return l;
  }

  private startThread(t: Thr): void {
    const p = t.proc;
    t.started = this.now;
    this.records.started[t.id] = this.now;
    this.threadsCreated++;
    p.declLive[t.decl.index]++;
    if (t.instance > p.declStarted[t.decl.index]) p.declStarted[t.decl.index] = t.instance;
    this.trace.event(this.now, EventKind.ThreadCreate, t.lane, t.id);
    if (p.lib.quantum !== Infinity && !t.direct) this.hot[t.slot * HOT + H_QUANTUM] = p.lib.quantum;
    if (t.direct) {
      const l = this.newLwp(p, Role.Direct, t.decl.priority, State.LwpRunnable);
      l.thread = t;
      l.lastThread = t;
      t.lwp = l;
      t.status = ThrStatus.OnLwp;
      this.makeRunnable(l);
    } else {
      this.makeReady(t, null);
    }
  }

  // ---------------------------------------------------------------------------
  // CPUs

  /** Runs CPU c until it has a segment in progress or nothing to do. */
  private advance(c: Cpu): void {
    while (this.stop === 'none') {
      if (c.segActive) return;
      if (++this.instantWork > CAPS.zeroTimeSteps) {
        this.stop = 'zero-time';
        this.zeroTimeThread = c.lwp?.thread ?? null;
        return;
      }
      const l = c.lwp;
      if (l === null) {
        const next = this.rq.pop();
        if (next === undefined) {
          this.goIdle(c);
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
      if (l.role === Role.UpcallReturn) {
        this.upcallReturn(l);
        continue;
      }
      if (this.kernelPreemptPoint(c, l)) continue;
      const t = l.thread;
      if (t === null) {
        if (!this.libraryAssign(l)) this.park(c, l);
        continue;
      }
      if (!t.direct && this.libraryPreemptPoint(l, t)) continue;
      this.execute(c, l, t);
    }
  }

  private assignCpu(c: Cpu, l: Lwp): void {
    c.lwp = l;
    l.cpu = c;
    l.status = LwpStatus.Running;
    this.busyCpus++;
    if (c.wasIdle || c.lastLwp !== l) {
      this.kernelSwitches++;
      this.trace.event(this.now, EventKind.KernelSwitch, c.lane, l.id);
      // Dispatch costs come before anything the LWP already owes (an upcall, its creation).
      if (c.lastProcess >= 0 && c.lastProcess !== l.proc.ir.index && this.cost[State.OverheadAddressSpaceSwitch] > 0) l.oweFirst(State.OverheadAddressSpaceSwitch);
      if (this.cost[State.OverheadKernelSwitch] > 0) l.oweFirst(State.OverheadKernelSwitch);
    }
    c.wasIdle = false;
    c.lastLwp = l;
    c.lastProcess = l.proc.ir.index;
    c.sliceEnd = this.now + this.quantum;
    c.preemptPending = false;
    this.lwpState(l, State.LwpRunning, -1);
    const t = l.thread;
    if (t !== null) this.threadState(t, State.ThreadRunning, l.id);
  }

  /** The LWP leaves CPU c (blocked, parked, preempted, destroyed). */
  private releaseCpu(c: Cpu, l: Lwp): void {
    c.lwp = null;
    l.cpu = null;
    this.busyCpus--;
  }

  private goIdle(c: Cpu): void {
    c.wasIdle = true;
    if (this.recording) this.trace.set(c.lane, State.CpuIdle, -1, -1, this.now);
    else this.trace.setState(c.lane, State.CpuIdle, this.now);
  }

  private findIdleCpu(): Cpu | null {
    if (this.busyCpus >= this.cpus.length) return null;
    const cpus = this.cpus;
    for (let i = 0; i < cpus.length; i++) if (cpus[i].lwp === null) return cpus[i];
    return null;
  }

  private startOverhead(c: Cpu, l: Lwp, state: number): void {
    const d = this.cost[state];
    c.segActive = true;
    c.segWork = false;
    c.segState = state;
    c.segStart = this.now;
    const t = l.thread;
    if (this.recording) {
      this.trace.set(c.lane, state, l.id, t !== null ? t.table.src[t.pc] : -1, this.now);
      this.lwpState(l, State.LwpRunning, -1);
    } else this.trace.setState(c.lane, state, this.now);
    if (t !== null) this.threadState(t, State.ThreadRunning, l.id);
    this.queue.push(this.now + d, Ev.CpuEnd, c.id, c.gen);
  }

  private startWork(c: Cpu, l: Lwp, t: Thr, cpuState: number, thState: number): void {
    if (this.sliceExpired(c, l) || (!t.direct && this.libSliceExpired(l, t))) return;
    c.segActive = true;
    c.segWork = true;
    c.segState = cpuState;
    c.segStart = this.now;
    if (this.recording) {
      this.trace.set(c.lane, cpuState, l.id, t.table.src[t.pc], this.now);
      this.lwpState(l, State.LwpRunning, -1);
    } else this.trace.setState(c.lane, cpuState, this.now);
    this.threadState(t, thState, l.id);
    const i = t.slot * HOT;
    let end = this.now + this.hot[i + H_WORK];
    if (c.sliceEnd < end) end = c.sliceEnd;
    const lib = this.now + this.hot[i + H_QUANTUM];
    if (lib < end) end = lib;
    if (end !== Infinity) this.queue.push(end, Ev.CpuEnd, c.id, c.gen);
  }

  /** Credits the time a work segment ran to its thread. */
  private account(c: Cpu): void {
    const t = c.lwp!.thread!;
    const ran = this.now - c.segStart;
    c.segStart = this.now;
    const h = this.hot;
    const i = t.slot * HOT;
    if (h[i + H_WORK] !== Infinity) h[i + H_WORK] -= ran;
    if (h[i + H_QUANTUM] !== Infinity) h[i + H_QUANTUM] -= ran;
  }

  /** Stops a work segment now (preemption, spin hand-off); overheads are never cut. */
  private interrupt(c: Cpu): void {
    if (c.segActive && c.segWork) {
      c.segActive = false;
      c.gen++;
      this.account(c);
    }
    this.kick(c);
  }

  // ---------------------------------------------------------------------------
  // Kernel scheduler

  private kprio(l: Lwp): number {
    return this.kernelPriority ? l.prio : 0;
  }

  private makeRunnable(l: Lwp): void {
    l.status = LwpStatus.Runnable;
    this.lwpState(l, State.LwpRunnable, -1);
    const t = l.thread;
    if (t !== null) this.threadState(t, t.direct ? State.ThreadReady : State.ThreadStalled, l.id);
    const c = this.findIdleCpu();
    if (c !== null) {
      this.assignCpu(c, l);
      this.kick(c);
      return;
    }
    const p = this.kprio(l);
    // Running LWPs never have a lower priority than a queued one (they would
    // have been preempted), so if one of at least this priority already
    // waits, no CPU can be taken from a lower one.
    const mayPreempt = this.kernelPriority && (this.rq.size === 0 || this.rq.peekPriority() < p);
    this.rq.pushTail(l, p);
    if (mayPreempt) {
      // Preempt at once the CPU running the lowest-priority LWP below this one.
      let victim: Cpu | null = null;
      let vp = p;
      const cpus = this.cpus;
      for (let i = 0; i < cpus.length; i++) {
        const x = cpus[i];
        if (x.lwp === null || x.preemptPending) continue;
        const xp = x.lwp.prio;
        if (xp < vp) {
          vp = xp;
          victim = x;
        }
      }
      if (victim !== null) {
        victim.preemptPending = true;
        this.interrupt(victim);
      }
    }
  }

  /** At every preemption point: a higher-priority LWP waiting takes the CPU at once. */
  private kernelPreemptPoint(c: Cpu, l: Lwp): boolean {
    c.preemptPending = false;
    if (this.kernelPriority && this.rq.size > 0 && this.rq.peekPriority() > l.prio) {
      this.preemptLwp(c, l, true);
      return true;
    }
    return false;
  }

  /**
   * Quantum expiry, checked only before something that takes time: statements
   * that take none still run at the instant the quantum ends (a thread whose
   * compute ends exactly then still reaches its `yield` or its exit).
   */
  private sliceExpired(c: Cpu, l: Lwp): boolean {
    if (this.now < c.sliceEnd) return false;
    if (this.rq.size > 0 && this.rq.peekPriority() >= this.kprio(l)) {
      this.preemptLwp(c, l, false);
      return true;
    }
    c.sliceEnd = this.now + this.quantum;
    return false;
  }

  private preemptLwp(c: Cpu, l: Lwp, atHead: boolean): void {
    this.trace.event(this.now, EventKind.Preempt, c.lane, l.id);
    this.releaseCpu(c, l);
    l.status = LwpStatus.Runnable;
    if (atHead) this.rq.pushHead(l, this.kprio(l));
    else this.rq.pushTail(l, this.kprio(l));
    this.lwpState(l, State.LwpRunnable, -1);
    const t = l.thread;
    if (t !== null) this.threadState(t, t.direct ? State.ThreadReady : State.ThreadStalled, l.id);
  }

  private park(c: Cpu, l: Lwp): void {
    this.releaseCpu(c, l);
    l.status = LwpStatus.Parked;
    l.proc.parked.push(l);
    this.lwpState(l, State.LwpParked, -1);
  }

  private destroyLwp(c: Cpu, l: Lwp): void {
    this.releaseCpu(c, l);
    l.status = LwpStatus.Dead;
    l.thread = null;
    const p = l.proc;
    p.liveLwps--;
    const i = p.poolLwps.indexOf(l);
    if (i >= 0) removeAt(p.poolLwps, i);
    if (this.recording) this.trace.set(l.lane, State.Absent, -1, -1, this.now);
    this.trace.event(this.now, EventKind.LwpDestroy, l.lane, l.id);
    this.lwps[l.id] = undefined;
  }

  /** An LWP blocked in the kernel can run again (its call finished or a waker released it). */
  private unblockLwp(l: Lwp): void {
    const p = l.proc;
    if (l.role === Role.UpcallBlocked) {
      // Scheduler activations: a second upcall tells the library; the old LWP is then discarded.
      l.role = Role.UpcallReturn;
      this.upcalls++;
      if (this.cost[State.OverheadUpcall] > 0) l.owe(State.OverheadUpcall);
      this.trace.event(this.now, EventKind.Upcall, l.lane, l.thread ? l.thread.id : -1);
    } else if (l.role === Role.Pool) {
      p.poolBlocked--;
    }
    this.makeRunnable(l);
  }

  // ---------------------------------------------------------------------------
  // Thread libraries

  /** The library gives LWP l its next ready thread, paying a user switch. */
  private libraryAssign(l: Lwp): boolean {
    const p = l.proc;
    if (l.seeking) {
      l.seeking = false;
      p.seekers--;
    }
    l.userPreempt = false;
    const t = p.lib.ready.pop();
    if (t === undefined) return false;
    l.thread = t;
    t.lwp = l;
    t.status = ThrStatus.OnLwp;
    // A switch needs a thread to switch from: an LWP's first thread is not one.
    if (l.lastThread !== null && l.lastThread !== t) {
      this.userSwitches++;
      this.trace.event(this.now, EventKind.UserSwitch, l.lane, t.id);
      if (this.cost[State.OverheadUserSwitch] > 0) l.owe(State.OverheadUserSwitch);
    }
    l.lastThread = t;
    this.hot[t.slot * HOT + H_QUANTUM] = p.lib.quantum;
    this.lwpState(l, State.LwpRunning, -1);
    this.threadState(t, State.ThreadRunning, l.id);
    return true;
  }

  private libraryPreemptPoint(l: Lwp, t: Thr): boolean {
    const lib = t.proc.lib;
    l.userPreempt = false;
    if (lib.priority && lib.ready.size > 0 && lib.ready.peekPriority() > t.decl.priority) {
      this.userPreempt(l, t, true);
      return true;
    }
    return false;
  }

  /** The library's round-robin quantum, checked like the kernel's: before work. */
  private libSliceExpired(l: Lwp, t: Thr): boolean {
    if (this.hot[t.slot * HOT + H_QUANTUM] > 0) return false;
    const lib = t.proc.lib;
    if (lib.ready.size > 0) {
      this.userPreempt(l, t, false);
      return true;
    }
    this.hot[t.slot * HOT + H_QUANTUM] = lib.quantum;
    return false;
  }

  private userPreempt(l: Lwp, t: Thr, atHead: boolean): void {
    this.trace.event(this.now, EventKind.Preempt, l.lane, t.id);
    l.thread = null;
    t.lwp = null;
    t.status = ThrStatus.Ready;
    t.proc.lib.push(t, atHead);
    this.threadState(t, State.ThreadReady, -1);
  }

  /** A user thread of a pooled process becomes ready; `payer` is the running LWP that caused it, if any. */
  private makeReady(t: Thr, payer: Lwp | null): void {
    const p = t.proc;
    t.status = ThrStatus.Ready;
    t.lwp = null;
    p.lib.push(t, false);
    this.threadState(t, State.ThreadReady, -1);
    if (p.parked.length > 0 && p.lib.ready.size > p.seekers) {
      const l = p.parked.shift()!;
      l.seeking = true;
      p.seekers++;
      if (payer !== null) this.modeSwitch(payer);
      this.trace.event(this.now, EventKind.LwpWake, l.lane, payer !== null && payer.thread !== null ? payer.thread.id : -1);
      this.makeRunnable(l);
    } else if (p.lib.priority) {
      this.requestUserPreempt(p, t.decl.priority);
    }
    this.sigwaitingCheck(p);
  }

  /** Priority library: the lowest-priority running thread below `prio` gives way at once. */
  private requestUserPreempt(p: Proc, prio: number): void {
    let victim: Lwp | null = null;
    let vp = prio;
    const pool = p.poolLwps;
    for (let i = 0; i < pool.length; i++) {
      const l = pool[i];
      if (l.status !== LwpStatus.Running || l.thread === null || l.userPreempt) continue;
      const tp = l.thread.decl.priority;
      if (tp < vp) {
        vp = tp;
        victim = l;
      }
    }
    if (victim !== null) {
      victim.userPreempt = true;
      this.interrupt(victim.cpu!);
    }
  }

  /** SIGWAITING: every pool LWP is blocked in the kernel while threads are ready. */
  private sigwaitingCheck(p: Proc): void {
    if (!p.ir.sigwaiting || p.lib.ready.size === 0 || p.poolBlocked < p.poolSize) return;
    if (p.ir.maxLwps !== null && p.poolSize >= p.ir.maxLwps) return;
    this.sigwaiting++;
    const l = this.addPoolLwp(p, State.OverheadKernelCreate);
    this.trace.event(this.now, EventKind.Sigwaiting, l.lane, p.ir.index);
    this.makeRunnable(l);
  }

  /** A new pool LWP that will look for a ready thread once it has paid `owed`. */
  private addPoolLwp(p: Proc, owed: number): Lwp {
    const l = this.newLwp(p, Role.Pool, 0, State.LwpRunnable);
    p.poolSize++;
    p.poolLwps.push(l);
    l.seeking = true;
    p.seekers++;
    if (this.cost[owed] > 0) l.owe(owed);
    return l;
  }

  private upcallReturn(l: Lwp): void {
    const t = l.thread!;
    l.thread = null;
    l.role = Role.Dying;
    this.makeReady(t, l);
  }

  // ---------------------------------------------------------------------------
  // Blocking and waking

  /** The thread's LWP blocks in the kernel with it (io, kernel objects, every block of a direct thread). */
  private blockInKernel(c: Cpu, l: Lwp, t: Thr, wait: number, detail: number, ns: number): void {
    t.wait = wait;
    this.releaseCpu(c, l);
    l.status = LwpStatus.Blocked;
    if (this.recording) this.trace.set(l.lane, State.LwpBlocked, t.id, t.table.src[t.pc], this.now);
    this.threadState(t, wait === Wait.Sleep ? State.ThreadSleeping : State.ThreadBlockedKernel, detail);
    if (ns >= 0) this.queue.push(this.now + ns, Ev.LwpTimer, l.id, ++l.blockGen);
    if (l.role === Role.Pool) {
      const p = l.proc;
      if (p.ir.upcalls) {
        // Scheduler activations: the kernel hands the process a fresh LWP at once.
        l.role = Role.UpcallBlocked;
        const i = p.poolLwps.indexOf(l);
        if (i >= 0) removeAt(p.poolLwps, i);
        p.poolSize--;
        this.upcalls++;
        const fresh = this.addPoolLwp(p, State.OverheadUpcall);
        this.trace.event(this.now, EventKind.Upcall, fresh.lane, t.id);
        this.makeRunnable(fresh);
      } else {
        p.poolBlocked++;
        this.sigwaitingCheck(p);
      }
    }
  }

  /** A pooled thread parks in its library (sleep, mutex, semaphore, join); its LWP runs another. */
  private blockInLibrary(l: Lwp, t: Thr, wait: number, detail: number, ns: number): void {
    t.wait = wait;
    l.thread = null;
    t.lwp = null;
    t.status = ThrStatus.Parked;
    this.threadState(t, wait === Wait.Sleep ? State.ThreadSleeping : State.ThreadBlockedSync, detail);
    if (ns >= 0) this.queue.push(this.now + ns, Ev.ThreadTimer, t.id, ++t.blockGen);
  }

  private block(c: Cpu, l: Lwp, t: Thr, wait: number, detail: number, inKernel: boolean): void {
    if (inKernel || t.direct) this.blockInKernel(c, l, t, wait, detail, -1);
    else this.blockInLibrary(l, t, wait, detail, -1);
  }

  /** Wakes a thread whose wait is over (its pc already past the statement). */
  private wake(w: Thr, payer: Lwp | null, chargeKernelWake: boolean): void {
    w.wait = Wait.None;
    if (w.status === ThrStatus.OnLwp) {
      if (chargeKernelWake && payer !== null) this.modeSwitch(payer);
      this.unblockLwp(w.lwp!);
    } else {
      this.makeReady(w, payer);
    }
  }

  /** One kernel entry with its return. True when it costs time (the caller returns to pay it). */
  private modeSwitch(l: Lwp): boolean {
    this.modeSwitches++;
    if (this.cost[State.OverheadModeSwitch] > 0) {
      l.owe(State.OverheadModeSwitch);
      return true;
    }
    return false;
  }

  // ---------------------------------------------------------------------------
  // Statements

  private execute(c: Cpu, l: Lwp, t: Thr): void {
    const code = t.table;
    const ops = code.ops;
    const arg = code.a;
    const slot = t.slot;
    const end = ops.length;
    for (;;) {
      // Return to the CPU loop whenever something must happen first: an
      // overhead to pay, or a preemption requested by what this thread did.
      if (l.owedCount > 0 || c.preemptPending || l.userPreempt || this.stop !== 'none') return;
      if (++this.instantWork > CAPS.zeroTimeSteps) {
        this.stop = 'zero-time';
        this.zeroTimeThread = t;
        return;
      }
      const pc = t.pc;
      if (pc >= end) {
        this.exitThread(l, t);
        return;
      }
      // Pre-decoded code (CodeTable): a jump table on numeric op codes, and
      // operands read from typed arrays rather than instruction objects.
      switch (ops[pc]) {
        case Op.compute:
          if (t.phase === 0) {
            t.phase = 1;
            this.hot[slot * HOT + H_WORK] = arg[pc];
          }
          // Not cached in a local: a spawn in this loop may grow the array.
          if (this.hot[slot * HOT + H_WORK] > 0) return this.startWork(c, l, t, State.CpuUser, State.ThreadRunning);
          t.phase = 0;
          t.pc++;
          break;
        case Op.syscall:
          if (t.phase === 0) {
            t.phase = 1;
            this.hot[slot * HOT + H_WORK] = arg[pc];
            if (this.modeSwitch(l)) return;
          }
          if (this.hot[slot * HOT + H_WORK] > 0) return this.startWork(c, l, t, State.CpuKernel, State.ThreadRunning);
          t.phase = 0;
          t.pc++;
          break;
        case Op.io:
          if (t.phase === 0) {
            t.phase = 1;
            if (this.modeSwitch(l)) return;
          }
          return this.blockInKernel(c, l, t, Wait.Io, -1, arg[pc]);
        case Op.sleep:
          if (!t.direct) return this.blockInLibrary(l, t, Wait.Sleep, -1, arg[pc]);
          if (t.phase === 0) {
            t.phase = 1;
            if (this.modeSwitch(l)) return;
          }
          return this.blockInKernel(c, l, t, Wait.Sleep, -1, arg[pc]);
        case Op.yield:
          if (t.direct) {
            if (t.phase === 0) {
              t.phase = 1;
              if (this.modeSwitch(l)) return;
            }
            t.phase = 0;
            t.pc++;
            if (this.rq.size > 0 && this.rq.peekPriority() >= this.kprio(l)) return this.preemptLwp(c, l, false);
          } else {
            t.pc++;
            if (t.proc.lib.ready.size > 0) {
              l.thread = null;
              t.lwp = null;
              t.status = ThrStatus.Ready;
              t.proc.lib.push(t, false);
              this.threadState(t, State.ThreadReady, -1);
              return;
            }
          }
          break;
        case Op.lock:
          if (!this.lock(c, l, t, this.syncs[arg[pc]])) return;
          break;
        case Op.unlock:
          if (!this.unlock(l, t, this.syncs[arg[pc]])) return;
          break;
        case Op.wait:
          if (!this.semWait(c, l, t, this.syncs[arg[pc]])) return;
          break;
        case Op.post:
          if (!this.semPost(l, t, this.syncs[arg[pc]])) return;
          break;
        case Op.spawn: {
          const p = t.proc;
          const decl = p.ir.threads[arg[pc]];
          if (t.phase > 0) {
            const k = p.declStarted[decl.index] + 1;
            const n = this.newThread(p, decl.index, k);
            if (n === null) return;
            p.liveThreads++;
            this.liveThreads++;
            this.startThread(n);
          }
          if (t.phase < code.b[pc]) {
            t.phase++;
            const direct = p.ir.model === 'one-to-one' || (decl.bound && p.ir.model === 'many-to-many');
            const st = direct ? State.OverheadKernelCreate : State.OverheadUserCreate;
            if (this.cost[st] > 0) l.owe(st);
            break;
          }
          t.phase = 0;
          t.pc++;
          break;
        }
        case Op.join:
          if (!this.join(c, l, t, arg[pc])) return;
          break;
        case Op.loop: {
          const count = arg[pc];
          if (count === 0) {
            t.pc = code.b[pc];
            break;
          }
          if (count > 0) t.loops![pc] = count;
          t.pc++;
          break;
        }
        case Op.next: {
          const head = arg[pc];
          if (arg[head] < 0 || --t.loops![head] > 0) t.pc = head + 1;
          else t.pc++;
          break;
        }
      }
    }
  }

  /** `lock`; false when the thread cannot go on now (it pays, spins or blocks). */
  private lock(c: Cpu, l: Lwp, t: Thr, s: Sync): boolean {
    if (s.spin) {
      if (s.holder === null) {
        this.take(s, t);
        const i = s.spinners.indexOf(t);
        if (i >= 0) removeAt(s.spinners, i);
        t.pc++;
        return true;
      }
      if (s.spinners.indexOf(t) < 0) s.spinners.push(t);
      this.hot[t.slot * HOT + H_WORK] = Infinity;
      this.startWork(c, l, t, State.CpuSpin, State.ThreadSpinning);
      return false;
    }
    if (t.phase === 0 && (s.kernel || (t.direct && s.holder !== null))) {
      // A kernel object is always entered; a library mutex under a direct
      // (1:1 or bound) thread only when it is held: a futex-style wait.
      t.phase = 1;
      if (this.modeSwitch(l)) return false;
    }
    if (s.holder === null) {
      this.take(s, t);
      t.phase = 0;
      t.pc++;
      return true;
    }
    s.waiters.push(t);
    this.block(c, l, t, Wait.Mutex, s.ir.index, s.kernel);
    return false;
  }

  /** t takes s at its current statement (its `lock`). */
  private take(s: Sync, t: Thr): void {
    s.holder = t;
    s.heldAt = t.code[t.pc].span;
    t.held++;
  }

  private unlock(l: Lwp, t: Thr, s: Sync): boolean {
    if (t.phase === 0 && s.kernel && s.mutex) {
      t.phase = 1;
      if (this.modeSwitch(l)) return false;
    }
    if (s.holder !== t) {
      const span = t.code[t.pc].span;
      t.phase = 0;
      t.pc++;
      this.report(`u${span.start}`, () => makeDiagnostic('unlockNotHeld', span, [t.name, s.ir.name, s.holder ? s.holder.name : null]));
      return true;
    }
    t.phase = 0;
    t.pc++;
    t.held--;
    if (s.spin) {
      s.holder = null;
      s.heldAt = null;
      // The first spinner that is on a CPU right now gets it; others keep spinning.
      for (let i = 0; i < s.spinners.length; i++) {
        const w = s.spinners[i];
        const wl = w.lwp;
        if (wl === null || wl.status !== LwpStatus.Running) continue;
        removeAt(s.spinners, i);
        this.take(s, w);
        w.pc++;
        w.phase = 0;
        this.hot[w.slot * HOT + H_WORK] = 0;
        this.interrupt(wl.cpu!);
        break;
      }
      return true;
    }
    const w = s.waiters.shift();
    if (w === undefined) {
      s.holder = null;
      s.heldAt = null;
      return true;
    }
    this.take(s, w);
    w.pc++;
    w.phase = 0;
    this.wake(w, l, !s.kernel);
    return true;
  }

  private semWait(c: Cpu, l: Lwp, t: Thr, s: Sync): boolean {
    if (t.phase === 0 && s.kernel) {
      t.phase = 1;
      if (this.modeSwitch(l)) return false;
    }
    if (s.count > 0) {
      s.count--;
      t.phase = 0;
      t.pc++;
      return true;
    }
    if (t.phase === 0 && t.direct) {
      // A direct thread enters the kernel to sleep. If that entry takes time, the
      // statement runs again afterwards and takes a count posted meanwhile.
      t.phase = 1;
      if (this.modeSwitch(l)) return false;
    }
    s.waiters.push(t);
    this.block(c, l, t, Wait.Semaphore, s.ir.index, s.kernel);
    return false;
  }

  private semPost(l: Lwp, t: Thr, s: Sync): boolean {
    if (t.phase === 0 && s.kernel) {
      t.phase = 1;
      if (this.modeSwitch(l)) return false;
    }
    t.phase = 0;
    t.pc++;
    const w = s.waiters.shift();
    if (w === undefined) s.count++;
    else {
      w.pc++;
      w.phase = 0;
      this.wake(w, l, !s.kernel);
    }
    return true;
  }

  private join(c: Cpu, l: Lwp, t: Thr, decl: number): boolean {
    const p = t.proc;
    const live = p.declLive[decl];
    if (live === 0) {
      t.phase = 0;
      t.pc++;
      return true;
    }
    if (t.phase === 0 && t.direct) {
      t.phase = 1;
      if (this.modeSwitch(l)) return false;
    }
    t.joinLimit = p.declStarted[decl]!;
    t.joinLeft = live;
    p.joiners[decl].push(t);
    this.block(c, l, t, Wait.Join, -2 - decl, false);
    return false;
  }

  private exitThread(l: Lwp, t: Thr): void {
    const p = t.proc;
    t.status = ThrStatus.Exited;
    this.records.finish[t.id] = this.now;
    t.lwp = null;
    l.thread = null;
    if (this.recording) this.trace.set(t.lane, State.ThreadExited, -1, -1, this.now);
    else {
      // Its times change no more: they go to its record now.
      this.threadState(t, State.ThreadExited, -1);
      this.keepTimes(t);
    }
    this.freeSlots.push(t.slot);
    this.trace.event(this.now, EventKind.ThreadExit, t.lane, t.id);
    if (t.held > 0) {
      for (const s of this.syncs) {
        if (s.holder === t && s.heldAt) {
          const at = s.heldAt;
          this.report(`x${at.start}:${s.ir.index}`, () => makeDiagnostic('exitedHolding', at, [t.name, s.ir.name]));
        }
      }
    }
    const d = t.decl.index;
    p.declLive[d]--;
    const js = p.joiners[d];
    for (let i = 0; i < js.length; i++) {
      const j = js[i];
      if (t.instance <= j.joinLimit && --j.joinLeft === 0) {
        removeAt(js, i--);
        j.pc++;
        j.phase = 0;
        this.wake(j, l, true);
      }
    }
    p.liveThreads--;
    if (p.liveThreads === 0) p.finish = this.now;
    this.liveThreads--;
    if (t.direct) l.role = Role.Dying;
    if (this.liveThreads === 0) this.stop = 'completed';
    this.threads[t.id] = undefined;
  }

  // ---------------------------------------------------------------------------
  // Trace helpers

  /** LWP lanes are only drawn: no metric sums them, so without a trace they are not kept. */
  private lwpState(l: Lwp, state: number, src: number): void {
    if (this.recording) this.trace.set(l.lane, state, l.thread !== null ? l.thread.id : -1, src, this.now);
  }

  /**
   * Without a trace a lane keeps only its state and time per category (as
   * TraceBuilder.setState does), and a thread's lane is kept in its hot
   * record: when it is already in `state` there is nothing to do.
   */
  private threadState(t: Thr, state: number, detail: number): void {
    if (this.recording) {
      this.trace.set(t.lane, state, detail, t.table.src[t.pc], this.now);
      return;
    }
    const h = this.hot;
    const b = t.slot * HOT;
    const old = h[b + H_STATE];
    if (old === state) return;
    h[b + H_STATE] = state;
    const oc = CATEGORY[old];
    if (CATEGORY[state] === oc) return;
    const now = this.now;
    const from = h[b + H_START];
    if (now > from) h[b + H_ACC + oc] += now - from;
    h[b + H_START] = now;
  }

  /** Without a trace: copies a thread's times from its hot record to its record. */
  private keepTimes(t: Thr): void {
    const h = this.hot;
    const time = this.records.time;
    const b = t.slot * HOT + H_ACC;
    const at = t.id * TIMES;
    for (let k = 0; k < TIMES; k++) time[at + k] = h[b + k];
  }

  /**
   * Without a trace, at the end of the run: closes the open state of every
   * thread still there at endTime (as TraceBuilder.finish closes lanes) and
   * keeps its times. Exited threads kept theirs when they exited.
   */
  private closeThreadTimes(): void {
    const h = this.hot;
    const end = this.endTime;
    const threads = this.threads;
    for (let i = 0; i < threads.length; i++) {
      const t = threads[i];
      if (t === undefined) continue;
      const b = t.slot * HOT;
      const from = h[b + H_START];
      if (end > from) h[b + H_ACC + CATEGORY[h[b + H_STATE]]] += end - from;
      this.keepTimes(t);
    }
  }

  /** The name of thread `id`, exited or not (Thr.name, built from each declaration's prefix, made once). */
  threadName(id: number): string {
    const t = this.threads[id];
    if (t !== undefined) return t.name;
    const r = this.records;
    const p = r.proc[id];
    const d = r.decl[id];
    this.namePrefixes ??= this.sc.processes.map((pir) => pir.threads.map((dir) => namePrefix(pir, dir)));
    const prefix = this.namePrefixes[p][d];
    return numbered(this.sc.processes[p].threads[d]) ? prefix + r.instance[id] : prefix;
  }

  /** Threads that have started and not exited, by id (what the end-of-run reports look at). */
  unfinishedThreads(): Thr[] {
    const out: Thr[] = [];
    for (const t of this.threads) if (t !== undefined && t.started >= 0) out.push(t);
    return out;
  }

  /** Reports a runtime finding once per statement (a loop would repeat it). */
  private report(key: string, make: () => Diagnostic): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.diagnostics.push(make());
  }
}

const STATE_COUNT = 48;

/** Layout of a thread's hot record (Engine.hot). */
const HOT = 8;
const H_WORK = 0;
const H_QUANTUM = 1;
const H_STATE = 2;
const H_START = 3;
const H_ACC = 4; // … H_ACC + CATS - 1 (CATEGORY's four; the first TIMES are kept)

/** Removes a[i], keeping the order, without allocating (splice returns an array). */
function removeAt<T>(a: T[], i: number): void {
  const n = a.length - 1;
  for (let k = i; k < n; k++) a[k] = a[k + 1];
  a.pop();
}
