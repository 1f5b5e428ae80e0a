/**
 * JIT warm-up of the chart's hot loops. Without it the first frame of a big
 * run pays for a cold JIT: the column layout and the paint loop run in the
 * interpreter and baseline tiers for most of that frame (measured ~2× a
 * frame after this warm-up, docs/performance.md).
 * At start-up, before any run arrives (the simulation takes the worker far
 * longer than this), a small synthetic trace of the same shape and column
 * types is drawn a few times on a detached canvas in idle callbacks, so the
 * real first frame runs optimized code. Each pass is one idle callback of a
 * few ms; the warm-up stops as soon as real data is shown.
 */
import { buildLaneIndex } from '../../core/chart/laneIndex';
import { buildLaneLods } from '../../core/chart/lod';
import { EventKind, noThreads, State, type Lane, type RunResult, type Trace } from '../../core/sim/result';
import type { RunSection } from '../workerProtocol';
import { GanttChart } from './chart';
import type { ChartTheme } from './theme';

/** Lanes and intervals per lane of the warm-up trace: ~4 intervals per column at full view, like a big run. */
const WARM_LANES = 12;
const WARM_PER_LANE = 4_000;
/** Frames drawn, alternating the full view (folded from the summaries, as a new run's first frame) and a zoomed-in view (the exact scan). */
const WARM_PASSES = 10;

const CPU_STATES = [State.CpuUser, State.CpuKernel, State.CpuIdle, State.OverheadKernelSwitch, State.CpuSpin];
const LWP_STATES = [State.LwpRunning, State.LwpRunnable, State.LwpBlocked, State.LwpParked];
const THREAD_STATES = [State.ThreadRunning, State.ThreadReady, State.ThreadBlockedKernel, State.ThreadBlockedSync, State.ThreadSleeping];

/** A deterministic trace shaped like a simulator's: CPU, LWP and thread lanes tiling [0, endTime]. */
export function warmUpTrace(laneCount = WARM_LANES, perLane = WARM_PER_LANE): Trace {
  let seed = 7;
  const rnd = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  const lanes: Lane[] = [];
  const cpus = 2;
  const lwps = Math.max(1, Math.floor((laneCount - cpus) / 3));
  const threads = laneCount - cpus - lwps;
  for (let c = 0; c < cpus; c++) lanes.push({ kind: 'cpu', id: c, label: `CPU ${c}`, process: -1 });
  for (let l = 0; l < lwps; l++) lanes.push({ kind: 'lwp', id: l, label: `LWP ${l}`, process: 0 });
  for (let t = 0; t < threads; t++) lanes.push({ kind: 'thread', id: t, label: `warm#${t}`, process: 0 });
  const n = laneCount * perLane;
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const lane = new Uint32Array(n);
  const state = new Uint8Array(n);
  const detail = new Int32Array(n);
  const src = new Int32Array(n);
  const endTime = perLane * 1000;
  let k = 0;
  for (let l = 0; l < laneCount; l++) {
    const kind = lanes[l].kind;
    let t = 0;
    for (let i = 0; i < perLane; i++) {
      // Lengths from 1 to ~1999 ns: a mix of sub-pixel and multi-pixel intervals.
      const next = i === perLane - 1 ? endTime : Math.min(endTime, t + 1 + Math.floor(rnd() * 1999));
      start[k] = t;
      end[k] = next;
      lane[k] = l;
      const pick = Math.floor(rnd() * 5);
      state[k] = kind === 'cpu' ? CPU_STATES[pick] : kind === 'lwp' ? LWP_STATES[pick & 3] : THREAD_STATES[pick];
      detail[k] = kind === 'cpu' ? pick % lwps : kind === 'lwp' ? pick % threads : pick % lwps;
      src[k] = pick * 10;
      t = next;
      k++;
    }
  }
  const eventCount = 64;
  const eventTime = new Float64Array(eventCount);
  const eventKind = new Uint8Array(eventCount);
  const eventLane = new Uint32Array(eventCount);
  const eventArg = new Int32Array(eventCount);
  for (let i = 0; i < eventCount; i++) {
    eventTime[i] = Math.floor((i / eventCount) * endTime);
    eventKind[i] = [EventKind.KernelSwitch, EventKind.UserSwitch, EventKind.Upcall, EventKind.Sigwaiting][i & 3];
    eventLane[i] = i % cpus;
    eventArg[i] = -1;
  }
  return { lanes, count: k, start, end, lane, state, detail, src, eventCount, eventTime, eventKind, eventLane, eventArg, endTime };
}

function warmUpSection(trace: Trace): RunSection {
  const metrics = { status: 'completed' as const, makespan: trace.endTime, cpuUtilization: 1, usefulWork: 0, overhead: 0, spinTime: 0, kernelSwitches: 0, userSwitches: 0, modeSwitches: 0, upcalls: 0, sigwaiting: 0, handoffs: 0, lwpsCreated: 0, threadsCreated: 0 };
  const result: RunResult = { status: 'completed', makespan: trace.endTime, metrics, threads: noThreads(), processes: [], deadlock: null, limit: null, expectations: [], diagnostics: [], trace, events: 0 };
  const index = buildLaneIndex(trace);
  return { model: null, result, index, lod: buildLaneLods(index) };
}

type Idle = (run: () => void) => void;

const onIdle: Idle = (run) => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 1000 });
  else setTimeout(run, 0);
};

/**
 * Draws the warm-up trace WARM_PASSES times on a detached canvas of the given
 * size, one pass per idle callback, until `stop()` says real data arrived.
 * `done` receives the passes drawn and the time they took (ms).
 */
export function warmUpChart(theme: ChartTheme, width: number, height: number, stop: () => boolean, done?: (passes: number, ms: number) => void, idle: Idle = onIdle): void {
  let chart: GanttChart | null = null;
  let section: RunSection | null = null;
  let pass = 0;
  let ms = 0;
  const step = (): void => {
    if (stop() || pass >= WARM_PASSES) {
      chart = null;
      section = null;
      done?.(pass, ms);
      return;
    }
    const t0 = performance.now();
    if (!chart || !section) {
      // The first slice only makes the data, so no single slice blocks the page long.
      chart = new GanttChart(document.createElement('canvas'), theme);
      chart.resize(Math.max(400, width), Math.max(200, height), 1);
      chart.rowHeight = 4;
      section = warmUpSection(warmUpTrace());
    } else {
      const T = section.result.trace.endTime;
      chart.setData([section], false);
      if (pass % 2) chart.view = { t0: T * 0.3, t1: T * 0.31 };
      chart.render();
      pass++;
    }
    ms += performance.now() - t0;
    idle(step);
  };
  idle(step);
}
