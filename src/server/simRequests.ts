/**
 * The requests a simulation runner answers, and how each is answered — the
 * same code wherever it runs: on a Node worker thread (simWorker.ts), in a
 * browser Web Worker (webSimWorker.ts), or in-process (simRunner.ts). Nothing
 * here may import a Node built-in: the web extension bundles it.
 */
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
  /**
   * Int32Array(1) over a SharedArrayBuffer: 1 = stop. Where SharedArrayBuffer
   * does not exist (a browser page that is not cross-origin isolated) it is a
   * plain ArrayBuffer, which only an in-process runner can share.
   */
  readonly cancel: SharedArrayBuffer | ArrayBuffer;
}

/** A Testing-view run (see src/extension/testingRun.ts): analyze and simulate a file's text without a trace. */
export interface TestRequest {
  readonly kind: 'test';
  readonly id: number;
  readonly text: string;
}

export type TestReply =
  | { readonly id: number; readonly ok: true; readonly outcome: ScenarioOutcome }
  | { readonly id: number; readonly ok: false; readonly error: string; readonly cancelled?: boolean };

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

/** Answers one request of either kind. */
export function answer(req: SimRequest | TestRequest): SimReply | TestReply {
  return 'kind' in req ? runTestRequest(req) : runRequest(req);
}

/** What a browser Web Worker running dist/web/server.js is: the language server or a simulation worker. */
export type WorkerRole = 'server' | 'sim';

/** The global the first line of the worker's script sets to its WorkerRole (see src/extension/web.ts). */
export const WORKER_ROLE_GLOBAL = 'LWP_WORKER_ROLE';
