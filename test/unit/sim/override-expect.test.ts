import * as assert from 'node:assert/strict';
import { overrideScenario } from '../../../src/core/sim/override';
import { expectationDiagnostics } from '../../../src/core/sim/expect';
import { simulate } from '../../../src/core/sim/simulate';
import { threadRows } from '../../../src/core/sim/result';
import { ZERO, machine, ms, run, scenarioOf, thread } from './helpers';

describe('sim: --model / --cpus overrides', () => {
  const sc = scenarioOf(`${machine(2, ZERO)}process a { model M:N lwps 3 max 5 upcalls on sigwaiting on thread t bound { compute 1ms } thread u * 2 { compute 1ms } }\nprocess b { model 1:1 thread v { compute 1ms } }`);

  it('many-to-one drops bound, upcalls and sigwaiting with a warning each', () => {
    const { scenario, warnings } = overrideScenario(sc, { model: 'many-to-one' });
    assert.deepEqual(
      scenario.processes.map((p) => [p.model, p.lwps, p.upcalls, p.sigwaiting, p.maxLwps]),
      [
        ['many-to-one', 1, false, false, null],
        ['many-to-one', 1, false, false, null],
      ],
    );
    assert.equal(scenario.processes[0].threads[0].bound, false);
    assert.equal(warnings.length, 3);
    assert.match(warnings.join('\n'), /'bound' dropped from thread t/);
    assert.equal(simulate(scenario).makespan, 3 * ms);
  });

  it('many-to-many keeps a pool size it had, else one LWP per CPU (after --cpus)', () => {
    const { scenario, warnings } = overrideScenario(sc, { model: 'many-to-many', cpus: 4 });
    assert.equal(scenario.cpus, 4);
    assert.deepEqual(
      scenario.processes.map((p) => [p.lwps, p.maxLwps]),
      [
        [3, 5],
        [4, null],
      ],
    );
    assert.deepEqual(warnings, []);
  });

  it('--cpus alone changes only the machine', () => {
    const { scenario } = overrideScenario(sc, { cpus: 1 });
    assert.equal(scenario.cpus, 1);
    assert.equal(scenario.processes, sc.processes);
  });
});

describe('sim: expectations', () => {
  const text = `${machine(1, ZERO)}process p { thread w * 2 { compute 2ms } }
expect status is completed
expect makespan < 1ms
expect cpuUtilization >= 0.5
expect threadsCreated == 3
expect p.w.finish <= 3ms
expect p.w#1.finish == 2ms
`;
  const r = run(text);
  it('each passes or fails with the actual value, formatted', () => {
    assert.deepEqual(
      r.expectations.map((x) => [x.text, x.passed, x.actual]),
      [
        ['expect status is completed', true, 'completed'],
        ['expect makespan < 1ms', false, '4ms'],
        ['expect cpuUtilization >= 0.5', true, '1'],
        ['expect threadsCreated == 3', false, '2'],
        ['expect p.w.finish <= 3ms', false, '4ms (p.w#2)'],
        ['expect p.w#1.finish == 2ms', true, '2ms'],
      ],
    );
  });
  it('failures become LWP5001 diagnostics on the expect line', () => {
    const d = expectationDiagnostics(r.expectations);
    assert.deepEqual(
      d.map((x) => [x.code, x.message]),
      [
        ['LWP5001', 'expect makespan < 1ms — got 4ms'],
        ['LWP5001', 'expect threadsCreated == 3 — got 2'],
        ['LWP5001', 'expect p.w.finish <= 3ms — got 4ms (p.w#2)'],
      ],
    );
    assert.ok(text.startsWith('expect makespan', d[0].span.start));
  });
});

describe('sim: library schedulers', () => {
  it('round-robin quantum time-slices the threads of one LWP', () => {
    const r = run(machine(1, 'scheduler fifo', ZERO) + 'process p { model N:1 scheduler round-robin quantum 1ms thread s * 3 { compute 3ms } }');
    assert.deepEqual(
      threadRows(r.threads).map((t) => t.finish),
      [7, 8, 9].map((x) => x * ms),
    );
    assert.equal(r.metrics.userSwitches, 8);
  });

  it('fifo keeps a thread on its LWP until it blocks', () => {
    const r = run(machine(1, ZERO) + 'process p { model N:1 thread a { compute 2ms sleep 1ms compute 1ms } thread b { compute 2ms } }');
    assert.equal(thread(r, 'p.b').finish, 4 * ms);
    assert.equal(thread(r, 'p.a').finish, 5 * ms);
  });
});
