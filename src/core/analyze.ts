/**
 * The one call most consumers make: text → AST, every static diagnostic
 * (parse and check, sorted by position) and, when the file has no error, the
 * Scenario IR for the simulator.
 */
import { noneOmitted, type OmittedDiagnostics } from './diagnostics/sink';
import type { Diagnostic } from './diagnostic';
import { makeDiagnostic } from './diagnostics/codes';
import { check, type CheckOptions } from './check/check';
import type { Scenario } from './check/ir';
import type { SymbolTable } from './check/symbols';
import { MAX_FILE_SIZE } from './limits';
import type { LwpFile } from './syntax/ast';
import { parseStream, withLazyTokens } from './syntax/parser';
import type { Token } from './syntax/scanner';

export interface Analysis {
  readonly file: LwpFile;
  /** The first MAX_DIAGNOSTICS_PER_FILE by position (and the first error): the front end stores no more (DiagnosticSink). */
  readonly diagnostics: Diagnostic[];
  /** Diagnostics found but not stored, by severity: counted in tallies and in the cap's "… and N more". */
  readonly omitted: OmittedDiagnostics;
  /** null when any diagnostic is an error, except errors that drop only their own expectation. */
  readonly scenario: Scenario | null;
  readonly symbols: SymbolTable;
  /** Every token, comments included (for semantic tokens and formatting). */
  readonly tokens: readonly Token[];
}

/**
 * `options.ir: false` skips the Scenario IR (`scenario` is then always null);
 * the diagnostics, AST, symbols and tokens are the same. For consumers that
 * only report diagnostics (`lwp check`), which need no IR.
 */
export function analyze(text: string, options?: CheckOptions): Analysis {
  if (text.length > MAX_FILE_SIZE) {
    const mib = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MiB`;
    return {
      file: { kind: 'file', span: { start: 0, end: text.length }, items: [] },
      diagnostics: [makeDiagnostic('tooLarge', { start: 0, end: 0 }, [`${mib(text.length)} (${text.length.toLocaleString('en-US')} characters)`, `${mib(MAX_FILE_SIZE)} (MAX_FILE_SIZE)`])],
      omitted: noneOmitted(),
      scenario: null,
      symbols: { decls: [], refs: [] },
      tokens: [{ kind: 'eof', start: text.length, end: text.length }],
    };
  }
  const parsed = parseStream(text);
  const checked = check(parsed.file, text, options);
  const diagnostics = parsed.diagnostics.length === 0 ? checked.diagnostics : checked.diagnostics.length === 0 ? parsed.diagnostics : parsed.diagnostics.concat(checked.diagnostics);
  if (diagnostics.length > 1) diagnostics.sort(byPosition);
  // An error that drops only its own expectation (an unknown metric, …) leaves the run to evaluate the others;
  // an error past the diagnostics cap is not looked at, so it counts as one that stops the run.
  const hasError = parsed.omitted.error + checked.omitted.error > 0 || diagnostics.some((d) => d.severity === 'error' && d.data?.['expectationOnly'] !== true);
  const fromParser = parsed.omitted;
  const fromChecker = checked.omitted;
  const omitted = {
    total: fromParser.total + fromChecker.total,
    error: fromParser.error + fromChecker.error,
    warning: fromParser.warning + fromChecker.warning,
    info: fromParser.info + fromChecker.info,
    hint: fromParser.hint + fromChecker.hint,
  };
  // The token list is built only if a consumer reads it (the server does; the CLI and the worker do not).
  return withLazyTokens({ file: parsed.file, diagnostics, omitted, scenario: hasError ? null : checked.scenario, symbols: checked.symbols }, parsed.stream);
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code);
}
