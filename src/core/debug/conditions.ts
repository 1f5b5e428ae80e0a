/**
 * Breakpoint conditions and hit conditions (LANGUAGE.md §13, "Debugging").
 *
 *   condition   := clause (('and' | '&&' | 'or' | '||') clause)*   ('and' binds tighter)
 *   clause      := 'time' cmp DURATION  |  ('thread' | 'process') ('==' | '!=') NAME
 *   cmp         := '<' | '<=' | '>' | '>=' | '==' | '!='
 *   hit         := N | cmp N | '%' N        (N ≥ 1; a bare N means ≥ N)
 *
 * A thread NAME matches the thread's full name (`server.worker#2`), its name
 * without the process (`worker#2`), or its declaration (`worker`: every
 * instance). Invariants: every bad text yields one error naming the column
 * (1-based) where it went wrong and what to write instead, never a throw.
 */
import { parseDuration } from '../units';

/** What a condition reads at a point. */
export interface ConditionSubject {
  readonly time: number;
  /** The thread concerned, if any: its full name, its declaration's name, its process's name. */
  readonly thread: { readonly name: string; readonly decl: string; readonly process: string } | null;
}

export type Condition = (s: ConditionSubject) => boolean;
export type HitCondition = (starts: number) => boolean;
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const CMP = ['<=', '>=', '==', '!=', '<', '>'] as const;
type Cmp = (typeof CMP)[number];

function compare(a: number, op: Cmp, b: number): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
}

interface Token {
  readonly text: string;
  readonly at: number;
}

function tokenize(text: string): Token[] | { error: string } {
  const out: Token[] = [];
  const re = /\s*(?:(&&|\|\||<=|>=|==|!=|<|>|%)|([A-Za-z_][\w.]*(?:#\d+)?)|(\d+(?:\.\d+)?(?:ns|us|µs|ms|s)?))/y;
  let i = 0;
  while (i < text.length) {
    if (/^\s*$/.test(text.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(text);
    if (m === null) {
      const at = i + (text.slice(i).length - text.slice(i).trimStart().length);
      return { error: `unexpected '${text[at]}' at column ${at + 1}` };
    }
    const tok = m[1] ?? m[2] ?? m[3];
    out.push({ text: tok, at: m.index + m[0].length - tok.length });
    i = re.lastIndex;
  }
  return out;
}

function matchesThread(name: string, s: ConditionSubject): boolean {
  const t = s.thread;
  if (t === null) return false;
  return t.name === name || t.name.endsWith('.' + name) || t.decl === name;
}

/** Parses a breakpoint condition such as `time >= 5ms and thread == worker#2`. */
export function parseCondition(text: string): Parsed<Condition> {
  const toks = tokenize(text);
  if (!Array.isArray(toks)) return { ok: false, message: `condition: ${toks.error}` };
  if (toks.length === 0) return { ok: false, message: "condition: empty; write e.g. 'time >= 5ms' or 'thread == worker#2'" };
  let k = 0;
  const fail = (what: string): Parsed<Condition> => {
    const t = toks[k];
    return { ok: false, message: `condition: expected ${what} ${t === undefined ? 'at the end' : `at column ${t.at + 1}, found '${t.text}'`}` };
  };
  const ors: Condition[][] = [[]];
  for (;;) {
    const subject = toks[k];
    if (subject === undefined || !['time', 'thread', 'process'].includes(subject.text)) return fail("'time', 'thread' or 'process'");
    k++;
    const op = toks[k];
    if (subject.text === 'time') {
      if (op === undefined || !(CMP as readonly string[]).includes(op.text)) return fail("a comparison ('<', '<=', '>', '>=', '==', '!=')");
      k++;
      const v = toks[k];
      const d = v === undefined ? null : parseDuration(v.text);
      if (d === null || !d.ok) return fail("a duration such as '5ms'");
      k++;
      const cmp = op.text as Cmp;
      const ns = d.ns;
      ors[ors.length - 1].push((s) => compare(s.time, cmp, ns));
    } else {
      if (op === undefined || (op.text !== '==' && op.text !== '!=')) return fail("'==' or '!='");
      k++;
      const v = toks[k];
      if (v === undefined || !/^[A-Za-z_]/.test(v.text)) return fail(subject.text === 'thread' ? "a thread name such as 'worker#2'" : 'a process name');
      k++;
      const name = v.text;
      const eq = op.text === '==';
      if (subject.text === 'thread') ors[ors.length - 1].push((s) => matchesThread(name, s) === eq);
      else ors[ors.length - 1].push((s) => (s.thread !== null && s.thread.process === name) === eq);
    }
    const join = toks[k];
    if (join === undefined) break;
    if (join.text === 'and' || join.text === '&&') k++;
    else if (join.text === 'or' || join.text === '||') {
      k++;
      ors.push([]);
    } else return fail("'and' or 'or'");
  }
  return { ok: true, value: (s) => ors.some((all) => all.every((c) => c(s))) };
}

/** Parses a hit condition: `3` (from the third start on), `== 3`, `> 3`, `% 2` (every second start)… */
export function parseHitCondition(text: string): Parsed<HitCondition> {
  const m = /^\s*(<=|>=|==|!=|<|>|%)?\s*(\d+)\s*$/.exec(text);
  const n = m ? Number(m[2]) : NaN;
  if (!m || !Number.isSafeInteger(n) || n < 1) return { ok: false, message: `hit count: '${text.trim()}' is not a count; write N (from the N-th start on), '== N', '> N', '<= N' or '% N' with N ≥ 1` };
  const op = m[1];
  if (op === undefined) return { ok: true, value: (c) => c >= n };
  if (op === '%') return { ok: true, value: (c) => c % n === 0 };
  const cmp = op as Cmp;
  return { ok: true, value: (c) => compare(c, cmp, n) };
}
