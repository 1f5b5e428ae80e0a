/**
 * Runs a sweep's points on worker threads (LANGUAGE.md §13): the points are
 * independent runs of a deterministic simulator, so they spread over cores
 * with no coordination but a counter. Each worker is this same bundle
 * (dist/cli.js) started with `workerData.lwpSweepWorker`; it gets the base
 * scenario and the plan once, then asks for batches of point numbers and
 * answers with their results, which land in their slot whatever order they
 * arrive in. Cancelling terminates the workers, even inside a long run.
 * Where no worker can start (the sources run through tsx), or with `jobs`
 * 0, the points run here, one at a time between turns of the event loop.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Scenario } from '../core/check/ir';
import { runPoint, type SweepPlan, type SweepPoint } from '../core/sweep';

const WORKER_FLAG = 'lwpSweepWorker';

interface WorkerInit {
  readonly [WORKER_FLAG]: true;
  readonly base: Scenario;
  readonly plan: SweepPlan;
}
interface Batch {
  readonly from: number;
  readonly to: number;
}
type Reply = { readonly ok: true; readonly points: readonly SweepPoint[] } | { readonly ok: false; readonly error: string };

function runBatch(base: Scenario, plan: SweepPlan, b: Batch): Reply {
  try {
    const points: SweepPoint[] = [];
    for (let i = b.from; i < b.to; i++) points.push(runPoint(base, plan, i));
    return { ok: true, points };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
}

// Inside a worker: run the batches asked for until the parent terminates it.
if (!isMainThread && parentPort && (workerData as Record<string, unknown> | null)?.[WORKER_FLAG] === true) {
  const port = parentPort;
  const init = workerData as WorkerInit;
  port.on('message', (b: Batch) => port.postMessage(runBatch(init.base, init.plan, b)));
}

/** Worker threads by default: one core is left to the main thread (and the terminal, editor or language server beside it). */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism() - 1);
}

export interface SweepOptions {
  /** Worker threads; 0 runs every point on this thread. */
  readonly jobs: number;
  /** The bundle a worker runs; anything but a built `.js` runs in-process. */
  readonly entry: string;
  /** After each batch: points done, of all. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface SweepRun {
  /** Every point in order, or null when cancelled. Rejects if a worker fails. */
  readonly done: Promise<SweepPoint[] | null>;
  readonly cancel: () => void;
}

export function startSweep(base: Scenario, plan: SweepPlan, o: SweepOptions): SweepRun {
  const total = plan.points;
  const results = new Array<SweepPoint>(total);
  let cancelled = false;
  let next = 0;
  let done = 0;
  const jobs = Math.min(o.jobs, total);
  // Small batches keep the threads evenly loaded when points differ in cost; large enough that messages cost nothing beside the runs.
  const batch = Math.max(1, Math.min(64, Math.floor(total / Math.max(1, jobs * 8))));
  const take = (): Batch | null => {
    if (next >= total) return null;
    const b = { from: next, to: Math.min(total, next + batch) };
    next = b.to;
    return b;
  };
  const land = (points: readonly SweepPoint[]): void => {
    for (const p of points) results[p.index] = p;
    done += points.length;
    o.onProgress?.(done, total);
  };

  if (jobs <= 0 || !o.entry.endsWith('.js')) {
    const done = new Promise<SweepPoint[] | null>((resolve, reject) => {
      // One point per turn of the event loop, so a cancel (Ctrl-C) is seen between points.
      const step = (): void => {
        if (cancelled) return resolve(null);
        if (next >= total) return resolve(results);
        const r = runBatch(base, plan, { from: next, to: next + 1 });
        next++;
        if (!r.ok) return reject(new Error(r.error));
        land(r.points);
        setImmediate(step);
      };
      setImmediate(step);
    });
    return {
      done,
      cancel: () => {
        cancelled = true;
      },
    };
  }

  const workers: Worker[] = [];
  const stopAll = (): void => {
    for (const w of workers) void w.terminate();
    workers.length = 0;
  };
  let settle: (r: SweepPoint[] | null) => void = () => undefined;
  let fail: (e: Error) => void = () => undefined;
  const finished = new Promise<SweepPoint[] | null>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  let over = false;
  const end = (r: SweepPoint[] | null | Error): void => {
    if (over) return;
    over = true;
    stopAll();
    if (r instanceof Error) fail(r);
    else settle(r);
  };
  const init: WorkerInit = { [WORKER_FLAG]: true, base, plan };
  for (let k = 0; k < jobs; k++) {
    const w = new Worker(o.entry, { workerData: init });
    workers.push(w);
    const feed = (): void => {
      const b = take();
      if (b !== null) w.postMessage(b);
    };
    w.on('message', (r: Reply) => {
      if (over) return;
      if (!r.ok) return end(new Error(r.error));
      land(r.points);
      if (done === total) return end(results);
      feed();
    });
    w.on('error', (e) => end(e));
    w.on('exit', (code) => {
      if (!over) end(new Error(`a sweep worker exited (${code}) before the sweep finished`));
    });
    feed();
  }
  return {
    done: finished,
    cancel: () => {
      cancelled = true;
      end(null);
    },
  };
}
