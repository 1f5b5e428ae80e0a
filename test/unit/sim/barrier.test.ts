/**
 * Barriers (`barrier b = N`, `arrive b`), timings computed by hand: every
 * cost is zero except where a test prices `mode-switch` at 100ns, so each
 * finish is a sum of the durations written plus the kernel entries that
 * LANGUAGE.md §7 says a barrier costs in that model.
 */
import * as assert from 'node:assert/strict';
import { machine, ms, run, thread, ZERO } from './helpers';

/** ZERO, but a kernel entry costs 100ns. */
const MODE = ZERO.replace('mode-switch 0ns', 'mode-switch 100ns');

describe('sim: barriers', () => {
  it('one-to-one: waiters block their LWPs (a mode-switch each); the last arriver does not wait and pays one wake-up per waiter', () => {
    const r = run(
      machine(3, MODE) +
        'process p { model 1:1 barrier b = 3 thread a { compute 1ms arrive b compute 1ms } thread c { compute 2ms arrive b compute 1ms } thread d { compute 3ms arrive b compute 1ms } }',
    );
    // a and c enter the kernel to block (at 1ms and 2ms); d arrives at 3ms, last: a and c are runnable at 3ms on the idle CPUs
    // and run 1ms; d pays two wake-ups (200ns) before its own 1ms.
    assert.equal(r.status, 'completed');
    assert.equal(thread(r, 'p.a').finish, 4 * ms);
    assert.equal(thread(r, 'p.c').finish, 4 * ms);
    assert.equal(thread(r, 'p.d').finish, 4 * ms + 200);
    assert.equal(r.metrics.modeSwitches, 4);
  });

  it('many-to-many: a reusable barrier over two rounds parks threads and lets the pool run the others', () => {
    const r = run(machine(2, ZERO) + 'process p { model M:N lwps 2 barrier b = 3 thread w * 3 { repeat 2 { compute 1ms arrive b } } }');
    // 0–1: w#1, w#2 run; they park at 1ms and w#3 runs 1–2 on the freed LWP; its arrival opens round 1.
    // 2–3: w#3 and w#1 run; w#2 waits for an LWP; 3–4: w#2 runs and opens round 2; all exit at 4ms.
    assert.equal(r.status, 'completed');
    assert.equal(r.makespan, 4 * ms);
    assert.deepEqual(
      ['p.w#1', 'p.w#2', 'p.w#3'].map((id) => [thread(r, id).running, thread(r, id).ready, thread(r, id).blocked]),
      [
        [2 * ms, 0, 2 * ms],
        [2 * ms, 1 * ms, 1 * ms],
        [2 * ms, 1 * ms, 1 * ms],
      ],
    );
    // Each opening finds the other pool LWP parked and wakes it: one kernel entry per round, paid by the opener.
    assert.equal(r.metrics.modeSwitches, 2);
  });

  it('many-to-one: a reusable barrier over three rounds hands the only LWP back and forth', () => {
    const r = run(machine(1, ZERO) + 'process p { model N:1 barrier b = 2 thread a { repeat 3 { compute 1ms arrive b } } thread c { repeat 3 { compute 2ms arrive b } } }');
    // a 0–1 parks; c 1–3 opens round 1 and goes on 3–5, parks; a 5–6 opens round 2, 6–7 parks; c 7–9 opens round 3; both exit at 9ms.
    assert.equal(r.status, 'completed');
    assert.equal(thread(r, 'p.a').finish, 9 * ms);
    assert.equal(thread(r, 'p.c').finish, 9 * ms);
    assert.equal(thread(r, 'p.a').blocked, 2 * ms + 2 * ms);
    assert.equal(r.metrics.userSwitches, 4);
  });

  it('a kernel barrier blocks the LWP: in many-to-one the rest of the process waits too; every arrive is a kernel entry', () => {
    const r = run(
      machine(2, MODE) +
        'barrier k = 2\n' +
        'process p { model N:1 thread a { compute 1ms arrive k compute 1ms } thread b { compute 500us } }\n' +
        'process q { model N:1 thread c { compute 2ms arrive k compute 1ms } }',
    );
    // a arrives at 1ms and blocks p's only LWP at 1.0001ms (its entry paid), so b cannot run; c arrives at 2ms and, last,
    // opens the barrier at once (an arrival takes effect when its call starts) without paying a wake-up (its entry, paid
    // after, covers it); a runs 2–3ms, then b to 3.5ms; c pays its entry and runs to 3.0001ms.
    assert.equal(thread(r, 'p.a').finish, 3 * ms);
    assert.equal(thread(r, 'q.c').finish, 3 * ms + 100);
    assert.equal(thread(r, 'p.b').finish, 3.5 * ms);
    assert.equal(r.metrics.modeSwitches, 2);
  });

  it('a bound thread blocks its own LWP at a library barrier; the multiplexed last arriver pays its wake-up', () => {
    const r = run(machine(2, MODE) + 'process p { model M:N lwps 1 barrier b = 2 thread a bound { compute 1ms arrive b compute 1ms } thread c { compute 2ms arrive b compute 1ms } }');
    assert.equal(thread(r, 'p.a').finish, 3 * ms);
    assert.equal(thread(r, 'p.c').finish, 3 * ms + 100);
    assert.equal(r.metrics.modeSwitches, 2);
  });

  it('barrier b = 1 never waits', () => {
    const r = run(machine(1, ZERO) + 'process p { model 1:1 barrier b = 1 thread a { repeat 3 { arrive b compute 1ms } } }');
    assert.equal(r.makespan, 3 * ms);
    assert.equal(thread(r, 'p.a').blocked, 0);
  });

  it('a deadlock names the barrier, how many arrived and who never arrives (exited, or stuck elsewhere)', () => {
    const exited = run(machine(3, ZERO) + 'process p { model 1:1 barrier b = 3 thread w * 2 { repeat 2 { compute 1ms arrive b } } thread x { compute 1ms arrive b } }');
    assert.equal(exited.status, 'deadlock');
    assert.deepEqual(
      exited.deadlock!.stuck.map((s) => [s.thread, s.kind, s.waitsFor, s.holder]),
      [
        ['p.w#1', 'barrier', 'barrier b (2 of 3 arrived; p.x never arrives: it exited)', 'p.x'],
        ['p.w#2', 'barrier', 'barrier b (2 of 3 arrived; p.x never arrives: it exited)', 'p.x'],
      ],
    );
    assert.ok(exited.diagnostics.some((d) => d.code === 'LWP4003' && d.message === 'deadlock: p.w#1 waits here forever for barrier b (2 of 3 arrived; p.x never arrives: it exited)'));

    const stuck = run(machine(2, ZERO) + 'barrier k = 2\nprocess p { model 1:1 mutex m thread a { lock m { arrive k } } thread c { compute 1ms lock m { arrive k } } }');
    assert.equal(stuck.status, 'deadlock');
    assert.deepEqual(
      stuck.deadlock!.stuck.map((s) => [s.thread, s.waitsFor]),
      [
        ['p.a', 'kernel barrier k (1 of 2 arrived; p.c never arrives: its LWP is blocked in the kernel)'],
        ['p.c', 'mutex m held by p.a'],
      ],
    );
  });
});
