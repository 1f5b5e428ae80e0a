/**
 * A traced run read at an instant: which interval each lane is in at time t,
 * since when and until when its state (with its detail) lasts, and who held
 * each lock. Built once per run; each question is a binary search.
 *
 * "At t" means the interval with start ≤ t < end; at the run's end time, the
 * last interval of the lane (what a deadlock left standing).
 */
import { State, type RunResult, type Trace } from '../sim/result';

/** A lane's state at an instant. */
export interface LaneAt {
  readonly state: number;
  readonly detail: number;
  /** Source offset of the statement the interval belongs to, or -1. */
  readonly src: number;
  /** When the lane entered this state with this detail (contiguous intervals merged). */
  readonly since: number;
  /** When it leaves it (the run's end time if it never does). */
  readonly until: number;
}

export class TraceAt {
  readonly trace: Trace;
  /** Interval indices per lane, in time order. */
  private readonly byLane: Int32Array[];
  /** Lane index by thread id, by LWP id; CPU lanes by CPU number. */
  readonly threadLane = new Map<number, number>();
  readonly lwpLane = new Map<number, number>();
  readonly cpuLane = new Map<number, number>();
  /** LWP ids per process index, in creation order. */
  readonly lwpsOf = new Map<number, number[]>();

  constructor(readonly run: RunResult) {
    const t = run.trace;
    this.trace = t;
    const counts = new Int32Array(t.lanes.length);
    for (let i = 0; i < t.count; i++) counts[t.lane[i]]++;
    this.byLane = Array.from(counts, (n) => new Int32Array(n));
    const fill = new Int32Array(t.lanes.length);
    for (let i = 0; i < t.count; i++) {
      const l = t.lane[i];
      this.byLane[l][fill[l]++] = i;
    }
    t.lanes.forEach((lane, i) => {
      if (lane.kind === 'thread') this.threadLane.set(lane.id, i);
      else if (lane.kind === 'cpu') this.cpuLane.set(lane.id, i);
      else {
        this.lwpLane.set(lane.id, i);
        const list = this.lwpsOf.get(lane.process) ?? [];
        list.push(lane.id);
        this.lwpsOf.set(lane.process, list);
      }
    });
  }

  /** The run's end time (every lane covers [0, end]). */
  get end(): number {
    return this.trace.endTime;
  }

  /** Lane `lane` at time `time`, or null when the lane has no interval there. */
  at(lane: number, time: number): LaneAt | null {
    const list = this.byLane[lane];
    const t = this.trace;
    if (time >= t.endTime) return this.final(lane, list);
    if (list === undefined || list.length === 0) return null;
    const k = this.indexAt(list, time);
    if (k < 0) return null;
    const i = list[k];
    const state = t.state[i];
    const detail = t.detail[i];
    let a = k;
    while (a > 0 && t.state[list[a - 1]] === state && t.detail[list[a - 1]] === detail && t.end[list[a - 1]] === t.start[list[a]]) a--;
    let b = k;
    while (b + 1 < list.length && t.state[list[b + 1]] === state && t.detail[list[b + 1]] === detail && t.start[list[b + 1]] === t.end[list[b]]) b++;
    return { state, detail, src: t.src[i], since: t.start[list[a]], until: t.end[list[b]] };
  }

  /** The lane as the run left it (its open state at the end, from Trace.final; else its last interval). */
  private final(lane: number, list: Int32Array | undefined): LaneAt | null {
    const t = this.trace;
    const f = t.final;
    if (f !== undefined && lane < f.state.length) {
      const state = f.state[lane];
      const detail = f.detail[lane];
      let since = f.since[lane];
      // Walk back over intervals of the same state (the open one may extend them).
      if (list !== undefined) {
        for (let k = list.length - 1; k >= 0; k--) {
          const i = list[k];
          if (t.end[i] === since && t.state[i] === state && t.detail[i] === detail) since = t.start[i];
          else if (t.end[i] > since) continue;
          else break;
        }
      }
      return { state, detail, src: f.src[lane], since, until: t.endTime };
    }
    if (list === undefined || list.length === 0) return null;
    const i = list[list.length - 1];
    return t.end[i] === t.endTime ? { state: t.state[i], detail: t.detail[i], src: t.src[i], since: t.start[i], until: t.endTime } : null;
  }

  /** Position in `list` of the interval holding `time` (start ≤ time < end), or -1. */
  private indexAt(list: Int32Array, time: number): number {
    const t = this.trace;
    let lo = 0;
    let hi = list.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (t.start[list[mid]] <= time) lo = mid;
      else hi = mid - 1;
    }
    const i = list[lo];
    return t.start[i] <= time && time < t.end[i] ? lo : -1;
  }

  threadAt(thread: number, time: number): LaneAt | null {
    const lane = this.threadLane.get(thread);
    return lane === undefined ? null : this.at(lane, time);
  }

  lwpAt(lwp: number, time: number): LaneAt | null {
    const lane = this.lwpLane.get(lwp);
    return lane === undefined ? null : this.at(lane, time);
  }

  cpuAt(cpu: number, time: number): LaneAt | null {
    const lane = this.cpuLane.get(cpu);
    return lane === undefined ? null : this.at(lane, time);
  }

  /** Who holds lock `sync` at `time` (thread id, since when), or null when it is free; at the end time, who held it to the end. */
  holderAt(sync: number, time: number): { thread: number; since: number } | null {
    const h = this.trace.holds;
    if (h === undefined) return null;
    const atEnd = time >= this.trace.endTime;
    for (let i = 0; i < h.count; i++) {
      if (h.sync[i] !== sync) continue;
      if ((h.start[i] <= time && time < h.end[i]) || (atEnd && h.end[i] === this.trace.endTime)) return { thread: h.thread[i], since: h.start[i] };
    }
    return null;
  }

  /** Whether the thread is alive (started, not exited) at `time`. */
  alive(thread: number, time: number): boolean {
    const a = this.threadAt(thread, time);
    return a !== null && a.state !== State.Absent && a.state !== State.ThreadExited;
  }
}
