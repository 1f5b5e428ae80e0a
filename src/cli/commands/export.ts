/**
 * `lwp export FILE --format svg|html|perfetto -o OUT` (LANGUAGE.md §12): the
 * Gantt chart as a standalone SVG, the interactive chart as one
 * self-contained HTML file (the built webview bundle inlined; it simulates
 * the embedded source when opened), or Chrome trace-event JSON for Perfetto.
 * The same core code as the panel's Export. `-o -` writes to stdout.
 * Exit 0 written, 1 file errors (nothing written), 2 usage or I/O error.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { toHtml, type WebviewAssets } from '../../core/export/html';
import { toPerfetto } from '../../core/export/perfetto';
import { toSvg } from '../../core/export/svg';
import { simulate } from '../../core/sim/simulate';
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

const command: Command = (args, io) => Promise.resolve(exportCommand(args, io));

function exportCommand(args: readonly string[], io: CliIO): number {
  let file: string | undefined;
  let format: Format | undefined;
  let out: string | undefined;
  let width: number | undefined;
  const fail = (msg: string): number => {
    io.stderr(`lwp export: ${msg}\n\n${USAGE}`);
    return Exit.Usage;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag === '--help' || flag === '-h') {
      io.stdout(USAGE);
      return Exit.Ok;
    } else if (flag === '--format' || flag === '-f') {
      const v = inline ?? args[++i];
      if (!FORMATS.includes(v as Format)) return fail(`--format needs svg, html or perfetto${v === undefined ? '' : `, not '${v}'`}`);
      format = v as Format;
    } else if (flag === '-o' || flag === '--output') {
      out = inline ?? args[++i];
      if (out === undefined || out === '') return fail('-o needs a file name');
    } else if (flag === '--width') {
      const v = Number(inline ?? args[++i]);
      if (!Number.isInteger(v) || v < 100 || v > 20_000) return fail('--width needs a whole number of pixels from 100 to 20000');
      width = v;
    } else if (a.startsWith('-') && a !== '-') return fail(`unknown option '${a}'`);
    else if (file === undefined) file = a;
    else return fail(`one file at a time (got '${file}' and '${a}')`);
  }
  if (file === undefined) return fail('which file? e.g. lwp export examples/01-two-level-solaris.lwp --format svg -o chart.svg');
  if (format === undefined) return fail('--format is required');
  if (out === undefined) return fail('-o OUT is required');
  if (out !== '-' && !existsSync(dirname(out) || '.')) return fail(`the folder of ${out} does not exist`);

  const loaded = loadFile(file, io, 'export', io.stderr);
  if (!loaded) return Exit.Usage;
  if (!loaded.scenario) {
    io.stderr(`lwp export: ${file} has errors; nothing was written.\n`);
    return Exit.FileErrors;
  }
  let text: string;
  if (format === 'html') {
    const assets = findWebviewAssets();
    if (!assets) {
      io.stderr('lwp export: the chart bundle (dist/webview/main.js) is missing: build it with `npm run build`.\n');
      return Exit.Usage;
    }
    text = toHtml({ source: loaded.text, label: basename(file), assets });
  } else {
    const result = simulate(loaded.scenario);
    text = format === 'svg' ? toSvg(result, { title: loaded.scenario.title ?? basename(file), width }) : toPerfetto(result, loaded.scenario);
  }
  if (out === '-') {
    io.stdout(text);
    return Exit.Ok;
  }
  try {
    writeFileSync(out, text, 'utf8');
  } catch (e) {
    io.stderr(`lwp export: cannot write ${out}: ${errorReason(e)}\n`);
    return Exit.Usage;
  }
  io.stderr(`wrote ${out} (${format}, ${text.length.toLocaleString('en-US')} characters)\n`);
  return Exit.Ok;
}

export default command;
