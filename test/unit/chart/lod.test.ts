import { strict as assert } from 'node:assert';
import { buildLaneIndex, type LaneIndex } from '../../../src/core/chart/laneIndex';
import { ColumnLayout } from '../../../src/core/chart/columns';
import { adoptLaneLods, buildLaneLod, buildLaneLods, laneLod, LOD_INTERVALS_PER_BUCKET, LOD_MAX_STATES } from '../../../src/core/chart/lod';
import { MIXED } from '../../../src/core/chart/palette';
import type { Trace } from '../../../src/core/sim/result';
import { syntheticTrace, tinyTrace } from '../../support/synthetic-trace';

/** Width of the LOD level a coarse layout uses for `lane` at `nsPerColumn` (the rule of `ColumnLayout.fold`). */
function levelWidth(ix: LaneIndex, lane: number, nsPerColumn: number): number {
  const lod = laneLod(ix, lane)!;
  const levels = lod.levelStart.length - 1;
  const lv = Math.max(0, Math.min(levels - 1, Math.floor(Math.log2(nsPerColumn / lod.base))));
  return lod.base * 2 ** lv;
}

/** A trace with bursts of short intervals, long intervals and gaps (state 0 = nothing), lane-ordered. */
function burstyTrace(seed: number): Trace {
  const base = syntheticTrace({ intervals: 3_000, lanes: 3, seed });
  let s = seed >>> 0;
  const rnd = (): number => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  const start: number[] = [];
  const end: number[] = [];
  const lane: number[] = [];
  const state: number[] = [];
  const endTime = 30_000_000;
  for (let l = 0; l < base.lanes.length; l++) {
    let t = 0;
    while (t < endTime) {
      const long = rnd() < 0.02;
      const len = Math.ceil(long ? rnd() * 400_000 : rnd() * 3_000);
      const e = Math.min(endTime, t + len);
      start.push(t);
      end.push(e);
      lane.push(l);
      state.push(rnd() < 0.1 ? 0 : 1 + Math.floor(rnd() * 5));
      t = e;
    }
  }
  const n = start.length;
  return { ...base, count: n, endTime, start: Float64Array.from(start), end: Float64Array.from(end), lane: Uint32Array.from(lane), state: Uint8Array.from(state), detail: new Int32Array(n).fill(-1), src: new Int32Array(n) };
}

const traces: [string, Trace][] = [
  ['synthetic seed 1', syntheticTrace({ intervals: 60_000, lanes: 12, seed: 1 })],
  ['synthetic seed 9', syntheticTrace({ intervals: 60_000, lanes: 12, seed: 9 })],
  ['bursty seed 4', burstyTrace(4)],
  ['bursty seed 11', burstyTrace(11)],
];
/** Coarse views: [start as a share of the run, span as a share, columns]. */
const views: [number, number, number][] = [
  [0, 1, 600],
  [0.137, 0.41, 500],
  [0.5, 0.3, 130],
];

