/**
 * `lwp run FILE [--json] [--model M] [--cpus N]` (LANGUAGE.md §12): simulate
 * and print a summary with a text Gantt chart of the CPUs, or one JSON
 * object. Exit 0 completed, 3 deadlock or limit, 1 file errors, 2 usage.
 */
import { overrideScenario } from '../../core/sim/override';
import { simulate, type SimOptions } from '../../core/sim/simulate';
import type { ModelName } from '../../core/syntax/ast';
import { MODEL_CHOICES, diagnosticLine, loadFile, parseCount, parseModel, runJson, runSummary } from '../format';
import { textGantt } from '../gantt';
import { parseCommandArgs, type OptionSpecs } from '../args';
import { Exit, type CliIO, type Command } from '../io';

const USAGE = `usage: lwp run FILE [--json] [--model M] [--cpus N]

Simulates the scenario and prints a summary and a Gantt chart of the CPUs.
  --json       print one JSON object instead (times in ns)
  --model M    run every process under M: ${MODEL_CHOICES}
  --cpus N     run on N CPUs
Exit status: 0 completed, 3 deadlock or limit, 1 the file has errors, 2 usage error.
`;

export interface RunArgs {
  readonly file: string;
  readonly json: boolean;
  readonly model: ModelName | undefined;
  readonly cpus: number | undefined;
}

export const RUN_OPTIONS = {
  json: { type: 'boolean' },
  model: { type: 'string', value: 'one-to-one, many-to-one or many-to-many' },
  cpus: { type: 'string', value: 'N' },
} as const satisfies OptionSpecs;

/** Parses run's options; prints the problem and returns null on a usage error. */
export function parseRunArgs(args: readonly string[], io: CliIO): RunArgs | 'help' | null {
  const p = parseCommandArgs('run', args, RUN_OPTIONS, USAGE, io);
  if (p === null) return null;
  if (p.help) return 'help';
  const fail = (msg: string): null => {
    io.stderr(`lwp run: ${msg}\n\n${USAGE}`);
    return null;
  };
  let model: ModelName | undefined;
  const m = p.values.model;
  if (typeof m === 'string') {
    const parsed = parseModel(m);
    if (parsed === null) return fail(`--model needs ${MODEL_CHOICES}, not '${m}'`);
    model = parsed;
  }
  let cpus: number | undefined;
  const c = p.values.cpus;
  if (typeof c === 'string') {
    const n = parseCount(c);
    if (n === null) return fail(`--cpus needs a whole number from 1 to 1024, not '${c}'`);
    cpus = n;
  }
  const [file, ...extra] = p.positionals;
  if (file === undefined) return fail('which file? e.g. lwp run examples/01-two-level-solaris.lwp');
  if (extra.length) return fail(`one file at a time (got '${file}' and '${extra[0]}')`);
  return { file, json: p.values.json === true, model, cpus };
}

/** Progress on stderr while a long run goes on, only when stderr is a terminal. */
export function progressOptions(io: CliIO): { options: SimOptions; done: () => void } {
  if (!io.stderrIsTTY) return { options: {}, done: () => undefined };
  // Its own carriage return and erase-line are the one deliberate control sequence: written unfiltered, with nothing from the file in them.
  const stderr = io.raw?.stderr ?? io.stderr;
  let last = Date.now();
  let shown = false;
  return {
    options: {
      onProgress: (simNs, events) => {
        const now = Date.now();
        if (now - last < 250) return;
        last = now;
        shown = true;
        stderr(`\rsimulating… ${(simNs / 1e6).toFixed(1)}ms simulated, ${events.toLocaleString('en-US')} events `);
      },
    },
    done: () => {
      if (shown) stderr('\r\x1b[K');
    },
  };
}

const command: Command = (args, io) => {
  const a = parseRunArgs(args, io);
  if (a === null) return Promise.resolve(Exit.Usage);
  if (a === 'help') {
    io.stdout(USAGE);
    return Promise.resolve(Exit.Ok);
  }
  const loaded = loadFile(a.file, io, 'run', io.stderr);
  if (loaded === null) return Promise.resolve(Exit.Usage);
  if (loaded.scenario === null) {
    io.stderr(`lwp run: ${a.file} has errors; nothing was simulated\n`);
    return Promise.resolve(Exit.FileErrors);
  }
  const { scenario, warnings } = overrideScenario(loaded.scenario, { model: a.model, cpus: a.cpus });
  for (const w of warnings) io.stderr(`lwp run: warning: ${w}\n`);
  const progress = progressOptions(io);
  const r = simulate(scenario, { ...progress.options, recordTrace: !a.json });
  progress.done();
  for (const d of r.diagnostics) if (d.code === 'LWP4001' || d.code === 'LWP4002') io.stderr(diagnosticLine(a.file, loaded.lines, d) + '\n');
  if (a.json) io.stdout(JSON.stringify(runJson(r, a.file, loaded.lines, a.model ?? null)) + '\n');
  else io.stdout(runSummary(r, scenario.title, a.file, loaded.lines) + '\n' + textGantt(r.trace));
  // An expectation the checker dropped (printed above) still makes the file one with errors.
  if (loaded.diagnostics.some((d) => d.severity === 'error')) return Promise.resolve(Exit.FileErrors);
  return Promise.resolve(r.status === 'completed' ? Exit.Ok : Exit.NotCompleted);
};
export default command;
