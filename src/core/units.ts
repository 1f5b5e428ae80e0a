/**
 * Durations: the units of LANGUAGE.md §2 and how times are shown to people.
 * Every time in the core is an integer number of nanoseconds.
 */

export const UNIT_NS = { ns: 1, us: 1_000, 'µs': 1_000, ms: 1_000_000, s: 1_000_000_000 } as const;
export type DurationUnit = keyof typeof UNIT_NS;
export const DURATION_UNITS: readonly DurationUnit[] = ['ns', 'us', 'µs', 'ms', 's'];

/** Largest duration the language accepts: 2^53-1 ns (about 104 days), the largest exactly representable integer. */
export const MAX_DURATION_NS = Number.MAX_SAFE_INTEGER;

export type DurationParse =
  | { readonly ok: true; readonly ns: number }
  | { readonly ok: false; readonly reason: 'fraction' | 'overflow' | 'unit' | 'syntax' };

/**
 * Parses `2.5ms`-style text exactly (no floating-point rounding: the decimal
 * digits are scaled as integers), e.g. `0.1us` → 100, `1.5ns` → fraction.
 */
export function parseDuration(text: string): DurationParse {
  const m = /^(\d+)(?:\.(\d+))?(ns|us|µs|ms|s)$/.exec(text);
  if (!m) return { ok: false, reason: /^\d+(\.\d+)?$/.test(text) ? 'unit' : 'syntax' };
  const [, whole, frac = '', unit] = m;
  const scale = UNIT_NS[unit as DurationUnit];
  const scaleDigits = Math.round(Math.log10(scale));
  // value = whole * scale + frac * scale / 10^len(frac)
  const trimmed = frac.replace(/0+$/, '');
  if (trimmed.length > scaleDigits) return { ok: false, reason: 'fraction' };
  const wholeN = BigInt(whole);
  const fracN = trimmed.length ? BigInt(trimmed) * 10n ** BigInt(scaleDigits - trimmed.length) : 0n;
  const ns = wholeN * BigInt(scale) + fracN;
  if (ns > BigInt(MAX_DURATION_NS)) return { ok: false, reason: 'overflow' };
  return { ok: true, ns: Number(ns) };
}

/**
 * Formats ns for people, in the largest unit that keeps the value ≥ 1, with up
 * to `digits` decimals and trailing zeros dropped: 14030000 → `14.03ms`,
 * 0 → `0ns`, 1500 → `1.5us`.
 */
export function formatDuration(ns: number, digits = 2): string {
  if (!Number.isFinite(ns)) return String(ns);
  const neg = ns < 0;
  const a = Math.abs(ns);
  let unit: DurationUnit = 'ns';
  if (a >= 1e9) unit = 's';
  else if (a >= 1e6) unit = 'ms';
  else if (a >= 1e3) unit = 'us';
  const v = a / UNIT_NS[unit];
  let s = v.toFixed(unit === 'ns' ? 0 : digits);
  if (s.includes('.')) s = s.replace(/\.?0+$/, '');
  return `${neg ? '-' : ''}${s}${unit}`;
}

/** The same duration in every unit, for hovers: `2.5ms = 2,500us = 2,500,000ns`. */
export function durationInAllUnits(ns: number): string {
  const parts: string[] = [];
  for (const unit of ['s', 'ms', 'us', 'ns'] as const) {
    const v = ns / UNIT_NS[unit];
    if (v >= 1 || unit === 'ns') parts.push(`${v.toLocaleString('en-US', { maximumFractionDigits: 3 })}${unit}`);
  }
  return parts.join(' = ');
}
