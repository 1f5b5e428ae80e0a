/**
 * Where the cursor is, from the tokens before it: the kind of block it is in
 * and the words just before it. Works on incomplete text (completion is asked
 * mid-word, before the file parses), which the AST alone cannot tell.
 */
import { ITEMS, blockOpenedBy } from '../core/language/registry';
import type { Token } from '../core/syntax/scanner';

export type BlockKind = 'top' | 'machine' | 'costs' | 'process' | 'thread-header' | 'body' | 'unknown';

export interface CursorContext {
  readonly block: BlockKind;
  /** Significant tokens (no comments) of the current item before the cursor, oldest first; empty at the start of an item. */
  readonly item: readonly Token[];
  /** The word being typed, if the cursor is inside or right after one. */
  readonly partial: Token | null;
  /** Inside a comment or a string: offer nothing. */
  readonly inTrivia: boolean;
  /** Name of the process the cursor is in, if any (from its `process NAME {` header). */
  readonly process: string | null;
}

/** The words that begin an item of each block with keyword-led items (language/registry.ts). */
const ITEM_STARTS: Record<'top' | 'machine' | 'process' | 'body', ReadonlySet<string>> = {
  top: new Set(ITEMS.top.map((i) => i.word)),
  machine: new Set(ITEMS.machine.map((i) => i.word)),
  process: new Set(ITEMS.process.map((i) => i.word)),
  body: new Set(ITEMS.body.map((i) => i.word)),
};

interface Frame {
  readonly block: BlockKind;
  item: Token[];
  readonly process: string | null;
}

function startsItem(block: BlockKind, t: Token): boolean {
  if (t.kind !== 'word') return false;
  if (block === 'costs') return true;
  if (block === 'top' || block === 'machine' || block === 'process' || block === 'body') return ITEM_STARTS[block].has(t.text ?? '');
  return false;
}

function childBlock(parent: Frame): { block: BlockKind; process: string | null } {
  const head = parent.item[0]?.text;
  const opened = parent.block === 'top' || parent.block === 'machine' || parent.block === 'process' || parent.block === 'body' ? blockOpenedBy(parent.block, head) : null;
  if (opened === null) return { block: 'unknown', process: parent.process };
  if (opened === 'process') {
    const name = parent.item[1];
    return { block: 'process', process: name?.kind === 'word' ? (name.text ?? null) : null };
  }
  if (opened === 'body') return { block: 'body', process: parent.process };
  return { block: opened, process: null };
}

export function cursorContext(tokens: readonly Token[], offset: number): CursorContext {
  const frames: Frame[] = [{ block: 'top', item: [], process: null }];
  let partial: Token | null = null;
  let inTrivia = false;
  for (const t of tokens) {
    if (t.kind === 'eof' || t.start >= offset) break;
    if (t.kind === 'lineComment' || t.kind === 'blockComment' || t.kind === 'string') {
      if (offset > t.start && (offset < t.end || (t.kind === 'lineComment' && offset === t.end) || t.unterminated)) inTrivia = true;
      continue;
    }
    if (t.end >= offset && (t.kind === 'word' || t.kind === 'int' || t.kind === 'duration' || t.kind === 'model')) {
      partial = t;
      break;
    }
    const f = frames[frames.length - 1];
    if (t.kind === 'lbrace') {
      frames.push({ ...childBlock(f), item: [] });
      continue;
    }
    if (t.kind === 'rbrace') {
      if (frames.length > 1) frames.pop();
      frames[frames.length - 1].item = [];
      continue;
    }
    if (t.kind === 'semicolon') {
      f.item = [];
      continue;
    }
    if (startsItem(f.block, t)) f.item = [t];
    else f.item.push(t);
  }
  const f = frames[frames.length - 1];
  let block = f.block;
  // `thread NAME … |` before its `{`: the options of a thread.
  if (block === 'process' && f.item[0]?.text === 'thread' && f.item.length >= 2) block = 'thread-header';
  return { block, item: f.item, partial, inTrivia, process: f.process };
}
