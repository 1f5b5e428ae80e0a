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

/** Parses run's options; prints the problem and returns null on a usage error. */
export function parseRunArgs(args: readonly string[], io: CliIO): RunArgs | null {
  let file: string | undefined;
  let json = false;
  let model: ModelName | undefined;
  let cpus: number | undefined;
  const fail = (msg: string): null => {
    io.stderr(`lwp run: ${msg}\n\n${USAGE}`);
    return null;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag === '--json') json = true;
    else if (flag === '--model') {
      const v = inline ?? args[++i];
      const m = v === undefined ? null : parseModel(v);
      if (m === null) return fail(`--model needs ${MODEL_CHOICES}${v === undefined ? '' : `, not '${v}'`}`);
      model = m;
    } else if (flag === '--cpus') {
      const v = inline ?? args[++i];
      const n = parseCount(v);
      if (n === null) return fail(`--cpus needs a whole number from 1 to 1024${v === undefined ? '' : `, not '${v}'`}`);
      cpus = n;
    } else if (a.startsWith('-') && a !== '-') return fail(`unknown option '${a}'`);
    else if (file === undefined) file = a;
    else return fail(`one file at a time (got '${file}' and '${a}')`);
  }
  if (file === undefined) return fail('which file? e.g. lwp run examples/01-two-level-solaris.lwp');
  return { file, json, model, cpus };
}

/** Progress on stderr while a long run goes on, only when stderr is a terminal. */
export function progressOptions(io: CliIO): { options: SimOptions; done: () => void } {
  if (!io.stderrIsTTY) return { options: {}, done: () => undefined };
  let last = Date.now();
  let shown = false;
  return {
    options: {
      onProgress: (simNs, events) => {
        const now = Date.now();
        if (now - last < 250) return;
        last = now;
        shown = true;
        io.stderr(`\rsimulating… ${(simNs / 1e6).toFixed(1)}ms simulated, ${events.toLocaleString('en-US')} events `);
      },
    },
    done: () => {
      if (shown) io.stderr('\r\x1b[K');
    },
  };
}

const command: Command = (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(USAGE);
    return Promise.resolve(Exit.Ok);
  }
  const a = parseRunArgs(args, io);
  if (a === null) return Promise.resolve(Exit.Usage);
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
  return Promise.resolve(r.status === 'completed' ? Exit.Ok : Exit.NotCompleted);
};
export default command;
