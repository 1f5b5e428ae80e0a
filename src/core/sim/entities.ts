/**
 * The simulated entities. Plain classes with fixed shapes (fast property
 * access); created when the entity appears, never per event.
 */
import type { Instr, ProcessIR, SyncIR, ThreadIR } from '../check/ir';
import type { Span } from '../syntax/ast';
import { KeyedHeap } from './queue';

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

export function opTable(code: readonly Instr[]): Uint8Array {
  const a = new Uint8Array(code.length);
  for (let i = 0; i < code.length; i++) a[i] = Op[code[i].op];
  return a;
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
  /** Overheads (State values) this LWP must pay before running anything else. */
  pending: number[] = [];
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
}

export class Thr {
  status: number = ThrStatus.NotStarted;
  lwp: Lwp | null = null;
  pc = 0;
  /** Progress within the current statement (which overhead was paid, instances spawned …). */
  phase = 0;
  /** Work left in the current compute/syscall (Infinity while spinning). */
  remaining = 0;
  /** CPU time left in the library's round-robin quantum (Infinity without one). */
  libLeft = Infinity;
  wait: number = Wait.None;
  waitDetail = -1;
  blockGen = 0;
  finish: number | null = null;
  started = -1;
  held = 0;
  joinDecl = -1;
  joinLimit = 0;
  joinLeft = 0;
  readonly loops: Int32Array | null;
  readonly code: readonly Instr[];
  constructor(
    readonly id: number,
    readonly lane: number,
    readonly proc: Proc,
    readonly decl: ThreadIR,
    readonly instance: number,
    readonly name: string,
    /** One-to-one or bound: every block is a kernel block of its own LWP. */
    readonly direct: boolean,
    readonly src: Int32Array,
    readonly ops: Uint8Array,
    hasLoops: boolean,
  ) {
    this.loops = hasLoops ? new Int32Array(decl.code.length) : null;
    this.code = decl.code;
  }
}

export class ThreadLibrary {
  readonly ready = new KeyedHeap<Thr>();
  readonly priority: boolean;
  /** Round-robin quantum, or Infinity. */
  readonly quantum: number;
  constructor(ir: ProcessIR) {
    this.priority = ir.scheduler.policy === 'priority';
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
  constructor(readonly ir: SyncIR) {
    this.count = ir.initial;
    this.kernel = ir.process === -1;
  }
}
