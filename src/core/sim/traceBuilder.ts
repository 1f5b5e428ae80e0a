/**
 * The trace side of the simulator: builds the columnar trace of result.ts
 * while the run goes on, and keeps the time every CPU and thread spends per
 * category (what the metrics read) whether or not intervals are recorded.
 * The engine reports every change of state here and never asks whether a
 * trace is kept: what to keep is decided in this file.
 *
 * Invariants: each lane has one open interval (state, detail, src since
 * openStart); a state change closes it; an interval equal to the lane's
 * previous one and touching it extends that one instead (so zero-length
 * detours do not split a lane). A CPU interval is keyed by the user
 * thread its LWP carries too, so it never spans a user switch or a change
 * of LWP, however cheap (the chart names one thread per CPU interval).
 * Time per (lane, category) is summed on every close, whether or not intervals are recorded, so the metrics are
 * the trace's own sums. Without a trace there are no LWP or thread lanes:
 * LWP states are dropped (no metric reads them) and thread times are kept
 * by ThreadTimes, with the same arithmetic.
 *
 * This file, threadTimes.ts and queue.ts are where the simulator allows
 * itself layout tricks (records in typed arrays, staging buffers, resizable
 * columns), each behind these methods.
 */
import { State, type Lane, type LaneKind, type LaneFinal, type LockHolds, type Trace } from './result';
import { CATEGORY } from './categories';
import type { Probe } from './probe';
import { ThreadTimes } from './threadTimes';
import { withLength } from '../typed';

export { CATEGORY, CATS } from './categories';

/** What the trace reads of a thread: its handle (ThreadTimes record or lane) and where it is in its code. */
export interface TracedThread {
  readonly id: number;
  readonly track: number;
  /** Its current state here, a copy of its lane's or time record's (kept by threadState and threadExited). */
  traceState: number;
  readonly pc: number;
  readonly code: { readonly src: Int32Array };
}

/** What the trace reads of an LWP. */
export interface TracedLwp {
  readonly id: number;
  readonly lane: number;
  readonly thread: TracedThread | null;
}

/**
 * Layout of a lane's record in TraceBuilder.open: LANE_STRIDE doubles with a
 * trace, the first LANE_STRIDE_SUMS without one (all that is read then).
 */
const LANE_STRIDE = 15;
const LANE_STRIDE_SUMS = 6;
const O_START = 0;
const O_ACC = 1; // … O_ACC + CATS - 1
const O_STATE = 5;
const O_DETAIL = 6;
const O_SRC = 7;
const O_LAST_IDX = 8; // -1: nothing recorded yet
const O_LAST_END = 9;
const O_LAST_STATE = 10;
const O_LAST_DETAIL = 11;
const O_LAST_SRC = 12;
// The user thread a CPU interval's LWP carries (-1 elsewhere): not a column
// of the trace (CPU detail names the LWP), but part of what makes two
// intervals one, so a CPU interval never spans a change of carried thread.
const O_KEY = 13;
const O_LAST_KEY = 14;

/** Lane kinds as numbers (addLane), in the contract's lane order. */
export const LaneKindId = { cpu: 0, lwp: 1, thread: 2 } as const;
const LANE_KINDS: readonly LaneKind[] = ['cpu', 'lwp', 'thread'];

/**
 * Intervals (and markers) are written into small plain typed arrays first and
 * copied into the returned columns STAGE at a time: element access to a
 * resizable buffer's typed array is several times slower than to a plain one
 * in V8, while a block copy costs next to nothing, and the staging arrays are
 * reused, so every byte of the trace is still written to fresh memory once.
 */
const STAGE = 4096;
/**
 * Growth step of resizable columns, in elements. Growing commits the pages;
 * shrinking to `count` at the end zeroes what lies past it (V8 does, page by
 * page, which on a VM costs a first touch of each page): a fixed step bounds
 * that waste, where doubling made it up to half the column.
 */
const GROW_STEP = 65_536;

/** Names lanes when the trace is handed out (labels are not built during the run). */
export type LaneLabeler = (kind: LaneKind, entity: number, process: number) => string;

