/**
 * State shared by the checker's passes: the diagnostics, the symbol table
 * being built, and whether the AST was incomplete (a parse error left a
 * `null` the IR needs), in which case no Scenario is produced.
 */
import type { Diagnostic, RelatedInfo } from '../diagnostic';
import { CODES, makeDiagnostic, type CodeKey } from '../diagnostics/codes';
import type { Span, SyncKind } from '../syntax/ast';
import type { SymbolDecl, SymbolKind, SymbolRef } from './symbols';

export interface SyncInfo {
  readonly index: number;
  readonly name: string;
  readonly kind: SyncKind;
  readonly process: number;
  readonly decl: number;
}

export interface ThreadInfo {
  readonly index: number;
  readonly name: string;
  readonly decl: number;
  readonly spawned: boolean;
  readonly count: number;
}

/** What a name in a process resolves to. */
export type Resolved = { readonly kind: 'sync'; readonly sync: SyncInfo } | { readonly kind: 'thread'; readonly thread: ThreadInfo };

export class CheckContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly decls: SymbolDecl[] = [];
  readonly refs: SymbolRef[] = [];
  /** Set when a node the IR needs is missing (the parser has reported why). */
  incomplete = false;

  constructor(readonly text: string) {}

  report<K extends CodeKey>(key: K, span: Span, args: Parameters<(typeof CODES)[K]['message']>, related?: readonly RelatedInfo[], data?: Readonly<Record<string, string | number | boolean>>): void {
    this.diagnostics.push(makeDiagnostic(key, span, args as never, { ...(related ? { related } : {}), ...(data ? { data } : {}) }));
  }

  declare(name: string, kind: SymbolKind, span: Span, nameSpan: Span, scope: SymbolDecl['scope'], container: { name: string; id: number } | null, detail: string, duplicate: boolean): number {
    const id = this.decls.length;
    this.decls.push({ id, name, kind, span: plain(span), nameSpan: plain(nameSpan), container: container?.name ?? null, containerId: container?.id ?? null, scope, detail, duplicate });
    return id;
  }

  reference(span: Span, decl: number): void {
    this.refs.push({ span: plain(span), decl });
  }

  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }
}

export function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * `span` without extra fields: a token or a node used as a span is copied
 * (consumers should not see their other fields); a plain span, which is what
 * the parser makes for names and keywords in thread bodies, is shared (spans
 * are never mutated), which saves an object per reference.
 */
export function plain(span: Span): Span {
  return (span as { readonly kind?: unknown }).kind === undefined ? span : { start: span.start, end: span.end };
}
