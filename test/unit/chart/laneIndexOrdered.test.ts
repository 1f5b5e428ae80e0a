import { strict as assert } from 'node:assert';
import { buildLaneIndex } from '../../../src/core/chart/laneIndex';
import { ColumnLayout } from '../../../src/core/chart/columns';
import type { Trace } from '../../../src/core/sim/result';
import { syntheticTrace } from '../../support/synthetic-trace';

/** The same trace with its rows interleaved across lanes (as the simulator emits them), so the general path runs. */
function interleaved(t: Trace): Trace {
  const n = t.count;
  const perm = Array.from({ length: n }, (_, i) => i).sort((a, b) => t.start[a] - t.start[b] || t.lane[a] - t.lane[b]);
  const pick = <A extends Float64Array | Uint32Array | Uint8Array | Int32Array>(a: A, make: (len: number) => A): A => {
    const out = make(n);
    perm.forEach((i, k) => (out[k] = a[i]));
    return out;
  };
  return {
    ...t,
    start: pick(t.start, (l) => new Float64Array(l)),
    end: pick(t.end, (l) => new Float64Array(l)),
    lane: pick(t.lane, (l) => new Uint32Array(l)),
    state: pick(t.state, (l) => new Uint8Array(l)),
    detail: pick(t.detail, (l) => new Int32Array(l)),
    src: pick(t.src, (l) => new Int32Array(l)),
  };
}

describe('lane index fast path (trace already lane-ordered)', () => {
  const t = syntheticTrace({ intervals: 5_000, lanes: 25, seed: 11 });

  it('shares the trace columns instead of copying them', () => {
    const ix = buildLaneIndex(t);
    assert.equal(ix.start.buffer, t.start.buffer);
    assert.equal(ix.end.buffer, t.end.buffer);
    assert.equal(ix.state.buffer, t.state.buffer);
    assert.deepEqual(Array.from(ix.order.subarray(0, 5)), [0, 1, 2, 3, 4]);
  });

  it('gives the same lanes, times, states and threads as the general path', () => {
    const fast = buildLaneIndex(t);
    const it = interleaved(t);
    const slow = buildLaneIndex(it);
    assert.notEqual(slow.start.buffer, it.start.buffer, 'the interleaved trace takes the general path');
    assert.deepEqual(Array.from(fast.offsets), Array.from(slow.offsets));
    assert.deepEqual(Array.from(fast.start), Array.from(slow.start));
    assert.deepEqual(Array.from(fast.end), Array.from(slow.end));
    assert.deepEqual(Array.from(fast.state), Array.from(slow.state));
    assert.deepEqual(Array.from(fast.thread), Array.from(slow.thread));
    const a = new ColumnLayout(300);
    const b = new ColumnLayout(300);
    for (let lane = 0; lane < 25; lane += 6) {
      a.layout(fast, lane, 0, fast.endTime / 300, 300);
      b.layout(slow, lane, 0, slow.endTime / 300, 300);
      assert.deepEqual(Array.from(a.state), Array.from(b.state), `lane ${lane}`);
    }
  });

  it('takes the general path when a lane comes back after another', () => {
    const lane = t.lane.slice(0, t.count);
    lane[t.count - 1] = 0;
    const ix = buildLaneIndex({ ...t, lane });
    assert.equal(ix.offsets[1] - ix.offsets[0], t.lane.filter((l) => l === 0).length + 1);
  });
});
