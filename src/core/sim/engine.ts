/**
 * The simulation: builds the parts for a checked Scenario, runs them on the
 * event loop and keeps what the result is made of (LANGUAGE.md §4–§9;
 * decisions in docs/simulation.md, the parts in its "Parts" section).
 *
 * The parts: the event loop (loop.ts); the kernel (kernel/kernel.ts) over
 * a KernelPolicy (kernel/policies.ts); one ThreadLibrary per process
 * (library/libraries.ts); the sync objects (sync/syncKinds.ts) and join
 * targets (sync/join.ts); the interpreter (interpreter.ts); the trace side
 * (traceBuilder.ts). This file wires them, routes events, and owns the
 * threads' lives (creation, start, exit) and what the parts share: the
 * costs, the counters, the runtime diagnostics.
 *
 * Invariants: a thread id is its index in `threads` and in `records`
 * (creation order); a thread's entry is cleared when it exits, and `records`
 * keeps what the result needs of it; `liveThreads` counts threads created
 * and not exited, and the run completes at the instant it reaches 0.
 */
import type { Scenario, ThreadIR } from '../check/ir';
import type { Diagnostic } from '../diagnostic';
import { makeDiagnostic } from '../diagnostics/codes';
import { CAPS } from './caps';
import { CodeTable } from './code';
import { Counters } from './counters';
import { LwpStatus, namePrefix, numbered, Process, Role, ThreadStatus, Thread, Wait, type Cpu, type Lwp } from './entities';
import { Interpreter } from './interpreter';
import { Kernel } from './kernel/kernel';
import { KERNEL_POLICIES } from './kernel/policies';
import { LIBRARIES } from './library/libraries';
import { EventLoop, EventType, type EventHandler, type StopReason } from './loop';
import { EventKind, State, STATE_COUNT } from './result';
import type { SyncContext } from './sync/context';
import { JoinTarget } from './sync/join';
import { SYNC_KINDS } from './sync/syncKinds';
import type { SyncObject } from './sync/syncObject';
import type { Probe } from './probe';
import { ThreadRecords } from './threadRecords';
import { TraceBuilder } from './traceBuilder';
import { powerOfTwoAtLeast } from '../typed';

export type { StopReason } from './loop';

export interface EngineOptions {
  readonly maxEvents: number;
  readonly maxSteps: number;
  readonly shouldStop: (() => boolean) | undefined;
  readonly onProgress: ((simTimeNs: number, events: number) => void) | undefined;
  readonly recordTrace: boolean;
  readonly maxIntervals: number;
}

export class Engine implements EventHandler, SyncContext {
  readonly loop: EventLoop;
  readonly trace: TraceBuilder;
  readonly counters = new Counters();
  /** Each overhead's cost in ns, indexed by its State. */
  readonly cost: Float64Array;
  readonly kernel: Kernel;
  readonly interpreter: Interpreter;
  readonly syncs: SyncObject[];
  readonly processes: Process[] = [];
  /** Threads by id; an exited one's entry is cleared: `records` keeps what the result needs of it. */
  readonly threads: (Thread | undefined)[] = [];
  readonly records: ThreadRecords;
  readonly diagnostics: Diagnostic[] = [];
  /** Where the zero-time guard tripped (the thread looping), for the report. */
  zeroTimeThread: Thread | null = null;
  endTime = 0;
  /** A debugger watching the run (attachProbe), or null. */
  probe: Probe | null = null;
  private liveThreads = 0;
  private readonly reported = new Set<string>();
  private readonly codeTables = new Map<ThreadIR, CodeTable>();
  /** Per process and declaration, namePrefix (threadName). */
  private namePrefixes: string[][] | null = null;

  constructor(
    readonly sc: Scenario,
    opt: EngineOptions,
  ) {
    this.loop = new EventLoop(sc.cpus, { limit: sc.limit, maxEvents: opt.maxEvents, maxSteps: opt.maxSteps, shouldStop: opt.shouldStop, onProgress: opt.onProgress });
    // Thread arrays sized at once for the declared threads, rounded up to a
    // power of two: the rounding leaves room for the spawned threads alive at
    // once, so the arrays rarely grow in the middle of a run; beyond it they
    // double.
    let declared = 0;
    for (const p of sc.processes) for (const d of p.threads) if (!d.spawned) declared += d.count;
    const room = Math.max(16, powerOfTwoAtLeast(Math.min(declared, CAPS.threads)));
    this.trace = new TraceBuilder(opt.recordTrace, opt.maxIntervals, (kind, id, process) => (kind === 'cpu' ? `CPU ${id}` : kind === 'lwp' ? `LWP ${id} (${sc.processes[process].name})` : this.threadName(id)), room);
    this.records = new ThreadRecords(room);
    const cost = new Float64Array(STATE_COUNT);
    cost[State.OverheadModeSwitch] = sc.costs['mode-switch'];
    cost[State.OverheadKernelSwitch] = sc.costs['kernel-switch'];
    cost[State.OverheadAddressSpaceSwitch] = sc.costs['address-space-switch'];
    cost[State.OverheadUserSwitch] = sc.costs['user-switch'];
    cost[State.OverheadUserCreate] = sc.costs['user-create'];
    cost[State.OverheadKernelCreate] = sc.costs['kernel-create'];
    cost[State.OverheadUpcall] = sc.costs.upcall;
    this.cost = cost;
    this.interpreter = new Interpreter(this);
    this.kernel = new Kernel(this, KERNEL_POLICIES[sc.kernel.policy](sc.kernel));
    this.syncs = sc.syncs.map((s) => SYNC_KINDS[s.kind](s, this));
  }

