/**
 * Builds the columnar trace of result.ts while the run goes on.
 *
 * Each lane has one open interval (state, detail, src since openStart). A
 * state change closes it; an interval equal to the lane's previous one and
 * touching it extends that one instead (so zero-length detours do not split
 * a lane). Time spent per (lane, state) is summed on every close, whether or
 * not intervals are recorded, so the metrics are the trace's own sums.
 */
import { State, type Lane, type LaneKind, type Trace } from './result';

/** Number of State values (the enum's largest is 47). */
export const STATE_SLOTS = 48;

/**
 * Time category of each state, summed per lane: CPU lanes 0 idle, 1 useful
 * (user + kernel work), 2 overhead, 3 spinning; thread lanes 0 running
 * (running or spinning), 1 ready (ready or stalled), 2 blocked (kernel, sync,
 * sleeping), 3 anything else (absent, exited; LWP lanes).
 */
export const CATEGORY = (() => {
  const c = new Uint8Array(STATE_SLOTS).fill(3);
  c[State.CpuIdle] = 0;
  c[State.CpuUser] = 1;
  c[State.CpuKernel] = 1;
  for (let s: number = State.OverheadModeSwitch; s <= State.OverheadUpcall; s++) c[s] = 2;
  c[State.CpuSpin] = 3;
  c[State.ThreadRunning] = 0;
  c[State.ThreadSpinning] = 0;
  c[State.ThreadReady] = 1;
  c[State.ThreadStalled] = 1;
  c[State.ThreadBlockedKernel] = 2;
  c[State.ThreadBlockedSync] = 2;
  c[State.ThreadSleeping] = 2;
  return c;
})();
/** Categories per lane. */
export const CATS = 4;

/** Layout of a lane's record in TraceBuilder.open. */
const LANE_STRIDE = 16;
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

const LANE_KIND_CPU = 0;
const LANE_KIND_LWP = 1;
const LANE_KIND_THREAD = 2;

export class TraceBuilder {
  count = 0;
  /** Set when an append was refused because of the interval cap. */
  overflow = false;
  // Columns grow in place when the runtime has resizable ArrayBuffers (each
  // interval is then written once, into the memory that is returned), else
  // by doubling; finish() trims them to `count`.
  private cap: number;
  private start: Float64Array;
  private end: Float64Array;
  private lane: Uint32Array;
  private state: Uint8Array;
  private detail: Int32Array;
  private src: Int32Array;

  // Per lane, side by side in one record of LANE_STRIDE doubles (a state
  // change touches the lane's record, not one cache line per column): the
  // open interval's start, the time summed per category, the open state,
  // detail and source offset (the first 64 bytes: all a run without a trace
  // touches), then the index, end, state, detail and source offset of the
  // last recorded interval, for merging. Doubles with the number of lanes
  // (spawned threads and LWPs keep adding lanes while the run goes on).
  private lanes = 0;
  private laneCap = 256;
  private open = new Float64Array(256 * LANE_STRIDE);

  private laneKind: number[] = [];
  private laneEntity: number[] = [];
  private laneLabel: string[] = [];
  private laneProcess: number[] = [];

  eventCount = 0;
  private eCap: number;
  private eTime: Float64Array;
  private eKind: Uint8Array;
  private eLane: Uint32Array;
  private eArg: Int32Array;

  constructor(
    private readonly record: boolean,
    private readonly maxIntervals: number,
  ) {
    const max = record ? Math.max(1, maxIntervals) : 1;
    const cap = Math.min(1024, max);
    this.cap = cap;
    this.start = column(Float64Array, cap, max);
    this.end = column(Float64Array, cap, max);
    this.lane = column(Uint32Array, cap, max);
    this.state = column(Uint8Array, cap, max);
    this.detail = column(Int32Array, cap, max);
    this.src = column(Int32Array, cap, max);
    this.eCap = cap;
    this.eTime = column(Float64Array, cap, max);
    this.eKind = column(Uint8Array, cap, max);
    this.eLane = column(Uint32Array, cap, max);
    this.eArg = column(Int32Array, cap, max);
  }

  /** Adds a lane whose entity appears at `now` (Absent before that). */
  addLane(kind: LaneKind, entity: number, label: string, process: number, now: number, state: number, detail: number, src: number): number {
    const id = this.lanes++;
    if (id === this.laneCap) this.growLanes();
    this.laneKind.push(kind === 'cpu' ? LANE_KIND_CPU : kind === 'lwp' ? LANE_KIND_LWP : LANE_KIND_THREAD);
    this.laneEntity.push(entity);
    this.laneLabel.push(label);
    this.laneProcess.push(process);
    const b = id * LANE_STRIDE;
    this.open[b + O_START] = 0;
    this.open[b + O_STATE] = State.Absent;
    this.open[b + O_DETAIL] = -1;
    this.open[b + O_SRC] = -1;
    this.open[b + O_LAST_IDX] = -1;
    this.set(id, state, detail, src, now);
    return id;
  }

  private growLanes(): void {
    const n = this.laneCap * 2;
    this.laneCap = n;
    this.open = grown(this.open, new Float64Array(n * LANE_STRIDE));
  }

  set(lane: number, state: number, detail: number, src: number, now: number): void {
    const o = this.open;
    const b = lane * LANE_STRIDE;
    if (o[b + O_STATE] === state && o[b + O_DETAIL] === detail && o[b + O_SRC] === src) return;
    this.close(lane, now);
    o[b + O_START] = now;
    o[b + O_STATE] = state;
    o[b + O_DETAIL] = detail;
    o[b + O_SRC] = src;
  }

