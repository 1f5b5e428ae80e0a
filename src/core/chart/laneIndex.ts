/**
 * The trace re-ordered for drawing: intervals grouped by lane and sorted by
 * start within each lane, so any view is a binary search per lane. Built once
 * per run (in the worker when there is one) and shared by the chart, the SVG
 * exporter and hit testing.
 */
import type { Trace } from '../sim/result';
import { buildIntervalThreads } from './threads';

export interface LaneIndex {
  readonly laneCount: number;
  /** Lane `l` holds sorted positions `offsets[l] .. offsets[l+1]-1`. */
  readonly offsets: Uint32Array;
  /** Sorted position → index into the original trace columns (for `detail` and `src`). */
  readonly order: Uint32Array;
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly state: Uint8Array;
  /**
   * The user thread (global instance id) concerned by each interval, or -1,
   * as `buildIntervalThreads` (threads.ts) decides it: the one source for
   * every place that names or colours the thread of an interval.
   */
  readonly thread: Int32Array;
  readonly endTime: number;
}

/**
 * Groups and sorts the trace. When the trace is already lane-ordered (lanes
 * non-decreasing, starts non-decreasing within a lane: what the synthetic
 * and many exported traces are) one check pass suffices and the start, end
 * and state columns are views of the trace's own buffers, not copies.
 * Otherwise a stable counting sort by lane, then a sort of any lane that is
 * not already time-ordered.
 */
export function buildLaneIndex(trace: Trace): LaneIndex {
  const laneCount = trace.lanes.length;
  const n = trace.count;
  const lanesOf = trace.lane;
  const starts = trace.start;
  // One pass checks the order and, while it holds, records where each lane begins.
  const offsets = new Uint32Array(laneCount + 1);
  let ordered = true;
  let prevLane = 0;
  let prevStart = -Infinity;
  for (let i = 0; i < n; i++) {
    const l = lanesOf[i];
    const a = starts[i];
    if (l !== prevLane) {
      if (l < prevLane || l >= laneCount) {
        ordered = false;
        break;
      }
      for (let k = prevLane + 1; k <= l; k++) offsets[k] = i;
      prevLane = l;
    } else if (a < prevStart) {
      ordered = false;
      break;
    }
    prevStart = a;
  }
  let order: Uint32Array;
  let start: Float64Array;
  let end: Float64Array;
  let state: Uint8Array;
  if (ordered) {
    for (let k = prevLane + 1; k <= laneCount; k++) offsets[k] = n;
    order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    start = starts.subarray(0, n);
    end = trace.end.subarray(0, n);
    state = trace.state.subarray(0, n);
  } else {
    offsets.fill(0);
    for (let i = 0; i < n; i++) {
      const l = lanesOf[i];
      if (l < laneCount) offsets[l + 1]++;
    }
    for (let l = 0; l < laneCount; l++) offsets[l + 1] += offsets[l];
    const total = offsets[laneCount];
    order = new Uint32Array(total);
    const fill = offsets.slice(0, laneCount);
    for (let i = 0; i < n; i++) {
      const l = lanesOf[i];
      if (l < laneCount) order[fill[l]++] = i;
    }
    for (let l = 0; l < laneCount; l++) {
      const lo = offsets[l];
      const hi = offsets[l + 1];
      let sorted = true;
      for (let p = lo + 1; p < hi && sorted; p++) if (starts[order[p]] < starts[order[p - 1]]) sorted = false;
      if (!sorted) {
        const slice = Array.from(order.subarray(lo, hi)).sort((a, b) => starts[a] - starts[b] || a - b);
        order.set(slice, lo);
      }
    }
    start = new Float64Array(total);
    end = new Float64Array(total);
    state = new Uint8Array(total);
    const srcEnd = trace.end;
    const srcState = trace.state;
    for (let p = 0; p < total; p++) {
      const i = order[p];
      start[p] = starts[i];
      end[p] = srcEnd[i];
      state[p] = srcState[i];
    }
  }
  const thread = buildIntervalThreads(trace, offsets, order, state);
  return { laneCount, offsets, order, start, end, state, thread, endTime: trace.endTime };
}

/** First sorted position in `lane` whose interval ends after `t` (the lane's end when none). */
export function firstEndingAfter(ix: Pick<LaneIndex, 'offsets' | 'end'>, lane: number, t: number): number {
  let lo = ix.offsets[lane];
  let hi = ix.offsets[lane + 1];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ix.end[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function findAt(offsets: Uint32Array, start: Float64Array, end: Float64Array, lane: number, t: number): number {
  const p = firstEndingAfter({ offsets, end }, lane, t);
  return p < offsets[lane + 1] && start[p] <= t ? p : -1;
}

/** Sorted position of the interval of `lane` covering time `t`, or -1. */
export function intervalAt(ix: LaneIndex, lane: number, t: number): number {
  if (lane < 0 || lane >= ix.laneCount) return -1;
  return findAt(ix.offsets, ix.start, ix.end, lane, t);
}
