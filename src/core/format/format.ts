/**
 * The canonical formatter: one style, token-based, so it works on files that
 * do not parse and never loses a comment.
 *
 * The style: two-space indentation; one space between tokens (none around
 * `.` and after `#` in expectation subjects, none before `;`); at most one
 * blank line in a row; every item of a multi-line block on its own line (a
 * second statement written on the same line moves to the next); a block the
 * author wrote on one line (`lock m { compute 1ms }`) stays on one line. Line
 * breaks the author wrote are kept, so a file that does not parse is only
 * re-indented, never rearranged.
 *
 * Invariants (property-tested): format(format(x)) === format(x), and the
 * scanner sees exactly the same tokens (kinds and texts) before and after.
 */
import { ITEMS, blockOpenedBy } from '../language/registry';
import { scanWithDiagnostics, type Token } from '../syntax/scanner';

export interface FormatOptions {
  /** One level of indentation; two spaces by default. */
  readonly indent?: string;
}

type Context = 'top' | 'machine' | 'costs' | 'process' | 'body' | 'unknown';

/** Words that begin an item in each kind of block (language/registry.ts); before them a multi-line block breaks the line. */
const ITEM_STARTS: Record<Exclude<Context, 'costs' | 'unknown'>, ReadonlySet<string>> = {
  top: new Set(ITEMS.top.map((i) => i.word)),
  machine: new Set(ITEMS.machine.map((i) => i.word)),
  process: new Set(ITEMS.process.map((i) => i.word)),
  body: new Set(ITEMS.body.map((i) => i.word)),
};

/** The kind of block that `{` opens, from the item it belongs to. */
function childContext(parent: Context, head: string | null): Context {
  if (parent === 'unknown') return 'unknown';
  return blockOpenedBy(parent, head) ?? 'unknown';
}

function isItemStart(ctx: Context, t: Token): boolean {
  if (t.kind !== 'word') return false;
  if (ctx === 'costs') return true;
  if (ctx === 'unknown') return false;
  return ITEM_STARTS[ctx].has(t.text ?? '');
}

interface Frame {
  readonly ctx: Context;
  readonly inline: boolean;
  head: string | null;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

const startsWithDigit = (s: string): boolean => /^[-]?\d/.test(s);
const endsWithDigit = (s: string): boolean => /\d$/.test(s);

/** Formats a whole `.lwp` text. Returns the text unchanged if it is too large to scan completely (no work is ever lost). */
export function format(text: string, options: FormatOptions = {}): string {
  const unit = options.indent ?? '  ';
  const { tokens: all, diagnostics } = scanWithDiagnostics(text);
  // Over the token cap the scanner stops early: formatting would drop the rest.
  if (diagnostics.some((d) => d.data?.['key'] === 'overCap')) return text;
  const tokens = all.filter((t) => t.kind !== 'eof');
  if (tokens.length === 0) return text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';

  // Which `{` stay on one line: those whose `}` the author put on the same line.
  const inlineOpen = new Set<number>();
  const openOf = new Map<number, number>();
  const stack: number[] = [];
  tokens.forEach((t, i) => {
    if (t.kind === 'lbrace') stack.push(i);
    else if (t.kind === 'rbrace' && stack.length) {
      const o = stack.pop()!;
      openOf.set(i, o);
      if (countNewlines(text, tokens[o].start, t.end) === 0) inlineOpen.add(o);
    }
  });

  const out: string[] = [];
  if (text.charCodeAt(0) === 0xfeff) out.push('\ufeff');
  const frames: Frame[] = [{ ctx: 'top', inline: false, head: null }];
  let depth = 0; // expanded blocks open
  let prev: Token | null = null;
  let prevIndex = -1;

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const src = text.slice(t.start, t.end);
    const frame = frames[frames.length - 1];
    const gapNewlines = prev ? countNewlines(text, prev.end, t.start) : 0;
    const closesExpanded = t.kind === 'rbrace' && (!openOf.has(i) || !inlineOpen.has(openOf.get(i)!));
    const trailingComment = (t.kind === 'lineComment' || t.kind === 'blockComment') && gapNewlines === 0;

    let lineBreak = false;
    if (prev) {
      if (prev.kind === 'lineComment' || (prev.kind === 'string' && prev.unterminated)) lineBreak = true;
      else if (closesExpanded) lineBreak = true;
      else if (trailingComment) lineBreak = false;
      else if (prev.kind === 'lbrace' && !inlineOpen.has(prevIndex)) lineBreak = true;
      else if (!frame.inline && isItemStart(frame.ctx, t)) lineBreak = true;
      else lineBreak = gapNewlines > 0;
    }

    if (t.kind === 'rbrace' && frames.length > 1) {
      const closed = frames.pop()!;
      if (!closed.inline) depth--;
    }

    if (prev && lineBreak) {
      const blank = gapNewlines >= 2 && prev.kind !== 'lbrace' && t.kind !== 'rbrace';
      out.push(blank ? '\n\n' : '\n', unit.repeat(Math.max(0, depth)));
    } else if (prev && needsSpace(prev, t, tokens[i + 1])) out.push(' ');
    out.push(src);

    const cur = frames[frames.length - 1];
    if (isItemStart(cur.ctx, t)) cur.head = t.text ?? null;
    if (t.kind === 'lbrace') {
      const inline = inlineOpen.has(i);
      frames.push({ ctx: childContext(cur.ctx, cur.head), inline, head: null });
      if (!inline) depth++;
    }
    prev = t;
    prevIndex = i;
  }
  // An unterminated block comment runs to the end of the file: a newline added after it would be part of it.
  // So does an unterminated string ending in `\` (a newline after it would continue the string).
  const openAtEnd = prev?.unterminated === true && (prev.kind === 'blockComment' || text.charCodeAt(prev.end - 1) === 92);
  if (!openAtEnd) out.push('\n');
  return out.join('');
}

/** Whether one space separates two tokens on a line; never so that two tokens could merge into one. */
function needsSpace(prev: Token, t: Token, next: Token | undefined): boolean {
  const p = prev.kind;
  const k = t.kind;
  if (k === 'semicolon') return false;
  if (p === 'lbrace' && k === 'rbrace') return false;
  if (k === 'hash' && p === 'word') return false;
  if (p === 'hash') return false;
  if (k === 'dot') return endsWithDigit(prev.text ?? '') && !!next && next.kind !== 'eof' && startsWithDigit(next.text ?? '');
  if (p === 'dot') return startsWithDigit(t.text ?? '');
  return true;
}
