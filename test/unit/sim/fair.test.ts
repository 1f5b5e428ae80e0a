/**
 * `scheduler fair` end to end (issue 14), and the kernel quantum as the
 * LWP's own running time: slices, wake-up preemption, weights, the
 * checker's errors and completion.
 */
import * as assert from 'node:assert/strict';
import { analyze } from '../../../src/core/analyze';
import type { RunResult } from '../../../src/core/sim/result';
import { analyzeDocument } from '../../../src/server/analysis';
import { complete } from '../../../src/server/completion';
import { machine, ms, run, thread, ZERO } from './helpers';

/** Lengths of CPU 0's runs of one LWP after another (consecutive intervals of one LWP merged). */
function cpu0Runs(r: RunResult): number[] {
  const t = r.trace;
  const runs: number[] = [];
  let lwp = -2;
  for (let i = 0; i < t.count; i++) {
    if (t.lane[i] !== 0 || t.detail[i] < 0) continue;
    const len = t.end[i] - t.start[i];
    if (t.detail[i] === lwp) runs[runs.length - 1] += len;
    else runs.push(len);
    lwp = t.detail[i];
  }
  return runs;
}

const twoHogs = (sched: string, costs = ZERO): string => machine(1, sched, costs) + 'process p {\n  model one-to-one\n  thread a { compute 30ms }\n  thread b { compute 30ms }\n}\n';

const readerAndHog = (sched: string): string =>
  machine(1, sched) + 'process p {\n  model one-to-one\n  thread reader { repeat 20 { io 3ms compute 500us } }\n  thread hog { compute 300ms }\n}\n';

describe('kernel scheduler fair (Linux CFS model)', () => {
  it('two CPU-bound threads on one CPU take slices of latency / 2: 3ms by default, 1.5ms with latency 3ms', () => {
    const runs = cpu0Runs(run(twoHogs('scheduler fair')));
    // The first dispatch finds nobody queued, so its slice is the whole latency;
    // the other then runs two slices in a row to catch up (its virtual runtime stays the smaller).
    assert.deepEqual(runs.slice(0, 2), [6 * ms, 6 * ms]);
    assert.deepEqual([...new Set(runs.slice(2, -1))], [3 * ms]);
    assert.equal(runs.reduce((x, y) => x + y, 0), 60 * ms);
    const short = cpu0Runs(run(twoHogs('scheduler fair latency 3ms')));
    assert.deepEqual([...new Set(short.slice(2, -1))], [1.5 * ms]);
  });

  it('many runnable LWPs: every slice is the granularity', () => {
    const text = machine(1, 'scheduler fair', ZERO) + 'process p {\n  model one-to-one\n  thread w * 10 { compute 20ms }\n}\n';
    const runs = cpu0Runs(run(text)).slice(1);
    // Every run is one slice of 750us, but the last of each thread (what is left of its 20ms).
    assert.equal(Math.max(...runs), 750_000);
    assert.ok(runs.filter((x) => x !== 750_000).length <= 10);
  });

  it('an I/O thread waking next to a CPU hog runs at once: near its ideal time, where round-robin makes it wait ~3×', () => {
    const ideal = 20 * 3.5 * ms;
    const fair = thread(run(readerAndHog('scheduler fair')), 'p.reader').finish!;
    const rr = thread(run(readerAndHog('scheduler round-robin')), 'p.reader').finish!;
    assert.ok(fair <= 1.05 * ideal, `fair: ${fair / ideal}× ideal`);
    assert.ok(rr >= 2.9 * ideal, `round-robin: ${rr / ideal}× ideal`);
    // No waiting at all once it wakes: its ready time is nothing.
    assert.equal(thread(run(readerAndHog('scheduler fair')), 'p.reader').ready, 0);
  });

  it('priority is nice through Linux weights: priority 5 (weight 3121) against 0 (1024) gets ~75% of the CPU', () => {
    const text = machine(1, 'scheduler fair', ZERO) + 'process p {\n  model one-to-one\n  thread lo { compute 30ms }\n  thread hi priority 5 { compute 30ms }\n}\n';
    const hi = thread(run(text), 'p.hi').finish!;
    // 30ms at 3121 / 4145 of the CPU is 39.8ms; the first slice (lo's, alone) shifts it a little.
    assert.ok(hi > 38 * ms && hi < 44 * ms, `hi finished at ${hi / ms}ms`);
  });

  it('the checker: durations the policy does not take, zero, repeated, and a granularity over the latency are positioned errors', () => {
    const codes = (sched: string): string[] => analyze(machine(1, sched) + 'process p { thread t { compute 1ms } }\n').diagnostics.map((d) => `${d.code}@${d.span.start}`);
    assert.deepEqual(codes('scheduler fair latency 4ms granularity 1ms'), []);
    assert.deepEqual(codes('scheduler fair granularity 1ms latency 4ms'), [], 'either order');
    assert.deepEqual(codes('scheduler fair quantum 5ms'), ['LWP3041@40']);
    assert.deepEqual(codes('scheduler round-robin latency 5ms'), ['LWP3041@47']);
    assert.deepEqual(codes('scheduler fifo quantum 5ms'), ['LWP3019@40']);
    assert.deepEqual(codes('scheduler fair latency 0ms'), ['LWP3042@40']);
    assert.deepEqual(codes('scheduler fair granularity 0ns'), ['LWP3042@44']);
    assert.deepEqual(codes('scheduler fair latency 2ms granularity 3ms'), ['LWP3043@56']);
    assert.deepEqual(codes('scheduler fair latency 2ms latency 3ms'), ['LWP3014@44']);
  });

  it('completion offers the durations of the policy written, those not yet given', () => {
    const at = (text: string): string[] => complete(analyzeDocument('file:///t.lwp', 1, text), text.length).map((i) => i.label);
    assert.deepEqual(at('machine {\n  scheduler fair '), ['latency', 'granularity']);
    assert.deepEqual(at('machine {\n  scheduler fair latency 3ms ').slice(0, 2), ['granularity', 'cpus'], 'then the machine items');
    assert.ok(!at('machine {\n  scheduler round-robin quantum 3ms ').includes('quantum'));
    assert.deepEqual(at('machine {\n  scheduler round-robin '), ['quantum']);
  });
});

describe('kernel quantum: the LWP’s own running time', () => {
  for (const sched of ['round-robin quantum 10ms', 'priority quantum 10ms']) {
    it(`${sched}: two 30ms threads on one CPU take exactly 6 dispatches, the switch paid before each slice`, () => {
      const r = run(twoHogs(`scheduler ${sched}`, ''));
      assert.equal(r.metrics.kernelSwitches, 6);
      assert.deepEqual(cpu0Runs(r), Array(6).fill(10 * ms + 2_000), 'each run: a 2us kernel switch, then a 10ms slice');
    });
  }
});
