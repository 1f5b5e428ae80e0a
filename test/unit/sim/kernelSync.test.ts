/**
 * Honest kernel sync (issue 14): a thread entering a kernel wait is a waiter
 * from the start of its call; waking a thread onto an idle CPU costs that
 * CPU its kernel switch; ping-pong over semaphores costs the same order per
 * hand-off on two CPUs as on one.
 */
import * as assert from 'node:assert/strict';
import { machine, run, thread, us } from './helpers';

const pingPong = (cpus: number): string =>
  machine(cpus) +
  'process bench {\n  model one-to-one\n  semaphore ping = 0\n  semaphore pong = 0\n' +
  '  thread a { repeat 1000 { post ping  wait pong } }\n  thread b { repeat 1000 { wait ping  post pong } }\n}\n';

describe('kernel sync: waits are waiters from the start of their call', () => {
  it('ping-pong of two 1:1 threads: about a kernel switch per hand-off on one CPU and on two (2.2us and 2.0us, not 51ns)', () => {
    const one = run(pingPong(1));
    const two = run(pingPong(2));
    const perHandOff = (makespan: number): number => makespan / 2000;
    // Default costs: kernel-switch 2us, mode-switch 100ns.
    assert.equal(one.makespan, 4_401_800);
    assert.equal(two.makespan, 4_000_100);
    assert.ok(perHandOff(two.makespan) > 1.9 * us && perHandOff(two.makespan) < perHandOff(one.makespan));
    // Every hand-off on two CPUs wakes a sleeping thread onto an idle CPU, which pays its switch.
    assert.equal(two.metrics.kernelSwitches, 2001);
    assert.ok(thread(two, 'bench.a').blocked > 1.5 * 1_000_000);
  });

  it('a post during the waiter’s kernel entry wakes it (the poster pays the wake-up); the waiter then sleeps and wakes at once', () => {
    // b starts waiting at 0 and pays its 100ns entry until 100ns; a posts at 50ns, inside that window.
    const r = run(
      machine(2, 'costs { kernel-switch 1us }') +
        'process p {\n  model one-to-one\n  semaphore s = 0\n  thread a { compute 50ns post s compute 1ms }\n  thread b { wait s compute 10us }\n}\n',
    );
    // a: 1us dispatch, 50ns, post (+100ns wake-up it pays). b: 1us dispatch, waits at 1us (a has not posted: 1.05us),
    // entry to 1.1us, then leaves its CPU and comes back on it idle: 1us switch, 10us of work → 12.1us.
    assert.equal(thread(r, 'p.b').finish, 12_100);
    assert.equal(r.metrics.modeSwitches, 2, "b's entry and a's wake-up");
    assert.equal(r.metrics.kernelSwitches, 3);
  });

  it('waking a thread whose LWP goes onto an idle CPU costs that CPU its kernel switch', () => {
    const r = run(machine(2, 'costs { kernel-switch 1us mode-switch 0ns }') + 'process p {\n  model one-to-one\n  semaphore s = 0\n  thread a { compute 1ms post s compute 1ms }\n  thread b { wait s compute 10us }\n}\n');
    // b blocks at 1us; a posts at 1.001ms; b's CPU, idle since, pays 1us before b's 10us.
    assert.equal(thread(r, 'p.b').finish, 1_001_000 + 1_000 + 10_000);
    assert.equal(r.metrics.kernelSwitches, 3);
  });
});
