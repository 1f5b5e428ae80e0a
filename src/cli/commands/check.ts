/**
 * `lwp check FILE…` (LANGUAGE.md §12): one line per diagnostic,
 * `file:line:col: error|warning: message` with 1-based line and column (the
 * column counts UTF-16 code units, as editors do), nothing else on stdout.
 * A summary goes to stderr only when something was found. Directories are
 * searched for `*.lwp` files. Exit 1 if any error, 2 on usage errors
 * (including an unreadable file), else 0.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../core/analyze';
import { CODES } from '../../core/diagnostics/codes';
import { MAX_FILE_SIZE } from '../../core/limits';
import { LineMap } from '../../core/syntax/lineMap';
import { Exit, type CliIO, type Command } from '../io';
import { readSource } from '../format';

const USAGE = 'usage: lwp check FILE|DIR…\n\nReports every diagnostic as `file:line:col: error|warning: message`.\nExit status: 0 no errors, 1 errors found, 2 usage error.\n';

/** `file:line:col: severity: message` lines for one text. */
export function formatDiagnostics(fileName: string, text: string): { lines: string[]; errors: number; warnings: number } {
  // Diagnostics only: no Scenario IR, and no line map unless there is something to print.
  const a = analyze(text, { ir: false });
  let map: LineMap | null = null;
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const d of a.diagnostics) {
    if (d.severity !== 'error' && d.severity !== 'warning') continue;
    if (d.severity === 'error') errors++;
    else warnings++;
    const p = (map ??= new LineMap(text)).position(d.span.start);
    lines.push(`${fileName}:${p.line + 1}:${p.character + 1}: ${d.severity}: ${d.message}`);
  }
  return { lines, errors, warnings };
}

function collect(arg: string, out: string[], io: CliIO): boolean {
  let st;
  try {
    st = statSync(arg);
  } catch (e) {
    io.stderr(`lwp check: cannot read ${arg}: ${reason(e)}\n`);
    return false;
  }
  if (!st.isDirectory()) {
    out.push(arg);
    return true;
  }
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const ent of readdirSync(dir, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1))) {
      const p = join(dir, ent.name);
      if (ent.isDirectory() && !ent.name.startsWith('.') && ent.name !== 'node_modules') walk(p);
      else if (ent.isFile() && ent.name.endsWith('.lwp')) found.push(p);
    }
  };
  try {
    walk(arg);
  } catch (e) {
    io.stderr(`lwp check: cannot read ${arg}: ${reason(e)}\n`);
    return false;
  }
  if (found.length === 0) io.stderr(`lwp check: no .lwp files in ${arg}\n`);
  out.push(...found);
  return true;
}

function reason(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return e instanceof Error ? e.message : String(e);
}

const command: Command = (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(USAGE);
    return Promise.resolve(Exit.Ok);
  }
  const unknown = args.filter((a) => a.startsWith('-') && a !== '-' && a !== '--');
  if (unknown.length) {
    io.stderr(`lwp check: unknown option ${unknown[0]}\n\n${USAGE}`);
    return Promise.resolve(Exit.Usage);
  }
  const names = args.filter((a) => a !== '--');
  if (names.length === 0) {
    io.stderr(`lwp check: no file given\n\n${USAGE}`);
    return Promise.resolve(Exit.Usage);
  }
  const files: string[] = [];
  let usageError = false;
  for (const n of names) if (!collect(n, files, io)) usageError = true;
  let errors = 0;
  let warnings = 0;
  let checked = 0;
  for (const f of files) {
    let text: string;
    try {
      const size = statSync(f).size;
      if (size > MAX_FILE_SIZE) {
        io.stdout(`${f}:1:1: error: ${CODES.tooLarge.message(`${(size / 1048576).toFixed(1)} MiB`, `${(MAX_FILE_SIZE / 1048576).toFixed(1)} MiB (MAX_FILE_SIZE)`)}\n`);
        errors++;
        continue;
      }
      text = readSource(f);
    } catch (e) {
      io.stderr(`lwp check: cannot read ${f}: ${reason(e)}\n`);
      usageError = true;
      continue;
    }
    checked++;
    const r = formatDiagnostics(f, text);
    if (r.lines.length) io.stdout(r.lines.join('\n') + '\n');
    errors += r.errors;
    warnings += r.warnings;
  }
  if (errors + warnings > 0) {
    const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    io.stderr(`${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(checked, 'file')}\n`);
  }
  if (usageError) return Promise.resolve(Exit.Usage);
  return Promise.resolve(errors > 0 ? Exit.FileErrors : Exit.Ok);
};
export default command;
