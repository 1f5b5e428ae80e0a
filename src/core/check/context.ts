/**
 * State shared by the checker's passes: the diagnostics, the symbol table
 * being built, and whether the AST was incomplete (a parse error left a
 * `null` the IR needs), in which case no Scenario is produced.
 */
import type { RelatedInfo } from '../diagnostic';
import { DiagnosticSink } from '../diagnostics/sink';
import { CODES, makeDiagnostic, type CodeKey } from '../diagnostics/codes';
import type { Span, SyncKind } from '../syntax/ast';
import { SYMBOL_KINDS, type SymbolDecl, type SymbolKind, type SymbolRef, type SymbolTable } from './symbols';
import { withLength } from '../typed';

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
  readonly diagnostics = new DiagnosticSink();
  readonly decls: DeclList;
  readonly refs: RefList;
  /** Set when a node the IR needs is missing (the parser has reported why). */
  incomplete = false;
  /** Starts of references that name an object of the wrong kind (reported as LWP2004): they count as no use of it. */
  readonly wrongKindRefs = new Set<number>();

  constructor(readonly text: string) {
    // Sized from the text (room for a declaration per 64 characters, a
    // reference per 32) so that a big file's columns rarely grow.
    this.decls = new DeclList(Math.max(64, text.length >> 6));
    this.refs = new RefList(Math.max(64, text.length >> 5));
  }

  report<K extends CodeKey>(key: K, span: Span, args: Parameters<(typeof CODES)[K]['message']>, related?: readonly RelatedInfo[], data?: Readonly<Record<string, string | number | boolean>>): void {
    if (this.diagnostics.skip(span.start, CODES[key].severity)) return;
    this.diagnostics.push(makeDiagnostic(key, span, args as never, { ...(related ? { related } : {}), ...(data ? { data } : {}) }));
  }

  /** Records a declaration; returns its id. `containerId` is the id of the enclosing process's declaration (whose name is the container's), or null. */
  declare(name: string, kind: SymbolKind, span: Span, nameSpan: Span, scope: SymbolDecl['scope'], containerId: number | null, detail: string, duplicate: boolean): number {
    return this.decls.add(name, kind, span, nameSpan, scope, containerId, detail, duplicate);
  }

  reference(span: Span, decl: number): void {
    this.refs.push(span.start, span.end, decl);
  }

  /** Errors that stop the run: not those that drop only their own expectation (expectations.ts EXPECTATION_ONLY). */
  get hasErrors(): boolean {
    return this.diagnostics.hasBlockingError;
  }
}

/**
 * The references recorded by the checker, column-wise: offsets and
 * declaration ids in typed arrays, no object per reference. Only the
 * language server reads them: the SymbolTable builds its `refs` from here on
 * first read (see `symbolTable`).
 */
export class RefList {
  count = 0;
  /** Per reference: start, end, declaration id (one buffer: one allocation, not three). */
  private cols: Int32Array;

  constructor(capacity = 64) {
    this.cols = new Int32Array(3 * capacity);
  }

  push(start: number, end: number, decl: number): void {
    const i = this.count;
    if (3 * i === this.cols.length) {
      this.cols = withLength(this.cols, this.cols.length * 2);
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

const SCOPES: readonly SymbolDecl['scope'][] = ['file', 'kernel', 'process'];
/** Fields per declaration in DeclList's columns. */
const DECL_FIELDS = 6;

/**
 * The declarations recorded by the checker, column-wise: offsets, ids and
 * codes in one typed array, names and details in arrays of (shared)
 * strings; no object per declaration. Only the language server reads them:
 * the SymbolTable builds its `decls` from here on first read (see
 * `symbolTable`).
 */
export class DeclList {
  count = 0;
  private readonly names: string[] = [];
  private readonly details: string[] = [];
  /** Per declaration: span start, end, name start, end, container id (-1 for none), kind | scope << 3 | duplicate << 5. */
  private cols: Int32Array;
  /** The last detail kept: declarations in a row often have the same one (`priority 1` for thousands of threads), kept once. */
  private lastDetail = '';

  constructor(capacity = 64) {
    this.cols = new Int32Array(DECL_FIELDS * capacity);
  }

  add(name: string, kind: SymbolKind, span: Span, nameSpan: Span, scope: SymbolDecl['scope'], containerId: number | null, detail: string, duplicate: boolean): number {
    const id = this.count;
    if (DECL_FIELDS * id === this.cols.length) {
      this.cols = withLength(this.cols, this.cols.length * 2);
    }
    const c = this.cols;
    const at = DECL_FIELDS * id;
    c[at] = span.start;
    c[at + 1] = span.end;
    c[at + 2] = nameSpan.start;
    c[at + 3] = nameSpan.end;
    c[at + 4] = containerId ?? -1;
    c[at + 5] = SYMBOL_KINDS.indexOf(kind) | (SCOPES.indexOf(scope) << 3) | (duplicate ? 1 << 5 : 0);
    this.names.push(name);
    this.details.push(this.shared(detail));
    this.count = id + 1;
    return id;
  }

  /** The name span of declaration `id` (a new object). */
  nameSpan(id: number): Span {
    return { start: this.cols[DECL_FIELDS * id + 2], end: this.cols[DECL_FIELDS * id + 3] };
  }

  setDetail(id: number, detail: string): void {
    this.details[id] = this.shared(detail);
  }

  private shared(detail: string): string {
    return detail === this.lastDetail ? this.lastDetail : (this.lastDetail = detail);
  }

  toDecls(): SymbolDecl[] {
    const c = this.cols;
    const out = new Array<SymbolDecl>(this.count);
    for (let id = 0; id < this.count; id++) {
      const at = DECL_FIELDS * id;
      const containerId = c[at + 4] < 0 ? null : c[at + 4];
      const codes = c[at + 5];
      out[id] = {
        id,
        name: this.names[id],
        kind: SYMBOL_KINDS[codes & 7],
        span: { start: c[at], end: c[at + 1] },
        nameSpan: { start: c[at + 2], end: c[at + 3] },
        container: containerId === null ? null : this.names[containerId],
        containerId,
        scope: SCOPES[(codes >> 3) & 3],
        detail: this.details[id],
        duplicate: (codes & (1 << 5)) !== 0,
      };
    }
    return out;
  }
}

/** The symbol table of `decls` and `refs`, its `decls` and `refs` arrays built on first read and kept (a data property's worth of behaviour, enumerable). */
export function symbolTable(decls: DeclList, refs: RefList): SymbolTable {
  let declList: SymbolDecl[] | null = null;
  let refList: SymbolRef[] | null = null;
  return Object.defineProperties(
    {},
    {
      decls: { enumerable: true, configurable: true, get: () => (declList ??= decls.toDecls()) },
      refs: { enumerable: true, configurable: true, get: () => (refList ??= refs.toRefs()) },
    },
  ) as SymbolTable;
}

export function fmt(n: number): string {
  return n.toLocaleString('en-US');
}