export class TraceBuilder {
  /** Intervals recorded (staged or copied). */
  count = 0;
  /** Set when an append was refused because of the interval cap. */
  overflow = false;
  // The returned columns: resizable ArrayBuffers grown in place when the
  // runtime has them (each interval is copied once, into the memory that is
  // returned), else plain arrays grown by doubling; finish() trims them to
  // `count`. They hold the first `flushed` intervals, the staging arrays the
  // rest.
  private readonly max: number;
  private cap = 0;
  private flushed = 0;
  private start: Float64Array;
  private end: Float64Array;
  private lane: Uint32Array;
  private state: Uint8Array;
  private detail: Int32Array;
  private src: Int32Array;
  private readonly stagedStart: Float64Array;
  private readonly stagedEnd: Float64Array;
  private readonly stagedLane: Uint32Array;
  private readonly stagedState: Uint8Array;
  private readonly stagedDetail: Int32Array;
  private readonly stagedSrc: Int32Array;

  // Per lane, side by side in one record of `stride` doubles (a state change
  // touches the lane's record, not one cache line per column): the open
  // interval's start, the time summed per category and the open state (all
  // a run without a trace keeps), then its detail and source offset and the
  // index, end, state, detail and source offset of the last recorded
  // interval, for merging. Doubles with the number of lanes (with a trace,
  // spawned threads and LWPs keep adding lanes while the run goes on; without
  // one the engine adds only CPU lanes), like `info`: each lane's kind,
  // entity and process, read by finish().
  private lanes = 0;
  private laneCap = 256;
  private readonly stride: number;
  private open: Float64Array;
  private info = new Int32Array(256 * 3);

  /** Without a trace: the threads' times. With one: each thread's lane, by thread id. */
  private readonly times: ThreadTimes | null;
  private threadLane: Int32Array;

  /** A debugger watching the markers (Engine.attachProbe). */
  probe: Probe | null = null;

  /** Markers recorded (staged or copied); columns as for intervals. */
  eventCount = 0;
  private markerCap = 0;
  private markersFlushed = 0;
  private markerTime: Float64Array;
  private markerKind: Uint8Array;
  private markerLane: Uint32Array;
  private markerArg: Int32Array;
  private readonly stagedMarkerTime: Float64Array;
  private readonly stagedMarkerKind: Uint8Array;
  private readonly stagedMarkerLane: Uint32Array;
  private readonly stagedMarkerArg: Int32Array;

  /** Lock ownership (with a trace only): the open hold per sync index (holder -1: free) and the closed ones. */
  private holdHolder: number[] = [];
  private holdFrom: number[] = [];
  private readonly holdSync: number[] = [];
  private readonly holdThread: number[] = [];
  private readonly holdStart: number[] = [];
  private readonly holdEnd: number[] = [];

  constructor(
    private readonly record: boolean,
    private readonly maxIntervals: number,
    private readonly labelOf: LaneLabeler,
    /** The threads expected alive at once (the per-thread arrays double beyond it). */
    threadCapacity = 16,
  ) {
    this.times = record ? null : new ThreadTimes(threadCapacity);
    this.threadLane = new Int32Array(record ? threadCapacity : 0);
    const max = record ? Math.max(1, maxIntervals) : 1;
    const stage = record ? STAGE : 0;
    this.stride = record ? LANE_STRIDE : LANE_STRIDE_SUMS;
    this.open = new Float64Array(this.laneCap * this.stride);
    this.max = max;
    // The columns are made at the first copy: a trace that fits in the
    // staging arrays never reserves them.
    this.start = new Float64Array(0);
    this.end = new Float64Array(0);
    this.lane = new Uint32Array(0);
    this.state = new Uint8Array(0);
    this.detail = new Int32Array(0);
    this.src = new Int32Array(0);
    this.stagedStart = new Float64Array(stage);
    this.stagedEnd = new Float64Array(stage);
    this.stagedLane = new Uint32Array(stage);
    this.stagedState = new Uint8Array(stage);
    this.stagedDetail = new Int32Array(stage);
    this.stagedSrc = new Int32Array(stage);
    this.markerTime = new Float64Array(0);
    this.markerKind = new Uint8Array(0);
    this.markerLane = new Uint32Array(0);
    this.markerArg = new Int32Array(0);
    this.stagedMarkerTime = new Float64Array(stage);
    this.stagedMarkerKind = new Uint8Array(stage);
    this.stagedMarkerLane = new Uint32Array(stage);
    this.stagedMarkerArg = new Int32Array(stage);
  }

  // ---------------------------------------------------------------------------
  // What the engine reports, entity by entity

