/**
 * Per-lane level-of-detail summaries, so a zoomed-out frame costs the pixels
 * rather than the intervals. For each lane, time is cut into buckets at
 * power-of-two widths: level 0 holds about LOD_INTERVALS_PER_BUCKET intervals
 * per bucket, each level up is twice as wide, up to one bucket over the whole
 * lane. Each bucket stores the state the column layout would give a column
 * spanning exactly that bucket (dominant state, or MIXED where 3+ intervals
 * share it and none covers half: decided from the exact time per state,
 * summed up the levels while building), the interval standing for it and the
 * longest interval starting in it (for crisp boundaries). A coarse frame then
 * reads one bucket per pixel column.
 *
 * Built in the worker for every lane next to the lane index
 * (`buildLaneLods`, installed by the chart with `adoptLaneLods`), or else
 * lazily, per lane, the first time a coarse frame needs the lane (or in idle
 * time by the chart); cached against the lane index (a WeakMap, so it
 * dies with the run). Memory kept: ≤ 2 buckets per LOD_INTERVALS_PER_BUCKET
 * intervals, 9 bytes each (≈ 9 MB at 1,000,000 intervals); the build reuses
 * scratch of 8 bytes per bucket and state plus 13 per bucket, sized to the
 * largest lane built so far.
 */
import type { LaneIndex } from './laneIndex';
import { MIXED } from './palette';

/** A column (or bucket) with at least this many intervals and no state covering half of it is MIXED. */
export const MIXED_MIN_INTERVALS = 3;

/**
 * Level-0 buckets hold at most this many intervals on average (between half
 * this and this): the power of two is rounded down, so a lane with
 * LOD_MIN_INTERVALS_PER_COLUMN (2) intervals per column in view always has a
 * level no wider than a column. Rounded up, a view of 2 to 4 intervals per
 * column fell back to scanning every interval (a pan 4 to 5 times slower
 * when a panel's time area crossed that width).
 */
export const LOD_INTERVALS_PER_BUCKET = 2;
/** Lanes using more distinct states than this get no summaries (they are laid out exactly). */
export const LOD_MAX_STATES = 16;

export interface LaneLod {
  /** Width in ns of a level-0 bucket (a power of two); level k is `base * 2^k`. */
  readonly base: number;
  /** Level k holds buckets `levelStart[k] .. levelStart[k+1]-1`; bucket b of a level starts at `b * width`. */
  readonly levelStart: Uint32Array;
  /**
   * The bucket's state decided as the column layout decides a column spanning
   * exactly the bucket: the state covering most of it, or MIXED where 3+
   * intervals share it and none covers half; 0 where nothing is there.
   */
  readonly state: Uint8Array;
  /** Sorted position of the interval standing for the bucket (longest overlap, of the winning state where known), or -1. */
  readonly rep: Int32Array;
  /** Length (ns) of the longest interval starting in the bucket, 0 if none. */
  readonly longest: Float32Array;
}

// Build-time scratch, reused across lanes (see `buildLaneLod`); grown by doubling.
let scratchCover = new Float64Array(0);
let scratchCount = new Uint32Array(0);
let scratchCont = new Uint8Array(0);
let scratchRepLen = new Float64Array(0);

const cache = new WeakMap<LaneIndex, (LaneLod | null | undefined)[]>();

/**
 * Every lane's summaries at once: what the worker builds next to the lane
 * index, so a new run's first frame can already be laid out from them.
 */
export function buildLaneLods(ix: LaneIndex): (LaneLod | null)[] {
  const out: (LaneLod | null)[] = [];
  for (let l = 0; l < ix.laneCount; l++) out.push(buildLaneLod(ix, l));
  return out;
}

/**
 * Installs summaries built elsewhere (the worker's, after transfer) as the
 * cache of `ix`. Returns false, installing nothing, when they do not match
 * its lanes (then they are built here on demand, as without them).
 */
export function adoptLaneLods(ix: LaneIndex, lods: readonly (LaneLod | null)[]): boolean {
  if (lods.length !== ix.laneCount) return false;
  cache.set(ix, lods.slice());
  return true;
}

/** The lane's summaries, built on first use; null for an empty lane or one the summaries cannot hold. */
export function laneLod(ix: LaneIndex, lane: number): LaneLod | null {
  if (lane < 0 || lane >= ix.laneCount) return null;
  let perLane = cache.get(ix);
  if (!perLane) {
    perLane = new Array<LaneLod | null | undefined>(ix.laneCount);
    cache.set(ix, perLane);
  }
  let lod = perLane[lane];
  if (lod === undefined) {
    lod = buildLaneLod(ix, lane);
    perLane[lane] = lod;
  }
  return lod;
}

