import * as assert from 'node:assert/strict';
import { State } from '../../../src/core/sim/result';
import type { RunResult } from '../../../src/core/sim/result';
import { machine, ms, run, thread, us } from './helpers';

/** A machine where only the named costs are non-zero. */
function only(costs: Record<string, string>): string {
  const all = ['mode-switch', 'kernel-switch', 'address-space-switch', 'user-switch', 'user-create', 'kernel-create', 'upcall'];
  return `costs { ${all.map((c) => `${c} ${costs[c] ?? '0ns'}`).join(' ')} }`;
}

function overheadOf(r: RunResult, state: number): number {
  let sum = 0;
  for (let i = 0; i < r.trace.count; i++) if (r.trace.state[i] === state) sum += r.trace.end[i] - r.trace.start[i];
  return sum;
}

describe('sim: each cost is charged where LANGUAGE.md §8 says', () => {
  it('kernel-switch: each time a CPU starts an LWP other than the last, or after idling', () => {
    const r = run(machine(1, 'scheduler fifo', only({ 'kernel-switch': '2us' })) + 'process p { model 1:1 thread a { compute 1ms } thread b { compute 1ms } }');
    assert.equal(r.metrics.kernelSwitches, 2);
    assert.equal(r.makespan, 2 * ms + 4 * us);
    assert.equal(overheadOf(r, State.OverheadKernelSwitch), 4 * us);
    assert.equal(r.metrics.overhead, 4 * us);
  });

  it('address-space-switch: in addition, when the next LWP is of another process', () => {
    const r = run(machine(1, 'scheduler fifo', only({ 'kernel-switch': '2us', 'address-space-switch': '1us' })) + 'process p { thread a { compute 1ms } } process q { thread b { compute 1ms } }');
    assert.equal(r.makespan, 2 * ms + 2 * 2 * us + 1 * us);
    assert.equal(overheadOf(r, State.OverheadAddressSpaceSwitch), 1 * us);
  });

  it('mode-switch: once per system call, blocking call and kernel wake-up', () => {
    const r = run(machine(1, only({ 'mode-switch': '100ns' })) + 'process p { thread a { syscall 1ms io 1ms sleep 1ms compute 1ms } }');
    assert.equal(r.metrics.modeSwitches, 3);
    assert.equal(r.makespan, 4 * ms + 300);
    // 1:1 mutex: the blocked locker enters the kernel; the unlocker pays the wake-up.
    const m = run(machine(2, only({ 'mode-switch': '100ns' })) + 'process p { model 1:1 mutex m thread a { lock m { compute 1ms } } thread b { lock m { compute 1ms } } }');
    assert.equal(m.metrics.modeSwitches, 2);
    // The waiter is runnable at the unlock instant; the unlocker pays the wake-up after it.
    assert.equal(thread(m, 'p.a').finish, 1 * ms + 100);
    assert.equal(thread(m, 'p.b').finish, 2 * ms);
  });

  it('user-switch: when the library puts another thread on an LWP', () => {
    const r = run(machine(1, only({ 'user-switch': '100ns' })) + 'process p { model N:1 thread a { compute 1ms } thread b { compute 1ms } }');
    assert.equal(r.metrics.userSwitches, 1, "an LWP's first thread is not a switch");
    assert.equal(r.makespan, 2 * ms + 100);
  });

  it('user-create and kernel-create: paid by the spawner, per instance', () => {
    const u = run(machine(1, only({ 'user-create': '1us' })) + 'process p { model N:1 thread m { spawn w * 3 } thread w spawned { compute 1ms } }');
    assert.equal(overheadOf(u, State.OverheadUserCreate), 3 * us);
    assert.equal(u.makespan, 3 * ms + 3 * us);
    const k = run(machine(1, only({ 'kernel-create': '10us' })) + 'process p { model 1:1 thread m { spawn w * 2 } thread w spawned { compute 1ms } }');
    assert.equal(overheadOf(k, State.OverheadKernelCreate), 20 * us);
    assert.equal(k.metrics.lwpsCreated, 3);
    const b = run(machine(1, only({ 'kernel-create': '10us', 'user-create': '1us' })) + 'process p { model M:N lwps 1 thread m { spawn w spawn u } thread w spawned bound { compute 1ms } thread u spawned { compute 1ms } }');
    assert.equal(overheadOf(b, State.OverheadKernelCreate), 10 * us, 'a bound thread costs a kernel-create');
    assert.equal(overheadOf(b, State.OverheadUserCreate), 1 * us);
  });

  it('upcall: one when the LWP blocks (fresh LWP), one when the call completes (old LWP discarded)', () => {
    const r = run(machine(2, only({ upcall: '1us' })) + 'process p { model M:N lwps 1 upcalls on thread a { io 1ms } thread b { compute 3ms } }');
    assert.equal(r.metrics.upcalls, 2);
    assert.equal(r.metrics.lwpsCreated, 2);
    assert.equal(overheadOf(r, State.OverheadUpcall), 2 * us);
    assert.equal(thread(r, 'p.b').finish, 3 * ms + 1 * us);
    assert.equal(r.makespan, 3 * ms + 1 * us);
    assert.equal(r.processes[0].maxLwps, 2);
  });

  it('kernel-create for a SIGWAITING LWP, paid on the new LWP', () => {
    const r = run(machine(2, only({ 'kernel-create': '10us' })) + 'semaphore k\nprocess p { model M:N lwps 1 sigwaiting on thread c { wait k } thread q { compute 1ms post k } }');
    assert.equal(r.status, 'completed');
    assert.equal(r.metrics.sigwaiting, 1);
    assert.equal(overheadOf(r, State.OverheadKernelCreate), 10 * us);
    assert.equal(thread(r, 'p.q').finish, 1 * ms + 10 * us);
  });

  it('kernel semaphores cost a mode-switch per operation in every model', () => {
    const r = run(machine(1, only({ 'mode-switch': '100ns' })) + 'semaphore k = 1\nprocess p { model N:1 thread a { wait k post k } }');
    assert.equal(r.metrics.modeSwitches, 2);
    assert.equal(r.makespan, 200);
  });
});