  /** CPU `id`'s lane, idle from time 0. */
  addCpu(id: number): number {
    return this.addLane(LaneKindId.cpu, id, -1, 0, State.CpuIdle, -1, -1);
  }

  /** A new LWP's lane (-1 without a trace: LWP lanes are only drawn, no metric sums them). */
  addLwp(id: number, process: number, now: number, state: number): number {
    return this.record ? this.addLane(LaneKindId.lwp, id, process, now, state, -1, -1) : -1;
  }

  /** A new thread (Absent until it starts): its handle, Thread.track. */
  addThread(id: number, process: number, now: number): number {
    if (this.times !== null) return this.times.open(id);
    const lane = this.addLane(LaneKindId.thread, id, process, now, State.Absent, -1, -1);
    if (id >= this.threadLane.length) this.threadLane = withLength(this.threadLane, Math.max(16, 2 * id));
    this.threadLane[id] = lane;
    return lane;
  }

  // Each of these is a two-way switch kept small, the traced branch in a
  // method of its own: the kernel's hot paths inline them, and the JIT's
  // inlining budget counts a branch's bytecode even when it never runs, so a
  // bulky switch would push the event queue's push out of those paths.

  cpuIdle(lane: number, now: number): void {
    if (this.record) this.set(lane, State.CpuIdle, -1, -1, now);
    else this.setState(lane, State.CpuIdle, now);
  }

  /** A CPU starts a segment (`state`) for `lwp`, which then runs. */
  cpuBusy(lane: number, state: number, lwp: TracedLwp, now: number): void {
    if (this.record) this.cpuBusyTraced(lane, state, lwp, now);
    else this.setState(lane, state, now);
  }

  private cpuBusyTraced(lane: number, state: number, lwp: TracedLwp, now: number): void {
    const t = lwp.thread;
    this.setKeyed(lane, state, lwp.id, t !== null ? t.code.src[t.pc] : -1, t !== null ? t.id : -1, now);
    this.set(lwp.lane, State.LwpRunning, t !== null ? t.id : -1, -1, now);
  }

  /** An LWP's state, with the thread it carries as detail. */
  lwpState(lwp: TracedLwp, state: number, now: number): void {
    if (this.record) this.lwpStateTraced(lwp, state, now);
  }

  private lwpStateTraced(lwp: TracedLwp, state: number, now: number): void {
    this.set(lwp.lane, state, lwp.thread !== null ? lwp.thread.id : -1, -1, now);
  }

  /** An LWP blocks in the kernel with `thread`, at its current statement. */
  lwpBlocked(lwp: TracedLwp, thread: TracedThread, now: number): void {
    if (this.record) this.lwpBlockedTraced(lwp, thread, now);
  }

  private lwpBlockedTraced(lwp: TracedLwp, thread: TracedThread, now: number): void {
    this.set(lwp.lane, State.LwpBlocked, thread.id, thread.code.src[thread.pc], now);
  }

  /** A thread's state at its current statement. */
  threadState(thread: TracedThread, state: number, detail: number, now: number): void {
    // Without a trace a repeated state changes nothing; with one, its detail or statement may.
    if (this.times === null) this.threadStateTraced(thread, state, detail, now);
    else if (thread.traceState !== state) {
      thread.traceState = state;
      this.times.set(thread.track, state, now);
    }
  }

  private threadStateTraced(thread: TracedThread, state: number, detail: number, now: number): void {
    thread.traceState = state;
    this.set(thread.track, state, detail, thread.code.src[thread.pc], now);
  }

  threadExited(thread: TracedThread, now: number): void {
    thread.traceState = State.ThreadExited;
    if (this.times !== null) this.times.exit(thread.track, now);
    else this.set(thread.track, State.ThreadExited, -1, -1, now);
  }

  /** Lock `sync` is held by thread `thread` (-1: free) from `now` on. */
  lockHolder(sync: number, thread: number, now: number): void {
    if (this.record) this.lockHolderTraced(sync, thread, now);
  }

  private lockHolderTraced(sync: number, thread: number, now: number): void {
    this.closeHold(sync, now);
    this.holdHolder[sync] = thread;
    this.holdFrom[sync] = now;
  }

  private closeHold(sync: number, now: number): void {
    const h = this.holdHolder[sync];
    if (h === undefined || h < 0 || now <= this.holdFrom[sync]) return;
    if (this.holdSync.length >= this.maxIntervals) {
      this.overflow = true;
      return;
    }
    this.holdSync.push(sync);
    this.holdThread.push(h);
    this.holdStart.push(this.holdFrom[sync]);
    this.holdEnd.push(now);
  }

