/**
 * The simulation behind diagnostics, hovers and inlay hints, under caps so
 * typing never stalls: at most SIM_MAX_EVENTS events, without a trace, within
 * a wall-clock budget (longer on the worker thread, where it blocks nothing),
 * and it stops as soon as a newer edit arrives. The findings are made where
 * the run happens (simWorker.ts), so the main thread only publishes them.
 */
import type { Diagnostic } from '../core/diagnostic';
import type { LastRunResult } from '../shared/lsp-protocol';
import type { Analysis } from './analysis';
import type { SimRunner } from './simRunner';

/** Event cap for a diagnostics run (`lwp run` allows 50 M). */
export const SIM_MAX_EVENTS = 2_000_000;
/** Wall-clock cap on the worker thread, ms. */
export const SIM_BUDGET_MS = 2_000;
/** Wall-clock cap when simulating in-process (no worker): what an edit may wait, ms. */
export const SIM_INPROCESS_BUDGET_MS = 250;

export interface SimOutcome {
  readonly run: LastRunResult;
  readonly diagnostics: readonly Diagnostic[];
}

/** A flag a newer edit raises to stop the run. */
export class CancelFlag {
  /** Shared with the worker thread; a browser page without cross-origin isolation has no SharedArrayBuffer, and runs there are in-process. */
  readonly buffer: SharedArrayBuffer | ArrayBuffer = typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(4) : new ArrayBuffer(4);
  private readonly view = new Int32Array(this.buffer);
  get cancelled(): boolean {
    return Atomics.load(this.view, 0) !== 0;
  }
  cancel(): void {
    Atomics.store(this.view, 0, 1);
  }
}

/** Null when cancelled by a newer edit (its own run will follow). Throws on an internal error of the simulator. */
export async function simulateForDiagnostics(a: Analysis, worker: SimRunner, cancel: CancelFlag, maxEvents = SIM_MAX_EVENTS): Promise<SimOutcome | null> {
  if (!a.scenario) return null;
  const budgetMs = worker.threaded ? SIM_BUDGET_MS : SIM_INPROCESS_BUDGET_MS;
  const reply = await worker.run(a.scenario, a.version, maxEvents, budgetMs, cancel.buffer);
  if (cancel.cancelled) return null;
  if (!reply.ok) throw new Error(reply.error);
  return { run: reply.run, diagnostics: reply.diagnostics };
}