  get stop(): StopReason {
    return this.loop.stop;
  }

  get events(): number {
    return this.loop.events;
  }

  get now(): number {
    return this.loop.now;
  }

  // ---------------------------------------------------------------------------
  // The run

  run(): void {
    this.start();
    this.advance(Infinity);
  }

  /** Time 0: the entities, the threads that start at once, and whatever they do at that instant. */
  start(): void {
    this.init();
    this.kernel.drainKicks();
  }

  /**
   * Handles events until `until` of them have been handled in all or the
   * run stops; true once it has stopped (`stop`, `endTime` final). A
   * debugger advances a run piecewise this way (src/core/debug).
   */
  advance(until: number): boolean {
    this.endTime = this.loop.run(this, until);
    if (this.loop.stop === 'none') return false;
    if (this.loop.stop === 'quiescent' && this.kernel.spinning()) {
      // Spinning burns time but schedules nothing: the run would spin until the limit.
      this.loop.stop = 'limit';
      this.endTime = Math.max(this.loop.now, this.sc.limit);
    }
    return true;
  }

  /** Lets `probe` watch the run from now on (statements, markers, kernel blocks). */
  attachProbe(probe: Probe | null): void {
    this.probe = probe;
    this.trace.probe = probe;
  }

  handle(type: number, subject: number, generation: number): void {
    switch (type) {
      case EventType.SegmentEnd:
        this.kernel.segmentEnded(subject, generation);
        return;
      case EventType.LwpTimer:
        this.kernel.timerFired(subject, generation);
        return;
      case EventType.ThreadTimer: {
        const t = this.threads[subject];
        if (t === undefined || generation !== t.blockGeneration || t.status !== ThreadStatus.Parked) return;
        t.pc++;
        t.phase = 0;
        t.wait = Wait.None;
        t.process.library.makeReady(t, null);
        return;
      }
      case EventType.PoolTimer: {
        const l = this.kernel.lwps[subject >> 2];
        if (l !== undefined) l.process.library.poolTimer(l, subject & 3, generation);
        return;
      }
      case EventType.ThreadStart:
        // Not started yet, so not exited: still there.
        this.startThread(this.threads[subject]!);
        return;
    }
  }

  settle(): void {
    this.kernel.drainKicks();
    if (this.trace.overflow && this.loop.stop === 'none') this.loop.stop = 'trace';
  }

  stopAtZeroTime(thread: Thread | null): void {
    this.loop.stop = 'zero-time';
    this.zeroTimeThread = thread;
  }

  // ---------------------------------------------------------------------------
  // Threads' lives

  private init(): void {
    const sc = this.sc;
    for (let i = 0; i < sc.cpus; i++) this.kernel.addCpu(i);
    for (const pir of sc.processes) {
      const p = new Process(pir, (process) => LIBRARIES[pir.model](this, process));
      for (const d of pir.threads) p.joins.push(new JoinTarget(p, d.index, this));
      this.processes.push(p);
      p.firstThread = this.threads.length;
      for (const d of pir.threads) {
        if (d.spawned) continue;
        for (let k = 1; k <= d.count; k++) this.newThread(p, d.index, k);
      }
      p.declaredThreads = this.threads.length - p.firstThread;
    }
    const later: Thread[] = [];
    for (const p of this.processes) {
      p.library.start();
      for (let i = p.firstThread; i < p.firstThread + p.declaredThreads; i++) {
        const t = this.threads[i]!;
        this.threadLive(t);
        if (t.decl.start <= 0) this.startThread(t);
        else later.push(t);
      }
    }
    for (const t of later) this.loop.at(t.decl.start, EventType.ThreadStart, t.id, 0);
    if (this.liveThreads === 0) this.loop.stop = 'completed';
  }

