import * as assert from 'node:assert/strict';
import { ZERO, machine, ms, run, thread } from './helpers';

const POOL = (opts: string) => `${machine(2, ZERO)}semaphore data = 0
process pipeline {
  model many-to-many lwps 2
  ${opts}
  thread consumer * 2 { wait data  compute 1ms }
  thread producer { compute 1ms  post data  post data }
}
`;

describe('sim: the classic stories', () => {
  it('N:1: one blocking io stalls the whole process', () => {
    const r = run(machine(2, ZERO) + 'process green { model N:1 thread reader { io 10ms } thread worker * 2 { compute 1ms } }');
    assert.equal(thread(r, 'green.worker#1').finish, 11 * ms);
    assert.equal(r.makespan, 12 * ms);
    assert.equal(r.metrics.cpuUtilization, 2 / (12 * 2));
  });

  it('M:N pool deadlock: consumers hold both LWPs in the kernel, the producer has none', () => {
    const r = run(POOL(''));
    assert.equal(r.status, 'deadlock');
    const stuck = r.deadlock!.stuck;
    assert.deepEqual(
      stuck.map((s) => [s.thread, s.kind]),
      [
        ['pipeline.consumer#1', 'semaphore'],
        ['pipeline.consumer#2', 'semaphore'],
        ['pipeline.producer', 'lwp'],
      ],
    );
    assert.match(stuck[2].waitsFor, /all 2 LWPs of pipeline are blocked in the kernel/);
    assert.ok(r.diagnostics.some((d) => d.code === 'LWP4003'));
  });

  it('cured by SIGWAITING, by upcalls, and by one-to-one', () => {
    const sig = run(POOL('sigwaiting on'));
    assert.equal(sig.status, 'completed');
    assert.equal(sig.metrics.sigwaiting, 1);
    assert.equal(sig.metrics.lwpsCreated, 3);
    assert.equal(sig.makespan, 2 * ms);
    const up = run(POOL('upcalls on'));
    assert.equal(up.status, 'completed');
    assert.equal(up.makespan, 2 * ms);
    assert.equal(up.metrics.upcalls, 4, 'two blocks, two completions');
    const one = run(POOL('').replace('model many-to-many lwps 2', 'model one-to-one'));
    assert.equal(one.status, 'completed');
  });

  it('SIGWAITING respects max', () => {
    const r = run(POOL('sigwaiting on').replace('lwps 2', 'lwps 1 max 1'));
    assert.equal(r.status, 'deadlock');
    assert.equal(r.metrics.sigwaiting, 0);
  });

  it('a descheduled spinlock holder: the spinner burns its CPU until the limit', () => {
    const r = run(`${machine(1, 'scheduler priority', 'limit 20ms', ZERO)}process app {
      model 1:1
      spinlock flag
      thread holder { lock flag { sleep 1ms compute 5ms } }
      thread urgent priority 5 start 2ms { lock flag { compute 1ms } }
    }`);
    assert.equal(r.status, 'limit');
    assert.equal(r.limit!.spinning.length, 1);
    assert.equal(r.limit!.spinning[0].thread, 'app.urgent');
    assert.equal(r.limit!.spinning[0].holder, 'app.holder');
    assert.match(r.limit!.summary, /app\.urgent spins on spinlock flag held by app\.holder, which cannot run: its LWP is waiting for a CPU/);
    assert.equal(r.metrics.spinTime, 18 * ms);
  });

  it('a spinlock holder with no LWP never frees it (M:N)', () => {
    const r = run(`${machine(1, 'limit 5ms', ZERO)}process app {
      model M:N lwps 1
      spinlock s
      mutex m
      thread a { lock s { lock m { compute 1ms } } }
      thread b { lock m { compute 2ms } }
    }`);
    // b takes m; a takes s then parks on m; b finishes and a runs: completes.
    assert.equal(r.status, 'completed');
  });

  it('kernel priority preempts at once; library priority preempts its lowest running thread', () => {
    const k = run(machine(1, 'scheduler priority', ZERO) + 'process p { model 1:1 thread low { compute 10ms } thread high priority 5 start 2ms { compute 1ms } }');
    assert.equal(thread(k, 'p.high').finish, 3 * ms);
    assert.equal(thread(k, 'p.low').finish, 11 * ms);
    const u = run(machine(1, ZERO) + 'process p { model N:1 scheduler priority thread low { compute 10ms } thread high priority 5 { sleep 2ms compute 1ms } }');
    assert.equal(thread(u, 'p.high').finish, 3 * ms);
    assert.equal(thread(u, 'p.low').finish, 11 * ms);
  });

  it('a bound thread keeps its own LWP while the pool is busy', () => {
    const r = run(machine(2, ZERO) + 'process p { model M:N lwps 1 thread w * 2 { compute 4ms } thread watch bound { compute 1ms } }');
    assert.equal(thread(r, 'p.watch').finish, 1 * ms);
    assert.equal(thread(r, 'p.w#2').finish, 8 * ms);
    assert.equal(r.processes[0].maxLwps, 2);
  });
});
