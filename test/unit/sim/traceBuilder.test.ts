import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { State } from '../../../src/core/sim/result';
import { CATEGORY, CATS, LaneKindId, TraceBuilder } from '../../../src/core/sim/traceBuilder';

/** The trace builder's contract written the plain way: one open interval per lane, merge with the lane's last recorded one when it touches and matches. */
class Reference {
  readonly start: number[] = [];
  readonly end: number[] = [];
  readonly lane: number[] = [];
  readonly state: number[] = [];
  readonly detail: number[] = [];
  readonly src: number[] = [];
  readonly sums: number[][] = [];
  private readonly open: { from: number; state: number; detail: number; src: number; last: number }[] = [];
  overflow = false;
  constructor(private readonly max: number) {}
  addLane(state: number, detail: number, src: number, now: number): void {
    this.open.push({ from: 0, state: State.Absent, detail: -1, src: -1, last: -1 });
    this.sums.push(new Array<number>(CATS).fill(0));
    this.set(this.open.length - 1, state, detail, src, now);
  }
  set(l: number, state: number, detail: number, src: number, now: number): void {
    const o = this.open[l];
    if (o.state === state && o.detail === detail && o.src === src) return;
    this.close(l, now);
    Object.assign(o, { from: now, state, detail, src });
  }
  close(l: number, now: number): void {
    const o = this.open[l];
    if (now <= o.from) return;
    this.sums[l][CATEGORY[o.state]] += now - o.from;
    const i = o.last;
    if (i >= 0 && this.end[i] === o.from && this.state[i] === o.state && this.detail[i] === o.detail && this.src[i] === o.src) {
      this.end[i] = now;
      return;
    }
    if (this.start.length >= this.max) {
      this.overflow = true;
      return;
    }
    o.last = this.start.length;
    this.start.push(o.from);
    this.end.push(now);
    this.lane.push(l);
    this.state.push(o.state);
    this.detail.push(o.detail);
    this.src.push(o.src);
  }
}

const STATES = [State.CpuIdle, State.CpuUser, State.CpuKernel, State.OverheadModeSwitch, State.ThreadRunning, State.ThreadReady, State.ThreadBlockedSync];

describe('sim: trace builder', () => {
  it('records what the plain algorithm records, across its staging blocks, merges and the interval cap', () => {
    // Long enough to cross several staging blocks (4096 intervals each), with
    // zero-length detours (A → B → A at one instant) that merge back into an
    // interval recorded blocks earlier.
    const op = fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: STATES.length - 1 }), fc.integer({ min: -1, max: 2 }), fc.integer({ min: 0, max: 3 }), fc.boolean());
    fc.assert(
      fc.property(fc.array(op, { minLength: 5000, maxLength: 9000 }), fc.constantFrom(1_000_000, 7000), (ops, max) => {
        const tb = new TraceBuilder(true, max, (kind, id) => `${kind} ${id}`);
        const ref = new Reference(max);
        for (let l = 0; l < 6; l++) {
          tb.addLane(l < 2 ? LaneKindId.cpu : LaneKindId.thread, l, -1, 0, State.CpuIdle, -1, -1);
          ref.addLane(State.CpuIdle, -1, -1, 0);
        }
        let now = 0;
        for (const [l, s, detail, step, detour] of ops) {
          now += step;
          if (detour) {
            // Leave and come back at the same instant: nothing is recorded for the detour.
            tb.set(l, State.CpuSpin, 9, 9, now);
            ref.set(l, State.CpuSpin, 9, 9, now);
            tb.set(l, State.CpuIdle, -1, -1, now);
            ref.set(l, State.CpuIdle, -1, -1, now);
          }
          tb.set(l, STATES[s], detail, l, now);
          ref.set(l, STATES[s], detail, l, now);
        }
        const { trace } = tb.finish(now + 1);
        const sums = [0, 1, 2, 3, 4, 5].map((l) => [0, 1, 2, 3].map((c) => tb.timeIn(l, c)));
        for (let l = 0; l < 6; l++) ref.close(l, now + 1);
        assert.equal(tb.overflow, ref.overflow);
        assert.equal(trace.count, ref.start.length);
        assert.deepEqual(Array.from(trace.start), ref.start);
        assert.deepEqual(Array.from(trace.end), ref.end);
        assert.deepEqual(Array.from(trace.lane), ref.lane); // CPU lanes first, then threads: creation order here
        assert.deepEqual(Array.from(trace.state), ref.state);
        assert.deepEqual(Array.from(trace.detail), ref.detail);
        assert.deepEqual(Array.from(trace.src), ref.src);
        assert.equal(trace.start.length, trace.count);
        assert.deepEqual(sums, ref.sums);
        assert.deepEqual(
          trace.lanes.map((x) => x.label),
          ['cpu 0', 'cpu 1', 'thread 2', 'thread 3', 'thread 4', 'thread 5'],
        );
      }),
      { numRuns: 8, seed: 5 },
    );
  });

  it('without a trace keeps the same time per category (CPU and thread lanes)', () => {
    const op = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: STATES.length - 1 }), fc.integer({ min: -1, max: 2 }), fc.integer({ min: 0, max: 3 }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const on = new TraceBuilder(true, 1_000_000, () => '');
        const off = new TraceBuilder(false, 1_000_000, () => '');
        for (let l = 0; l < 4; l++) for (const tb of [on, off]) tb.addLane(LaneKindId.thread, l, 0, 0, State.Absent, -1, -1);
        let now = 0;
        for (const [l, s, detail, step] of ops) {
          now += step;
          for (const tb of [on, off]) tb.set(l, STATES[s], detail, step, now);
        }
        const sums = (tb: TraceBuilder): number[][] => [0, 1, 2, 3].map((l) => [0, 1, 2, 3].map((c) => tb.timeIn(l, c)));
        on.finish(now + 5);
        const t = off.finish(now + 5).trace;
        assert.deepEqual(sums(off), sums(on));
        assert.equal(t.count, 0);
        assert.equal(t.eventCount, 0);
      }),
      { numRuns: 200, seed: 3 },
    );
  });
});
