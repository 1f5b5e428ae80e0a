/**
 * Which user thread each interval concerns: the one rule behind every place
 * that names or colours a thread (the tooltip, the table view, selection,
 * "Colour: thread" in the chart and in the SVG). Nothing else derives it, so
 * when the trace splits CPU intervals where the carried thread changes, all
 * of them agree at once.
 */
import { State, type Trace } from '../sim/result';
import type { LaneIndex } from './laneIndex';

/**
 * Each lane's intervals in start order, as indices into the trace: what
 * cpuIntervalThread searches. The chart's lane index has it for every lane;
 * lwpLaneOrder builds it for the LWP lanes alone (the Perfetto export).
 */
export interface LaneOrder {
  readonly offsets: Uint32Array;
  readonly order: Uint32Array;
}

/** LWP id → its lane. */
export function lwpLanes(trace: Trace): Map<number, number> {
  const m = new Map<number, number>();
  trace.lanes.forEach((lane, l) => {
    if (lane.kind === 'lwp') m.set(lane.id, l);
  });
  return m;
}

/** A LaneOrder over the LWP lanes only (other lanes are empty in it). */
export function lwpLaneOrder(trace: Trace): LaneOrder {
  const laneCount = trace.lanes.length;
  const offsets = new Uint32Array(laneCount + 1);
  const isLwp = (i: number): boolean => trace.lanes[trace.lane[i]]?.kind === 'lwp';
  for (let i = 0; i < trace.count; i++) if (isLwp(i)) offsets[trace.lane[i] + 1]++;
  for (let l = 0; l < laneCount; l++) offsets[l + 1] += offsets[l];
  const order = new Uint32Array(offsets[laneCount]);
  const fill = offsets.slice(0, laneCount);
  for (let i = 0; i < trace.count; i++) if (isLwp(i)) order[fill[trace.lane[i]]++] = i;
  const start = trace.start;
  for (let l = 0; l < laneCount; l++) {
    const lo = offsets[l];
    const hi = offsets[l + 1];
    let sorted = true;
    for (let p = lo + 1; p < hi && sorted; p++) if (start[order[p]] < start[order[p - 1]]) sorted = false;
    if (!sorted) order.set(Array.from(order.subarray(lo, hi)).sort((a, b) => start[a] - start[b] || a - b), lo);
  }
  return { offsets, order };
}

/**
 * THE rule for a CPU interval's user thread (trace index `i`), shared by the
 * chart, the table view, the SVG and the Perfetto export: CPU detail names
 * only the LWP, so the thread is the one that LWP's lane carries at the
 * interval's midpoint. Exact because the simulator never lets a CPU interval
 * span a change of carried thread (traceBuilder.ts keys CPU intervals by it).
 * -1 when the CPU is idle or the LWP carries no thread.
 */
export function cpuIntervalThread(trace: Trace, lwpLaneOf: ReadonlyMap<number, number>, lanes: LaneOrder, i: number): number {
  const lwp = trace.detail[i];
  if (lwp < 0) return -1;
  const lane = lwpLaneOf.get(lwp);
  if (lane === undefined) return -1;
  const t = (trace.start[i] + trace.end[i]) / 2;
  const { offsets, order } = lanes;
  const start = trace.start;
  // Last interval of the LWP lane starting at or before the midpoint.
  let lo = offsets[lane];
  let hi = offsets[lane + 1];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (start[order[mid]] <= t) lo = mid + 1;
    else hi = mid;
  }
  if (lo === offsets[lane]) return -1;
  const j = order[lo - 1];
  return trace.end[j] >= t && trace.state[j] !== State.Absent ? trace.detail[j] : -1;
}

/**
 * Per sorted position: the user thread (global instance id) or -1. Thread
 * lanes: the lane's own thread. LWP lanes: the thread carried (`detail`).
 * CPU lanes: cpuIntervalThread.
 */
export function buildIntervalThreads(trace: Trace, offsets: Uint32Array, order: Uint32Array, state: Uint8Array): Int32Array {
  const laneCount = trace.lanes.length;
  const total = offsets[laneCount];
  const detail = trace.detail;
  // Every lane's range is written below (-1 where no thread is concerned), so no global fill.
  const thread = new Int32Array(total);
  const lwpLaneOf = lwpLanes(trace);
  const lanes: LaneOrder = { offsets, order };
  for (let l = 0; l < laneCount; l++) {
    const lane = trace.lanes[l];
    const lo = offsets[l];
    const hi = offsets[l + 1];
    if (lane.kind === 'thread') {
      thread.fill(lane.id, lo, hi);
    } else if (lane.kind === 'lwp') {
      for (let p = lo; p < hi; p++) thread[p] = state[p] !== State.Absent ? detail[order[p]] : -1;
    } else {
      for (let p = lo; p < hi; p++) thread[p] = cpuIntervalThread(trace, lwpLaneOf, lanes, order[p]);
    }
  }
  return thread;
}

/** The user thread the interval at sorted position `pos` concerns, or -1. */
export function intervalThread(ix: Pick<LaneIndex, 'thread'>, pos: number): number {
  return pos >= 0 && pos < ix.thread.length ? ix.thread[pos] : -1;
}
