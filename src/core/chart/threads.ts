/**
 * Which user thread each interval concerns: the one rule behind every place
 * that names or colours a thread (the tooltip, the table view, selection,
 * "Colour: thread" in the chart and in the SVG). Nothing else derives it, so
 * when the trace splits CPU intervals where the carried thread changes, all
 * of them agree at once.
 */
import { State, type Trace } from '../sim/result';
import { findAt, type LaneIndex } from './laneIndex';

/**
 * Per sorted position: the user thread (global instance id) or -1. Thread
 * lanes: the lane's own thread. LWP lanes: the thread carried (`detail`).
 * CPU lanes: `detail` names only the LWP, so the thread is the one that LWP
 * carried at the interval's midpoint — exact as long as a CPU interval never
 * spans a change of carried thread.
 */
export function buildIntervalThreads(trace: Trace, offsets: Uint32Array, order: Uint32Array, start: Float64Array, end: Float64Array, state: Uint8Array): Int32Array {
  const laneCount = trace.lanes.length;
  const total = offsets[laneCount];
  const detail = trace.detail;
  // Every lane's range is written below (-1 where no thread is concerned), so no global fill.
  const thread = new Int32Array(total);
  const lwpLaneById = new Map<number, number>();
  trace.lanes.forEach((lane, l) => {
    if (lane.kind === 'lwp') lwpLaneById.set(lane.id, l);
  });
  for (let l = 0; l < laneCount; l++) {
    const lane = trace.lanes[l];
    const lo = offsets[l];
    const hi = offsets[l + 1];
    if (lane.kind === 'thread') {
      thread.fill(lane.id, lo, hi);
    } else if (lane.kind === 'lwp') {
      for (let p = lo; p < hi; p++) thread[p] = state[p] !== State.Absent ? detail[order[p]] : -1;
    } else {
      thread.fill(-1, lo, hi);
    }
  }
  for (let l = 0; l < laneCount; l++) {
    if (trace.lanes[l].kind !== 'cpu') continue;
    for (let p = offsets[l]; p < offsets[l + 1]; p++) {
      const lwp = detail[order[p]];
      if (lwp < 0) continue;
      const lwpLane = lwpLaneById.get(lwp);
      if (lwpLane === undefined) continue;
      const q = findAt(offsets, start, end, lwpLane, (start[p] + end[p]) / 2);
      if (q >= 0) thread[p] = thread[q];
    }
  }
  return thread;
}

/** The user thread the interval at sorted position `pos` concerns, or -1. */
export function intervalThread(ix: Pick<LaneIndex, 'thread'>, pos: number): number {
  return pos >= 0 && pos < ix.thread.length ? ix.thread[pos] : -1;
}
