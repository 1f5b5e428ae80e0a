/**
 * The simulated entities. Plain classes with fixed shapes (fast property
 * access); created when the entity appears, never per event.
 */
import type { Instr, ProcessIR, SyncIR, ThreadIR } from '../check/ir';
import type { Span } from '../syntax/ast';
import { KeyedHeap } from './queue';
import { withLength } from '../typed';

export const LwpStatus = { Runnable: 0, Running: 1, Blocked: 2, Parked: 3, Dead: 4 } as const;

/** What an LWP is for; the engine's behaviour per model is driven by this and by Thr.direct. */
export const Role = {
  /** In a many-to-one / many-to-many pool: runs whichever user thread the library gives it. */
  Pool: 0,
  /** Dedicated to one thread (one-to-one, or a bound thread). */
  Direct: 1,
  /** A pool LWP blocked in the kernel that an upcall has replaced (scheduler activations). */
  UpcallBlocked: 2,
  /** Its blocking call finished: it makes the second upcall, hands its thread back and is discarded. */
  UpcallReturn: 3,
  /** Destroyed as soon as its pending overheads are paid. */
  Dying: 4,
} as const;

/** Numeric op codes of Instr['op'], compiled once per thread declaration. */
export const Op = { compute: 0, syscall: 1, io: 2, sleep: 3, yield: 4, lock: 5, unlock: 6, wait: 7, post: 8, spawn: 9, join: 10, loop: 11, next: 12 } as const;

/**
 * A thread declaration's code decoded once into typed arrays, shared by all
 * its instances, so the statement loop reads numbers instead of dispatching
 * on instruction objects of eight shapes. Per instruction: `ops` the op code;
 * `a` the duration (compute, syscall, io, sleep), sync index (lock, unlock,
 * wait, post), thread index (spawn, join), iteration count (loop; -1 for
 * `forever`) or loop index (next); `b` the instance count (spawn) or the
 * index past the loop (loop); `src` the source offset, with -1 past the end.
 */
export class CodeTable {
  readonly ops: Uint8Array;
  readonly a: Float64Array;
  readonly b: Int32Array;
  readonly src: Int32Array;
  /** Some loop counts its iterations (`forever` ones count nothing): the instances need Thr.loops. */
  readonly hasLoops: boolean;
  constructor(readonly code: readonly Instr[]) {
    const n = code.length;
    this.ops = new Uint8Array(n);
    this.a = new Float64Array(n);
    this.b = new Int32Array(n);
    this.src = new Int32Array(n + 1);
    let loops = false;
    for (let i = 0; i < n; i++) {
      const ins = code[i];
      this.ops[i] = Op[ins.op];
      this.src[i] = ins.span.start;
      switch (ins.op) {
        case 'compute':
        case 'syscall':
        case 'io':
        case 'sleep':
          this.a[i] = ins.ns;
          break;
        case 'lock':
        case 'unlock':
        case 'wait':
        case 'post':
          this.a[i] = ins.sync;
          break;
        case 'spawn':
          this.a[i] = ins.thread;
          this.b[i] = ins.count;
          break;
        case 'join':
          this.a[i] = ins.thread;
          break;
        case 'loop':
          if (ins.count !== null && ins.count > 0) loops = true;
          this.a[i] = ins.count === null ? -1 : ins.count;
          this.b[i] = ins.end;
          break;
        case 'next':
          this.a[i] = ins.loop;
          break;
        case 'yield':
          break;
      }
    }
    this.src[n] = -1;
    this.hasLoops = loops;
  }
}

export const ThrStatus = { NotStarted: 0, Ready: 1, OnLwp: 2, Parked: 3, Exited: 4 } as const;

/** What a thread waits for (for the trace's detail and the deadlock report). */
export const Wait = { None: 0, Io: 1, Sleep: 2, Mutex: 3, Semaphore: 4, Join: 5 } as const;

