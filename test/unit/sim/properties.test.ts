import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { simulate } from '../../../src/core/sim/simulate';
import { threadRows } from '../../../src/core/sim/result';
import { checkManyToOne, checkTrace, fingerprint } from './invariants';
import { scenarioOf } from './helpers';
import { scenario } from './generator';

const ROOT = join(__dirname, '..', '..', '..');

describe('sim: properties of random scenarios (fast-check)', () => {
  it('every trace is consistent, work is conserved, N:1 is serial, runs are deterministic', () => {
    let completed = 0;
    fc.assert(
      fc.property(scenario, (g) => {
        const sc = scenarioOf(g.text);
        const r = simulate(sc);
        checkTrace(r);
        for (const p of g.manyToOne) checkManyToOne(r, p);
        if (r.status === 'completed') {
          completed++;
          const threads = threadRows(r.threads);
          const asked = threads.reduce((a, t) => a + g.work.get(`${t.process}/${t.thread}`)!, 0);
          assert.equal(r.metrics.usefulWork, asked, 'work served = work asked');
          assert.equal(r.makespan, Math.max(...threads.map((t) => t.finish!)));
        }
        assert.equal(fingerprint(simulate(sc)), fingerprint(r), 'same input, same bytes');
        const quiet = simulate(sc, { recordTrace: false });
        assert.deepEqual(quiet.metrics, r.metrics, 'metrics do not depend on recording the trace');
        // Without a trace threads and LWPs have no lanes: their times come from the engine's records.
        assert.deepEqual(threadRows(quiet.threads), threadRows(r.threads), 'thread metrics do not depend on recording the trace');
        assert.equal(quiet.trace.lanes.length, 0, 'no lanes without a trace');
      }),
      { numRuns: 150, seed: 20261126 },
    );
    assert.ok(completed > 30, `enough completed runs to check conservation (${completed})`);
  });
});

describe('sim: the invariant checks are not vacuous', () => {
  const text = 'machine { cpus 2 }\nprocess p { model N:1 mutex m thread a * 2 { lock m { compute 1ms } io 1ms } }\nprocess q { model M:N lwps 2 thread b * 3 { compute 1ms yield compute 1ms } }';
  it('accepts the real trace', () => {
    checkTrace(simulate(scenarioOf(text)));
  });
  it('rejects a gap, a thread running without its LWP on a CPU, and metrics that disagree', () => {
    const r = simulate(scenarioOf(text));
    const gap = { ...r, trace: { ...r.trace, end: r.trace.end.map((e, i) => (i === 0 ? e - 1 : e)) } };
    assert.throws(() => checkTrace(gap), /gap|ends at endTime|running|agree|Expected/);
    const cpuState = r.trace.state.map((s, i) => (r.trace.lane[i] < 2 && s === 2 ? 1 : s));
    assert.throws(() => checkTrace({ ...r, trace: { ...r.trace, state: cpuState } }));
    assert.throws(() => checkTrace({ ...r, metrics: { ...r.metrics, usefulWork: r.metrics.usefulWork + 1 } }));
  });
});

describe('sim: long traces', () => {
  it('stay consistent across the trace builder chunks (hundreds of thousands of intervals)', () => {
    const r = simulate(scenarioOf('machine { cpus 2 scheduler round-robin quantum 10us }\nprocess p { model M:N lwps 3 scheduler round-robin quantum 7us thread t * 4 { repeat 1000 { compute 30us yield } } }'));
    assert.equal(r.status, 'completed');
    assert.ok(r.trace.count > 140_000, `${r.trace.count} intervals`);
    checkTrace(r);
    assert.equal(r.metrics.usefulWork, 4 * 1000 * 30_000);
  });

  it('stop at the interval cap with a clear limit message, keeping what was recorded', () => {
    const r = simulate(scenarioOf('machine { cpus 1 scheduler round-robin quantum 10us }\nprocess p { thread t * 2 { forever { compute 1ms } } }'), { maxIntervals: 1000 });
    assert.equal(r.status, 'limit');
    assert.equal(r.trace.count, 1000);
    assert.match(r.limit!.summary, /the trace reached 1,000 intervals/);
  });

  it('stop at the event cap, and when cancelled', () => {
    const sc = scenarioOf('machine { cpus 1 }\nprocess p { thread t { forever { compute 1us } } }');
    const r = simulate(sc, { maxEvents: 5000 });
    assert.equal(r.status, 'limit');
    assert.equal(r.events, 5000);
    assert.match(r.limit!.summary, /after 5,000 events, the event cap/);
    let polls = 0;
    const c = simulate(sc, { shouldStop: () => ++polls >= 2 });
    assert.equal(c.status, 'limit');
    assert.match(c.limit!.summary, /^Cancelled/);
    // Polled on events and on steps: the second poll comes no later than the 8,192nd event.
    assert.ok(c.events <= 8192 && c.events > 0, String(c.events));
  });

  // Issue 13: every instant takes 3 M steps (under the zero-time cap) and only
  // a few events, so neither the event cap nor the per-instant cap ends it.
  // Run in a child under a wall-clock kill: a regression loops synchronously.
  const longInstants = 'process p { semaphore s  thread t { forever { repeat 3000000 { post s } compute 1ns } } }';
  function guarded(text: string, opts: { maxSteps?: number; cancelAfterPolls?: number }): { status: string; events: number; summary: string; polls: number; ms: number } {
    const r = spawnSync(globalThis.process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'test/support/runaway.ts'), text, JSON.stringify(opts)], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.error, undefined, 'the run did not end within 60 s');
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as { status: string; events: number; summary: string; polls: number; ms: number };
  }

  it('a run whose instants each take millions of steps stops at the step cap, naming it', function () {
    this.timeout(70_000);
    const r = guarded(longInstants, { maxSteps: 20_000_000 });
    assert.equal(r.status, 'limit');
    assert.ok(r.events < 100, String(r.events));
    assert.match(r.summary, /after 20,000,000 steps \(statements executed and scheduling decisions\), the step cap of one run/);
  });

  it('cancellation is polled on steps, not only on events: a long instant stops promptly', function () {
    this.timeout(70_000);
    const r = guarded(longInstants, { cancelAfterPolls: 3 });
    assert.equal(r.status, 'limit');
    assert.match(r.summary, /^Cancelled/);
    assert.equal(r.polls, 3);
    assert.ok(r.events < 10, String(r.events));
    assert.ok(r.ms < 5_000, `${r.ms} ms`);
  });

  it('the step cap is exact: a run stops at the step past it, whatever the poll interval', function () {
    this.timeout(20_000);
    const sc = scenarioOf('process p { semaphore s  thread t { repeat 100 { post s } } }');
    const whole = simulate(sc, { recordTrace: false });
    assert.equal(whole.status, 'completed');
    assert.equal(simulate(sc, { recordTrace: false, maxSteps: 10 }).status, 'limit');
    assert.equal(simulate(sc, { recordTrace: false, maxSteps: 1_000 }).status, 'completed');
  });



  it('a loop that takes no time stops with a message naming the thread', () => {
    const r = simulate(scenarioOf('process p { semaphore s thread t { forever { post s } } }'));
    assert.equal(r.status, 'limit');
    assert.match(r.limit!.summary, /p\.t keeps executing statements without simulated time passing/);
  });
});
