/**
 * One scenario run for the Testing view: the core's analyze + simulate, and
 * nothing else, so the controller (testing.ts) holds only VS Code plumbing.
 * It runs on the simulation worker thread (simWorker.ts, in dist/server.js),
 * never on the extension host's: without a trace (nobody draws it), and
 * stopped at once when the user cancels (the worker is terminated).
 */
import { analyze } from '../core/analyze';
import { simulate } from '../core/sim/simulate';
import type { ExpectResult } from '../core/sim/result';
import { LineMap } from '../core/syntax/lineMap';

export type ScenarioOutcome =
  | { readonly kind: 'unreadable' }
  /** The file has errors, so nothing was simulated (as `lwp test` does): the first (1-based position) and how many. */
  | { readonly kind: 'errors'; readonly first: { readonly line: number; readonly column: number; readonly message: string } | null; readonly count: number }
  /** Simulated. `lineErrors`: errors that drop only their own `expect` line (an unknown metric, …), by 0-based line. */
  | { readonly kind: 'ran'; readonly expectations: readonly ExpectResult[]; readonly lineErrors: readonly { readonly line: number; readonly message: string }[] };

export function runScenarioForTests(text: string): ScenarioOutcome {
  const analysis = analyze(text);
  // Errors past the first MAX_DIAGNOSTICS_PER_FILE are counted by the front end, not stored.
  let count = analysis.omitted.error;
  let first: (typeof analysis.diagnostics)[number] | null = null;
  for (const d of analysis.diagnostics) {
    if (d.severity !== 'error') continue;
    first ??= d;
    count++;
  }
  if (!analysis.scenario) {
    const at = first ? new LineMap(text).position(first.span.start) : null;
    return { kind: 'errors', first: first && at ? { line: at.line + 1, column: at.character + 1, message: first.message } : null, count };
  }
  // A scenario despite errors: each of them drops only its own expectation, and the others are evaluated (as `lwp test` does).
  const lines = count > 0 ? new LineMap(text) : null;
  const lineErrors = lines ? analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ line: lines.position(d.span.start).line, message: d.message })) : [];
  return { kind: 'ran', expectations: simulate(analysis.scenario, { recordTrace: false }).expectations, lineErrors };
}
