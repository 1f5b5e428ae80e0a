/**
 * Semantic tokens for names, which the TextMate grammar cannot resolve: a
 * name after `join` is a thread, after `lock` a mutex or spinlock, in an
 * `expect` subject a process or thread. Standard token types only, so every
 * theme colours them without a contributed legend.
 */
import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend } from 'vscode-languageserver';
import type { SymbolKind } from '../core/check/symbols';
import type { Span } from '../core/syntax/ast';
import type { Analysis } from './analysis';

export const SEMANTIC_LEGEND: SemanticTokensLegend = {
  tokenTypes: ['namespace', 'function', 'variable'],
  tokenModifiers: ['declaration', 'static'],
};

/** The legend's token type of each symbol: sync objects of every kind are variables. */
const typeOf = (kind: SymbolKind): number => (kind === 'process' ? 0 : kind === 'thread' ? 1 : 2);
const DECLARATION = 1;
/** Kernel objects (top-level sync objects) are marked `static`: shared by every process. */
const KERNEL = 2;

export function semanticTokens(a: Analysis): SemanticTokens {
  const items: { span: Span; type: number; mods: number }[] = [];
  const { decls, refs } = a.symbols;
  for (const d of decls) items.push({ span: d.nameSpan, type: typeOf(d.kind), mods: DECLARATION | (d.scope === 'kernel' ? KERNEL : 0) });
  for (const r of refs) {
    const d = decls[r.decl];
    if (d) items.push({ span: r.span, type: typeOf(d.kind), mods: d.scope === 'kernel' ? KERNEL : 0 });
  }
  items.sort((x, y) => x.span.start - y.span.start);
  const b = new SemanticTokensBuilder();
  let last = -1;
  for (const it of items) {
    if (it.span.start === last || it.span.end <= it.span.start) continue;
    last = it.span.start;
    const p = a.lines.position(it.span.start);
    b.push(p.line, p.character, it.span.end - it.span.start, it.type, it.mods);
  }
  return b.build();
}
