/**
 * Time-axis ticks with readable units at every zoom level: steps of 1, 2 or 5
 * times a power of ten nanoseconds, labelled in the unit that fits the step
 * (`1.25ms`, `500us`, `3ns`), with just the decimals the step needs.
 */

export interface Ticks {
  readonly step: number;
  /** Tick times, ascending, inside [t0, t1]. */
  readonly values: readonly number[];
}

/** The smallest step of 1, 2 or 5 × 10^k (10 × 10^k at most) that is at least `raw`. */
export function niceStep(raw: number): number {
  const pow = Math.pow(10, Math.floor(Math.log10(raw)));
  let step = pow;
  for (const m of [1, 2, 5, 10]) {
    step = m * pow;
    if (step >= raw) break;
  }
  return step;
}

/** Ticks for the range [t0, t1] with about `target` of them (never more than 2×target). */
export function niceTicks(t0: number, t1: number, target: number): Ticks {
  const span = t1 - t0;
  if (!(span > 0) || !Number.isFinite(span) || target < 1) return { step: 1, values: [] };
  let step = niceStep(span / target);
  // Sub-nanosecond steps say nothing about integer-nanosecond times.
  if (step < 1) step = 1;
  const values: number[] = [];
  const first = Math.ceil(t0 / step) * step;
  for (let v = first; v <= t1 && values.length <= target * 2; v += step) values.push(Math.round(v / step) * step);
  return { step, values };
}

const UNITS: readonly (readonly [string, number])[] = [
  ['s', 1e9],
  ['ms', 1e6],
  ['us', 1e3],
  ['ns', 1],
];

/**
 * Label for tick `ns` on an axis whose step is `step` ns: the unit that fits
 * the value, with the decimals needed to tell neighbouring ticks apart
 * (`1.2346ms` on a 100ns grid), trailing zeros dropped.
 */
export function formatTick(ns: number, step: number): string {
  if (ns === 0) return '0';
  const a = Math.abs(ns);
  const [unit, scale] = UNITS.find(([, s]) => a >= s) ?? UNITS[3];
  const decimals = Math.max(0, Math.min(9, Math.ceil(Math.log10(scale / Math.max(1, step)) - 1e-9)));
  let text = (ns / scale).toFixed(decimals);
  if (text.includes('.')) text = text.replace(/\.?0+$/, '');
  return `${text}${unit}`;
}
