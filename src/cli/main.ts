/**
 * The `lwp` command (LANGUAGE.md §12). Each subcommand lives in its own file
 * under ./commands; this file only dispatches.
 */
import { createInterface } from 'node:readline';
import { suggest } from '../core/diagnostics/suggest';
import { Exit, type CliIO, type Command } from './io';
import { visible } from './visible';
import check from './commands/check';
import run from './commands/run';
import compare from './commands/compare';
import test from './commands/test';
import exportCmd from './commands/export';
import explain from './commands/explain';
import quiz from './commands/quiz';
import sweep from './commands/sweep';

/**
 * `lwp lsp` is loaded when run: the language server and its library take
 * ~90 ms and 15 MB to evaluate, which every other command (`lwp check` of a
 * small file takes ~0.1 s in all) would otherwise pay at startup.
 */
const lsp: Command = (args, io) => import('./commands/lsp').then((m) => m.default(args, io));
/** `lwp dap` likewise: the debug adapter library is loaded only by the command that speaks DAP. */
const dap: Command = (args, io) => import('./commands/dap').then((m) => m.default(args, io));

const commands: Record<string, { run: Command; summary: string }> = {
  check: { run: check, summary: 'check FILE…                      report diagnostics (exit 1 on errors)' },
  run: { run, summary: 'run FILE [--json] [--model M] [--cpus N]   simulate and summarise' },
  compare: { run: compare, summary: 'compare FILE [--models a,b,c] [--json]    one scenario under several models' },
  sweep: { run: sweep, summary: 'sweep FILE --vary NAME=VALUES…  one run per point: metrics against parameters' },
  test: { run: test, summary: 'test FILE|DIR…                   run every expectation' },
  explain: { run: explain, summary: 'explain FILE --at T [--thread NAME] [--json]  why threads wait at an instant' },
  quiz: { run: quiz, summary: 'quiz FILE [--answers]             predict, then see the run: answers marked and explained' },
  export: { run: exportCmd, summary: 'export FILE --format svg|html|perfetto -o OUT' },
  lsp: { run: lsp, summary: 'lsp --stdio                      the language server' },
  dap: { run: dap, summary: 'dap                              the debug adapter (DAP over stdio)' },
};

export function usage(): string {
  return ['usage: lwp <command> [options]', '', ...Object.values(commands).map((c) => '  lwp ' + c.summary), '', 'lwp <command> --help shows the options of one command.', ''].join('\n');
}

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(usage());
    return name === undefined ? Exit.Usage : Exit.Ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${__LWP_VERSION__}\n`);
    return Exit.Ok;
  }
  const cmd = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!cmd) {
    const near = suggest(name, Object.keys(commands));
    io.stderr(`lwp: unknown command '${visible(name)}'${near ? ` — did you mean '${near}'?` : ''}\n\n${usage()}`);
    return Exit.Usage;
  }
  // `lwp lsp` speaks JSON-RPC on its own streams; every other command's text goes through `visible`.
  return cmd.run(rest, name === 'lsp' || name === 'dap' ? io : shown(io));
}

/** `io` with control characters made visible on both streams; `raw` keeps the unfiltered ones. */
function shown(io: CliIO): CliIO {
  const raw = io.raw ?? { stdout: io.stdout, stderr: io.stderr };
  return { ...io, stdout: (t) => raw.stdout(visible(t)), stderr: (t) => raw.stderr(visible(t)), raw };
}

declare const __LWP_VERSION__: string;

/** Entry point for bin/lwp.js: runs with the process's arguments and streams. */
export function runFromProcess(): void {
  const io: CliIO = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    readLine: stdinLines(),
    stdinIsTTY: process.stdin.isTTY === true,
  };
  const argv = process.argv.slice(2);
  // `lwp run x.lwp | head`: the reader went away; stop quietly, as other commands do, not with a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  main(argv, io).then(
    (code) => exitWhenFlushed(code, argv[0] !== 'lsp' && argv[0] !== 'dap'),
    (err: unknown) => {
      process.stderr.write(`lwp: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\nPlease report this with the file that caused it.\n`);
      process.exitCode = 70;
    },
  );
}

/** Lines of standard input, read only when a command asks for one (`lwp quiz`), so no other command touches stdin. */
function stdinLines(): () => Promise<string | null> {
  let lines: AsyncIterator<string> | null = null;
  return async () => {
    lines ??= createInterface({ input: process.stdin, terminal: false, crlfDelay: Infinity })[Symbol.asyncIterator]();
    const r = await lines.next();
    return r.done ? null : r.value;
  };
}

/**
 * Ends the process with `code` once stdout and stderr have taken everything
 * written to them (a write's callback runs after the writes queued before
 * it). Left to exit by itself, Node first frees the whole heap, object by
 * object: ~60 ms after checking a 5 MB file, a tenth of the command.
 * `lwp lsp` (`now` false) is left to end by itself: the language server's
 * connection owns that process's streams.
 */
function exitWhenFlushed(code: number, now: boolean): void {
  process.exitCode = code;
  if (!now) return;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
