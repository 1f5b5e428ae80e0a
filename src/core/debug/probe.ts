/**
 * The debugger's watcher on a run (the simulator's `Probe`): it numbers
 * every point at which a debugger can stop — a thread starting a statement,
 * a marker event, a kernel block — and counts each statement's starts since
 * the run began (breakpoint hit counts).
 *
 * Invariants: a point is (seg, index): `seg` is the number of events the
 * loop had taken when it happened (0: the run's start, before any event),
 * `index` counts the points within that segment from 0, so points are
 * totally ordered and the same run numbers them the same way every time;
 * a retry of the instruction a thread last started (a spinner trying its
 * lock again) is not a new start; `next` (a loop's closing brace) is not a
 * statement a user sees, but it ends a retry. The counts live in this
 * object, which lives in the engine's object graph, so a checkpoint (a copy
 * of the engine) carries them; the listener is the debugger's and is set
 * again on every copy it runs.
 */
import type { ThreadIR } from '../check/ir';
import { Op } from '../sim/code';
import type { Thread } from '../sim/entities';
import type { EventLoop } from '../sim/loop';
import type { Probe } from '../sim/probe';

/** Who a point concerns: what stays true of a thread in every copy of the run (a Thread is one). */
export interface HitThread {
  /** The engine's thread id (creation order). */
  readonly id: number;
  readonly name: string;
  readonly decl: ThreadIR;
}

/** One point of the run: what a debugger's matchers read, live or from the Timeline's log. */
export interface PointHit {
  readonly seg: number;
  readonly index: number;
  /** 0 for a statement start; else the marker (EventKind) or ProbeEvent. */
  readonly event: number;
  /** The thread starting a statement; for an event, null (see subject). */
  readonly thread: HitThread | null;
  /** For a statement, the thread's id; for an event, its subject id (thread, LWP or process by kind). */
  readonly subject: number;
  /** For a statement: the instruction, and how many times it has started in the run, this start included. */
  readonly pc: number;
  readonly starts: number;
  /** The simulated time of the point, ns. */
  readonly time: number;
}

/** One point, as the listener sees it while the engine stands at it (the object is reused: copy what you keep). */
export interface Hit extends PointHit {
  seg: number;
  index: number;
  event: number;
  thread: Thread | null;
  subject: number;
  pc: number;
  starts: number;
  time: number;
}

export type HitListener = (hit: Hit) => void;

export class DebugProbe implements Probe {
  /** Per declaration, the starts of each instruction so far. */
  private readonly starts = new Map<ThreadIR, Uint32Array>();
  /** Per thread id, the instruction it last started (-1: none yet). */
  private readonly lastPc: number[] = [];
  private seg = -1;
  private index = 0;
  private readonly hit: Hit = { seg: 0, index: 0, event: 0, thread: null, subject: -1, pc: -1, starts: 0, time: 0 };
  listener: HitListener | null = null;

  constructor(private readonly loop: EventLoop) {}

  statement(t: Thread): void {
    const pc = t.pc;
    const last = this.lastPc[t.id];
    if (last === pc) return;
    this.lastPc[t.id] = pc;
    if (t.code.ops[pc] === Op.next) return;
    let counts = this.starts.get(t.decl);
    if (counts === undefined) {
      counts = new Uint32Array(t.code.ops.length);
      this.starts.set(t.decl, counts);
    }
    const n = ++counts[pc];
    const h = this.next();
    h.event = 0;
    h.thread = t;
    h.subject = t.id;
    h.pc = pc;
    h.starts = n;
    if (this.listener !== null) this.listener(h);
  }

  happened(kind: number, subject: number): void {
    const h = this.next();
    h.event = kind;
    h.thread = null;
    h.subject = subject;
    h.pc = -1;
    h.starts = 0;
    if (this.listener !== null) this.listener(h);
  }

  /** How many times the instruction `pc` of `decl` has started so far. */
  startsOf(decl: ThreadIR, pc: number): number {
    return this.starts.get(decl)?.[pc] ?? 0;
  }

  private next(): Hit {
    const seg = this.loop.events;
    if (seg !== this.seg) {
      this.seg = seg;
      this.index = 0;
    }
    const h = this.hit;
    h.seg = seg;
    h.index = this.index++;
    h.time = this.loop.now;
    return h;
  }
}
