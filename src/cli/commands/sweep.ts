/**
 * `lwp sweep FILE --vary NAME=VALUES … [--metric a,b] [--csv|--json]`
 * (LANGUAGE.md §13): one run per point of the product of the varied
 * parameters, spread over worker threads, printed in point order as a table,
 * CSV or one JSON object. Exit 0 every point completed, 3 some deadlocked or
 * hit the limit, 1 file errors, 2 usage (a bad `--vary` is pointed at), 130
 * interrupted.
 */
import { METRIC_NAMES, type MetricName } from '../../core/check/ir';
import { suggest } from '../../core/diagnostics/suggest';
import { isPlanError, planSweep, showValue, type PlanError, type SweepPlan, type SweepPoint } from '../../core/sweep';
import { parseCommandArgs, type OptionSpecs } from '../args';
import { diagnosticLine, loadFile, metricCell, table, where } from '../format';
import { Exit, type CliIO, type Command } from '../io';
import { defaultJobs, startSweep } from '../sweepPool';

const USAGE = `usage: lwp sweep FILE --vary NAME=VALUES [--vary …] [--metric a,b] [--csv|--json] [--jobs N]

Runs the scenario once per point of the varied parameters (every combination) and prints a row per point.
  --vary NAME=VALUES  NAME: cpus, scheduler, quantum, limit, costs.COST, [process.]model|lwps|upcalls|sigwaiting,
                      [process.]thread.count|priority|start, [process.]thread.STATEMENT[@LINE] (compute, syscall, io, sleep)
                      VALUES: a list (1,2,4  1:1,N:1,M:N  on,off) or ranges (1..16  1..16 step 3  1ms..10ms step 1ms)
  --metric a,b        the metrics shown (default makespan,cpuUtilization,overhead): ${METRIC_NAMES.filter((m) => m !== 'status').join(', ')}
  --csv               comma-separated values, times in ns
  --json              one JSON object {"points":[{"params","status","makespan","metrics"}]}, times in ns
  --jobs N            worker threads (default: cores − 1 = ${defaultJobs()}; 0 runs in this thread)
Exit status: 0 every point completed, 3 some deadlocked or hit the limit, 1 the file has errors, 2 usage error.
`;

const OPTIONS = {
  vary: { type: 'string', value: 'NAME=VALUES', multiple: true },
  metric: { type: 'string', value: 'a,b,c', multiple: true },
  csv: { type: 'boolean' },
  json: { type: 'boolean' },
  jobs: { type: 'string', value: 'N' },
} as const satisfies OptionSpecs;

const DEFAULT_METRICS: readonly MetricName[] = ['makespan', 'cpuUtilization', 'overhead'];
const MAX_JOBS = 256;
/** Exit status after Ctrl-C, as shells report a process ended by SIGINT. */
const INTERRUPTED = 130;

const command: Command = async (args, io) => {
  const p = parseCommandArgs('sweep', args, OPTIONS, USAGE, io);
  if (p === null) return Exit.Usage;
  if (p.help) {
    io.stdout(USAGE);
    return Exit.Ok;
  }
  const fail = (msg: string): number => {
    io.stderr(`lwp sweep: ${msg}\n\n${USAGE}`);
    return Exit.Usage;
  };
  if (p.values.csv === true && p.values.json === true) return fail('--csv and --json: choose one');
  const metrics = parseMetrics(p.lists.metric ?? []);
  if (typeof metrics === 'string') return fail(metrics);
  let jobs = defaultJobs();
  if (typeof p.values.jobs === 'string') {
    if (!/^\d{1,3}$/.test(p.values.jobs) || Number(p.values.jobs) > MAX_JOBS)
      return fail(`--jobs needs a whole number from 0 to ${MAX_JOBS}, not '${p.values.jobs}'`);
    jobs = Number(p.values.jobs);
  }
  const [file, ...extra] = p.positionals;
  if (file === undefined) return fail('which file? e.g. lwp sweep examples/01-two-level-solaris.lwp --vary cpus=1..4');
  if (extra.length) return fail(`one file at a time (got '${file}' and '${extra[0]}')`);
  const varies = p.lists.vary ?? [];
  if (varies.length === 0) return fail('nothing to vary: add --vary NAME=VALUES, e.g. --vary cpus=1..4');

  const loaded = loadFile(file, io, 'sweep', io.stderr);
  if (loaded === null) return Exit.Usage;
  if (loaded.scenario === null) {
    io.stderr(`lwp sweep: ${file} has errors; nothing was simulated\n`);
    return Exit.FileErrors;
  }
  const lineOf = (offset: number): number => loaded.lines.position(offset).line + 1;
  const plan = planSweep(loaded.scenario, varies, lineOf);
  if (isPlanError(plan)) {
    io.stderr(planErrorText(plan, varies, (o) => where(file, loaded.lines, o)));
    return Exit.Usage;
  }

  const progress = progressLine(io, plan.points);
  const run = startSweep(loaded.scenario, plan, { jobs, entry: __filename, onProgress: progress.update });
  const onSigint = (): void => run.cancel();
  process.once('SIGINT', onSigint);
  let points: SweepPoint[] | null;
  try {
    points = await run.done;
  } finally {
    process.removeListener('SIGINT', onSigint);
    progress.done();
  }
  if (points === null) {
    io.stderr(`lwp sweep: interrupted after ${progress.count()} of ${plan.points} points; nothing printed\n`);
    return INTERRUPTED;
  }
  for (const d of loaded.diagnostics) if (d.severity === 'error') io.stderr(diagnosticLine(file, loaded.lines, d) + '\n');
  printWarnings(points, io);
  const chosen = metrics.length ? metrics : null;
  if (p.values.json === true) io.stdout(JSON.stringify({ points: points.map((pt) => pointJson(pt, chosen)) }) + '\n');
  else if (p.values.csv === true) io.stdout(csv(plan, points, chosen ?? DEFAULT_METRICS));
  else
    io.stdout(
      `${loaded.scenario.title ?? file}: ${plan.points} point${plan.points === 1 ? '' : 's'}\n\n${textTable(plan, points, chosen ?? DEFAULT_METRICS)}`,
    );
  if (loaded.diagnostics.some((d) => d.severity === 'error')) return Exit.FileErrors;
  return points.every((pt) => pt.status === 'completed') ? Exit.Ok : Exit.NotCompleted;
};
export default command;

