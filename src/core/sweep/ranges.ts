/**
 * The values of one swept parameter (LANGUAGE.md §13): a comma-separated list
 * of items, each a value (`4`, `2ms`, `M:N`, `on`) or an inclusive range of
 * numbers or durations (`1..16`, `1..16 step 3`, `1ms..10ms step 500us`).
 * Errors carry their offset in the text, so the command line can point at them.
 */
import { MAX_SWEEP_POINTS } from '../limits';
import { formatDuration, parseDuration } from '../units';
import type { ValueKind } from './params';

/** One value: a count or integer, ns for durations, a word (canonical: `many-to-many` for `M:N`). */
export type SweepValue = number | string;

export type RangeParse =
  | { readonly ok: true; readonly values: readonly SweepValue[] }
  | { readonly ok: false; readonly message: string; readonly at: number; readonly length: number };

const fail = (message: string, at: number, length: number): RangeParse => ({ ok: false, message, at, length: Math.max(1, length) });

export function parseRange(text: string, kind: ValueKind): RangeParse {
  if (text.trim() === '') return fail(`no values after "=": write a list (1,2,4) or a range (1..8)`, 0, 1);
  const values: SweepValue[] = [];
  const seen = new Set<SweepValue>();
  let offset = 0;
  for (const raw of text.split(',')) {
    const lead = raw.length - raw.trimStart().length;
    const item = raw.trim();
    const at = offset + lead;
    offset += raw.length + 1;
    if (item === '') return fail('an empty item in the list (two commas, or a comma at an end)', Math.max(0, at - 1), 1);
    const r = parseItem(item, kind, at);
    if (!r.ok) return r;
    for (const v of r.values) {
      if (seen.has(v)) return fail(`${show(v, kind)} is listed twice`, at, item.length);
      seen.add(v);
      values.push(v);
    }
    if (values.length > MAX_SWEEP_POINTS)
      return fail(`more than ${MAX_SWEEP_POINTS.toLocaleString('en-US')} values (MAX_SWEEP_POINTS): use a larger step`, at, item.length);
  }
  return { ok: true, values };
}

export function show(v: SweepValue, kind: ValueKind): string {
  return kind.kind === 'duration' && typeof v === 'number' ? formatDuration(v) : String(v);
}

function parseItem(item: string, kind: ValueKind, at: number): RangeParse {
  if (kind.kind === 'word') {
    const w = kind.aliases?.[item] ?? item;
    if (kind.words.includes(w)) return { ok: true, values: [w] };
    const alt = kind.aliases ? Object.keys(kind.aliases) : [];
    return fail(`'${item}' is not one of ${[...kind.words, ...alt].join(', ')}`, at, item.length);
  }
  const m = /^(\S+?)\.\.(\S+?)(?:\s+step\s+(\S+))?$/.exec(item);
  if (!m) {
    if (/\s/.test(item)) return fail(`'${item}': a range is written A..B or A..B step S`, at, item.length);
    const v = parseOne(item, kind, at);
    return v.ok ? { ok: true, values: [v.n] } : v.err;
  }
  const [, a, b, s] = m;
  const lo = parseOne(a, kind, at);
  if (!lo.ok) return lo.err;
  const bAt = at + a.length + 2;
  const hi = parseOne(b, kind, bAt);
  if (!hi.ok) return hi.err;
  if (hi.n < lo.n) return fail(`the range ${a}..${b} is empty: it ends before it starts`, at, item.length);
  let step = 1;
  const sAt = at + item.length - (s?.length ?? 0);
  if (s !== undefined) {
    const st = parseOne(s, { ...kind, min: 0, max: Number.MAX_SAFE_INTEGER }, sAt);
    if (!st.ok) return st.err;
    if (st.n === 0) return fail(`a step of ${s} never gets from ${a} to ${b}: use a step above zero`, sAt, s.length);
    step = st.n;
  } else if (kind.kind === 'duration')
    return fail(
      `a range of durations needs a step: ${a}..${b} step ${formatDuration(Math.max(1, Math.round((hi.n - lo.n) / 10)))}`,
      at,
      item.length,
    );
  const n = Math.floor((hi.n - lo.n) / step) + 1;
  if (n > MAX_SWEEP_POINTS)
    return fail(
      `${a}..${b}${s ? ` step ${s}` : ''} has ${n.toLocaleString('en-US')} values, more than ${MAX_SWEEP_POINTS.toLocaleString('en-US')} (MAX_SWEEP_POINTS): use a larger step`,
      at,
      item.length,
    );
  const values: number[] = [];
  for (let i = 0; i < n; i++) values.push(lo.n + i * step);
  return { ok: true, values };
}

type One = { readonly ok: true; readonly n: number } | { readonly ok: false; readonly err: RangeParse };

function parseOne(text: string, kind: Exclude<ValueKind, { kind: 'word' }>, at: number): One {
  const bad = (message: string): One => ({ ok: false, err: fail(message, at, text.length) });
  let n: number;
  if (kind.kind === 'duration') {
    const d = parseDuration(text);
    if (!d.ok) {
      if (d.reason === 'unit') return bad(`'${text}' needs a unit: ns, us, ms or s (${text}ms)`);
      if (d.reason === 'fraction') return bad(`'${text}' is not a whole number of nanoseconds`);
      if (d.reason === 'overflow') return bad(`'${text}' is longer than the longest duration`);
      return bad(`'${text}' is not a duration (2ms, 500us)`);
    }
    n = d.ns;
    if (n < kind.min) return bad(`'${text}' must be at least ${formatDuration(kind.min)}`);
    return { ok: true, n };
  }
  const re = kind.kind === 'count' ? /^\d{1,16}$/ : /^-?\d{1,16}$/;
  if (!re.test(text)) return bad(`'${text}' is not a ${kind.kind === 'count' ? 'whole number' : 'integer'}`);
  n = Number(text);
  if (n < kind.min || n > kind.max) return bad(`'${text}' is out of range: ${kind.min}..${kind.max.toLocaleString('en-US')}`);
  return { ok: true, n };
}

/** Values to offer for a parameter whose file value is `current`: every word, or a range around the value. */
export function suggestValues(kind: ValueKind, current: SweepValue): string {
  if (kind.kind === 'word') return kind.aliases ? Object.keys(kind.aliases).join(',') : kind.words.join(',');
  const n = typeof current === 'number' ? current : 0;
  if (kind.kind === 'duration') {
    const top = n > 0 ? 2 * n : 10_000_000;
    return `${formatDuration(0)}..${formatDuration(top)} step ${formatDuration(top / 8)}`;
  }
  if (kind.kind === 'integer') return `${Math.max(kind.min, n - 5)}..${Math.min(kind.max, n + 5)}`;
  return `${Math.max(kind.min, 1)}..${Math.min(kind.max, Math.max(8, 2 * n))}`;
}
