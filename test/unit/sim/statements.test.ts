import * as assert from 'node:assert/strict';
import { State } from '../../../src/core/sim/result';
import { ZERO, machine, ms, run, thread, us } from './helpers';

describe('sim: statements on zero-cost machines (exact arithmetic)', () => {
  it('compute: fifo runs threads to completion in declaration order', () => {
    const r = run(machine(1, 'scheduler fifo', ZERO) + 'process p { model 1:1 thread a { compute 3ms } thread b { compute 2ms } }');
    assert.equal(r.status, 'completed');
    assert.equal(r.makespan, 5 * ms);
    assert.equal(thread(r, 'p.a').finish, 3 * ms);
    assert.equal(thread(r, 'p.b').finish, 5 * ms);
    assert.equal(thread(r, 'p.b').ready, 3 * ms);
    assert.equal(r.metrics.usefulWork, 5 * ms);
    assert.equal(r.metrics.cpuUtilization, 1);
  });

  it('compute: kernel round-robin alternates at each quantum', () => {
    const r = run(machine(1, 'scheduler round-robin quantum 1ms', ZERO) + 'process p { model 1:1 thread a { compute 3ms } thread b { compute 2ms } }');
    assert.equal(thread(r, 'p.b').finish, 4 * ms);
    assert.equal(thread(r, 'p.a').finish, 5 * ms);
    assert.equal(r.metrics.kernelSwitches, 5);
  });

  it('spawn: thousands of instances at once (the per-thread tables grow) leave the spawner\'s own work exact', () => {
    // At zero cost the 3000 spawns happen in one go; the spawner then computes
    // 1ms before the library runs any of them (FIFO), then each runs 1us.
    const r = run(machine(1, ZERO) + 'process p { model many-to-one thread a { spawn h * 3000 compute 1ms } thread h spawned { compute 1us } }');
    assert.equal(r.status, 'completed');
    assert.equal(thread(r, 'p.a').finish, 1 * ms);
    assert.equal(r.metrics.threadsCreated, 3001);
    assert.equal(r.makespan, 1 * ms + 3000 * us);
    assert.equal(r.metrics.usefulWork, 1 * ms + 3000 * us);
  });

  it('syscall is kernel-mode work that does not block', () => {
    const r = run(machine(1, ZERO) + 'process p { thread a { syscall 2ms compute 1ms } }');
    assert.equal(r.makespan, 3 * ms);
    assert.equal(r.metrics.usefulWork, 3 * ms);
    assert.equal(r.metrics.modeSwitches, 1);
    const kernel = [...r.trace.state.subarray(0, r.trace.count)].filter((s) => s === State.CpuKernel).length;
    assert.equal(kernel, 1);
  });

  it('io in many-to-one stalls every thread of the process', () => {
    const src = (model: string, cpus: number) => machine(cpus, ZERO) + `process p { model ${model} thread a { io 5ms compute 1ms } thread b { compute 1ms } }`;
    const n1 = run(src('many-to-one', 1));
    assert.equal(thread(n1, 'p.b').finish, 7 * ms, 'b waits behind the blocked LWP, then behind a');
    assert.equal(n1.makespan, 7 * ms);
    const oneToOne = run(src('one-to-one', 1));
    assert.equal(thread(oneToOne, 'p.b').finish, 1 * ms);
    assert.equal(oneToOne.makespan, 6 * ms);
    const mn = run(src('many-to-many lwps 2', 2));
    assert.equal(thread(mn, 'p.b').finish, 1 * ms);
    assert.equal(thread(mn, 'p.a').blocked, 5 * ms);
  });

  it('sleep: a library timer in many-to-one lets the LWP run another thread', () => {
    const r = run(machine(1, ZERO) + 'process p { model N:1 thread a { sleep 5ms compute 1ms } thread b { compute 2ms } }');
    assert.equal(thread(r, 'p.b').finish, 2 * ms);
    assert.equal(thread(r, 'p.a').finish, 6 * ms);
    assert.equal(thread(r, 'p.a').blocked, 5 * ms);
    const sleeping = [...r.trace.state.subarray(0, r.trace.count)].filter((s) => s === State.ThreadSleeping).length;
    assert.equal(sleeping, 1);
  });

  it('mutex: the second locker waits for the holder, then owns it', () => {
    for (const model of ['1:1', 'N:1', 'M:N lwps 2']) {
      const cpus = model === 'N:1' ? 1 : 2;
      const r = run(machine(cpus, ZERO) + `process p { model ${model} mutex m thread a { lock m { compute 2ms } } thread b { lock m { compute 1ms } } }`);
      assert.equal(r.makespan, 3 * ms, model);
      assert.equal(thread(r, 'p.b').finish, 3 * ms, model);
      assert.equal(thread(r, 'p.b').blocked, model === 'N:1' ? 0 : 2 * ms, model);
    }
  });

  it('semaphores: wait blocks until a post; posts without waiters are counted', () => {
    const r = run(machine(2, ZERO) + 'process p { model 1:1 semaphore s = 1 thread c { wait s wait s compute 1ms } thread q { compute 4ms post s } }');
    assert.equal(thread(r, 'p.c').finish, 5 * ms);
    assert.equal(thread(r, 'p.c').blocked, 4 * ms);
  });

  it('yield hands the CPU to the next runnable LWP (1:1) or thread (library)', () => {
    const one = run(machine(1, 'scheduler fifo', ZERO) + 'process p { model 1:1 thread a { compute 1ms yield compute 1ms } thread b { compute 1ms } }');
    assert.equal(thread(one, 'p.b').finish, 2 * ms);
    assert.equal(thread(one, 'p.a').finish, 3 * ms);
    assert.equal(one.metrics.modeSwitches, 1);
    const lib = run(machine(1, ZERO) + 'process p { model N:1 thread a { compute 1ms yield compute 1ms } thread b { compute 1ms } }');
    assert.equal(thread(lib, 'p.b').finish, 2 * ms);
    assert.equal(lib.metrics.modeSwitches, 0);
    assert.equal(lib.metrics.userSwitches, 2);
  });

  it('spawn and join: join waits for every instance started so far', () => {
    const r = run(machine(4, ZERO) + 'process p { model 1:1 thread main { spawn w * 3 join w compute 1ms } thread w spawned { compute 2ms } }');
    assert.equal(r.makespan, 3 * ms);
    assert.equal(r.metrics.threadsCreated, 4);
    assert.equal(r.metrics.lwpsCreated, 4);
    assert.deepEqual(r.threads.id, ['p.main', 'p.w#1', 'p.w#2', 'p.w#3']);
    assert.equal(thread(r, 'p.main').blocked, 2 * ms);
  });

  it('join of a thread that already exited does not wait', () => {
    const r = run(machine(2, ZERO) + 'process p { model N:1 thread a { compute 1ms } thread b { compute 2ms join a } }');
    assert.equal(r.makespan, 3 * ms);
  });

  it('repeat runs its body N times; repeat 0 skips it', () => {
    const r = run(machine(1, ZERO) + 'process p { thread a { repeat 4 { compute 1ms repeat 0 { compute 9ms } } } }');
    assert.equal(r.makespan, 4 * ms);
  });

  it('forever runs until the limit', () => {
    const r = run(machine(1, 'limit 10ms', ZERO) + 'process p { thread a { forever { compute 3ms } } }');
    assert.equal(r.status, 'limit');
    assert.equal(r.makespan, 10 * ms);
    assert.equal(r.metrics.usefulWork, 10 * ms);
    assert.match(r.limit!.summary, /limit of 10ms/);
  });

  it('spinlock: a waiter spins on its CPU until the holder unlocks', () => {
    const r = run(machine(2, ZERO) + 'process p { model 1:1 spinlock s thread a { lock s { compute 2ms } } thread b { lock s { compute 1ms } } }');
    assert.equal(r.makespan, 3 * ms);
    assert.equal(r.metrics.spinTime, 2 * ms);
    assert.equal(thread(r, 'p.b').running, 3 * ms, 'spinning counts as running');
  });

  it('unlock of a mutex not held is reported at the statement and skipped', () => {
    const text = machine(1, ZERO) + 'process p { mutex m thread a { unlock m compute 1ms } }';
    const r = run(text);
    assert.equal(r.status, 'completed');
    assert.equal(r.makespan, 1 * ms);
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.diagnostics[0].code, 'LWP4001');
    assert.ok(text.startsWith('unlock m', r.diagnostics[0].span.start));
  });

  it('a thread that exits holding a mutex is a warning at its lock', () => {
    const r = run(machine(1, ZERO) + 'process p { mutex m thread a { lock m compute 1ms } }');
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['LWP4002']);
  });

  it('start delays a thread at no cost', () => {
    const r = run(machine(1) + 'process p { thread a start 5ms { compute 1ms } }');
    assert.equal(thread(r, 'p.a').start, 5 * ms);
    assert.equal(r.makespan, 5 * ms + 1 * ms + 2 * us, 'only the first dispatch costs a kernel switch');
  });
});