  /** A new thread, not started (null at the thread cap, which stops the run). */
  newThread(p: Process, decl: number, instance: number): Thread | null {
    if (this.threads.length >= CAPS.threads) {
      this.loop.stop = 'threads';
      return null;
    }
    const d = p.ir.threads[decl];
    const id = this.threads.length;
    const track = this.trace.addThread(id, p.ir.index, this.loop.now);
    let code = this.codeTables.get(d);
    if (code === undefined) {
      code = new CodeTable(d.code);
      this.codeTables.set(d, code);
    }
    const t = new Thread(id, track, p, d, instance, p.library.isDirect(d), code);
    this.threads.push(t);
    this.records.add(p.ir.index, decl, instance);
    return t;
  }

  /** Counts a new thread as live (the run completes when none is). */
  threadLive(t: Thread): void {
    t.process.liveThreads++;
    this.liveThreads++;
  }

  startThread(t: Thread): void {
    const p = t.process;
    const now = this.loop.now;
    t.started = now;
    this.records.started[t.id] = now;
    this.counters.threadsCreated++;
    const d = t.decl.index;
    p.liveInstances[d]++;
    if (t.instance > p.startedInstances[d]) p.startedInstances[d] = t.instance;
    this.trace.event(now, EventKind.ThreadCreate, t.track, t.id);
    p.library.threadStarted(t);
  }

  /** Thread t ran past its last statement on LWP l. */
  exitThread(l: Lwp, t: Thread): void {
    const p = t.process;
    const now = this.loop.now;
    t.status = ThreadStatus.Exited;
    this.records.finish[t.id] = now;
    t.lwp = null;
    l.thread = null;
    this.trace.threadExited(t, now);
    this.trace.event(now, EventKind.ThreadExit, t.track, t.id);
    if (t.held > 0) {
      for (const s of this.syncs) {
        const at = s.heldBy(t);
        if (at !== null) this.report(`x${at.start}:${s.ir.index}`, () => makeDiagnostic('exitedHolding', at, [t.name, s.ir.name]));
      }
    }
    p.joins[t.decl.index].release(l, t);
    p.liveThreads--;
    if (p.liveThreads === 0) p.finish = now;
    this.liveThreads--;
    // A direct thread's LWP goes with it (once it has paid what it owes).
    if (t.direct) l.role = Role.Dying;
    if (this.liveThreads === 0) this.loop.stop = 'completed';
    this.threads[t.id] = undefined;
  }

  // ---------------------------------------------------------------------------
  // Waiting and waking (SyncContext)

  modeSwitch(l: Lwp): boolean {
    return this.kernel.modeSwitch(l);
  }

  block(c: Cpu, l: Lwp, t: Thread, wait: number, detail: number, inKernel: boolean): void {
    if (inKernel || t.direct) this.kernel.block(c, l, t, wait, detail, -1);
    else t.process.library.park(l, t, wait, detail, -1);
  }

  wake(w: Thread, payer: Lwp | null, chargeKernelWake: boolean): void {
    w.wait = Wait.None;
    if (w.status === ThreadStatus.OnLwp) {
      if (chargeKernelWake && payer !== null) this.kernel.modeSwitch(payer);
      const wl = w.lwp!;
      // A waiter still paying its kernel entry has not blocked yet (LANGUAGE.md §7).
      if (wl.status === LwpStatus.Blocked) this.kernel.unblock(wl);
      else this.kernel.wokenBeforeBlocking(wl);
    } else {
      w.process.library.makeReady(w, payer);
    }
  }

  get cpus(): readonly Cpu[] {
    return this.kernel.cpus;
  }

  spin(c: Cpu, l: Lwp, t: Thread): void {
    this.kernel.startWork(c, l, t, State.CpuSpin, State.ThreadSpinning);
  }

  interrupt(c: Cpu): void {
    this.kernel.interrupt(c);
  }

  lockHolder(sync: number, t: Thread | null): void {
    this.trace.lockHolder(sync, t !== null ? t.id : -1, this.loop.now);
  }

  /** Reports a runtime finding once per key (a loop would repeat it). */
  report(key: string, make: () => Diagnostic): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.diagnostics.push(make());
  }

  // ---------------------------------------------------------------------------
  // For the result

  /** The name of thread `id`, exited or not (Thread.name, built from each declaration's prefix, made once). */
  threadName(id: number): string {
    const t = this.threads[id];
    if (t !== undefined) return t.name;
    const r = this.records;
    const p = r.process[id];
    const d = r.decl[id];
    this.namePrefixes ??= this.sc.processes.map((pir) => pir.threads.map((dir) => namePrefix(pir, dir)));
    const prefix = this.namePrefixes[p][d];
    return numbered(this.sc.processes[p].threads[d]) ? prefix + r.instance[id] : prefix;
  }

  /** Threads that have started and not exited, by id (what the end-of-run reports look at). */
  unfinishedThreads(): Thread[] {
    const out: Thread[] = [];
    for (const t of this.threads) if (t !== undefined && t.started >= 0) out.push(t);
    return out;
  }
}
