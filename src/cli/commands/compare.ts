/**
 * `lwp compare FILE [--models a,b,c] [--json]` (LANGUAGE.md §12): the same
 * scenario under several threading models, metrics side by side under their
 * readable names, with the LWP pool each many-to-many run used. Exit 0,
 * 1 file errors, 2 usage (the runs' own outcomes are in the table).
 */
import { METRIC_NAMES, type Scenario } from '../../core/check/ir';
import { METRIC_CONCEPTS } from '../../core/concepts/metrics';
import { overrideScenario } from '../../core/sim/override';
import type { RunResult } from '../../core/sim/result';
import { simulate } from '../../core/sim/simulate';
import type { ModelName } from '../../core/syntax/ast';
import { parseCommandArgs } from '../args';
import { MODEL_CHOICES, loadFile, metricCell, parseCount, parseModel, runJson, table } from '../format';
import { Exit, type CliIO, type Command } from '../io';

const USAGE = `usage: lwp compare FILE [--models a,b,c] [--cpus N] [--json]

Runs the scenario under each model (default: all three) and prints the metrics side by side.
  --models     comma-separated: ${MODEL_CHOICES}
  --cpus N     run on N CPUs
  --json       print a JSON array, one run object per model
`;

const ALL: readonly ModelName[] = ['one-to-one', 'many-to-one', 'many-to-many'];

/** `CPU utilization` for `cpuUtilization`: the names the docs and hovers use. */
const METRIC_TITLES: ReadonlyMap<string, string> = new Map(METRIC_CONCEPTS.filter((c) => c.id.startsWith('metric:')).map((c) => [c.id.slice('metric:'.length), c.title]));

/** The LWP pool of each many-to-many process of a run (`4`, or `p 4, q 2` for several), '—' when there is none. */
export function poolCell(scenario: Scenario): string {
  const pools = scenario.processes.filter((p) => p.model === 'many-to-many');
  if (pools.length === 0) return '—';
  const one = (p: (typeof pools)[number]): string => `${p.lwps}${p.maxLwps !== null ? `…${p.maxLwps}` : ''}`;
  return scenario.processes.length === 1 ? one(pools[0]) : pools.map((p) => `${p.name} ${one(p)}`).join(', ');
}

const command: Command = (args, io) => Promise.resolve(compareCommand(args, io));

function compareCommand(args: readonly string[], io: CliIO): number {
  const p = parseCommandArgs('compare', args, { models: { type: 'string', value: 'a,b,c' }, cpus: { type: 'string', value: 'N' }, json: { type: 'boolean' } }, USAGE, io);
  if (p === null) return Exit.Usage;
  if (p.help) {
    io.stdout(USAGE);
    return Exit.Ok;
  }
  const fail = (msg: string): number => {
    io.stderr(`lwp compare: ${msg}\n\n${USAGE}`);
    return Exit.Usage;
  };
  let models: ModelName[] = [...ALL];
  if (typeof p.values.models === 'string') {
    const parsed: ModelName[] = [];
    for (const w of p.values.models.split(',')) {
      if (w.trim() === '') return fail('--models needs a list such as one-to-one,many-to-many');
      const m = parseModel(w.trim());
      if (m === null) return fail(`unknown model '${w}': use ${MODEL_CHOICES}`);
      if (!parsed.includes(m)) parsed.push(m);
    }
    models = parsed;
  }
  let cpus: number | undefined;
  if (typeof p.values.cpus === 'string') {
    const n = parseCount(p.values.cpus);
    if (n === null) return fail(`--cpus needs a whole number from 1 to 1024, not '${p.values.cpus}'`);
    cpus = n;
  }
  const [file, ...extra] = p.positionals;
  if (file === undefined) return fail('which file?');
  if (extra.length) return fail(`one file at a time (got '${file}' and '${extra[0]}')`);
  const loaded = loadFile(file, io, 'compare', io.stderr);
  if (loaded === null) return Exit.Usage;
  if (loaded.scenario === null) {
    io.stderr(`lwp compare: ${file} has errors; nothing was simulated\n`);
    return Exit.FileErrors;
  }
  const runs: { model: ModelName; r: RunResult; pool: string }[] = [];
  for (const model of models) {
    const { scenario, warnings } = overrideScenario(loaded.scenario, { model, cpus });
    for (const w of warnings) io.stderr(`lwp compare: warning (${model}): ${w}\n`);
    runs.push({ model, r: simulate(scenario, { recordTrace: false }), pool: poolCell(scenario) });
  }
  if (p.values.json === true) {
    io.stdout(JSON.stringify(runs.map(({ model, r }) => runJson(r, file, loaded.lines, model))) + '\n');
    return Exit.Ok;
  }
  const rows: string[][] = [['', ...runs.map((x) => x.model)]];
  if (runs.some((x) => x.model === 'many-to-many')) rows.push(['LWP pool (M:N)', ...runs.map((x) => x.pool)]);
  for (const name of METRIC_NAMES) rows.push([METRIC_TITLES.get(name) ?? name, ...runs.map(({ r }) => metricCell(name, r.metrics[name]))]);
  io.stdout(`${loaded.scenario.title ?? file}\n\n${table(rows)}`);
  for (const { model, r } of runs) {
    const why = r.deadlock?.summary ?? r.limit?.summary;
    if (why) io.stdout(`\n${model}: ${why}\n`);
  }
  return Exit.Ok;
}
export default command;