/** `--metric a,b --metric c` → the metric names, or what is wrong. */
function parseMetrics(lists: readonly string[]): MetricName[] | string {
  const out: MetricName[] = [];
  for (const list of lists)
    for (const raw of list.split(',')) {
      const m = raw.trim();
      if (m === '') return '--metric needs names such as makespan,cpuUtilization';
      if (m === 'status') continue;
      if (!(METRIC_NAMES as readonly string[]).includes(m)) {
        const near = suggest(m, METRIC_NAMES);
        return `unknown metric '${m}'${near ? ` — did you mean '${near}'?` : ''} (metrics: ${METRIC_NAMES.filter((x) => x !== 'status').join(', ')})`;
      }
      if (!out.includes(m as MetricName)) out.push(m as MetricName);
    }
  return out;
}

/**
 * A plan error as the command line shows it: the message, the `--vary`
 * with a caret under the part at fault, and where in the file the thing
 * varied is when that matters.
 */
export function planErrorText(e: PlanError, varies: readonly string[], at: (offset: number) => string): string {
  const lines = [`lwp sweep: ${e.message}`];
  if (e.vary >= 0) {
    const prefix = '  --vary ';
    lines.push(
      prefix + varies[e.vary],
      ' '.repeat(prefix.length + e.at) + '^'.repeat(Math.max(1, Math.min(e.length, varies[e.vary].length - e.at))),
    );
  }
  if (e.span) lines.push(`${at(e.span.start)}: note: declared here`);
  return lines.join('\n') + '\n';
}

function pointJson(pt: SweepPoint, metrics: readonly MetricName[] | null): Record<string, unknown> {
  const m = metrics === null ? pt.metrics : Object.fromEntries(metrics.map((k) => [k, pt.metrics[k]]));
  return {
    params: pt.params,
    status: pt.status,
    makespan: pt.makespan,
    metrics: m,
    ...(pt.summary ? { summary: pt.summary } : {}),
    ...(pt.warnings.length ? { warnings: pt.warnings } : {}),
  };
}

function paramCell(plan: SweepPlan, k: number, v: string | number): string {
  return showValue(v, plan.params[k].value);
}

function textTable(plan: SweepPlan, points: readonly SweepPoint[], metrics: readonly MetricName[]): string {
  const rows: string[][] = [[...plan.params.map((p) => p.name), 'status', ...metrics]];
  for (const pt of points)
    rows.push([
      ...plan.params.map((p, k) => paramCell(plan, k, pt.params[p.name])),
      pt.status,
      ...metrics.map((m) => metricCell(m, pt.metrics[m])),
    ]);
  return table(rows);
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(plan: SweepPlan, points: readonly SweepPoint[], metrics: readonly MetricName[]): string {
  const rows: string[] = [[...plan.params.map((p) => p.name), 'status', ...metrics].map(csvField).join(',')];
  for (const pt of points)
    rows.push(
      [...plan.params.map((p) => String(pt.params[p.name])), pt.status, ...metrics.map((m) => String(pt.metrics[m]))]
        .map(csvField)
        .join(','),
    );
  return rows.join('\n') + '\n';
}

/** Each distinct warning once, with how many points it concerns. */
function printWarnings(points: readonly SweepPoint[], io: CliIO): void {
  const seen = new Map<string, number>();
  for (const pt of points) for (const w of pt.warnings) seen.set(w, (seen.get(w) ?? 0) + 1);
  for (const [w, n] of seen) io.stderr(`lwp sweep: warning (${n} point${n === 1 ? '' : 's'}): ${w}\n`);
}

/** `sweeping… 12 of 64 points` on stderr, only on a terminal, at most 10 times a second. */
function progressLine(io: CliIO, total: number): { update: (done: number) => void; done: () => void; count: () => number } {
  let n = 0;
  let last = 0;
  let shown = false;
  // Its carriage return and erase-line are the one deliberate control sequence, written unfiltered (nothing from the file is in them).
  const stderr = io.raw?.stderr ?? io.stderr;
  return {
    update: (done) => {
      n = done;
      if (!io.stderrIsTTY) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      shown = true;
      stderr(`\rsweeping… ${done} of ${total} points `);
    },
    done: () => {
      if (shown) stderr('\r\x1b[K');
    },
    count: () => n,
  };
}
