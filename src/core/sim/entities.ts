/**
 * The simulated entities: CPUs, LWPs, user threads and processes. Plain
 * classes with fixed shapes, created when the entity appears, never per
 * event; what they do is decided by the parts (kernel/, library/, sync/,
 * interpreter.ts), not here.
 *
 * Invariants: an LWP is on at most one CPU (`Cpu.lwp` ⇔ `Lwp.cpu`) and
 * carries at most one thread (`Lwp.thread` ⇔ `Thread.lwp`, the thread then
 * `OnLwp`); a thread whose LWP is its own for life is `direct` (one-to-one,
 * or bound), every other one is multiplexed by its process's library.
 */
import type { ProcessIR, ThreadIR } from '../check/ir';
import type { CodeTable } from './code';
import type { ThreadLibrary } from './library/library';
import type { PoolOption } from './library/poolOption';
import type { JoinTarget } from './sync/join';
import { State } from './result';
import type { SpinWait } from './sync/spinlock';

export const LwpStatus = { Runnable: 0, Running: 1, Blocked: 2, Parked: 3, Dead: 4 } as const;

/** What an LWP is for: the kernel and the libraries read it at each step of the LWP. */
export const Role = {
  /** In a many-to-one / many-to-many pool: runs whichever user thread the library gives it. */
  Pool: 0,
  /** Dedicated to one thread (one-to-one, or a bound thread). */
  Direct: 1,
  /** A pool LWP that a pool option took out of the pool (Lwp.takenBy): blocked in the kernel (upcalls, handoff), or idle without a run slot (handoff). */
  TakenFromPool: 2,
  /** Its blocking call finished: the option that took it decides, on a CPU, what becomes of its thread and of it. */
  Returning: 3,
  /** Destroyed as soon as its pending overheads are paid. */
  Dying: 4,
} as const;

export const ThreadStatus = { NotStarted: 0, Ready: 1, OnLwp: 2, Parked: 3, Exited: 4 } as const;

/** What a thread waits for (the end-of-run reports read it). */
export const Wait = { None: 0, Io: 1, Sleep: 2, Mutex: 3, Semaphore: 4, Join: 5, Barrier: 6 } as const;

export class Cpu {
  lwp: Lwp | null = null;
  lastLwp: Lwp | null = null;
  lastProcess = -1;
  wasIdle = true;
  /** A segment (an overhead or thread work) is in progress; its end event is queued unless it is endless spinning. */
  segmentActive = false;
  /** The active segment is thread work (compute, syscall, spin), which preemption may cut, rather than an overhead. */
  segmentIsWork = false;
  segmentState = 0;
  segmentStart = 0;
  /** Bumped when a segment is cut short: the end event it queued is then stale. */
  generation = 0;
  /** When the kernel's slice of the LWP on this CPU ends (Infinity: never); it starts after the dispatch costs. */
  sliceEnd = Infinity;
  /** Since when the LWP on this CPU has run without its policy being told (KernelPolicy.ran). */
  runStart = 0;
  /** The kernel asked this CPU to reconsider its LWP (wake-up preemption). */
  preemptPending = false;
  /** On the kernel's list of CPUs to advance after the current event. */
  kicked = false;
  constructor(
    readonly id: number,
    readonly lane: number,
  ) {}
}

export class Lwp {
  status: number = LwpStatus.Parked;
  thread: Thread | null = null;
  lastThread: Thread | null = null;
  cpu: Cpu | null = null;
  /**
   * Overheads (State values, < 64) this LWP must pay before running anything
   * else, oldest first: the first OWED_INLINE packed 6 bits each into
   * owedBits (in the object itself: dispatching an LWP touches no other
   * object), any further ones in owedMore (many joiners woken by one exit),
   * allocated when first needed.
   */
  private owedBits = 0;
  private owedMore: number[] | null = null;
  owedCount = 0;
  /** Bumped at each kernel block: a timer of an earlier block is then stale. */
  blockGeneration = 0;
  /** Bumped at each kernel block of a pool LWP: a pool option's hand-off delay armed in an earlier block is then stale. */
  delayGeneration = 0;
  /** Woken or created to look for a ready thread, not yet looked. */
  seeking = false;
  /** The library asked to reconsider the thread on it (priority preemption). */
  threadPreemptPending = false;
  /** Woken while still on its CPU paying the kernel entry of its wait: it leaves the CPU and comes back as a woken LWP. */
  wokenInEntry = false;
  /** With Role.TakenFromPool or Role.Returning: the pool option that took it. */
  takenBy: PoolOption | null = null;
  constructor(
    readonly id: number,
    /** Its trace lane (-1 without a trace). */
    readonly lane: number,
    readonly process: Process,
    public role: number,
    readonly priority: number,
  ) {}

  /** Owes `state` after everything already owed. */
  owe(state: number): void {
    if (this.owedCount < OWED_INLINE) this.owedBits |= state << (6 * this.owedCount);
    else (this.owedMore ??= []).push(state);
    this.owedCount++;
  }

  /** Owes `state` before everything already owed (dispatch costs come first). */
  oweFirst(state: number): void {
    if (this.owedCount >= OWED_INLINE) {
      (this.owedMore ??= []).unshift(this.owedBits >>> OWED_LAST_SHIFT);
      this.owedBits &= (1 << OWED_LAST_SHIFT) - 1;
    }
    this.owedBits = (this.owedBits << 6) | state;
    this.owedCount++;
  }

