/**
 * Level of detail: the pure layout step from a time range to pixel columns.
 * For one lane it decides, for each pixel column, the state that covers most
 * of the column (or MIXED where several short intervals share it with none
 * covering half), and which interval stands for the column. Drawing is done
 * elsewhere; this step allocates nothing. Zoomed in (fewer than
 * LOD_MIN_INTERVALS_PER_COLUMN intervals per column) it scans the visible
 * intervals exactly; zoomed out it reads the lane's precomputed buckets
 * (`lod.ts`), one per column, so a frame costs the pixels, not the intervals.
 */
import { MIXED } from './palette';
import { firstEndingAfter, type LaneIndex } from './laneIndex';
import { laneLod, MIXED_MIN_INTERVALS, type LaneLod } from './lod';

/** Intervals narrower than this many pixels get no boundary line (it would hide them). */
export const EDGE_MIN_PX = 3;
export { MIXED_MIN_INTERVALS };
/**
 * A lane is laid out from its level-of-detail buckets (`lod.ts`) when it has
 * at least this many intervals per column in view; below that the exact
 * per-interval scan is as cheap and exact.
 */
export const LOD_MIN_INTERVALS_PER_COLUMN = 2;

/**
 * Reusable layout buffers for one lane at a time; size it to the widest view.
 * A class rather than closures so a frame allocates nothing.
 */
export class ColumnLayout {
  /** State per column (0 = nothing there, MIXED = several short intervals). */
  readonly state: Uint8Array;
  /** Sorted position of the interval standing for the column (the longest overlap), or -1. */
  readonly index: Int32Array;
  /** 1 where an interval at least `EDGE_MIN_PX` wide begins inside the column: drawn as a crisp boundary. */
  readonly edge: Uint8Array;
  private readonly acc = new Float64Array(256);
  private readonly touched = new Uint8Array(256);

  /** Use the level-of-detail buckets at coarse zoom; false forces the exact scan (tests, comparisons). */
  lod = true;
  /** Whether the last `layout` folded LOD buckets rather than scanning intervals. */
  usedLod = false;

  constructor(readonly maxColumns: number) {
    this.state = new Uint8Array(maxColumns);
    this.index = new Int32Array(maxColumns);
    this.edge = new Uint8Array(maxColumns);
  }