  /** Each lane's open state before the last close (internal lane order; remapped in finish). */
  private finalStates(lanes: number): LaneFinal {
    const n = this.record ? lanes : 0;
    const f: LaneFinal = { state: new Uint8Array(n), detail: new Int32Array(n), src: new Int32Array(n), since: new Float64Array(n) };
    const o = this.open;
    for (let l = 0; l < n; l++) {
      const b = l * this.stride;
      f.state[l] = o[b + O_STATE];
      f.detail[l] = o[b + O_DETAIL];
      f.src[l] = o[b + O_SRC];
      f.since[l] = o[b + O_START];
    }
    return f;
  }

  private holds(endTime: number): LockHolds {
    for (let s = 0; s < this.holdHolder.length; s++) this.closeHold(s, endTime);
    this.holdHolder = [];
    return { count: this.holdSync.length, sync: Int32Array.from(this.holdSync), thread: Int32Array.from(this.holdThread), start: Float64Array.from(this.holdStart), end: Float64Array.from(this.holdEnd) };
  }

  /** Thread `id`'s time in category `cat` (0 running, 1 ready, 2 blocked); after finish(). */
  threadTime(id: number, cat: number): number {
    return this.times !== null ? this.times.time(id, cat) : this.timeIn(this.threadLane[id], cat);
  }

  /** A live thread's time in category `cat` up to `now`, its open state included (for a debugger, mid-run). */
  threadTimeSoFar(thread: TracedThread, cat: number, now: number): number {
    return this.times !== null ? this.times.soFar(thread.track, cat, now) : this.timeSoFar(thread.track, cat, now);
  }

  /** A lane's time in category `cat` up to `now`, its open interval included (for a debugger, mid-run). */
  timeSoFar(lane: number, cat: number, now: number): number {
    const b = lane * this.stride;
    const open = CATEGORY[this.open[b + O_STATE]] === cat ? now - this.open[b + O_START] : 0;
    return this.open[b + O_ACC + cat] + Math.max(0, open);
  }

  // ---------------------------------------------------------------------------
  // Lanes

  /** Adds a lane whose entity appears at `now` (Absent before that); finish() asks labelOf for its label. */
  addLane(kind: number, entity: number, process: number, now: number, state: number, detail: number, src: number): number {
    const id = this.lanes++;
    if (id === this.laneCap) this.growLanes();
    const o = this.open;
    const b = id * this.stride;
    o[b + O_START] = 0;
    o[b + O_STATE] = State.Absent;
    if (this.record) {
      o[b + O_DETAIL] = -1;
      o[b + O_SRC] = -1;
      o[b + O_LAST_IDX] = -1;
      o[b + O_KEY] = -1;
    }
    const info = this.info;
    info[3 * id] = kind;
    info[3 * id + 1] = entity;
    info[3 * id + 2] = process;
    this.set(id, state, detail, src, now);
    return id;
  }

  private growLanes(): void {
    const n = this.laneCap * 2;
    this.laneCap = n;
    this.open = withLength(this.open, n * this.stride);
    this.info = withLength(this.info, n * 3);
  }

  /**
   * The lane is in `state` (with `detail` and `src`) from `now` on. Without a
   * trace only the time per category is kept (all that metrics read), so a
   * change within a category closes nothing: summing the pieces or the whole
   * gives the same bits, since times are integers of at most 2^53 ns (the
   * largest limit) and so is every partial sum.
   */
  set(lane: number, state: number, detail: number, src: number, now: number): void {
    if (!this.record) {
      this.setState(lane, state, now);
      return;
    }
    this.setKeyed(lane, state, detail, src, -1, now);
  }

  /** set() with a merge key beyond what is recorded (a CPU interval's carried thread); with a trace only. */
  private setKeyed(lane: number, state: number, detail: number, src: number, key: number, now: number): void {
    const o = this.open;
    const b = lane * this.stride;
    if (o[b + O_STATE] === state && o[b + O_DETAIL] === detail && o[b + O_SRC] === src && o[b + O_KEY] === key) return;
    this.close(lane, now);
    o[b + O_START] = now;
    o[b + O_STATE] = state;
    o[b + O_DETAIL] = detail;
    o[b + O_SRC] = src;
    o[b + O_KEY] = key;
  }