export class Cpu {
  lwp: Lwp | null = null;
  lastLwp: Lwp | null = null;
  lastProcess = -1;
  wasIdle = true;
  segActive = false;
  /** The active segment is thread work (compute, syscall, spin) rather than an overhead. */
  segWork = false;
  segState = 0;
  segStart = 0;
  gen = 0;
  sliceEnd = Infinity;
  preemptPending = false;
  kicked = false;
  constructor(
    readonly id: number,
    readonly lane: number,
  ) {}
}

export class Lwp {
  status: number = LwpStatus.Parked;
  thread: Thr | null = null;
  lastThread: Thr | null = null;
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
  blockGen = 0;
  /** Woken or created to look for a ready thread, not yet looked. */
  seeking = false;
  /** The library asked to reconsider the thread on it (priority preemption). */
  userPreempt = false;
  constructor(
    readonly id: number,
    readonly lane: number,
    readonly proc: Proc,
    public role: number,
    readonly prio: number,
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

export class Thr {
  // Fields in the order the object is laid out (declared without
  // initializers and assigned in this order): what nearly every event reads
  // first, so that it shares the object's first cache lines.
  pc: number;
  /** Progress within the current statement (which overhead was paid, instances spawned …). */
  phase: number;
  readonly id: number;
  /** Index of the thread's record in the engine's hot array (reused once the thread exits). */
  readonly slot: number;
  /** The declaration's decoded code (shared by its instances). */
  readonly table: CodeTable;
  /** One-to-one or bound: every block is a kernel block of its own LWP. */
  readonly direct: boolean;
  status: number;
  lwp: Lwp | null;
  readonly proc: Proc;
  readonly lane: number;
  readonly decl: ThreadIR;
  readonly instance: number;
  wait: number;
  blockGen: number;
  started: number;
  held: number;
  joinLimit: number;
  joinLeft: number;
  private label: string | null;
  /** Iterations left per counted loop (indexed by the loop's statement); null when the code has none. */
  readonly loops: Int32Array | null;
  constructor(id: number, slot: number, lane: number, proc: Proc, decl: ThreadIR, instance: number, direct: boolean, table: CodeTable) {
    this.pc = 0;
    this.phase = 0;
    this.id = id;
    this.slot = slot;
    this.table = table;
    this.direct = direct;
    this.status = ThrStatus.NotStarted;
    this.lwp = null;
    this.proc = proc;
    this.lane = lane;
    this.decl = decl;
    this.instance = instance;
    this.wait = Wait.None;
    this.blockGen = 0;
    this.started = -1;
    this.held = 0;
    this.joinLimit = 0;
    this.joinLeft = 0;
    this.label = null;
    this.loops = table.hasLoops ? new Int32Array(decl.code.length) : null;
  }

  /** The declaration's instructions (a getter: one field less in every thread). */
  get code(): readonly Instr[] {
    return this.table.code;
  }

  /** The thread's name (threadName); built on first use, not per spawn. */
  get name(): string {
    if (this.label === null) this.label = threadName(this.proc.ir, this.decl, this.instance);
    return this.label;
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

/** Times kept per thread in ThreadRecords.time. */
export const TIMES = 3;

/**
 * What the result needs of every thread ever made (its metrics, its lane's
 * label), in columns indexed by thread id: the engine drops a thread's
 * object when it exits, so that the tens of thousands a long run spawns die
 * young instead of being kept (and copied by every collection) to the end.
 */
export class ThreadRecords {
  count = 0;
  /** Process index, declaration index within it, 1-based instance number, lane (-1 without a trace). */
  proc: Int32Array;
  decl: Int32Array;
  instance: Int32Array;
  lane: Int32Array;
  /** Time started and exited, -1 before. */
  started: Float64Array;
  finish: Float64Array;
  /**
   * Without a trace (the thread has no lane then): its time running, ready
   * and blocked (categories 0–2 of TraceBuilder's CATEGORY), TIMES per
   * thread, final once it has exited or the run has ended. Empty with a trace.
   */
  time: Float64Array;

  /** `capacity`: the threads expected (the columns double beyond it). */
  constructor(keepTimes: boolean, capacity: number) {
    const n = Math.max(1, capacity);
    this.proc = new Int32Array(n);
    this.decl = new Int32Array(n);
    this.instance = new Int32Array(n);
    this.lane = new Int32Array(n);
    this.started = new Float64Array(n);
    this.finish = new Float64Array(n);
    this.time = new Float64Array(keepTimes ? n * TIMES : 0);
  }

  /** Records a new thread (neither started nor exited) and returns its id. */
  add(proc: number, decl: number, instance: number, lane: number): number {
    const id = this.count++;
    if (id === this.proc.length) {
      const n = 2 * id;
      this.proc = withLength(this.proc, n);
      this.decl = withLength(this.decl, n);
      this.instance = withLength(this.instance, n);
      this.lane = withLength(this.lane, n);
      this.started = withLength(this.started, n);
      this.finish = withLength(this.finish, n);
      if (this.time.length > 0) this.time = withLength(this.time, n * TIMES);
    }
    this.proc[id] = proc;
    this.decl[id] = decl;
    this.instance[id] = instance;
    this.lane[id] = lane;
    this.started[id] = -1;
    this.finish[id] = -1;
    return id;
  }
}

export class ThreadLibrary {
  readonly ready: KeyedHeap<Thr>;
  readonly priority: boolean;
  /** Round-robin quantum, or Infinity. */
  readonly quantum: number;
  constructor(ir: ProcessIR) {
    this.priority = ir.scheduler.policy === 'priority';
    // Without priorities every thread is pushed with priority 0: a FIFO.
    this.ready = new KeyedHeap<Thr>(!this.priority);
    this.quantum = ir.scheduler.policy === 'round-robin' ? Math.max(1, ir.scheduler.quantum) : Infinity;
  }
  push(t: Thr, atHead: boolean): void {
    const p = this.priority ? t.decl.priority : 0;
    if (atHead) this.ready.pushHead(t, p);
    else this.ready.pushTail(t, p);
  }
}

export class Proc {
  readonly lib: ThreadLibrary;
  /** Pool LWPs alive (not counting replaced upcall LWPs). */
  poolSize = 0;
  poolBlocked = 0;
  readonly poolLwps: Lwp[] = [];
  readonly parked: Lwp[] = [];
  seekers = 0;
  liveLwps = 0;
  maxLwps = 0;
  liveThreads = 0;
  finish: number | null = null;
  /** Ids of the declared (not spawned) threads: firstThread … firstThread + declaredThreads - 1. */
  firstThread = 0;
  declaredThreads = 0;
  readonly declLive: number[];
  readonly declStarted: number[];
  readonly joiners: Thr[][];
  constructor(
    readonly ir: ProcessIR,
    /** Threads share a pool of LWPs (many-to-one, many-to-many). */
    readonly pooled: boolean,
  ) {
    this.lib = new ThreadLibrary(ir);
    this.declLive = ir.threads.map(() => 0);
    this.declStarted = ir.threads.map(() => 0);
    this.joiners = ir.threads.map(() => []);
  }
}

export class Sync {
  holder: Thr | null = null;
  /** Span of the holder's `lock` (for reports). */
  heldAt: Span | null = null;
  count: number;
  readonly waiters: Thr[] = [];
  readonly spinners: Thr[] = [];
  readonly kernel: boolean;
  readonly spin: boolean;
  readonly mutex: boolean;
  constructor(readonly ir: SyncIR) {
    this.count = ir.initial;
    this.kernel = ir.process === -1;
    this.spin = ir.kind === 'spinlock';
    this.mutex = ir.kind === 'mutex';
  }
}
