/**
 * `lwp export FILE --format svg|html|perfetto -o OUT` (LANGUAGE.md §12): the
 * Gantt chart as a standalone SVG, the interactive chart as one
 * self-contained HTML file (the built webview bundle inlined; it simulates
 * the embedded source when opened), or Chrome trace-event JSON for Perfetto.
 * The same core code as the panel's Export. `-o -` writes to stdout; the
 * Perfetto JSON is streamed in chunks, so no size of run makes it one string.
 * `-o` naming the scenario itself is refused. Exit 0 written, 1 file errors
 * (nothing written), 2 usage or I/O error.
 */
import { closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { toHtml, type WebviewAssets } from '../../core/export/html';
import type { Scenario } from '../../core/check/ir';
import { perfettoChunks, type PerfettoContext } from '../../core/export/perfetto';
import { toSvg } from '../../core/export/svg';
import { simulate } from '../../core/sim/simulate';
import type { Span } from '../../core/syntax/ast';
import { parseCommandArgs, type OptionSpecs } from '../args';
import { errorReason, loadFile } from '../format';
import { Exit, type CliIO, type Command } from '../io';

const FORMATS = ['svg', 'html', 'perfetto'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `usage: lwp export FILE --format svg|html|perfetto -o OUT

Writes the run's chart:
  --format svg        the Gantt chart as a standalone SVG image
  --format html       the interactive chart as one self-contained HTML file
  --format perfetto   Chrome trace-event JSON (ui.perfetto.dev, chrome://tracing)
  -o, --output OUT    where to write it ('-' for standard output)
  --width N           SVG only: width of the time area in pixels (default 1200)
`;

/** dist/webview next to the running CLI bundle (dist/cli.js), or in the checkout when run from source. */
export function findWebviewAssets(): WebviewAssets | null {
  const candidates = [join(__dirname, 'webview'), join(__dirname, '..', 'dist', 'webview'), join(__dirname, '..', '..', '..', 'dist', 'webview')];
  for (const dir of candidates) {
    if (!existsSync(join(dir, 'main.js')) || !existsSync(join(dir, 'worker.js'))) continue;
    return {
      mainJs: readFileSync(join(dir, 'main.js'), 'utf8'),
      workerJs: readFileSync(join(dir, 'worker.js'), 'utf8'),
      css: existsSync(join(dir, 'style.css')) ? readFileSync(join(dir, 'style.css'), 'utf8') : '',
    };
  }
  return null;
}

const OPTIONS = {
  format: { type: 'string', short: 'f', value: 'svg, html or perfetto' },
  output: { type: 'string', short: 'o', value: 'a file name, or - for standard output' },
  width: { type: 'string', value: 'pixels' },
} as const satisfies OptionSpecs;

const command: Command = (args, io) => Promise.resolve(exportCommand(args, io));

/** Whether `out` names the file `file` itself (through any path or link): writing there would destroy the scenario. */
function sameFile(file: string, out: string): boolean {
  try {
    const a = statSync(file);
    const b = statSync(out);
    return a.dev === b.dev && a.ino === b.ino;
  } catch {
    return false;
  }
}

/** What the Perfetto events name: statements and sync objects from the scenario, lines from the source. */
export function perfettoContext(scenario: Scenario, source: string, file: string): PerfettoContext {
  const statements: Span[] = [];
  for (const p of scenario.processes) for (const t of p.threads) for (const ins of t.code) statements.push(ins.span);
  return { title: scenario.title ?? file, file, source, statements, syncs: scenario.syncs.map((x) => x.name) };
}

function exportCommand(args: readonly string[], io: CliIO): number {
  const p = parseCommandArgs('export', args, OPTIONS, USAGE, io);
  if (p === null) return Exit.Usage;
  if (p.help) {
    io.stdout(USAGE);
    return Exit.Ok;
  }
  const fail = (msg: string): number => {
    io.stderr(`lwp export: ${msg}\n\n${USAGE}`);
    return Exit.Usage;
  };
  const v = p.values;
  let format: Format | undefined;
  if (typeof v.format === 'string') {
    if (!FORMATS.includes(v.format as Format)) return fail(`--format needs svg, html or perfetto, not '${v.format}'`);
    format = v.format as Format;
  }
  const out = typeof v.output === 'string' ? v.output : undefined;
  if (out === '') return fail('-o needs a file name');
  let width: number | undefined;
  if (typeof v.width === 'string') {
    const n = Number(v.width);
    if (!/^\d+$/.test(v.width) || n < 100 || n > 20_000) return fail('--width needs a whole number of pixels from 100 to 20000');
    width = n;
  }
  const [file, ...extra] = p.positionals;
  if (file === undefined) return fail('which file? e.g. lwp export examples/01-two-level-solaris.lwp --format svg -o chart.svg');
  if (extra.length) return fail(`one file at a time (got '${file}' and '${extra[0]}')`);
  if (format === undefined) return fail('--format is required');
  if (out === undefined) return fail('-o OUT is required');
  if (out !== '-' && !existsSync(dirname(out) || '.')) return fail(`the folder of ${out} does not exist`);
  if (out !== '-' && sameFile(file, out)) return fail(`-o ${out} is the scenario itself: writing there would overwrite it; name another file`);

  const loaded = loadFile(file, io, 'export', io.stderr);
  if (!loaded) return Exit.Usage;
  if (!loaded.scenario) {
    io.stderr(`lwp export: ${file} has errors; nothing was written.\n`);
    return Exit.FileErrors;
  }
  let chunks: Iterable<string>;
  if (format === 'html') {
    const assets = findWebviewAssets();
    if (!assets) {
      io.stderr('lwp export: the chart bundle (dist/webview/main.js) is missing: build it with `npm run build`.\n');
      return Exit.Usage;
    }
    chunks = [toHtml({ source: loaded.text, label: basename(file), assets })];
  } else {
    const result = simulate(loaded.scenario);
    chunks = format === 'svg' ? [toSvg(result, { title: loaded.scenario.title ?? basename(file), width })] : perfettoChunks(result, perfettoContext(loaded.scenario, loaded.text, basename(file)));
  }
  // Data the user asked for: written as it is (not through the terminal filter), chunk by chunk.
  if (out === '-') {
    const write = io.raw?.stdout ?? io.stdout;
    for (const c of chunks) write(c);
    return Exit.Ok;
  }
  let written = 0;
  let fd: number | null = null;
  try {
    fd = openSync(out, 'w');
    // One buffer for every chunk: a multi-gigabyte trace then makes no garbage per write.
    let buf = Buffer.allocUnsafe(4 * 1024 * 1024);
    for (const c of chunks) {
      if (c.length * 3 > buf.length) buf = Buffer.allocUnsafe(c.length * 3);
      const n = buf.write(c, 0, 'utf8');
      for (let at = 0; at < n; ) at += writeSync(fd, buf, at, n - at);
      written += c.length;
    }
  } catch (e) {
    io.stderr(`lwp export: cannot write ${out}: ${errorReason(e)}\n`);
    return Exit.Usage;
  } finally {
    if (fd !== null) closeSync(fd);
  }
  io.stderr(`wrote ${out} (${format}, ${written.toLocaleString('en-US')} characters)\n`);
  return Exit.Ok;
}

export default command;
