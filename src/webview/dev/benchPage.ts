/**
 * Benchmark page for bench/chart.bench.mjs: the real chart renderer on a
 * synthetic trace of N intervals, driven from the benchmark through
 * `window.lwpBench`. Not part of the extension bundle.
 */
import { buildLaneIndex } from '../../core/chart/laneIndex';
import { buildLaneLods } from '../../core/chart/lod';
import { noThreads, type RunResult } from '../../core/sim/result';
import { syntheticTrace } from '../../../test/support/synthetic-trace';
import { GanttChart } from '../chart/chart';
import { statesOf } from '../chart/present';
import { readTheme } from '../chart/theme';
import { zoomAt } from '../chart/view';
import { warmUpChart } from '../chart/warmup';

const canvas = document.createElement('canvas');
document.body.append(canvas);
const chart = new GanttChart(canvas, readTheme());

function section(intervals: number, lanes: number): { result: RunResult } {
  const trace = syntheticTrace({ intervals, lanes, seed: 42 });
  const metrics = { status: 'completed' as const, makespan: trace.endTime, cpuUtilization: 1, usefulWork: 0, overhead: 0, spinTime: 0, kernelSwitches: 0, userSwitches: 0, modeSwitches: 0, upcalls: 0, sigwaiting: 0, handoffs: 0, lwpsCreated: 0, threadsCreated: 0 };
  const result: RunResult = { status: 'completed', makespan: trace.endTime, metrics, threads: noThreads(), processes: [], deadlock: null, limit: null, expectations: [], diagnostics: [], trace, events: 0 };
  return { result };
}

let pending: ReturnType<typeof section> | null = null;

// The panel warms the chart's JIT at start-up (main.ts); the page does the
// same unless the benchmark asks it not to (?warmup=0), to measure its effect.
// The longest idle slice is what the warm-up can delay input by.
const warmed = new Promise<{ passes: number; ms: number; longest: number }>((resolve) => {
  let longest = 0;
  const idle = (run: () => void): void => {
    requestIdleCallback(() => {
      const t = performance.now();
      run();
      longest = Math.max(longest, performance.now() - t);
    });
  };
  if (new URLSearchParams(location.search).get('warmup') === '0') resolve({ passes: 0, ms: 0, longest: 0 });
  else warmUpChart(readTheme(), innerWidth, innerHeight, () => false, (passes, ms) => setTimeout(() => resolve({ passes, ms, longest }), 0), idle);
});

/**
 * Makes the canvas finish the frame: a 1-pixel read forces Chromium to
 * rasterize every canvas call still recorded (text, images), which would
 * otherwise be paid by the next frame or outside the timing.
 */
function flush(): void {
  canvas.getContext('2d')!.getImageData(1, 1, 1, 1);
}

/** Timings of one frame: the renderer's JS, and the whole frame with raster. */
interface FrameTiming {
  readonly js: number;
  readonly total: number;
}

function timed(change: () => void): FrameTiming {
  const t0 = performance.now();
  change();
  chart.render();
  const js = performance.now() - t0;
  flush();
  return { js, total: performance.now() - t0 };
}

// Calibration workload, independent of the chart code but of the same kind:
// one pass over every interval's start and end (bucketing time into a
// frame-width accumulator), a frame-sized word fill, one putImageData and a
// read. Frame ÷ calibration compares runs taken under different machine load.
let calImage: ImageData | null = null;
const calAcc = new Float64Array(2048);

(window as unknown as { lwpBench: unknown }).lwpBench = {
  /** Settles when the start-up JIT warm-up is done: passes drawn, their total time and the longest idle slice (ms). */
  ready(): Promise<{ passes: number; ms: number; longest: number }> {
    return warmed;
  },
  /** Makes the data (not timed). */
  prepare(intervals: number, lanes: number, width: number, height: number): void {
    pending = section(intervals, lanes);
    chart.resize(width, height, 1);
    // Every lane in view: the heaviest frame (rows of 4 px for 200 lanes in 900 px).
    chart.rowHeight = Math.max(2, Math.floor((height - 30) / (lanes + 8)));
    calImage = new ImageData(Math.max(1, width - 190), Math.max(1, height - 26));
  },
  /**
   * First frame, in timed parts: the worker-side work of the panel (lane index
   * build, then, with `workerLod`, the per-lane LOD summaries and the states
   * present; engine.ts does these right after the simulation) and the frame itself (set the data, lay
   * out, draw, raster: what the UI thread pays once the run arrives).
   */
  first(workerLod: boolean): { index: number; lod: number; frame: number; setData: number; render: number } {
    const t0 = performance.now();
    const s = pending!;
    const index = buildLaneIndex(s.result.trace);
    const ti = performance.now();
    const sec = { model: null, result: s.result, index, lod: workerLod ? buildLaneLods(index) : undefined, states: workerLod ? statesOf(index.state) : undefined };
    const t1 = performance.now();
    chart.setData([sec], false);
    const t2 = performance.now();
    chart.render();
    const t3 = performance.now();
    flush();
    return { index: ti - t0, lod: t1 - ti, frame: performance.now() - t1, setData: t2 - t1, render: t3 - t2 };
  },
  /** Pans by 1 % of the view (wrapping to the start at the end of the run). */
  pan(): FrameTiming {
    return timed(() => {
      const v = chart.view;
      chart.view = { t0: v.t0 + (v.t1 - v.t0) * 0.01, t1: v.t1 + (v.t1 - v.t0) * 0.01 };
      if (chart.view.t1 > chart.fullTime) chart.view = { t0: 0, t1: v.t1 - v.t0 };
    });
  },
  zoom(factor: number): FrameTiming {
    return timed(() => {
      const v = chart.view;
      chart.view = zoomAt(v, (v.t0 + v.t1) / 2, factor, chart.fullTime, chart.columns());
    });
  },
  /** Sets the view to a fraction of the run starting at a fraction of it (not timed). */
  setView(from: number, span: number): void {
    const T = chart.fullTime;
    chart.view = { t0: T * from, t1: T * (from + span) };
  },
  calibrate(): number {
    const img = calImage!;
    const words = new Uint32Array(img.data.buffer);
    const ctx = canvas.getContext('2d')!;
    const trace = pending!.result.trace;
    const t0 = performance.now();
    const starts = trace.start;
    const ends = trace.end;
    const inv = img.width / trace.endTime;
    for (let i = 0; i < trace.count; i++) calAcc[Math.floor(starts[i] * inv) & 2047] += ends[i] - starts[i];
    words.fill(0xff000000 | (calAcc[7] & 0xffffff));
    ctx.putImageData(img, 190, 26);
    flush();
    return performance.now() - t0;
  },
  /** Pixels painted that are not background (proof the frame drew something). */
  painted(): number {
    const ctx = canvas.getContext('2d')!;
    const d = ctx.getImageData(300, 40, 800, 400).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) n++;
    return n;
  },
};
