/**
 * The visible time range and the pure arithmetic of zoom and pan. Every
 * change goes through `clampView`, so no gesture can leave the run behind or
 * zoom past one nanosecond per hundred pixels.
 */
export interface TimeView {
  readonly t0: number;
  readonly t1: number;
}

/** Narrowest span in ns per pixel column: 0.01 ns, a nanosecond is 100 columns wide. */
export const MIN_NS_PER_COLUMN = 0.01;

export function fitView(endTime: number): TimeView {
  return { t0: 0, t1: Math.max(endTime, 1) };
}

export function clampView(v: TimeView, endTime: number, columns: number): TimeView {
  const full = Math.max(endTime, 1);
  let span = v.t1 - v.t0;
  if (!Number.isFinite(span) || span <= 0) return fitView(endTime);
  span = Math.min(full, Math.max(span, MIN_NS_PER_COLUMN * Math.max(1, columns)));
  let t0 = Number.isFinite(v.t0) ? v.t0 : 0;
  t0 = Math.min(Math.max(t0, 0), full - span);
  return { t0, t1: t0 + span };
}

/** Zooms by `factor` (< 1 zooms in) keeping time `anchor` at the same place on screen. */
export function zoomAt(v: TimeView, anchor: number, factor: number, endTime: number, columns: number): TimeView {
  const f = Number.isFinite(factor) && factor > 0 ? factor : 1;
  const t0 = anchor - (anchor - v.t0) * f;
  const t1 = anchor + (v.t1 - anchor) * f;
  const out = clampView({ t0, t1 }, endTime, columns);
  // At the narrowest zoom the clamp widens the span; keep the anchor still then too.
  if (out.t1 - out.t0 !== t1 - t0) {
    const share = (anchor - v.t0) / (v.t1 - v.t0);
    const span = out.t1 - out.t0;
    return clampView({ t0: anchor - share * span, t1: anchor - share * span + span }, endTime, columns);
  }
  return out;
}

export function panBy(v: TimeView, dt: number, endTime: number, columns: number): TimeView {
  return clampView({ t0: v.t0 + dt, t1: v.t1 + dt }, endTime, columns);
}

export function isFit(v: TimeView, endTime: number): boolean {
  return v.t0 <= 0 && v.t1 >= Math.max(endTime, 1);
}