  /**
   * set() without a trace, where detail and source offset are not kept: the
   * engine calls this directly then, so that it does not work them out.
   */
  setState(lane: number, state: number, now: number): void {
    const o = this.open;
    const b = lane * this.stride;
    const old = o[b + O_STATE];
    if (old === state) return;
    o[b + O_STATE] = state;
    const oc = CATEGORY[old];
    if (CATEGORY[state] === oc) return;
    const from = o[b + O_START];
    if (now > from) o[b + O_ACC + oc] += now - from;
    o[b + O_START] = now;
  }

  /** The open state of a lane. */
  stateOf(lane: number): number {
    return this.open[lane * this.stride + O_STATE];
  }

  /** Time lane has spent in states of category `cat` (see CATEGORY), closed intervals only. */
  timeIn(lane: number, cat: number): number {
    return this.open[lane * this.stride + O_ACC + cat];
  }

  event(time: number, kind: number, lane: number, arg: number): void {
    if (this.probe !== null) this.probe.happened(kind, arg);
    if (!this.record) return;
    if (this.eventCount >= this.maxIntervals) {
      this.overflow = true;
      return;
    }
    let j = this.eventCount - this.markersFlushed;
    if (j === STAGE) {
      this.flushEvents();
      j = 0;
    }
    this.stagedMarkerTime[j] = time;
    this.stagedMarkerKind[j] = kind;
    this.stagedMarkerLane[j] = lane;
    this.stagedMarkerArg[j] = arg;
    this.eventCount++;
  }

  private close(lane: number, now: number): void {
    const o = this.open;
    const b = lane * this.stride;
    const from = o[b + O_START];
    if (now <= from) return;
    const st = o[b + O_STATE];
    o[b + O_ACC + CATEGORY[st]] += now - from;
    if (!this.record) return;
    const d = o[b + O_DETAIL];
    const s = o[b + O_SRC];
    const k = o[b + O_KEY];
    // The lane's last recorded interval is mirrored in its record, so the
    // merge test reads no column (four cache misses in big traces).
    const li = o[b + O_LAST_IDX];
    if (
      li >= 0 &&
      o[b + O_LAST_END] === from &&
      o[b + O_LAST_STATE] === st &&
      o[b + O_LAST_DETAIL] === d &&
      o[b + O_LAST_SRC] === s &&
      o[b + O_LAST_KEY] === k
    ) {
      if (li >= this.flushed) this.stagedEnd[li - this.flushed] = now;
      else this.end[li] = now;
      o[b + O_LAST_END] = now;
      return;
    }
    if (this.count >= this.maxIntervals) {
      this.overflow = true;
      return;
    }
    let j = this.count - this.flushed;
    if (j === STAGE) {
      this.flushIntervals();
      j = 0;
    }
    this.stagedStart[j] = from;
    this.stagedEnd[j] = now;
    this.stagedLane[j] = lane;
    this.stagedState[j] = st;
    this.stagedDetail[j] = d;
    this.stagedSrc[j] = s;
    const i = this.count++;
    o[b + O_LAST_IDX] = i;
    o[b + O_LAST_END] = now;
    o[b + O_LAST_STATE] = st;
    o[b + O_LAST_DETAIL] = d;
    o[b + O_LAST_SRC] = s;
    o[b + O_LAST_KEY] = k;
  }

  /** Copies the staged intervals into the columns. */
  private flushIntervals(): void {
    const j = this.count - this.flushed;
    if (j === 0) return;
    const at = this.flushed;
    const need = at + j;
    if (need > this.cap) {
      if (this.cap === 0) {
        const max = this.max;
        this.start = column(Float64Array, max);
        this.end = column(Float64Array, max);
        this.lane = column(Uint32Array, max);
        this.state = column(Uint8Array, max);
        this.detail = column(Int32Array, max);
        this.src = column(Int32Array, max);
      }
      const n = grownCapacity(this.start, this.cap, need, this.maxIntervals);
      this.cap = n;
      this.start = resize(this.start, Float64Array, n);
      this.end = resize(this.end, Float64Array, n);
      this.lane = resize(this.lane, Uint32Array, n);
      this.state = resize(this.state, Uint8Array, n);
      this.detail = resize(this.detail, Int32Array, n);
      this.src = resize(this.src, Int32Array, n);
    }
    this.start.set(this.stagedStart.subarray(0, j), at);
    this.end.set(this.stagedEnd.subarray(0, j), at);
    this.lane.set(this.stagedLane.subarray(0, j), at);
    this.state.set(this.stagedState.subarray(0, j), at);
    this.detail.set(this.stagedDetail.subarray(0, j), at);
    this.src.set(this.stagedSrc.subarray(0, j), at);
    this.flushed = need;
  }

