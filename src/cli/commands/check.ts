/**
 * `lwp check FILE…` (LANGUAGE.md §12): one line per diagnostic,
 * `file:line:col: error|warning: message` with 1-based line and column (the
 * column counts UTF-16 code units, as editors do), nothing else on stdout,
 * at most MAX_DIAGNOSTICS_PER_FILE per file. A summary goes to stderr when
 * something was found, or on a terminal when all is well. Directories are
 * searched for `*.lwp` files. Exit 1 if any error, 2 on usage errors
 * (including an unreadable file), else 0.
 */
import { analyze } from '../../core/analyze';
import { capDiagnostics } from '../../core/diagnostics/cap';
import { LineMap } from '../../core/syntax/lineMap';
import { parseCommandArgs } from '../args';
import { collectLwpFiles, errorReason } from '../format';
import { Exit, type CliIO, type Command } from '../io';
import { readSourceBounded, tooLargeMessage } from '../source';

const USAGE = 'usage: lwp check FILE|DIR…\n\nReports every diagnostic as `file:line:col: error|warning: message`.\nExit status: 0 no errors, 1 errors found, 2 usage error.\n';

/**
 * `file:line:col: severity: message` lines for one text (at most
 * MAX_DIAGNOSTICS_PER_FILE of them); `errors` and `warnings` count them all.
 */
export function formatDiagnostics(fileName: string, text: string): { lines: string[]; errors: number; warnings: number } {
  // Diagnostics only: no Scenario IR, and no line map unless there is something to print.
  const a = analyze(text, { ir: false });
  // Those the front end counted but did not store (past the first MAX_DIAGNOSTICS_PER_FILE) count too.
  let errors = a.omitted.error;
  let warnings = a.omitted.warning;
  for (const d of a.diagnostics) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
  }
  let map: LineMap | null = null;
  const lines: string[] = [];
  for (const d of capDiagnostics(a.diagnostics, undefined, a.omitted.total)) {
    if (d.severity !== 'error' && d.severity !== 'warning') continue;
    const p = (map ??= new LineMap(text)).position(d.span.start);
    lines.push(`${fileName}:${p.line + 1}:${p.character + 1}: ${d.severity}: ${d.message}`);
  }
  return { lines, errors, warnings };
}

const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;

const command: Command = (args, io) => Promise.resolve(checkCommand(args, io));

function checkCommand(args: readonly string[], io: CliIO): number {
  const parsed = parseCommandArgs('check', args, {}, USAGE, io);
  if (parsed === null) return Exit.Usage;
  if (parsed.help) {
    io.stdout(USAGE);
    return Exit.Ok;
  }
  if (parsed.positionals.length === 0) {
    io.stderr(`lwp check: no file given\n\n${USAGE}`);
    return Exit.Usage;
  }
  const { files, unreadable } = collectLwpFiles(parsed.positionals, io, 'check');
  let usageError = unreadable > 0;
  let errors = 0;
  let warnings = 0;
  let checked = 0;
  for (const f of files) {
    let read;
    try {
      read = readSourceBounded(f);
    } catch (e) {
      io.stderr(`lwp check: cannot read ${f}: ${errorReason(e)}\n`);
      usageError = true;
      continue;
    }
    checked++;
    if (read.kind === 'tooLarge') {
      io.stdout(`${f}:1:1: error: ${tooLargeMessage(read)}\n`);
      errors++;
      continue;
    }
    const r = formatDiagnostics(f, read.text);
    if (r.lines.length) io.stdout(r.lines.join('\n') + '\n');
    errors += r.errors;
    warnings += r.warnings;
  }
  if (errors + warnings > 0) io.stderr(`${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(checked, 'file')}\n`);
  // On a terminal, silence after a long check reads as a hang: say what was checked. Scripts (and pipes) see nothing.
  else if (io.stderrIsTTY && checked > 0) io.stderr(`${plural(checked, 'file')} checked: no errors or warnings\n`);
  if (usageError) return Exit.Usage;
  return errors > 0 ? Exit.FileErrors : Exit.Ok;
}
export default command;