describe('level of detail', () => {
  for (const [name, trace] of traces) {
    const ix = buildLaneIndex(trace);

    it(`${name}: each coarse column is the exact layout of the bucket holding its centre`, () => {
      const lodOut = new ColumnLayout(600);
      const one = new ColumnLayout(1);
      one.lod = false;
      let checked = 0;
      for (const [from, span, cols] of views) {
        const t0 = ix.endTime * from;
        const ns = (ix.endTime * span) / cols;
        for (let l = 0; l < ix.laneCount; l++) {
          lodOut.layout(ix, l, t0, ns, cols);
          assert.ok(lodOut.usedLod, `lane ${l} should use LOD at ${cols} columns`);
          const w = levelWidth(ix, l, ns);
          assert.ok(w <= ns, 'buckets are no wider than a column');
          for (let c = 0; c < cols; c++) {
            const b = Math.floor((t0 + (c + 0.5) * ns) * (1 / w));
            one.layout(ix, l, b * w, w, 1);
            assert.equal(lodOut.state[c], one.state[0], `lane ${l} column ${c}`);
            checked++;
          }
        }
      }
      assert.ok(checked > 1000);
    });

    it(`${name}: agrees with the exact columns wherever an interval spans the column and its neighbours`, () => {
      const exact = new ColumnLayout(600);
      exact.lod = false;
      const lodOut = new ColumnLayout(600);
      let inside = 0;
      let clear = 0;
      let clearAgree = 0;
      for (const [from, span, cols] of views) {
        const t0 = ix.endTime * from;
        const ns = (ix.endTime * span) / cols;
        for (let l = 0; l < ix.laneCount; l++) {
          exact.layout(ix, l, t0, ns, cols);
          lodOut.layout(ix, l, t0, ns, cols);
          for (let c = 1; c + 1 < cols; c++) {
            const p = exact.index[c];
            if (p >= 0 && ix.start[p] <= t0 + (c - 1) * ns && ix.end[p] >= t0 + (c + 2) * ns) {
              inside++;
              assert.equal(lodOut.state[c], exact.state[c], `lane ${l} column ${c}`);
              assert.equal(lodOut.index[c], p);
            }
            if (exact.state[c] !== MIXED && exact.state[c] !== 0) {
              clear++;
              if (lodOut.state[c] === exact.state[c]) clearAgree++;
            }
          }
        }
      }
      // Elsewhere a column and its bucket cover different spans (the bucket is
      // ½–1 column wide), so near-ties may go either way; most still agree.
      assert.ok(clearAgree / clear > 0.6, `non-mixed columns agreeing: ${clearAgree}/${clear}`);
      if (name.startsWith('bursty')) assert.ok(inside > 50, `columns inside one interval: ${inside}`);
    });
  }

  it('keeps about one bucket per LOD_INTERVALS_PER_BUCKET intervals over all levels', () => {
    const ix = buildLaneIndex(syntheticTrace({ intervals: 100_000, lanes: 10, seed: 5 }));
    let buckets = 0;
    for (let l = 0; l < ix.laneCount; l++) {
      const lod = buildLaneLod(ix, l)!;
      buckets += lod.levelStart[lod.levelStart.length - 1];
      assert.equal(lod.levelStart[lod.levelStart.length - 1] - lod.levelStart[lod.levelStart.length - 2], 1, 'the top level is one bucket');
    }
    // Level 0 has at most 2n / LOD_INTERVALS_PER_BUCKET buckets per lane (its width is rounded down to a power of two), the levels above as many again.
    assert.ok(buckets <= (4 * 100_000) / LOD_INTERVALS_PER_BUCKET + 10 * 64, `buckets ${buckets}`);
  });

  it('lays out zoomed-in views exactly (few intervals per column)', () => {
    const ix = buildLaneIndex(syntheticTrace({ intervals: 100_000, lanes: 10, seed: 3 }));
    const a = new ColumnLayout(1000);
    const b = new ColumnLayout(1000);
    b.lod = false;
    for (const span of [1e-3, 1e-2, 0.1]) {
      a.layout(ix, 4, ix.endTime * 0.3, (ix.endTime * span) / 1000, 1000);
      b.layout(ix, 4, ix.endTime * 0.3, (ix.endTime * span) / 1000, 1000);
      assert.equal(a.usedLod, false, `span ${span}`);
      assert.deepEqual(a.state, b.state);
      assert.deepEqual(a.index, b.index);
      assert.deepEqual(a.edge, b.edge);
    }
  });

  it('shows MIXED at full zoom-out where many short intervals share a column', () => {
    const ix = buildLaneIndex(syntheticTrace({ intervals: 20_000, lanes: 10, seed: 7 }));
    const out = new ColumnLayout(10);
    out.layout(ix, 5, 0, ix.endTime / 10, 10);
    assert.ok(out.usedLod);
    assert.ok(Array.from(out.state.subarray(0, 10)).includes(MIXED));
  });

  it('gives no summaries for an empty lane or one using more states than it can hold, and is cached', () => {
    const t = tinyTrace();
    const ix = buildLaneIndex(t);
    assert.equal(buildLaneLod(ix, 99), null);
    assert.equal(laneLod(ix, -1), null);
    assert.equal(laneLod(ix, 0), laneLod(ix, 0));
    const n = LOD_MAX_STATES + 4;
    const many: Trace = {
      ...t,
      count: n,
      start: Float64Array.from({ length: n }, (_, i) => i * 10),
      end: Float64Array.from({ length: n }, (_, i) => i * 10 + 10),
      lane: new Uint32Array(n),
      state: Uint8Array.from({ length: n }, (_, i) => 1 + i),
      detail: new Int32Array(n).fill(-1),
      src: new Int32Array(n),
    };
    const mix = buildLaneIndex(many);
    assert.equal(buildLaneLod(mix, 0), null);
    assert.equal(buildLaneLod(mix, 1), null, 'an empty lane');
    const out = new ColumnLayout(4);
    out.layout(mix, 0, 0, 50, 4);
    assert.equal(out.usedLod, false, '5 intervals per column, but no summaries: the exact scan');
    assert.equal(out.state[0], MIXED);
  });
});

describe('worker-built LOD summaries (buildLaneLods / adoptLaneLods)', () => {
  it('survive a structured clone (the worker transfer) and lay out the same columns as summaries built on the page', () => {
    const trace = syntheticTrace({ intervals: 40_000, lanes: 12, seed: 9 });
    const built = buildLaneIndex(trace);
    const lods = buildLaneLods(built);
    assert.equal(lods.length, built.laneCount);
    const { index, lod } = structuredClone({ index: built, lod: lods });
    assert.equal(adoptLaneLods(index, lod), true);
    const fresh = buildLaneIndex(trace);
    const a = new ColumnLayout(800);
    const b = new ColumnLayout(800);
    const ns = trace.endTime / 800;
    for (let l = 0; l < index.laneCount; l++) {
      assert.equal(laneLod(index, l), lod[l], `lane ${l}: the adopted summaries are used, not rebuilt`);
      a.layout(index, l, 0, ns, 800);
      b.layout(fresh, l, 0, ns, 800);
      assert.equal(a.usedLod, true);
      assert.deepEqual(a.state, b.state, `lane ${l} states`);
      assert.deepEqual(a.index, b.index, `lane ${l} stand-ins`);
      assert.deepEqual(a.edge, b.edge, `lane ${l} edges`);
    }
  });

  it('refuses summaries that do not match the lanes, and the lanes then build their own', () => {
    const ix = buildLaneIndex(syntheticTrace({ intervals: 3_000, lanes: 6, seed: 4 }));
    assert.equal(adoptLaneLods(ix, [null, null]), false);
    assert.notEqual(laneLod(ix, 0), null);
  });
});