  /** Copies the staged markers into their columns. */
  private flushEvents(): void {
    const j = this.eventCount - this.markersFlushed;
    if (j === 0) return;
    const at = this.markersFlushed;
    const need = at + j;
    if (need > this.markerCap) {
      if (this.markerCap === 0) {
        const max = this.max;
        this.markerTime = column(Float64Array, max);
        this.markerKind = column(Uint8Array, max);
        this.markerLane = column(Uint32Array, max);
        this.markerArg = column(Int32Array, max);
      }
      const n = grownCapacity(this.markerTime, this.markerCap, need, this.maxIntervals);
      this.markerCap = n;
      this.markerTime = resize(this.markerTime, Float64Array, n);
      this.markerKind = resize(this.markerKind, Uint8Array, n);
      this.markerLane = resize(this.markerLane, Uint32Array, n);
      this.markerArg = resize(this.markerArg, Int32Array, n);
    }
    this.markerTime.set(this.stagedMarkerTime.subarray(0, j), at);
    this.markerKind.set(this.stagedMarkerKind.subarray(0, j), at);
    this.markerLane.set(this.stagedMarkerLane.subarray(0, j), at);
    this.markerArg.set(this.stagedMarkerArg.subarray(0, j), at);
    this.markersFlushed = need;
  }

  /**
   * Closes every lane at endTime and returns the trace with lanes in the
   * contract's order (CPUs, LWPs by creation, threads by creation) and the
   * arrays trimmed to their length. `laneMap` (internal lane id → index in
   * the trace's lanes) is also returned so callers can map their lane ids
   * (with a trace; without one there are no lanes to map to).
   */
  finish(endTime: number): { trace: Trace; laneMap: Uint32Array } {
    if (this.times !== null) this.times.closeAll(endTime);
    const lanes = this.lanes;
    const final = this.finalStates(lanes);
    for (let l = 0; l < lanes; l++) this.close(l, endTime);
    // A trace that never left the staging arrays is handed out from them
    // (trimmed copies); else the rest is copied into the columns.
    if (this.flushed === 0) {
      this.start = this.stagedStart;
      this.end = this.stagedEnd;
      this.lane = this.stagedLane;
      this.state = this.stagedState;
      this.detail = this.stagedDetail;
      this.src = this.stagedSrc;
    } else this.flushIntervals();
    if (this.markersFlushed === 0) {
      this.markerTime = this.stagedMarkerTime;
      this.markerKind = this.stagedMarkerKind;
      this.markerLane = this.stagedMarkerLane;
      this.markerArg = this.stagedMarkerArg;
    } else this.flushEvents();
    // Entities were numbered in creation order within each kind, so the final
    // order is a stable partition by kind. Without a trace there are no rows
    // to name (see Trace.lanes): no lane objects and no labels, which would
    // be the largest part of the result (one per thread and LWP ever made).
    const info = this.info;
    const laneMap = new Uint32Array(lanes);
    const out: Lane[] = [];
    if (this.record) {
      for (let kind = LaneKindId.cpu; kind <= LaneKindId.thread; kind++) {
        for (let l = 0; l < lanes; l++) {
          if (info[3 * l] !== kind) continue;
          laneMap[l] = out.length;
          const entity = info[3 * l + 1];
          out.push({
            kind: LANE_KINDS[kind],
            id: entity,
            label: this.labelOf(LANE_KINDS[kind], entity, info[3 * l + 2]),
            process: info[3 * l + 2],
          });
        }
      }
    }
    if (this.record) remapFinal(final, laneMap);
    const n = this.count;
    const lane = trim(this.lane, Uint32Array, n);
    remap(lane, n, laneMap);
    const ne = this.eventCount;
    const markerLane = trim(this.markerLane, Uint32Array, ne);
    remap(markerLane, ne, laneMap);
    const trace: Trace = {
      lanes: out,
      count: n,
      start: trim(this.start, Float64Array, n),
      end: trim(this.end, Float64Array, n),
      lane,
      state: trim(this.state, Uint8Array, n),
      detail: trim(this.detail, Int32Array, n),
      src: trim(this.src, Int32Array, n),
      eventCount: ne,
      eventTime: trim(this.markerTime, Float64Array, ne),
      eventKind: trim(this.markerKind, Uint8Array, ne),
      eventLane: markerLane,
      eventArg: trim(this.markerArg, Int32Array, ne),
      endTime,
      holds: this.holds(endTime),
      final,
    };
    return { trace, laneMap };
  }
}

