/**
 * One scenario run for the Testing view: the core's analyze + simulate, and
 * nothing else, so the controller (testing.ts) holds only VS Code plumbing.
 */
import { analyze } from '../core/analyze';
import { simulate } from '../core/sim/simulate';
import type { Diagnostic } from '../core/diagnostic';
import type { ExpectResult } from '../core/sim/result';

export type ScenarioOutcome =
  | { readonly kind: 'unreadable' }
  /** The file has errors, so nothing was simulated (as `lwp test` does). */
  | { readonly kind: 'errors'; readonly text: string; readonly errors: readonly Diagnostic[] }
  | { readonly kind: 'ran'; readonly expectations: readonly ExpectResult[] };

export function runScenarioForTests(text: string): ScenarioOutcome {
  const analysis = analyze(text);
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !analysis.scenario) return { kind: 'errors', text, errors };
  return { kind: 'ran', expectations: simulate(analysis.scenario).expectations };
}