  /** The open state of a lane. */
  stateOf(lane: number): number {
    return this.open[lane * LANE_STRIDE + O_STATE];
  }

  /** Time lane has spent in states of category `cat` (see CATEGORY), closed intervals only. */
  timeIn(lane: number, cat: number): number {
    return this.open[lane * LANE_STRIDE + O_ACC + cat];
  }

  event(time: number, kind: number, lane: number, arg: number): void {
    if (!this.record) return;
    if (this.eventCount === this.eCap) {
      if (this.eventCount >= this.maxIntervals) {
        this.overflow = true;
        return;
      }
      const n = Math.min(this.eCap * 2, this.maxIntervals);
      this.eCap = n;
      this.eTime = resize(this.eTime, Float64Array, n);
      this.eKind = resize(this.eKind, Uint8Array, n);
      this.eLane = resize(this.eLane, Uint32Array, n);
      this.eArg = resize(this.eArg, Int32Array, n);
    }
    const i = this.eventCount++;
    this.eTime[i] = time;
    this.eKind[i] = kind;
    this.eLane[i] = lane;
    this.eArg[i] = arg;
  }

  private close(lane: number, now: number): void {
    const o = this.open;
    const b = lane * LANE_STRIDE;
    const from = o[b + O_START];
    if (now <= from) return;
    const st = o[b + O_STATE];
    o[b + O_ACC + CATEGORY[st]] += now - from;
    if (!this.record) return;
    const d = o[b + O_DETAIL];
    const s = o[b + O_SRC];
    // The lane's last recorded interval is mirrored in its record, so the
    // merge test reads no column (four cache misses in big traces).
    const li = o[b + O_LAST_IDX];
    if (li >= 0 && o[b + O_LAST_END] === from && o[b + O_LAST_STATE] === st && o[b + O_LAST_DETAIL] === d && o[b + O_LAST_SRC] === s) {
      this.end[li] = now;
      o[b + O_LAST_END] = now;
      return;
    }
    if (this.count === this.cap) {
      if (this.count >= this.maxIntervals) {
        this.overflow = true;
        return;
      }
      const n = Math.min(this.cap * 2, this.maxIntervals);
      this.cap = n;
      this.start = resize(this.start, Float64Array, n);
      this.end = resize(this.end, Float64Array, n);
      this.lane = resize(this.lane, Uint32Array, n);
      this.state = resize(this.state, Uint8Array, n);
      this.detail = resize(this.detail, Int32Array, n);
      this.src = resize(this.src, Int32Array, n);
    }
    const i = this.count++;
    this.start[i] = from;
    this.end[i] = now;
    this.lane[i] = lane;
    this.state[i] = st;
    this.detail[i] = d;
    this.src[i] = s;
    o[b + O_LAST_IDX] = i;
    o[b + O_LAST_END] = now;
    o[b + O_LAST_STATE] = st;
    o[b + O_LAST_DETAIL] = d;
    o[b + O_LAST_SRC] = s;
  }

  /**
   * Closes every lane at endTime and returns the trace with lanes in the
   * contract's order (CPUs, LWPs by creation, threads by creation) and the
   * arrays trimmed to their length. `laneOrder` is also returned so callers
   * can map their internal lane ids.
   */
  finish(endTime: number): { trace: Trace; laneMap: Uint32Array } {
    const lanes = this.lanes;
    for (let l = 0; l < lanes; l++) this.close(l, endTime);
    // Entities were numbered in creation order within each kind, so the final
    // order is a stable partition by kind.
    const laneMap = new Uint32Array(lanes);
    const out: Lane[] = [];
    for (const kind of [LANE_KIND_CPU, LANE_KIND_LWP, LANE_KIND_THREAD]) {
      for (let l = 0; l < lanes; l++) {
        if (this.laneKind[l] !== kind) continue;
        laneMap[l] = out.length;
        out.push({
          kind: kind === LANE_KIND_CPU ? 'cpu' : kind === LANE_KIND_LWP ? 'lwp' : 'thread',
          id: this.laneEntity[l],
          label: this.laneLabel[l],
          process: this.laneProcess[l],
        });
      }
    }
    const n = this.count;
    const lane = trim(this.lane, Uint32Array, n);
    for (let i = 0; i < n; i++) lane[i] = laneMap[lane[i]];
    const ne = this.eventCount;
    const eLane = trim(this.eLane, Uint32Array, ne);
    for (let i = 0; i < ne; i++) eLane[i] = laneMap[eLane[i]];
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
      eventTime: trim(this.eTime, Float64Array, ne),
      eventKind: trim(this.eKind, Uint8Array, ne),
      eventLane: eLane,
      eventArg: trim(this.eArg, Int32Array, ne),
      endTime,
    };
    return { trace, laneMap };
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

/** A column of `cap` elements that can grow to `max`: in place when the runtime allows it. */
function column<T extends Column>(ctor: ColumnCtor<T>, cap: number, max: number): T {
  try {
    const b = new Resizable(cap * ctor.BYTES_PER_ELEMENT, { maxByteLength: max * ctor.BYTES_PER_ELEMENT });
    if (b.resizable === true) return new ctor(b);
  } catch {
    // No room to reserve (or no resizable buffers): grow by copying instead.
  }
  return new ctor(cap);
}

function grown<T extends Column>(a: T, b: T): T {
  b.set(a);
  return b;
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
