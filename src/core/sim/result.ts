/**
 * What a simulation run produces (LANGUAGE.md §10): a columnar trace and the
 * metrics. This file is the contract between the simulator and everything
 * that shows a run (CLI, language server, webview chart, exporters).
 *
 * The trace is columnar so that a million intervals cost tens of megabytes:
 * per interval 8+8 bytes of time, 4 of lane, 1 of state, 4 of detail and 4 of
 * source offset (29 bytes). Arrays may be longer than `count` (capacity);
 * only the first `count` entries are meaningful.
 */
import type { Diagnostic } from '../diagnostic';
import type { Span } from '../syntax/ast';

/**
 * Interval states. One enum for all lane kinds; each lane kind uses its own
 * subset. Values are stable (they cross the worker boundary and are used by
 * exporters and tests).
 */
export const State = {
  // Lane exists but the entity does not (yet / any more): LWP not created or
  // destroyed, thread not started. Drawn as nothing.
  Absent: 0,

  // CPU lanes
  CpuIdle: 1,
  /** Running user-mode code (`compute`) of the thread on the LWP in `detail`. */
  CpuUser: 2,
  /** Kernel-mode work (`syscall` body, the kernel part of `io`/`sleep`). */
  CpuKernel: 3,
  /** Busy-waiting on a spinlock. */
  CpuSpin: 4,
  OverheadModeSwitch: 5,
  OverheadKernelSwitch: 6,
  OverheadAddressSpaceSwitch: 7,
  OverheadUserSwitch: 8,
  OverheadUserCreate: 9,
  OverheadKernelCreate: 10,
  OverheadUpcall: 11,

  // LWP lanes (`detail` = global thread instance id carried, or -1)
  LwpRunning: 20,
  LwpRunnable: 21,
  LwpBlocked: 22,
  LwpParked: 23,

  // Thread lanes (`detail` = sync index / thread index / LWP as documented per state)
  ThreadRunning: 40,
  /** Ready in the library's queue (or, in 1:1, its LWP is runnable but not on a CPU). */
  ThreadReady: 41,
  /** On an LWP that the kernel has preempted or not yet scheduled: the library thinks it runs. */
  ThreadStalled: 42,
  /** Blocked in the kernel (io, kernel semaphore, 1:1 mutex wait). */
  ThreadBlockedKernel: 43,
  /** Parked by the library on a mutex / semaphore / join (`detail` = sync index, or -2 - thread index for join). */
  ThreadBlockedSync: 44,
  ThreadSleeping: 45,
  ThreadSpinning: 46,
  ThreadExited: 47,
} as const;
export type StateValue = (typeof State)[keyof typeof State];
/** One more than the largest State value: the size of tables indexed by state. */
export const STATE_COUNT = Math.max(...Object.values(State)) + 1;

export const EventKind = {
  KernelSwitch: 1,
  UserSwitch: 2,
  ModeSwitch: 3,
  Upcall: 4,
  ThreadCreate: 5,
  ThreadExit: 6,
  LwpCreate: 7,
  LwpDestroy: 8,
  Sigwaiting: 9,
  Preempt: 10,
  LwpWake: 11,
  /** `handoff after D`: a blocked LWP's run slot handed off (its lane, arg the thread it blocked with). */
  Handoff: 12,
} as const;
export type EventKindValue = (typeof EventKind)[keyof typeof EventKind];

export type LaneKind = 'cpu' | 'lwp' | 'thread';

export interface Lane {
  readonly kind: LaneKind;
  /** CPU number, global LWP id, or global thread instance id. */
  readonly id: number;
  /** Display label: `CPU 0`, `LWP 3 (server)`, `server.worker#2`. */
  readonly label: string;
  /** Process index, or -1 for CPU lanes. */
  readonly process: number;
}

export interface Trace {
  /**
   * Lanes: all CPU lanes, then LWP lanes in creation order, then thread lanes
   * in creation order. Empty when the run recorded no trace (recordTrace
   * false): there are no rows to draw or name then.
   */
  readonly lanes: readonly Lane[];
  /** Number of valid intervals. */
  readonly count: number;
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly lane: Uint32Array;
  readonly state: Uint8Array;
  /** Per state: CPU lanes — the LWP id on the CPU (-1 when idle); LWP lanes — the thread instance id carried (-1 none); thread lanes — the LWP id while running/stalled, the sync index while blocked on one. */
  readonly detail: Int32Array;
  /** Source offset (start of the statement's span) the interval belongs to, or -1. */
  readonly src: Int32Array;

  /** Events (markers), sorted by time. */
  readonly eventCount: number;
  readonly eventTime: Float64Array;
  readonly eventKind: Uint8Array;
  readonly eventLane: Uint32Array;
  /** Kind-specific argument (e.g. the thread or LWP id concerned), or -1. */
  readonly eventArg: Int32Array;
  /** Time the run ended (makespan, or the limit). Every lane covers [0, endTime]. */
  readonly endTime: number;
  /**
   * Who held each mutex and spinlock when (what "held by X" at an instant
   * rests on: a lock taken without waiting leaves no interval of its own).
   * Absent from traces not made by the simulator, and empty without a trace.
   */
  readonly holds?: LockHolds;
  /**
   * The state each lane is left in at endTime, by lane index (with its
   * detail, source offset and since when): what a deadlock left standing,
   * which no interval shows when it began at endTime itself. Absent like
   * `holds`.
   */
  readonly final?: LaneFinal;
}

/** Per lane (index into Trace.lanes): its open state at the end of the run. */
export interface LaneFinal {
  readonly state: Uint8Array;
  readonly detail: Int32Array;
  readonly src: Int32Array;
  readonly since: Float64Array;
}

