/**
 * `lwp compare FILE [--models a,b,c] [--json]` (LANGUAGE.md §12): the same
 * scenario under several threading models, metrics side by side. Exit 0,
 * 1 file errors, 2 usage (the runs' own outcomes are in the table).
 */
import { METRIC_NAMES } from '../../core/check/ir';
import { overrideScenario } from '../../core/sim/override';
import type { RunResult } from '../../core/sim/result';
import { simulate } from '../../core/sim/simulate';
import type { ModelName } from '../../core/syntax/ast';
import { MODEL_CHOICES, loadFile, metricCell, parseCount, parseModel, runJson, table } from '../format';
import { Exit, type Command } from '../io';

const USAGE = `usage: lwp compare FILE [--models a,b,c] [--cpus N] [--json]

Runs the scenario under each model (default: all three) and prints the metrics side by side.
  --models     comma-separated: ${MODEL_CHOICES}
  --cpus N     run on N CPUs
  --json       print a JSON array, one run object per model
`;

const ALL: readonly ModelName[] = ['one-to-one', 'many-to-one', 'many-to-many'];

const command: Command = (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(USAGE);
    return Promise.resolve(Exit.Ok);
  }
  let file: string | undefined;
  let json = false;
  let models: ModelName[] = [...ALL];
  let cpus: number | undefined;
  const fail = (msg: string): Promise<number> => {
    io.stderr(`lwp compare: ${msg}\n\n${USAGE}`);
    return Promise.resolve(Exit.Usage);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag === '--json') json = true;
    else if (flag === '--models') {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') return fail(`--models needs a list such as one-to-one,many-to-many`);
      const parsed: ModelName[] = [];
      for (const w of v.split(',')) {
        const m = parseModel(w.trim());
        if (m === null) return fail(`unknown model '${w}': use ${MODEL_CHOICES}`);
        if (!parsed.includes(m)) parsed.push(m);
      }
      models = parsed;
    } else if (flag === '--cpus') {
      const n = parseCount(inline ?? args[++i]);
      if (n === null) return fail('--cpus needs a whole number from 1 to 1024');
      cpus = n;
    } else if (a.startsWith('-') && a !== '-') return fail(`unknown option '${a}'`);
    else if (file === undefined) file = a;
    else return fail(`one file at a time (got '${file}' and '${a}')`);
  }
  if (file === undefined) return fail('which file?');
  const loaded = loadFile(file, io, 'compare', io.stderr);
  if (loaded === null) return Promise.resolve(Exit.Usage);
  if (loaded.scenario === null) {
    io.stderr(`lwp compare: ${file} has errors; nothing was simulated\n`);
    return Promise.resolve(Exit.FileErrors);
  }
  const runs: { model: ModelName; r: RunResult }[] = [];
  for (const model of models) {
    const { scenario, warnings } = overrideScenario(loaded.scenario, { model, cpus });
    for (const w of warnings) io.stderr(`lwp compare: warning (${model}): ${w}\n`);
    runs.push({ model, r: simulate(scenario, { recordTrace: false }) });
  }
  if (json) {
    io.stdout(JSON.stringify(runs.map(({ model, r }) => runJson(r, file, loaded.lines, model))) + '\n');
    return Promise.resolve(Exit.Ok);
  }
  const rows: string[][] = [['', ...runs.map((x) => x.model)]];
  for (const name of METRIC_NAMES) rows.push([name, ...runs.map(({ r }) => metricCell(name, r.metrics[name]))]);
  io.stdout(`${loaded.scenario.title ?? file}\n\n${table(rows)}`);
  for (const { model, r } of runs) {
    const why = r.deadlock?.summary ?? r.limit?.summary;
    if (why) io.stdout(`\n${model}: ${why}\n`);
  }
  return Promise.resolve(Exit.Ok);
};
export default command;