/** Puts the final states in the trace's lane order. */
function remapFinal(f: LaneFinal, map: Uint32Array): void {
  const copy = { state: f.state.slice(), detail: f.detail.slice(), src: f.src.slice(), since: f.since.slice() };
  for (let l = 0; l < map.length; l++) {
    const to = map[l];
    f.state[to] = copy.state[l];
    f.detail[to] = copy.detail[l];
    f.src[to] = copy.src[l];
    f.since[to] = copy.since[l];
  }
}

/** Maps the first n lane ids of `a` through `map`, a block at a time through a plain array (see STAGE). */
function remap(a: Uint32Array, n: number, map: Uint32Array): void {
  if ((a.buffer as ResizableBuffer).resizable !== true) {
    for (let i = 0; i < n; i++) a[i] = map[a[i]];
    return;
  }
  const tmp = new Uint32Array(Math.min(n, STAGE * 4));
  for (let at = 0; at < n; at += tmp.length) {
    const k = Math.min(tmp.length, n - at);
    const block = k === tmp.length ? tmp : tmp.subarray(0, k);
    block.set(a.subarray(at, at + k));
    for (let i = 0; i < k; i++) block[i] = map[block[i]];
    a.set(block, at);
  }
}

/** Columns longer than this are handed out in their (shrunk) resizable buffer rather than copied. */
const IN_PLACE_FROM = 262_144;

type Column = Float64Array | Uint32Array | Uint8Array | Int32Array;
interface ColumnCtor<T extends Column> {
  new (length: number): T;
  new (buffer: ArrayBuffer): T;
  readonly BYTES_PER_ELEMENT: number;
}
/** The resizable-ArrayBuffer API (ES2024), typed here because the project's lib is ES2022. */
interface ResizableBuffer extends ArrayBuffer {
  readonly resizable?: boolean;
  resize(byteLength: number): void;
}
const Resizable = ArrayBuffer as unknown as new (byteLength: number, options: { maxByteLength: number }) => ResizableBuffer;

/** An empty column that can grow to `max` elements: in place when the runtime allows it. */
function column<T extends Column>(ctor: ColumnCtor<T>, max: number): T {
  try {
    const b = new Resizable(0, { maxByteLength: max * ctor.BYTES_PER_ELEMENT });
    if (b.resizable === true) return new ctor(b);
  } catch {
    // No room to reserve (or no resizable buffers): grow by copying instead.
  }
  return new ctor(0);
}

/** The new capacity of columns that must hold `need` elements: a step further in place, else doubled. */
function grownCapacity(a: Column, cap: number, need: number, max: number): number {
  const inPlace = (a.buffer as ResizableBuffer).resizable === true;
  const n = inPlace ? cap + GROW_STEP : Math.max(1024, cap * 2);
  return Math.min(max, Math.max(need, n));
}

function resize<T extends Column>(a: T, ctor: ColumnCtor<T>, n: number): T {
  const b = a.buffer as ResizableBuffer;
  if (b.resizable === true) {
    b.resize(n * ctor.BYTES_PER_ELEMENT);
    return a;
  }
  const c = new ctor(n);
  c.set(a.subarray(0, Math.min(a.length, n)));
  return c;
}

/**
 * The first n elements as the column to hand out (no spare capacity). Small
 * columns are copied into plain arrays (cheap, and consumers never meet a
 * resizable buffer); big ones are shrunk in place, saving a second copy.
 */
function trim<T extends Column>(a: T, ctor: ColumnCtor<T>, n: number): T {
  const b = a.buffer as ResizableBuffer;
  if (b.resizable !== true) return a.length === n ? a : (a.slice(0, n) as T);
  if (n > IN_PLACE_FROM) {
    b.resize(n * ctor.BYTES_PER_ELEMENT);
    return a;
  }
  return a.slice(0, n) as T;
}