/** Lock ownership spans, in the order they ended: lock `sync` (index into Scenario.syncs) held by thread `thread` over [start, end). */
export interface LockHolds {
  readonly count: number;
  readonly sync: Int32Array;
  readonly thread: Int32Array;
  readonly start: Float64Array;
  readonly end: Float64Array;
}

export type RunStatus = 'completed' | 'deadlock' | 'limit';

export interface Metrics {
  readonly status: RunStatus;
  readonly makespan: number;
  readonly cpuUtilization: number;
  readonly usefulWork: number;
  readonly overhead: number;
  readonly spinTime: number;
  readonly kernelSwitches: number;
  readonly userSwitches: number;
  readonly modeSwitches: number;
  readonly upcalls: number;
  readonly sigwaiting: number;
  /** Run slots handed off by `handoff after D`. */
  readonly handoffs: number;
  readonly lwpsCreated: number;
  readonly threadsCreated: number;
}

export interface ThreadMetrics {
  /** `process.thread#n` (`process.thread` for a single instance). */
  readonly id: string;
  readonly process: number;
  /** Index of the thread declaration within its process. */
  readonly thread: number;
  /** 1-based instance number. */
  readonly instance: number;
  readonly start: number;
  /** null if it never exited. */
  readonly finish: number | null;
  readonly running: number;
  readonly ready: number;
  readonly blocked: number;
}

/**
 * Per-thread metrics in columns, one entry per thread instance in id order
 * (declared threads by process and declaration, then spawned ones as they
 * were spawned; the order of the lanes of kind `thread`). Columns rather
 * than one object per thread: a long run spawns tens of thousands of
 * threads, and their objects were the largest part of the result. Plain
 * data (it crosses to the webview by structured clone); `threadRow` and
 * `threadRows` give the rows as ThreadMetrics. Every column holds exactly
 * `count` entries.
 */
export interface ThreadColumns {
  readonly count: number;
  /** `process.thread#n` (`process.thread` for a single instance). */
  readonly id: readonly string[];
  readonly process: Int32Array;
  /** Index of the thread declaration within its process. */
  readonly thread: Int32Array;
  /** 1-based instance number. */
  readonly instance: Int32Array;
  readonly start: Float64Array;
  /** -1 if it never exited (ThreadMetrics.finish null). */
  readonly finish: Float64Array;
  readonly running: Float64Array;
  readonly ready: Float64Array;
  readonly blocked: Float64Array;
}

/** Thread `i` of the columns as a plain ThreadMetrics object. */
export function threadRow(t: ThreadColumns, i: number): ThreadMetrics {
  const finish = t.finish[i];
  return { id: t.id[i], process: t.process[i], thread: t.thread[i], instance: t.instance[i], start: t.start[i], finish: finish >= 0 ? finish : null, running: t.running[i], ready: t.ready[i], blocked: t.blocked[i] };
}

/** The threads as ThreadMetrics objects, in id order: all, or those whose index `keep` accepts. */
export function threadRows(t: ThreadColumns, keep?: (i: number) => boolean): ThreadMetrics[] {
  const out: ThreadMetrics[] = [];
  for (let i = 0; i < t.count; i++) if (keep === undefined || keep(i)) out.push(threadRow(t, i));
  return out;
}

/** Columns of no threads (for results made up outside the simulator). */
export function noThreads(): ThreadColumns {
  return { count: 0, id: [], process: new Int32Array(0), thread: new Int32Array(0), instance: new Int32Array(0), start: new Float64Array(0), finish: new Float64Array(0), running: new Float64Array(0), ready: new Float64Array(0), blocked: new Float64Array(0) };
}

export interface ProcessMetrics {
  readonly name: string;
  readonly model: string;
  readonly finish: number | null;
  readonly maxLwps: number;
}

export interface StuckThread {
  readonly thread: string;
  /** What it waits for, in words: `mutex cache held by server.worker#2`, `an LWP: all 2 LWPs of server are blocked in the kernel`. */
  readonly waitsFor: string;
  readonly kind: 'mutex' | 'semaphore' | 'barrier' | 'join' | 'lwp' | 'spinlock' | 'other';
  /** The statement it is stuck at. */
  readonly span: Span;
  /** The holder / awaited thread, when there is one. */
  readonly holder: string | null;
  readonly holderSpan: Span | null;
}

export interface DeadlockReport {
  readonly time: number;
  readonly stuck: readonly StuckThread[];
  /** A plain-language summary. */
  readonly summary: string;
}

export interface LimitReport {
  readonly time: number;
  /** Plain-language explanation; mentions threads spinning on a lock whose holder cannot run. */
  readonly summary: string;
  readonly spinning: readonly StuckThread[];
}

export interface ExpectResult {
  readonly span: Span;
  readonly text: string;
  readonly passed: boolean;
  /** Actual value, formatted (`14.03ms`, `deadlock`, `0.42`). */
  readonly actual: string;
}

export interface RunResult {
  readonly status: RunStatus;
  readonly makespan: number;
  readonly metrics: Metrics;
  readonly threads: ThreadColumns;
  readonly processes: readonly ProcessMetrics[];
  readonly deadlock: DeadlockReport | null;
  readonly limit: LimitReport | null;
  readonly expectations: readonly ExpectResult[];
  /** Runtime errors and warnings found while running (e.g. unlock of a mutex not held), positioned at statements. */
  readonly diagnostics: readonly Diagnostic[];
  readonly trace: Trace;
  /** Number of simulation events processed. */
  readonly events: number;
}
