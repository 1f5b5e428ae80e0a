/**
 * Expectations (LANGUAGE.md §11), evaluated after a run. A failure carries
 * the actual value, formatted the way the user wrote the claim (durations
 * with formatDuration, ratios with up to 3 decimals, counts as integers).
 */
import type { ExpectIR, Scenario } from '../check/ir';
import { DURATION_METRICS } from '../check/ir';
import type { Diagnostic } from '../diagnostic';
import { makeDiagnostic } from '../diagnostics/codes';
import type { CompareOp } from '../syntax/ast';
import { formatDuration } from '../units';
import { threadRows, type ExpectResult, type Metrics, type ProcessMetrics, type RunStatus, type ThreadColumns, type ThreadMetrics } from './result';

export interface RunOutcome {
  readonly status: RunStatus;
  readonly metrics: Metrics;
  readonly threads: ThreadColumns;
  readonly processes: readonly ProcessMetrics[];
}

export function compare(actual: number, op: CompareOp, expected: number): boolean {
  switch (op) {
    case '<':
      return actual < expected;
    case '<=':
      return actual <= expected;
    case '>':
      return actual > expected;
    case '>=':
      return actual >= expected;
    case '==':
      return actual === expected;
    case '!=':
      return actual !== expected;
  }
}

/** A plain number as people read it: integers as is, ratios with up to 3 decimals. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return n.toFixed(3).replace(/\.?0+$/, '');
}

export function evaluateExpectations(scenario: Scenario, run: RunOutcome): ExpectResult[] {
  return scenario.expects.map((x) => evaluate(scenario, x, run));
}

function evaluate(scenario: Scenario, x: ExpectIR, run: RunOutcome): ExpectResult {
  const base = { span: x.span, text: x.text };
  switch (x.kind) {
    case 'status':
      return { ...base, passed: run.status === x.status, actual: run.status };
    case 'metric': {
      const v = run.metrics[x.metric];
      const isDuration = DURATION_METRICS.has(x.metric);
      return { ...base, passed: compare(v, x.op, x.value), actual: isDuration ? formatDuration(v) : formatNumber(v) };
    }
    case 'thread': {
      const th = run.threads;
      const all = threadRows(th, (i) => th.process[i] === x.process && th.thread[i] === x.thread && (x.instance === null || th.instance[i] === x.instance));
      if (all.length === 0) {
        const p = scenario.processes[x.process];
        const name = p ? `${p.name}.${p.threads[x.thread]?.name ?? '?'}${x.instance !== null ? '#' + x.instance : ''}` : 'the thread';
        return { ...base, passed: false, actual: `${name} never ran` };
      }
      for (const t of all) {
        const v = x.field === 'finish' ? t.finish : t[x.field];
        const who = all.length > 1 || x.instance === null ? ` (${t.id})` : '';
        if (v === null) return { ...base, passed: false, actual: `never finished${who}` };
        if (!compare(v, x.op, x.value)) return { ...base, passed: false, actual: `${formatDuration(v)}${all.length > 1 ? who : ''}` };
      }
      const shown = all.length === 1 ? all[0] : worst(all, x);
      const v = x.field === 'finish' ? shown.finish! : shown[x.field];
      return { ...base, passed: true, actual: `${formatDuration(v)}${all.length > 1 ? ` (${shown.id})` : ''}` };
    }
  }
}

/** The instance closest to failing, to show with a passing "every instance" claim. */
function worst(all: readonly ThreadMetrics[], x: Extract<ExpectIR, { kind: 'thread' }>): ThreadMetrics {
  const val = (t: ThreadMetrics): number => (x.field === 'finish' ? t.finish ?? 0 : t[x.field]);
  const high = x.op === '<' || x.op === '<=';
  return all.reduce((a, b) => (high ? (val(b) > val(a) ? b : a) : val(b) < val(a) ? b : a));
}

/** Failed expectations as diagnostics (LWP5001) on the `expect` line. */
export function expectationDiagnostics(results: readonly ExpectResult[]): Diagnostic[] {
  return results.filter((r) => !r.passed).map((r) => makeDiagnostic('expectFailed', r.span, [r.text, r.actual]));
}
