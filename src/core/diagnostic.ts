import type { Span } from './syntax/ast';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface RelatedInfo {
  readonly span: Span;
  readonly message: string;
}

/**
 * One finding about a `.lwp` file, from any phase (scanner, parser, checker,
 * simulator, expectations). `code` is a stable code from the one table in
 * `src/core/diagnostics/codes.ts` (e.g. `LWP1004`); it becomes the LSP
 * diagnostic's `code`, and quick fixes key on it.
 */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly related?: readonly RelatedInfo[];
  /** Machine-readable hints for quick fixes (e.g. the missing name). */
  readonly data?: Readonly<Record<string, string | number | boolean>>;
}