/** Builds one lane's summaries: level 0 from the intervals, each level above from two below. */
export function buildLaneLod(ix: LaneIndex, lane: number): LaneLod | null {
  if (lane < 0 || lane >= ix.laneCount) return null;
  const lo = ix.offsets[lane];
  const hi = ix.offsets[lane + 1];
  const n = hi - lo;
  if (n === 0) return null;
  const starts = ix.start;
  const ends = ix.end;
  const states = ix.state;
  // The palette, and the lane's extent.
  const slotOf = new Int16Array(256).fill(-1);
  const pal: number[] = [];
  let span = 0;
  for (let p = lo; p < hi; p++) {
    if (ends[p] > span) span = ends[p];
    const s = states[p];
    if (s !== 0 && slotOf[s] < 0) {
      if (pal.length === LOD_MAX_STATES) return null;
      slotOf[s] = pal.length;
      pal.push(s);
    }
  }
  if (!(span > 0) || !(starts[lo] >= 0) || pal.length === 0) return null;
  const K = pal.length;
  const base = Math.pow(2, Math.floor(Math.log2((LOD_INTERVALS_PER_BUCKET * span) / n)));
  const n0 = Math.max(1, Math.ceil(span / base));
  const levelStart: number[] = [0];
  let total = 0;
  for (let m = n0; ; m = Math.ceil(m / 2)) {
    total += m;
    levelStart.push(total);
    if (m === 1) break;
  }
  // Time per palette slot, interval count, run-in flag and standing
  // interval's overlap for every bucket: needed only while building, so they
  // live in scratch buffers reused across lanes (allocating them per lane
  // made the browser collect garbage through the whole build).
  if (scratchCount.length < total) {
    scratchCount = new Uint32Array(total * 2);
    scratchCont = new Uint8Array(total * 2);
    scratchRepLen = new Float64Array(total * 2);
  } else {
    scratchCount.fill(0, 0, total);
    scratchCont.fill(0, 0, total);
    scratchRepLen.fill(0, 0, total);
  }
  if (scratchCover.length < total * K) scratchCover = new Float64Array(total * K * 2);
  else scratchCover.fill(0, 0, total * K);
  const cover = scratchCover;
  const count = scratchCount;
  /** 1 where an interval started before the bucket and runs into it. */
  const cont = scratchCont;
  const repLen = scratchRepLen;
  const state = new Uint8Array(total);
  const rep = new Int32Array(total).fill(-1);
  const longest = new Float32Array(total);

  // Level 0: one pass over the intervals, in time order.
  for (let p = lo; p < hi; p++) {
    const s = states[p];
    if (s === 0) continue;
    const a = starts[p];
    const e = ends[p];
    if (!(e > a)) continue;
    const k = slotOf[s];
    let b0 = Math.floor(a / base);
    if (b0 > n0 - 1) b0 = n0 - 1;
    let b1 = Math.ceil(e / base) - 1;
    if (b1 > n0 - 1) b1 = n0 - 1;
    const len = e - a;
    if (len > longest[b0]) longest[b0] = len;
    for (let b = b0; b <= b1; b++) {
      const bs = b * base;
      const part = (e < bs + base ? e : bs + base) - (a > bs ? a : bs);
      cover[b * K + k] += part;
      count[b]++;
      if (a < bs) cont[b] = 1;
      if (part > repLen[b]) {
        repLen[b] = part;
        rep[b] = p;
      }
    }
  }
  for (let b = 0; b < n0; b++) state[b] = decide(cover, b, K, count[b], pal);

  // Levels above: time per slot adds up; intervals crossing the middle are counted once.
  for (let lv = 1; lv + 1 < levelStart.length; lv++) {
    const below = levelStart[lv - 1];
    const belowEnd = levelStart[lv];
    const here = levelStart[lv];
    const hereEnd = levelStart[lv + 1];
    for (let b = here; b < hereEnd; b++) {
      const c0 = below + (b - here) * 2;
      const c1 = c0 + 1;
      const has1 = c1 < belowEnd;
      for (let k = 0; k < K; k++) cover[b * K + k] = cover[c0 * K + k] + (has1 ? cover[c1 * K + k] : 0);
      count[b] = count[c0] + (has1 ? count[c1] - cont[c1] : 0);
      cont[b] = cont[c0];
      state[b] = decide(cover, b, K, count[b], pal);
      // Stand-in: the child's, preferring one whose own state is the parent's.
      rep[b] = has1 && state[c1] === state[b] && (state[c0] !== state[b] || repLen[c1] > repLen[c0]) ? rep[c1] : rep[c0];
      repLen[b] = rep[b] === rep[c1] && has1 ? repLen[c1] : repLen[c0];
      longest[b] = has1 && longest[c1] > longest[c0] ? longest[c1] : longest[c0];
    }
  }
  return { base, levelStart: Uint32Array.from(levelStart), state, rep, longest };
}

/** The column rule of `ColumnLayout.finish` applied to bucket `b`'s time per slot. */
function decide(cover: Float64Array, b: number, K: number, count: number, pal: readonly number[]): number {
  let best = -1;
  let bestV = 0;
  let covered = 0;
  const at = b * K;
  for (let k = 0; k < K; k++) {
    const v = cover[at + k];
    covered += v;
    if (v > bestV) {
      bestV = v;
      best = k;
    }
  }
  if (best < 0) return 0;
  return count >= MIXED_MIN_INTERVALS && bestV * 2 < covered ? MIXED : pal[best];
}
