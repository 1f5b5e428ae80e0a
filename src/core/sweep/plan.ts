/**
 * A sweep plan (LANGUAGE.md §13): the varied parameters, resolved against a
 * checked scenario, with their values; the points are their cartesian
 * product, numbered so that the first parameter varies slowest (the order a
 * table reads best in). A plan is plain data: a worker thread that gets it
 * and the base scenario computes any point by its number, so results come
 * back in the same order however many threads ran them.
 */
import type { Scenario } from '../check/ir';
import { MAX_SWEEP_POINTS, MAX_THREAD_INSTANCES } from '../limits';
import type { Metrics, RunStatus } from '../sim/result';
import { simulate } from '../sim/simulate';
import type { Span } from '../syntax/ast';
import { applyPoint, type Assignment } from './apply';
import { isNameError, resolveParameter, type Parameter } from './params';
import { parseRange, type SweepValue } from './ranges';

export interface SweepPlan {
  readonly params: readonly Parameter[];
  /** The values of each parameter, in `params` order. */
  readonly values: readonly (readonly SweepValue[])[];
  /** The product of the value counts, at most MAX_SWEEP_POINTS. */
  readonly points: number;
}

/**
 * Why a plan cannot be made. `vary`: which `NAME=VALUES` (0-based) and
 * where in it (`at`, `length`); `span`, when set, is where in the file the
 * thing varied is.
 */
export interface PlanError {
  readonly vary: number;
  readonly message: string;
  readonly at: number;
  readonly length: number;
  readonly span: Span | null;
}

export function isPlanError(x: SweepPlan | PlanError): x is PlanError {
  return 'message' in x;
}

/** Builds the plan for `varies` (each `NAME=VALUES`). `lineOf` gives the 1-based line of a source offset. */
export function planSweep(s: Scenario, varies: readonly string[], lineOf: (offset: number) => number): SweepPlan | PlanError {
  if (varies.length === 0)
    return { vary: -1, message: 'nothing to vary: add --vary NAME=VALUES (e.g. --vary cpus=1..4)', at: 0, length: 0, span: null };
  const split = varies.map((v) => {
    const eq = v.indexOf('=');
    return eq < 0
      ? null
      : { name: v.slice(0, eq).trim(), lead: v.length - v.trimStart().length, values: v.slice(eq + 1), valuesAt: eq + 1 };
  });
  // Which processes have their model varied: `lwps` of a process that is never many-to-many is an error only without it.
  const modelOf = new Set<number>();
  for (const x of split) {
    if (x === null) continue;
    if (x.name === 'model') s.processes.forEach((p) => modelOf.add(p.index));
    const p = s.processes.find((q) => `${q.name}.model` === x.name);
    if (p) modelOf.add(p.index);
  }
  const params: Parameter[] = [];
  const values: SweepValue[][] = [];
  let points = 1;
  for (let k = 0; k < varies.length; k++) {
    const x = split[k];
    const err = (message: string, at: number, length: number, span: Span | null = null): PlanError => ({
      vary: k,
      message,
      at,
      length: Math.max(1, length),
      span,
    });
    if (x === null) return err(`'${varies[k]}' needs NAME=VALUES, e.g. cpus=1..4`, 0, varies[k].length);
    const param = resolveParameter(s, x.name, (i) => modelOf.has(i), lineOf);
    if (isNameError(param)) return err(param.message, x.lead + param.at, param.length, param.span ?? null);
    if (params.some((q) => q.name === param.name)) return err(`'${param.name}' is varied twice`, x.lead, x.name.length);
    const r = parseRange(x.values, param.value);
    if (!r.ok) return err(`${param.name}: ${r.message}`, x.valuesAt + r.at, r.length);
    points *= r.values.length;
    if (points > MAX_SWEEP_POINTS)
      return err(
        `the sweep would have ${points.toLocaleString('en-US')}${k + 1 < varies.length ? ' or more' : ''} points, more than ${MAX_SWEEP_POINTS.toLocaleString('en-US')} (MAX_SWEEP_POINTS): use fewer values`,
        x.valuesAt,
        x.values.length,
      );
    params.push(param);
    values.push([...r.values]);
  }
  const over = instancesOverCap(s, params, values);
  if (over !== null)
    return {
      vary: over.vary,
      message: over.message,
      at: split[over.vary]!.valuesAt,
      length: Math.max(1, split[over.vary]!.values.length),
      span: params[over.vary].span,
    };
  return { params, values, points };
}

/** The largest `count` swept must keep the file's thread instances within MAX_THREAD_INSTANCES, as the checker does for the file. */
function instancesOverCap(
  s: Scenario,
  params: readonly Parameter[],
  values: readonly (readonly SweepValue[])[],
): { vary: number; message: string } | null {
  const largest = new Map<string, { vary: number; n: number }>();
  params.forEach((p, k) => {
    if (p.target.kind === 'count')
      largest.set(`${p.target.process}.${p.target.thread}`, { vary: k, n: Math.max(...values[k].map(Number)) });
  });
  if (largest.size === 0) return null;
  let total = 0;
  let last = -1;
  for (const p of s.processes)
    for (const t of p.threads) {
      if (t.spawned) continue;
      const v = largest.get(`${p.index}.${t.index}`);
      total += v ? v.n : t.count;
      if (v) last = Math.max(last, v.vary);
    }
  return total > MAX_THREAD_INSTANCES
    ? {
        vary: last,
        message: `at its largest the sweep declares ${total.toLocaleString('en-US')} thread instances, more than ${MAX_THREAD_INSTANCES.toLocaleString('en-US')} (MAX_THREAD_INSTANCES): use smaller counts`,
      }
    : null;
}

/** The values of point `index`: the first parameter varies slowest. */
export function pointAssignments(plan: SweepPlan, index: number): Assignment[] {
  const out: Assignment[] = new Array<Assignment>(plan.params.length);
  let rest = index;
  for (let k = plan.params.length - 1; k >= 0; k--) {
    const vs = plan.values[k];
    out[k] = { param: plan.params[k], value: vs[rest % vs.length] };
    rest = Math.floor(rest / vs.length);
  }
  return out;
}

/** One point's outcome: the metrics as `lwp run --json` names them. */
export interface SweepPoint {
  readonly index: number;
  readonly params: Readonly<Record<string, SweepValue>>;
  readonly status: RunStatus;
  readonly makespan: number;
  readonly metrics: Metrics;
  /** Values that had no effect at this point, and options the point's model dropped. */
  readonly warnings: readonly string[];
  /** Why the run stopped early (a deadlock's or the limit's summary), or null. */
  readonly summary: string | null;
}

/** Runs point `index` without a trace (nobody draws a sweep's runs; every metric is still exact). */
export function runPoint(base: Scenario, plan: SweepPlan, index: number, shouldStop?: () => boolean): SweepPoint {
  const assignments = pointAssignments(plan, index);
  const { scenario, warnings } = applyPoint(base, assignments);
  const r = simulate(scenario, { recordTrace: false, shouldStop });
  const params: Record<string, SweepValue> = {};
  for (const a of assignments) params[a.param.name] = a.value;
  return {
    index,
    params,
    status: r.status,
    makespan: r.makespan,
    metrics: r.metrics,
    warnings,
    summary: r.deadlock?.summary ?? r.limit?.summary ?? null,
  };
}
