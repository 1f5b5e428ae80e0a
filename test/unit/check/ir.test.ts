import * as assert from 'node:assert/strict';
import { analyze } from '../../../src/core/analyze';
import type { Instr, Scenario } from '../../../src/core/check/ir';
import { DEFAULT_COSTS, DEFAULT_LIMIT_NS, DEFAULT_QUANTUM_NS } from '../../../src/core/check/ir';

/** The scenario of a valid text (fails the test on any error). */
function scenario(text: string): Scenario {
  const a = analyze(text);
  assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error'), []);
  return a.scenario!;
}

/** Instructions without spans, and with each span replaced by its source text. */
function code(text: string, thread = 0, process = 0): unknown[] {
  const s = scenario(text);
  return s.processes[process].threads[thread].code.map((i: Instr) => {
    const { span, ...rest } = i;
    return { ...rest, src: text.slice(span.start, span.end) };
  });
}

describe('Scenario IR', () => {
  it('fills every default', () => {
    const s = scenario('process p { thread t { compute 1ms } }');
    assert.equal(s.title, null);
    assert.equal(s.cpus, 1);
    assert.deepEqual(s.kernel, { policy: 'round-robin', quantum: DEFAULT_QUANTUM_NS, latency: 6_000_000, granularity: 750_000 });
    assert.deepEqual(s.costs, DEFAULT_COSTS);
    assert.equal(s.limit, DEFAULT_LIMIT_NS);
    const p = s.processes[0];
    assert.deepEqual([p.model, p.lwps, p.maxLwps, p.upcalls, p.sigwaiting, p.scheduler], ['one-to-one', 0, null, false, false, { policy: 'fifo', quantum: DEFAULT_QUANTUM_NS }]);
    const t = p.threads[0];
    assert.deepEqual([t.count, t.bound, t.priority, t.start, t.spawned], [1, false, 0, 0, false]);
  });

  it('takes the machine, costs and process options', () => {
    const s = scenario('scenario "x"\nmachine { cpus 3 scheduler priority quantum 2ms costs { upcall 3us mode-switch 0ns } limit 5s }\nprocess p { model M:N lwps 2 max 6 sigwaiting on upcalls on scheduler round-robin quantum 1ms thread t * 3 bound priority -2 start 1.5ms { yield } }');
    assert.equal(s.title, 'x');
    assert.equal(s.cpus, 3);
    assert.deepEqual(s.kernel, { policy: 'priority', quantum: 2_000_000, latency: 6_000_000, granularity: 750_000 });
    assert.deepEqual(s.costs, { ...DEFAULT_COSTS, upcall: 3_000, 'mode-switch': 0 });
    assert.equal(s.limit, 5e9);
    const p = s.processes[0];
    assert.deepEqual([p.model, p.lwps, p.maxLwps, p.upcalls, p.sigwaiting, p.scheduler], ['many-to-many', 2, 6, true, true, { policy: 'round-robin', quantum: 1_000_000 }]);
    const t = p.threads[0];
    assert.deepEqual([t.count, t.bound, t.priority, t.start], [3, true, -2, 1_500_000]);
    assert.equal(scenario('process p { model N:1 thread t { yield } }').processes[0].lwps, 1);
  });

  it('compiles loops to loop … next with the end index', () => {
    const text = 'process p { thread t { repeat 3 { compute 1ms forever { io 2us } } sleep 1s } }';
    assert.deepEqual(code(text), [
      { op: 'loop', count: 3, end: 6, src: 'repeat 3 { compute 1ms forever { io 2us } }' },
      { op: 'compute', ns: 1_000_000, src: 'compute 1ms' },
      { op: 'loop', count: null, end: 5, src: 'forever { io 2us }' },
      { op: 'io', ns: 2_000, src: 'io 2us' },
      { op: 'next', loop: 2, src: '}' },
      { op: 'next', loop: 0, src: '}' },
      { op: 'sleep', ns: 1e9, src: 'sleep 1s' },
    ]);
    assert.deepEqual(code('process p { thread t { repeat 0 { yield } } }'), [
      { op: 'loop', count: 0, end: 3, src: 'repeat 0 { yield }' },
      { op: 'yield', src: 'yield' },
      { op: 'next', loop: 0, src: '}' },
    ]);
  });

  it('compiles `lock m { }` to lock, body, implicit unlock at the closing brace', () => {
    const text = 'process p { mutex m spinlock s thread t { lock m { syscall 1us } lock s unlock s } }';
    assert.deepEqual(code(text), [
      { op: 'lock', sync: 0, src: 'lock m { syscall 1us }' },
      { op: 'syscall', ns: 1_000, src: 'syscall 1us' },
      { op: 'unlock', sync: 0, implicit: true, src: '}' },
      { op: 'lock', sync: 1, src: 'lock s' },
      { op: 'unlock', sync: 1, implicit: false, src: 'unlock s' },
    ]);
  });

  it('compiles spawn and join to thread indices of the same process', () => {
    const text = 'process p { thread main { spawn w * 3 spawn v join w } thread w spawned { compute 1ms } thread v spawned { compute 1ms } }';
    assert.deepEqual(code(text), [
      { op: 'spawn', thread: 1, count: 3, src: 'spawn w * 3' },
      { op: 'spawn', thread: 2, count: 1, src: 'spawn v' },
      { op: 'join', thread: 1, src: 'join w' },
    ]);
    const s = scenario(text);
    assert.deepEqual(s.processes[0].threads.map((t) => [t.name, t.spawned]), [['main', false], ['w', true], ['v', true]]);
  });

  it('numbers kernel sync objects first, then each process in order', () => {
    const text = 'process a { mutex am thread t { lock am { wait k } post k2 } }\nsemaphore k = 2\nprocess b { semaphore bs = 1 mutex bm thread u { wait bs lock bm unlock bm post k } }\nsemaphore k2';
    const s = scenario(text);
    assert.deepEqual(s.syncs.map((x) => [x.index, x.name, x.kind, x.process, x.initial]), [
      [0, 'k', 'semaphore', -1, 2],
      [1, 'k2', 'semaphore', -1, 0],
      [2, 'am', 'mutex', 0, 0],
      [3, 'bs', 'semaphore', 1, 1],
      [4, 'bm', 'mutex', 1, 0],
    ]);
    assert.deepEqual(code(text, 0, 0).map((i) => (i as { sync?: number }).sync), [2, 0, 2, 1]);
    assert.deepEqual(code(text, 0, 1).map((i) => (i as { sync?: number }).sync), [3, 4, 4, 0]);
  });

  it('compiles expectations with values in ns or plain numbers and their source text', () => {
    const text = 'process p { thread w * 2 { compute 1ms } }\nexpect status is deadlock\nexpect makespan <= 2.5ms\nexpect kernelSwitches != 3\nexpect p.w#2.ready > 0ns';
    const s = scenario(text);
    assert.deepEqual(s.expects.map(({ span: _s, ...e }) => e), [
      { kind: 'status', status: 'deadlock', text: 'expect status is deadlock' },
      { kind: 'metric', metric: 'makespan', op: '<=', value: 2_500_000, isDuration: true, text: 'expect makespan <= 2.5ms' },
      { kind: 'metric', metric: 'kernelSwitches', op: '!=', value: 3, isDuration: false, text: 'expect kernelSwitches != 3' },
      { kind: 'thread', process: 0, thread: 0, instance: 2, field: 'ready', op: '>', value: 0, text: 'expect p.w#2.ready > 0ns' },
    ]);
  });

  it('is null when there is any error, present with only warnings', () => {
    assert.equal(analyze('process p { thread t { compute 5 } }').scenario, null);
    const a = analyze('process p { model 1:1 thread t bound { compute 5ms } }');
    assert.deepEqual(a.diagnostics.map((d) => d.code), ['LWP3008']);
    assert.notEqual(a.scenario, null);
  });
});
