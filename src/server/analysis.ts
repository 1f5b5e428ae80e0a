/**
 * One document's front-end analysis, computed once per version and shared by
 * every feature (the per-document cache keeps the newest).
 */
import { analyze } from '../core/analyze';
import type { Scenario } from '../core/check/ir';
import type { SymbolTable } from '../core/check/symbols';
import type { Diagnostic } from '../core/diagnostic';
import type { LwpFile } from '../core/syntax/ast';
import { LineMap } from '../core/syntax/lineMap';
import type { Token } from '../core/syntax/scanner';

export interface Analysis {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly lines: LineMap;
  readonly file: LwpFile;
  readonly diagnostics: readonly Diagnostic[];
  /** How many diagnostics the front end counted but did not store (past MAX_DIAGNOSTICS_PER_FILE). */
  readonly omitted: number;
  readonly scenario: Scenario | null;
  readonly symbols: SymbolTable;
  /** Every token, comments included, ending with `eof`. */
  tokens(): readonly Token[];
  /** Milliseconds the front end took. */
  readonly elapsedMs: number;
}

export function analyzeDocument(uri: string, version: number, text: string): Analysis {
  const t0 = performance.now();
  const a = analyze(text);
  const elapsedMs = performance.now() - t0;
  return {
    uri,
    version,
    text,
    lines: new LineMap(text),
    file: a.file,
    diagnostics: a.diagnostics,
    omitted: a.omitted.total,
    scenario: a.scenario,
    symbols: a.symbols,
    tokens: () => a.tokens,
    elapsedMs,
  };
}
