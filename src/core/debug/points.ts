/**
 * Points of a run and their order. A point is where a debugger can stop:
 * (seg, index) as DebugProbe numbers them, or the end of the run.
 */
export interface Point {
  readonly seg: number;
  readonly index: number;
  /** The end of the run: after every other point (seg is the last segment + 1, index -1). */
  readonly end?: true;
}

/** Before every point of a run: a search forward from here finds the first one. */
export const ORIGIN: Point = { seg: 0, index: -1 };

export function isBefore(a: { readonly seg: number; readonly index: number }, b: Point): boolean {
  return a.seg < b.seg || (a.seg === b.seg && a.index < b.index);
}

export function samePoint(a: Point, b: Point): boolean {
  return a.seg === b.seg && a.index === b.index && a.end === b.end;
}