  /**
   * Lays out `lane` over `columns` columns starting at time `t0`,
   * `nsPerColumn` ns each. Returns the number of intervals visited.
   *
   * This loop runs once per visible interval, a million times a frame at full
   * zoom-out, so: the column being accumulated lives in locals (not fields),
   * the common case (an interval that ends inside the column it starts in)
   * is tested first, and nothing is called per interval except `finish`, once
   * per column.
   */
  layout(ix: LaneIndex, lane: number, t0: number, nsPerColumn: number, columns: number): number {
    columns = Math.min(columns, this.maxColumns);
    const outState = this.state;
    const outIndex = this.index;
    const outEdge = this.edge;
    outState.fill(0, 0, columns);
    outIndex.fill(-1, 0, columns);
    outEdge.fill(0, 0, columns);
    this.usedLod = false;
    if (lane < 0 || lane >= ix.laneCount || columns <= 0 || !(nsPerColumn > 0)) return 0;
    const t1 = t0 + columns * nsPerColumn;
    const hi = ix.offsets[lane + 1];
    const lo = ix.offsets[lane];
    const starts = ix.start;
    const ends = ix.end;
    const states = ix.state;
    const acc = this.acc;
    const touched = this.touched;
    const inv = 1 / nsPerColumn;
    const edgeNs = EDGE_MIN_PX * nsPerColumn;
    let col = -1;
    let nTouched = 0;
    let count = 0;
    let covered = 0;
    let bestIdx = -1;
    let bestLen = 0;
    let p = firstEndingAfter(ix, lane, t0);
    const first = p;
    if (this.lod && firstEndingAfter(ix, lane, t1) - p >= LOD_MIN_INTERVALS_PER_COLUMN * columns) {
      const lod = laneLod(ix, lane);
      if (lod && lod.base <= nsPerColumn) return this.fold(lod, t0, nsPerColumn, columns);
    }
    for (; p < hi; p++) {
      const a = starts[p];
      if (a >= t1) break;
      const s = states[p];
      if (s === 0) continue;
      const b = ends[p];
      const x0 = a > t0 ? (a - t0) * inv : 0;
      const x1 = b < t1 ? (b - t0) * inv : columns;
      if (x1 <= x0) continue;
      const c0 = Math.floor(x0);
      if (b - a >= edgeNs && p > lo && a > t0) outEdge[c0] = 1;
      if (c0 !== col) {
        if (col >= 0) this.finish(col, nTouched, count, covered, bestIdx);
        col = c0;
        nTouched = 0;
        count = 0;
        covered = 0;
        bestIdx = -1;
        bestLen = 0;
      }
      if (x1 <= c0 + 1) {
        // Ends inside its first column: the common case at zoom-out.
        const len = x1 - x0;
        if (acc[s] === 0) touched[nTouched++] = s;
        acc[s] += len;
        covered += len;
        count++;
        if (len > bestLen) {
          bestLen = len;
          bestIdx = p;
        }
        continue;
      }
      // Part of column c0, then whole columns, then maybe part of the last.
      const len0 = c0 + 1 - x0;
      if (acc[s] === 0) touched[nTouched++] = s;
      acc[s] += len0;
      if (len0 > bestLen) bestIdx = p;
      this.finish(c0, nTouched, count + 1, covered + len0, bestIdx);
      let c1 = Math.ceil(x1) - 1;
      if (c1 >= columns) c1 = columns - 1;
      const lastFull = x1 >= c1 + 1 ? c1 : c1 - 1;
      for (let c = c0 + 1; c <= lastFull; c++) {
        outState[c] = s;
        outIndex[c] = p;
      }
      if (lastFull < c1) {
        col = c1;
        const len1 = x1 - c1;
        touched[0] = s;
        nTouched = 1;
        acc[s] = len1;
        count = 1;
        covered = len1;
        bestIdx = p;
        bestLen = len1;
      } else {
        col = -1;
      }
    }
    if (col >= 0) this.finish(col, nTouched, count, covered, bestIdx);
    return p - first;
  }

  /**
   * Lays out the columns from the lane's LOD buckets: at the widest level
   * whose buckets are no wider than a column, each column takes the decided
   * state of the bucket holding its centre. One bucket read per column.
   * Returns the number of columns read.
   */
  private fold(lod: LaneLod, t0: number, nsPerColumn: number, columns: number): number {
    this.usedLod = true;
    const levels = lod.levelStart.length - 1;
    let lv = Math.floor(Math.log2(nsPerColumn / lod.base));
    if (lv > levels - 1) lv = levels - 1;
    if (lv < 0) lv = 0;
    const w = lod.base * Math.pow(2, lv);
    const off = lod.levelStart[lv];
    const nb = lod.levelStart[lv + 1] - off;
    const inv = 1 / w;
    const lstate = lod.state;
    const lrep = lod.rep;
    const llong = lod.longest;
    const outState = this.state;
    const outIndex = this.index;
    const outEdge = this.edge;
    const edgeNs = EDGE_MIN_PX * nsPerColumn;
    let prev = -1;
    let c = 0;
    for (; c < columns; c++) {
      const b = Math.floor((t0 + (c + 0.5) * nsPerColumn) * inv);
      if (b >= nb) break;
      if (b < 0) continue;
      const i = off + b;
      outState[c] = lstate[i];
      outIndex[c] = lrep[i];
      // A long interval begins in this bucket: its boundary falls within the column (±1).
      if (b !== prev && b > 0 && prev >= 0 && llong[i] >= edgeNs) outEdge[c] = 1;
      prev = b;
    }
    return c;
  }

  /** Decides column `col` from the time per state accumulated for it, and clears the accumulator. */
  private finish(col: number, nTouched: number, count: number, covered: number, bestIdx: number): void {
    const acc = this.acc;
    let bestState = 0;
    let bestCover = 0;
    for (let k = 0; k < nTouched; k++) {
      const s = this.touched[k];
      const v = acc[s];
      if (v > bestCover) {
        bestCover = v;
        bestState = s;
      }
      acc[s] = 0;
    }
    this.state[col] = count >= MIXED_MIN_INTERVALS && bestCover * 2 < covered ? MIXED : bestState;
    this.index[col] = bestIdx;
  }
}