  /** The oldest overhead owed; the caller checks owedCount first. */
  takeOwed(): number {
    const s = this.owedBits & 63;
    this.owedBits >>>= 6;
    this.owedCount--;
    if (this.owedCount >= OWED_INLINE) this.owedBits |= this.owedMore!.shift()! << OWED_LAST_SHIFT;
    return s;
  }
}

const OWED_INLINE = 5;
const OWED_LAST_SHIFT = 6 * (OWED_INLINE - 1);

export class Thread {
  // Fields in the order the object is laid out (declared without
  // initializers and assigned in this order): what nearly every event reads
  // first shares the object's first cache lines.
  pc: number;
  /** Progress within the current statement (which overhead was paid, instances spawned …). */
  phase: number;
  /** Work left in the current compute or syscall (Infinity while spinning). */
  workLeft: number;
  /** CPU time left in its library's round-robin quantum (Infinity without one). */
  quantumLeft: number;
  readonly id: number;
  /** Its handle in the trace (a lane with a trace, a time record without). */
  readonly track: number;
  /**
   * Its state in the trace (a State), kept by the trace side with its lane
   * or time record (TraceBuilder.threadState): most updates repeat it, and
   * a run without a trace then stops here.
   */
  traceState: number;
  /** The declaration's decoded code (shared by its instances). */
  readonly code: CodeTable;
  /** One-to-one or bound: every block is a kernel block of its own LWP. */
  readonly direct: boolean;
  status: number;
  lwp: Lwp | null;
  readonly process: Process;
  readonly decl: ThreadIR;
  readonly instance: number;
  wait: number;
  /** Bumped at each library block: a timer of an earlier block is then stale. */
  blockGeneration: number;
  started: number;
  /** Locks held. */
  held: number;
  /** While joining: the highest instance number waited for, and how many are still live. */
  joinLimit: number;
  joinLeft: number;
  /** Its place in a spinlock's spin order (spinlock.ts): made at its first spin, reused by every later one. */
  spin: SpinWait | null;
  private label: string | null;
  /** Iterations left per counted loop (indexed by the loop's statement); null when the code has none. */
  readonly loops: Int32Array | null;
  constructor(id: number, track: number, process: Process, decl: ThreadIR, instance: number, direct: boolean, code: CodeTable) {
    this.pc = 0;
    this.phase = 0;
    this.workLeft = 0;
    this.quantumLeft = Infinity;
    this.id = id;
    this.track = track;
    this.traceState = State.Absent;
    this.code = code;
    this.direct = direct;
    this.status = ThreadStatus.NotStarted;
    this.lwp = null;
    this.process = process;
    this.decl = decl;
    this.instance = instance;
    this.wait = Wait.None;
    this.blockGeneration = 0;
    this.started = -1;
    this.held = 0;
    this.joinLimit = 0;
    this.joinLeft = 0;
    this.spin = null;
    this.label = null;
    this.loops = code.hasCountedLoops ? new Int32Array(decl.code.length) : null;
  }

  /** The thread's name (threadName); built on first use, not per spawn. */
  get name(): string {
    if (this.label === null) this.label = threadName(this.process.ir, this.decl, this.instance);
    return this.label;
  }
}

export class Process {
  liveLwps = 0;
  maxLwps = 0;
  liveThreads = 0;
  finish: number | null = null;
  /** Ids of the declared (not spawned) threads: firstThread … firstThread + declaredThreads - 1. */
  firstThread = 0;
  declaredThreads = 0;
  /** Per declaration: instances started and not exited; the highest instance number started. */
  readonly liveInstances: number[];
  readonly startedInstances: number[];
  /** Per declaration: what `join` waits on (filled by the engine). */
  readonly joins: JoinTarget[] = [];
  readonly library: ThreadLibrary;
  constructor(
    readonly ir: ProcessIR,
    makeLibrary: (p: Process) => ThreadLibrary,
  ) {
    this.library = makeLibrary(this);
    this.liveInstances = ir.threads.map(() => 0);
    this.startedInstances = ir.threads.map(() => 0);
  }
}

/** `process.thread#n`, or `process.thread` for the only instance of a declared thread. */
export function threadName(proc: ProcessIR, decl: ThreadIR, instance: number): string {
  const prefix = namePrefix(proc, decl);
  return numbered(decl) ? prefix + instance : prefix;
}

/** What the names of a declaration's instances start with: `process.thread#`, or the whole name. */
export function namePrefix(proc: ProcessIR, decl: ThreadIR): string {
  return numbered(decl) ? `${proc.name}.${decl.name}#` : `${proc.name}.${decl.name}`;
}

/** Whether a declaration's instances are numbered (spawned, or declared `* n` with n > 1). */
export function numbered(decl: ThreadIR): boolean {
  return decl.spawned || decl.count > 1;
}

/** Removes list[i], keeping the order, without allocating (splice returns an array). */
export function removeAt<T>(list: T[], i: number): void {
  const n = list.length - 1;
  for (let k = i; k < n; k++) list[k] = list[k + 1];
  list.pop();
}
