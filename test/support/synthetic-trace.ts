/**
 * A synthetic trace with the shape of a real one (CPU lanes, then LWP lanes,
 * then thread lanes; each lane tiles [0, endTime]; states valid for the lane
 * kind; detail links CPUs to LWPs and LWPs to threads), deterministic from a
 * seed. Used by the layout and export tests and by the chart benchmark, where
 * a million intervals would take the simulator a long scenario to produce.
 */
import { EventKind, State, type Lane, type Trace } from '../../src/core/sim/result';
import { mulberry32 } from './random';

export interface SyntheticOptions {
  readonly intervals: number;
  readonly lanes: number;
  readonly seed?: number;
  /** Mean interval length in ns (default 10us). */
  readonly meanNs?: number;
}

const CPU_STATES = [State.CpuUser, State.CpuUser, State.CpuKernel, State.CpuIdle, State.OverheadKernelSwitch, State.OverheadUserSwitch, State.CpuSpin, State.OverheadModeSwitch];
const LWP_STATES = [State.LwpRunning, State.LwpRunnable, State.LwpBlocked, State.LwpParked];
const THREAD_STATES = [State.ThreadRunning, State.ThreadReady, State.ThreadBlockedKernel, State.ThreadBlockedSync, State.ThreadSleeping, State.ThreadSpinning, State.ThreadStalled, State.ThreadRunning];

export function syntheticTrace(opts: SyntheticOptions): Trace {
  const rnd = mulberry32(opts.seed ?? 1);
  const laneCount = Math.max(3, opts.lanes);
  const cpus = Math.max(1, Math.round(laneCount * 0.04));
  const lwps = Math.max(1, Math.round(laneCount * 0.32));
  const threads = laneCount - cpus - lwps;
  const lanes: Lane[] = [];
  for (let c = 0; c < cpus; c++) lanes.push({ kind: 'cpu', id: c, label: `CPU ${c}`, process: -1 });
  for (let l = 0; l < lwps; l++) lanes.push({ kind: 'lwp', id: l, label: `LWP ${l} (p${l % 2})`, process: l % 2 });
  for (let t = 0; t < threads; t++) lanes.push({ kind: 'thread', id: t, label: `p${t % 2}.worker#${t + 1}`, process: t % 2 });

  const n = opts.intervals;
  const perLane = Math.max(1, Math.floor(n / laneCount));
  const mean = opts.meanNs ?? 10_000;
  const endTime = perLane * mean;
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const lane = new Uint32Array(n);
  const state = new Uint8Array(n);
  const detail = new Int32Array(n);
  const src = new Int32Array(n);
  let k = 0;
  for (let l = 0; l < laneCount && k < n; l++) {
    const kind = lanes[l].kind;
    const count = l === laneCount - 1 ? n - k : Math.min(perLane, n - k);
    // Random cut points, sorted, give intervals of varied length that tile the lane.
    const cuts = new Float64Array(count - 1);
    for (let i = 0; i < cuts.length; i++) cuts[i] = Math.floor(rnd() * endTime);
    cuts.sort();
    let prev = 0;
    for (let i = 0; i < count; i++) {
      const next = i < cuts.length ? cuts[i] : endTime;
      start[k] = prev;
      end[k] = next;
      lane[k] = l;
      const pick = Math.floor(rnd() * 8);
      if (kind === 'cpu') {
        const s = CPU_STATES[pick];
        state[k] = s;
        detail[k] = s === State.CpuIdle ? -1 : Math.floor(rnd() * lwps);
      } else if (kind === 'lwp') {
        state[k] = LWP_STATES[pick & 3]!;
        detail[k] = Math.floor(rnd() * threads);
      } else {
        state[k] = THREAD_STATES[pick]!;
        detail[k] = Math.floor(rnd() * lwps);
      }
      src[k] = Math.floor(rnd() * 400);
      prev = next;
      k++;
    }
  }
  const eventCount = Math.min(10_000, Math.floor(n / 100));
  const eventTime = new Float64Array(eventCount);
  const eventKind = new Uint8Array(eventCount);
  const eventLane = new Uint32Array(eventCount);
  const eventArg = new Int32Array(eventCount);
  for (let i = 0; i < eventCount; i++) eventTime[i] = Math.floor(rnd() * endTime);
  eventTime.sort();
  for (let i = 0; i < eventCount; i++) {
    eventKind[i] = [EventKind.KernelSwitch, EventKind.UserSwitch, EventKind.Upcall, EventKind.Sigwaiting][i & 3]!;
    eventLane[i] = Math.floor(rnd() * cpus);
    eventArg[i] = -1;
  }
  return { lanes, count: k, start, end, lane, state, detail, src, eventCount, eventTime, eventKind, eventLane, eventArg, endTime };
}

/** A small hand-made trace whose every interval is known, for exact layout and export assertions. */
export function tinyTrace(threadLabel = 'app.main'): Trace {
  const lanes: Lane[] = [
    { kind: 'cpu', id: 0, label: 'CPU 0', process: -1 },
    { kind: 'lwp', id: 0, label: 'LWP 0 (app)', process: 0 },
    { kind: 'thread', id: 0, label: threadLabel, process: 0 },
  ];
  // CPU: user 0-600, kernel 600-700, idle 700-1000. LWP: running 0-700, blocked 700-1000. Thread: running 0-700, blocked 700-1000.
  const rows: [number, number, number, number, number, number][] = [
    [0, 600, 0, State.CpuUser, 0, 10],
    [600, 700, 0, State.CpuKernel, 0, 30],
    [700, 1000, 0, State.CpuIdle, -1, -1],
    [0, 700, 1, State.LwpRunning, 0, 10],
    [700, 1000, 1, State.LwpBlocked, 0, 50],
    [0, 700, 2, State.ThreadRunning, 0, 10],
    [700, 1000, 2, State.ThreadBlockedKernel, -1, 50],
  ];
  const n = rows.length;
  const t: Trace = {
    lanes,
    count: n,
    start: Float64Array.from(rows.map((r) => r[0])),
    end: Float64Array.from(rows.map((r) => r[1])),
    lane: Uint32Array.from(rows.map((r) => r[2])),
    state: Uint8Array.from(rows.map((r) => r[3])),
    detail: Int32Array.from(rows.map((r) => r[4])),
    src: Int32Array.from(rows.map((r) => r[5])),
    eventCount: 2,
    eventTime: Float64Array.from([0, 700]),
    eventKind: Uint8Array.from([EventKind.ThreadCreate, EventKind.ModeSwitch]),
    eventLane: Uint32Array.from([2, 0]),
    eventArg: Int32Array.from([0, -1]),
    endTime: 1000,
  };
  return t;
}
