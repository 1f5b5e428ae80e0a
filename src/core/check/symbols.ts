/**
 * Declarations and references, as resolved by the checker, so that the
 * language server answers definition / references / rename / outline / hover
 * from this table without resolving names again.
 */
import { SYNC_KINDS, type SyncKind } from '../language/registry';
import type { Span } from '../syntax/ast';

export type SymbolKind = 'process' | 'thread' | SyncKind;

/** Every kind of symbol: processes, threads and each kind of sync object of the language registry. */
export const SYMBOL_KINDS: readonly SymbolKind[] = ['process', 'thread', ...SYNC_KINDS.map((s) => s.word)];

export interface SymbolDecl {
  /** Index in `SymbolTable.decls`. */
  readonly id: number;
  readonly name: string;
  readonly kind: SymbolKind;
  /** The whole declaration (`thread worker * 4 { … }`). */
  readonly span: Span;
  readonly nameSpan: Span;
  /** Name of the enclosing process, or null for processes and kernel objects. */
  readonly container: string | null;
  /** Id of the enclosing process's declaration, or null. */
  readonly containerId: number | null;
  /** `file` for processes, `kernel` for top-level sync objects, `process` for a process's threads and sync objects. */
  readonly scope: 'file' | 'kernel' | 'process';
  /** A short description for outlines and hovers: `many-to-many lwps 2`, `* 4 bound`, `= 1`. */
  readonly detail: string;
  /** A later declaration of a name already declared in the same scope (reported as an error); references go to the first. */
  readonly duplicate: boolean;
}

export interface SymbolRef {
  readonly span: Span;
  /** Id of the declaration referred to. */
  readonly decl: number;
}

export interface SymbolTable {
  readonly decls: readonly SymbolDecl[];
  /** In source order. */
  readonly refs: readonly SymbolRef[];
}

function inside(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

/** The declaration whose name or one of whose references covers `offset` (an offset at either end of a name counts). */
export function symbolAt(table: SymbolTable, offset: number): { readonly decl: SymbolDecl; readonly span: Span; readonly isDeclaration: boolean } | null {
  for (const d of table.decls) if (inside(d.nameSpan, offset)) return { decl: d, span: d.nameSpan, isDeclaration: true };
  for (const r of table.refs) if (inside(r.span, offset)) return { decl: table.decls[r.decl], span: r.span, isDeclaration: false };
  return null;
}

/** Every span naming declaration `id`: its references and, with `includeDeclaration`, its name (and those of its duplicates). */
export function referencesTo(table: SymbolTable, id: number, includeDeclaration = true): Span[] {
  const target = table.decls[id];
  if (!target) return [];
  const out: Span[] = [];
  if (includeDeclaration) out.push(target.nameSpan);
  for (const r of table.refs) if (r.decl === id) out.push(r.span);
  return out.sort((a, b) => a.start - b.start);
}
