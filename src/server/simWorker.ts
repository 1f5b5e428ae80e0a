/**
 * Runs the diagnostics simulation on a worker thread, so a long run never
 * delays the front-end diagnostics of the next edit — and turns the run into
 * the editor's findings there too, so that neither a run with thousands of
 * stuck threads nor its RunResult crossing threads holds up hovers on the
 * main thread: only the diagnostics and the summary come back. The worker is the same
 * bundle (dist/server.js or dist/cli.js) started with `workerData.lwpSim`;
 * a newer edit stops its run through a shared flag that `shouldStop` reads.
 * Where no worker can start (e.g. the server run from sources), the run
 * happens in-process under a short wall-clock budget instead.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Scenario } from '../core/check/ir';
import type { Diagnostic } from '../core/diagnostic';
import { capDiagnostics } from '../core/diagnostics/cap';
import { simulate } from '../core/sim/simulate';
import type { LastRunResult } from '../shared/lsp-protocol';
import { runScenarioForTests, type ScenarioOutcome } from '../extension/testingRun';
import { findings, summarize, truncationNote } from './simFindings';

export interface SimRequest {
  readonly id: number;
  readonly scenario: Scenario;
  /** The document version the run belongs to (it goes into the summary). */
  readonly version: number;
  readonly maxEvents: number;
  readonly budgetMs: number;
  /** Int32Array(1) over a SharedArrayBuffer: 1 = stop. */
  readonly cancel: SharedArrayBuffer;
}

/** A Testing-view run (see src/extension/testingRun.ts): analyze and simulate a file's text without a trace. */
export interface TestRequest {
  readonly kind: 'test';
  readonly id: number;
  readonly text: string;
}

export type TestReply = { readonly id: number; readonly ok: true; readonly outcome: ScenarioOutcome } | { readonly id: number; readonly ok: false; readonly error: string; readonly cancelled?: boolean };

export type SimReply =
  | { readonly id: number; readonly ok: true; readonly run: LastRunResult; readonly diagnostics: readonly Diagnostic[] }
  | { readonly id: number; readonly ok: false; readonly error: string };

/** Runs one request and makes its findings; shared by the worker and the in-process fallback. */
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
    // A cancelled run's findings are dropped by the caller: do not spend time on them.
    if (Atomics.load(flag, 0) !== 0) return { id: req.id, ok: true, run: summarize(run, req.version, true), diagnostics: [] };
    const overEvents = run.status === 'limit' && run.events >= req.maxEvents;
    const truncated = overTime || overEvents;
    const diagnostics = findings(run, truncated);
    if (truncated) {
      const first = req.scenario.processes[0];
      const why = overTime ? `after ${req.budgetMs} ms` : `after ${req.maxEvents.toLocaleString('en-US')} events`;
      diagnostics.push(truncationNote(first ? first.nameSpan : { start: 0, end: 0 }, why));
    }
    // Capped here, before crossing threads: 30,000 stuck threads' findings took seconds to copy to the main thread.
    return { id: req.id, ok: true, run: summarize(run, req.version, truncated), diagnostics: capDiagnostics(diagnostics) };
  } catch (err) {
    return { id: req.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
}

export function runTestRequest(req: TestRequest): TestReply {
  try {
    return { id: req.id, ok: true, outcome: runScenarioForTests(req.text) };
  } catch (err) {
    return { id: req.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
}

const WORKER_FLAG = 'lwpSimWorker';

// Inside the worker: answer requests until the parent goes away.
if (!isMainThread && (workerData as Record<string, unknown> | null)?.[WORKER_FLAG] === true && parentPort) {
  const port = parentPort;
  port.on('message', (req: SimRequest | TestRequest) => port.postMessage('kind' in req ? runTestRequest(req) : runRequest(req)));
}

/** A lazily started worker; `run` falls back to in-process when it cannot start or dies. */
export class SimWorker {
  private worker: Worker | null = null;
  private failed = false;
  private next = 1;
  private readonly pending = new Map<number, (r: SimReply | TestReply) => void>();

  constructor(
    private readonly log: (message: string) => void,
    /** The bundle file to run as the worker; only a built .js bundle can. */
    private readonly entry: string = __filename,
  ) {}

  /** Whether runs go to a worker (longer budgets are then harmless). */
  get threaded(): boolean {
    return this.ensure() !== null;
  }

  run(scenario: Scenario, version: number, maxEvents: number, budgetMs: number, cancel: SharedArrayBuffer): Promise<SimReply> {
    const id = this.next++;
    const req: SimRequest = { id, scenario, version, maxEvents, budgetMs, cancel };
    const w = this.ensure();
    if (!w) return Promise.resolve(runRequest(req));
    return new Promise((resolve) => {
      this.pending.set(id, resolve as (r: SimReply | TestReply) => void);
      w.postMessage(req);
    });
  }

  /** A Testing-view run of `text`; in-process (blocking) only where no worker can start. */
  runTest(text: string): Promise<TestReply> {
    const id = this.next++;
    const req: TestRequest = { kind: 'test', id, text };
    const w = this.ensure();
    if (!w) return Promise.resolve(runTestRequest(req));
    return new Promise((resolve) => {
      this.pending.set(id, resolve as (r: SimReply | TestReply) => void);
      w.postMessage(req);
    });
  }

  /**
   * Stops whatever the worker is doing now, even a run inside one long step:
   * the thread is terminated, every pending request answers `cancelled`, and
   * the next request starts a new worker.
   */
  stop(): void {
    const w = this.worker;
    if (!w) return;
    this.worker = null;
    void w.terminate();
    for (const [id, resolve] of this.pending) resolve({ id, ok: false, error: 'cancelled', cancelled: true });
    this.pending.clear();
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
      w.on('message', (r: SimReply | TestReply) => {
        const resolve = this.pending.get(r.id);
        this.pending.delete(r.id);
        resolve?.(r);
      });
      w.on('error', (err) => this.lost(w, `simulation worker failed: ${err.message}`));
      w.on('exit', (code) => this.lost(w, `simulation worker exited (${code})`));
      this.worker = w;
    } catch (err) {
      this.failed = true;
      this.log(`no simulation worker (${String(err)}); simulating in-process`);
    }
    return this.worker;
  }

  /** The worker died: fail what it had, and let the next run start a new one. */
  private lost(w: Worker, message: string): void {
    // A worker stopped on purpose (stop, dispose) has already been replaced or let go.
    if (this.worker !== w) return;
    this.log(message);
    this.worker = null;
    for (const [id, resolve] of this.pending) resolve({ id, ok: false, error: message });
    this.pending.clear();
  }
}
