/** The common case of a duration literal, decided without parseDuration (which explains every other case). */
import { MAX_DURATION_NS } from '../units';

/**
 * `12ms`, `1.5ms`-style durations without parseDuration's regex and BigInt:
 * the exact value in ns, or -1 when the text is not that simple (a sign, more
 * than 9 whole digits, a fraction finer than 1ns, an unknown unit, a value
 * over MAX_DURATION_NS), in which case parseDuration decides and explains.
 */
export function fastDuration(text: string): number {
  const n = text.length;
  let i = 0;
  let whole = 0;
  for (; i < n && i < 10; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    whole = whole * 10 + (c - 48);
  }
  if (i === 0 || i > 9) return -1;
  let frac = 0;
  let fracDigits = 0;
  if (i < n && text.charCodeAt(i) === 46) {
    i++;
    const fracStart = i;
    let significant = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      if (i - fracStart >= 9) {
        // Only trailing zeros may follow: they add no precision.
        if (c !== 48) return -1;
        continue;
      }
      frac = frac * 10 + (c - 48);
      fracDigits++;
      if (c !== 48) significant = fracDigits;
    }
    if (i === fracStart) return -1;
    // Drop trailing zeros: `1.50ms` is `1.5ms`.
    for (; fracDigits > significant; fracDigits--) frac = (frac - (frac % 10)) / 10;
  }
  const scaleDigits = unitDigits(text, i);
  if (scaleDigits < 0 || fracDigits > scaleDigits) return -1;
  let scale = 1;
  for (let k = 0; k < scaleDigits; k++) scale *= 10;
  let fracScale = 1;
  for (let k = fracDigits; k < scaleDigits; k++) fracScale *= 10;
  const ns = whole * scale + frac * fracScale;
  return ns > MAX_DURATION_NS ? -1 : ns;
}

/** Decimal digits of the scale of the unit that makes up `text` from `i` (`ms` → 6), or -1. */
function unitDigits(text: string, i: number): number {
  const left = text.length - i;
  const c = text.charCodeAt(i);
  if (left === 1) return c === 115 /* s */ ? 9 : -1;
  if (left !== 2 || text.charCodeAt(i + 1) !== 115) return -1;
  if (c === 110 /* n */) return 0;
  if (c === 117 /* u */ || c === 0xb5 /* µ */) return 3;
  if (c === 109 /* m */) return 6;
  return -1;
}
