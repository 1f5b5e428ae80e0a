/** Definition, references, rename, outline and folding: all from the checker's symbol table and the AST spans. */
import {
  DocumentSymbol,
  FoldingRange,
  FoldingRangeKind,
  ResponseError,
  ErrorCodes,
  SymbolKind,
  type Location,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { referencesTo, symbolAt, type SymbolDecl } from '../core/check/symbols';
import { RESERVED } from '../core/syntax/keywords';
import type { Analysis } from './analysis';
import { toRange } from './convert';

export function definition(a: Analysis, offset: number): Location | null {
  const s = symbolAt(a.symbols, offset);
  return s ? { uri: a.uri, range: toRange(a.lines, s.decl.nameSpan) } : null;
}

export function references(a: Analysis, offset: number, includeDeclaration: boolean): Location[] {
  const s = symbolAt(a.symbols, offset);
  if (!s) return [];
  return referencesTo(a.symbols, s.decl.id, includeDeclaration).map((span) => ({ uri: a.uri, range: toRange(a.lines, span) }));
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*$/;

export function prepareRename(a: Analysis, offset: number): { range: ReturnType<typeof toRange>; placeholder: string } | null {
  const s = symbolAt(a.symbols, offset);
  return s ? { range: toRange(a.lines, s.span), placeholder: s.decl.name } : null;
}

/** Renames a process, thread or sync object everywhere it is named; refuses names the language would not accept or that would collide. */
export function rename(a: Analysis, offset: number, newName: string): WorkspaceEdit | ResponseError<void> | null {
  const s = symbolAt(a.symbols, offset);
  if (!s) return null;
  if (!NAME.test(newName)) return new ResponseError(ErrorCodes.InvalidParams, `\`${newName}\` is not a valid name: use letters, digits, _ and inner dashes, starting with a letter or _`);
  if (RESERVED.has(newName)) return new ResponseError(ErrorCodes.InvalidParams, `\`${newName}\` is a keyword and cannot name a ${s.decl.kind}`);
  const clash = a.symbols.decls.find((d) => d.id !== s.decl.id && d.name === newName && sameScope(d, s.decl));
  if (clash) return new ResponseError(ErrorCodes.InvalidParams, `a ${clash.kind} named \`${newName}\` already exists ${clash.container ? `in process ${clash.container}` : 'at top level'}`);
  const edits = referencesTo(a.symbols, s.decl.id, true).map((span) => ({ range: toRange(a.lines, span), newText: newName }));
  return { changes: { [a.uri]: edits } };
}

/** Two declarations whose names would collide: same process, or a kernel object against anything it would shadow. */
function sameScope(x: SymbolDecl, y: SymbolDecl): boolean {
  if (x.kind === 'process' || y.kind === 'process') return x.kind === y.kind;
  if (x.scope === 'kernel' || y.scope === 'kernel') return true;
  return x.container === y.container;
}

/** The outline's kind of each symbol: sync objects of every kind are variables. */
function symbolKind(kind: SymbolDecl['kind']): SymbolKind {
  return kind === 'process' ? SymbolKind.Module : kind === 'thread' ? SymbolKind.Function : SymbolKind.Variable;
}

export function documentSymbols(a: Analysis): DocumentSymbol[] {
  const top: DocumentSymbol[] = [];
  const byId = new Map<number, DocumentSymbol>();
  for (const d of a.symbols.decls) byId.set(d.id, DocumentSymbol.create(d.name, d.detail || d.kind, symbolKind(d.kind), toRange(a.lines, d.span), toRange(a.lines, d.nameSpan), []));
  for (const d of a.symbols.decls) {
    const sym = byId.get(d.id)!;
    const parent = d.containerId === null ? undefined : byId.get(d.containerId);
    if (parent) parent.children!.push(sym);
    else top.push(sym);
  }
  return top;
}

export function foldingRanges(a: Analysis): FoldingRange[] {
  const out: FoldingRange[] = [];
  const add = (start: number, end: number, kind?: FoldingRangeKind): void => {
    const s = a.lines.position(start).line;
    const e = a.lines.position(end).line;
    if (e > s) out.push(kind ? FoldingRange.create(s, e - 1, undefined, undefined, kind) : FoldingRange.create(s, e - 1));
  };
  // Braces: every `{` to its `}`; the closing line stays visible.
  const open: number[] = [];
  for (const t of a.tokens()) {
    if (t.kind === 'lbrace') open.push(t.start);
    else if (t.kind === 'rbrace' && open.length) add(open.pop()!, t.start);
    else if (t.kind === 'blockComment') {
      const s = a.lines.position(t.start).line;
      const e = a.lines.position(t.end).line;
      if (e > s) out.push(FoldingRange.create(s, e, undefined, undefined, FoldingRangeKind.Comment));
    }
  }
  return out.sort((x, y) => x.startLine - y.startLine);
}
