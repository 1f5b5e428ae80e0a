import { strict as assert } from 'node:assert';
import { buildLaneIndex, intervalAt } from '../../../src/core/chart/laneIndex';
import { ColumnLayout } from '../../../src/core/chart/columns';
import { MIXED } from '../../../src/core/chart/palette';
import { State, type Trace } from '../../../src/core/sim/result';
import { syntheticTrace, tinyTrace } from '../../support/synthetic-trace';

describe('lane index', () => {
  it('groups intervals by lane, in time order, and links CPU intervals to the thread their LWP carried', () => {
    const ix = buildLaneIndex(tinyTrace());
    assert.deepEqual(Array.from(ix.offsets), [0, 3, 5, 7]);
    assert.deepEqual(Array.from(ix.state.subarray(0, 3)), [State.CpuUser, State.CpuKernel, State.CpuIdle]);
    assert.deepEqual(Array.from(ix.thread), [0, 0, -1, 0, 0, 0, 0]);
  });

  it('sorts a lane whose intervals arrive out of order', () => {
    const t = tinyTrace();
    const shuffled: Trace = { ...t, start: Float64Array.from([600, 0, 700, 0, 700, 0, 700]), end: Float64Array.from([700, 600, 1000, 700, 1000, 700, 1000]) };
    const ix = buildLaneIndex(shuffled);
    assert.deepEqual(Array.from(ix.start.subarray(0, 3)), [0, 600, 700]);
    assert.equal(ix.order[0], 1);
  });

  it('ignores capacity beyond count', () => {
    const t = tinyTrace();
    const cap = (a: Float64Array): Float64Array => {
      const b = new Float64Array(a.length + 5);
      b.set(a);
      return b;
    };
    const ix = buildLaneIndex({ ...t, start: cap(t.start), end: cap(t.end) });
    assert.equal(ix.offsets[3], 7);
  });

  it('finds the interval under a time', () => {
    const ix = buildLaneIndex(tinyTrace());
    assert.equal(ix.state[intervalAt(ix, 0, 650)], State.CpuKernel);
    assert.equal(ix.state[intervalAt(ix, 2, 999)], State.ThreadBlockedKernel);
    assert.equal(intervalAt(ix, 2, 1000), -1);
    assert.equal(intervalAt(ix, 7, 10), -1);
  });
});

describe('column layout', () => {
  it('gives each column the state that covers it, at one column per 100ns', () => {
    const ix = buildLaneIndex(tinyTrace());
    const out = new ColumnLayout(16);
    out.layout(ix, 0, 0, 100, 10);
    assert.deepEqual(Array.from(out.state.subarray(0, 10)), [2, 2, 2, 2, 2, 2, 3, 1, 1, 1]);
    // Crisp boundaries where intervals of 3+ columns begin; the 1-column kernel interval gets none.
    assert.deepEqual(Array.from(out.edge.subarray(0, 10)), [0, 0, 0, 0, 0, 0, 0, 1, 0, 0]);
  });

  it('picks the state covering most of a shared column', () => {
    const ix = buildLaneIndex(tinyTrace());
    const out = new ColumnLayout(4);
    // Column 0: 0-650 → user 600, kernel 50; column 1: 650-1300 → kernel 50, idle 300.
    out.layout(ix, 0, 0, 650, 2);
    assert.deepEqual(Array.from(out.state.subarray(0, 2)), [State.CpuUser, State.CpuIdle]);
    assert.equal(ix.state[out.index[1]], State.CpuIdle);
  });

  it('marks MIXED where many short intervals share a column and none covers half', () => {
    const t = syntheticTrace({ intervals: 20_000, lanes: 10, seed: 7 });
    const ix = buildLaneIndex(t);
    const out = new ColumnLayout(10);
    out.layout(ix, 5, 0, ix.endTime / 10, 10);
    assert.ok(Array.from(out.state.subarray(0, 10)).includes(MIXED));
  });

  it('visits only the intervals in view when zoomed in', () => {
    const t = syntheticTrace({ intervals: 100_000, lanes: 10, seed: 3 });
    const ix = buildLaneIndex(t);
    const out = new ColumnLayout(1000);
    const visited = out.layout(ix, 4, ix.endTime / 2, ix.endTime / 1e6, 1000);
    assert.ok(visited > 0 && visited < 200, `visited ${visited}`);
    assert.ok(Array.from(out.state.subarray(0, 1000)).every((s) => s !== 0), 'a tiled lane leaves no column empty');
  });

  it('leaves columns past the end of the run empty and tolerates bad input', () => {
    const ix = buildLaneIndex(tinyTrace());
    const out = new ColumnLayout(20);
    out.layout(ix, 1, 0, 100, 20);
    assert.equal(out.state[9], State.LwpBlocked);
    assert.equal(out.state[10], 0);
    assert.equal(out.index[15], -1);
    assert.equal(out.layout(ix, 1, 0, 0, 20), 0);
    assert.equal(out.layout(ix, 99, 0, 1, 20), 0);
    assert.equal(out.layout(ix, 1, 0, Number.NaN, 20), 0);
  });
});
