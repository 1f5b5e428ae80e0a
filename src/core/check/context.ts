/**
 * State shared by the checker's passes: the diagnostics, the symbol table
 * being built, and whether the AST was incomplete (a parse error left a
 * `null` the IR needs), in which case no Scenario is produced.
 */
import type { Diagnostic, RelatedInfo } from '../diagnostic';
import { CODES, makeDiagnostic, type CodeKey } from '../diagnostics/codes';
import type { Span, SyncKind } from '../syntax/ast';
import type { SymbolDecl, SymbolKind, SymbolRef, SymbolTable } from './symbols';

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
  readonly refs = new RefList();
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
    this.refs.push(span.start, span.end, decl);
  }

  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }
}

/**
 * The references recorded by the checker, column-wise: offsets and
 * declaration ids in typed arrays, no object per reference. A 5 MB file has
 * ~100,000 references, and only the language server reads them: the
 * SymbolTable builds its `refs` from here on first read (see `symbolTable`).
 */
export class RefList {
  count = 0;
  /** Per reference: start, end, declaration id (one buffer: one allocation, not three). */
  private cols: Int32Array = new Int32Array(3 * 64);

  push(start: number, end: number, decl: number): void {
    const i = this.count;
    if (3 * i === this.cols.length) {
      const cols = new Int32Array(this.cols.length * 2);
      cols.set(this.cols);
      this.cols = cols;
    }
    this.cols[3 * i] = start;
    this.cols[3 * i + 1] = end;
    this.cols[3 * i + 2] = decl;
    this.count = i + 1;
  }

  /** The references in source order. They are recorded almost in order (thread bodies in source order, expectations last): sorted only when something is out of place. */
  toRefs(): SymbolRef[] {
    const c = this.cols;
    const out = new Array<SymbolRef>(this.count);
    let ordered = true;
    for (let i = 0; i < this.count; i++) {
      out[i] = { span: { start: c[3 * i], end: c[3 * i + 1] }, decl: c[3 * i + 2] };
      if (i > 0 && c[3 * i] < c[3 * i - 3]) ordered = false;
    }
    return ordered ? out : out.sort((a, b) => a.span.start - b.span.start);
  }
}

/** The symbol table of `decls` and `refs`, its `refs` array built on first read and kept (a data property's worth of behaviour, enumerable). */
export function symbolTable(decls: readonly SymbolDecl[], refs: RefList): SymbolTable {
  let list: SymbolRef[] | null = null;
  return Object.defineProperty({ decls }, 'refs', { enumerable: true, configurable: true, get: () => (list ??= refs.toRefs()) }) as SymbolTable;
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
