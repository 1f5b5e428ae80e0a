/**
 * Runs the diagnostics simulation on a worker thread, so a long run never
 * delays the front-end diagnostics of the next edit. The worker is the same
 * bundle (dist/server.js or dist/cli.js) started with `workerData.lwpSim`;
 * a newer edit stops its run through a shared flag that `shouldStop` reads.
 * Where no worker can start (e.g. the server run from sources), the run
 * happens in-process under a short wall-clock budget instead.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Scenario } from '../core/check/ir';
import { simulate } from '../core/sim/simulate';
import type { RunResult } from '../core/sim/result';

export interface SimRequest {
  readonly id: number;
  readonly scenario: Scenario;
  readonly maxEvents: number;
  readonly budgetMs: number;
  /** Int32Array(1) over a SharedArrayBuffer: 1 = stop. */
  readonly cancel: SharedArrayBuffer;
}

export type SimReply =
  | { readonly id: number; readonly ok: true; readonly run: RunResult; readonly overTime: boolean }
  | { readonly id: number; readonly ok: false; readonly error: string };

/** Runs one request; shared by the worker and the in-process fallback. */
export function runRequest(req: SimRequest): SimReply {
  const flag = new Int32Array(req.cancel);
  const deadline = performance.now() + req.budgetMs;
  let overTime = false;
  try {
    const run = simulate(req.scenario, {
      maxEvents: req.maxEvents,
      recordTrace: false,
      shouldStop: () => {
        if (Atomics.load(flag, 0) !== 0) return true;
        overTime = performance.now() > deadline;
        return overTime;
      },
    });
    return { id: req.id, ok: true, run, overTime };
  } catch (err) {
    return { id: req.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
}

const WORKER_FLAG = 'lwpSimWorker';

// Inside the worker: answer requests until the parent goes away.
if (!isMainThread && (workerData as Record<string, unknown> | null)?.[WORKER_FLAG] === true && parentPort) {
  const port = parentPort;
  port.on('message', (req: SimRequest) => port.postMessage(runRequest(req)));
}

/** A lazily started worker; `run` falls back to in-process when it cannot start or dies. */
export class SimWorker {
  private worker: Worker | null = null;
  private failed = false;
  private next = 1;
  private readonly pending = new Map<number, (r: SimReply) => void>();

  constructor(
    private readonly log: (message: string) => void,
    /** The bundle file to run as the worker; only a built .js bundle can. */
    private readonly entry: string = __filename,
  ) {}

  /** Whether runs go to a worker (longer budgets are then harmless). */
  get threaded(): boolean {
    return this.ensure() !== null;
  }

  run(scenario: Scenario, maxEvents: number, budgetMs: number, cancel: SharedArrayBuffer): Promise<SimReply> {
    const id = this.next++;
    const req: SimRequest = { id, scenario, maxEvents, budgetMs, cancel };
    const w = this.ensure();
    if (!w) return Promise.resolve(runRequest(req));
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      w.postMessage(req);
    });
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = null;
  }

  private ensure(): Worker | null {
    if (this.worker || this.failed) return this.worker;
    if (!this.entry.endsWith('.js')) {
      this.failed = true;
      return null;
    }
    try {
      const w = new Worker(this.entry, { workerData: { [WORKER_FLAG]: true } });
      w.unref();
      w.on('message', (r: SimReply) => {
        const resolve = this.pending.get(r.id);
        this.pending.delete(r.id);
        resolve?.(r);
      });
      w.on('error', (err) => this.lost(`simulation worker failed: ${err.message}`));
      w.on('exit', (code) => this.lost(`simulation worker exited (${code})`));
      this.worker = w;
    } catch (err) {
      this.failed = true;
      this.log(`no simulation worker (${String(err)}); simulating in-process`);
    }
    return this.worker;
  }

  /** The worker died: fail what it had, and let the next run start a new one. */
  private lost(message: string): void {
    if (!this.worker) return;
    this.log(message);
    this.worker = null;
    for (const [id, resolve] of this.pending) resolve({ id, ok: false, error: message });
    this.pending.clear();
  }
}
