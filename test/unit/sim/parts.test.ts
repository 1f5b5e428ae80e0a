import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ProcessIR } from '../../../src/core/check/ir';
import { Cpu, Lwp, Process, Role } from '../../../src/core/sim/entities';
import type { KernelPolicy } from '../../../src/core/sim/kernel/policy';
import { KERNEL_POLICIES } from '../../../src/core/sim/kernel/policies';
import { PriorityPolicy } from '../../../src/core/sim/kernel/priority';
import { RoundRobinPolicy } from '../../../src/core/sim/kernel/roundRobin';
import { FifoPolicy } from '../../../src/core/sim/kernel/fifo';
import type { ThreadLibrary } from '../../../src/core/sim/library/library';
import { State, STATE_COUNT } from '../../../src/core/sim/result';
import { ThreadTimes } from '../../../src/core/sim/threadTimes';
import { CATEGORY, TraceBuilder } from '../../../src/core/sim/traceBuilder';
import { machine, run, ZERO, ms } from './helpers';

const processIR = { index: 0, name: 'p', model: 'one-to-one', lwps: 0, maxLwps: null, upcalls: false, sigwaiting: false, scheduler: { policy: 'fifo', quantum: 1 }, threads: [] } as unknown as ProcessIR;
const process0 = new Process(processIR, () => ({}) as ThreadLibrary);
let nextId = 0;
const lwp = (priority: number): Lwp => new Lwp(nextId++, -1, process0, Role.Direct, priority);
const cpuRunning = (id: number, l: Lwp | null): Cpu => {
  const c = new Cpu(id, id);
  c.lwp = l;
  return c;
};

describe('sim parts: kernel policies', () => {
  it('the registry has a policy for every name the language has, and each is the class its name says', () => {
    const k = { quantum: 5 };
    assert.ok(KERNEL_POLICIES['round-robin']({ policy: 'round-robin', ...k }) instanceof RoundRobinPolicy);
    assert.ok(KERNEL_POLICIES.fifo({ policy: 'fifo', ...k }) instanceof FifoPolicy);
    assert.ok(KERNEL_POLICIES.priority({ policy: 'priority', ...k }) instanceof PriorityPolicy);
  });

  it('round-robin: FIFO order, head for the preempted, a slice of the quantum, never preempts on wake-up', () => {
    const p: KernelPolicy = new RoundRobinPolicy(7);
    const [a, b, c] = [lwp(0), lwp(5), lwp(1)];
    p.enqueue(a, false);
    p.enqueue(b, false);
    p.enqueue(c, true);
    assert.deepEqual([p.take(), p.take(), p.take(), p.take()], [c, a, b, undefined]);
    assert.equal(p.sliceEnd(a, 100), 107);
    assert.equal(p.hasSuccessor(a), false);
    p.enqueue(b, false);
    assert.equal(p.hasSuccessor(a), true);
    assert.equal(p.preemptsNow(a), false);
    assert.equal(p.wakeupVictim(a, [cpuRunning(0, lwp(0))]), null);
  });

  it('fifo: no slice end', () => {
    assert.equal(new FifoPolicy().sliceEnd(), Infinity);
  });

  it('priority: highest first, FIFO within a level; a waking LWP takes the lowest running below it, lowest CPU on ties, not one already asked', () => {
    const p = new PriorityPolicy(10);
    const [lo, hi1, hi2] = [lwp(1), lwp(3), lwp(3)];
    p.enqueue(lo, false);
    p.enqueue(hi1, false);
    p.enqueue(hi2, false);
    assert.deepEqual([p.take(), p.take(), p.take()], [hi1, hi2, lo]);
    const cpus = [cpuRunning(0, lwp(2)), cpuRunning(1, lwp(0)), cpuRunning(2, lwp(0)), cpuRunning(3, null)];
    assert.equal(p.wakeupVictim(lwp(1), cpus), cpus[1]);
    cpus[1].preemptPending = true;
    assert.equal(p.wakeupVictim(lwp(1), cpus), cpus[2]);
    assert.equal(p.wakeupVictim(lwp(0), cpus), null, 'nobody runs below priority 0');
    p.enqueue(lwp(4), false);
    assert.equal(p.wakeupVictim(lwp(4), cpus), null, 'one of at least its priority already waits');
    assert.equal(p.preemptsNow(lwp(3)), true);
    assert.equal(p.preemptsNow(lwp(4)), false);
    assert.equal(p.hasSuccessor(lwp(4)), true);
  });
});

describe('sim parts: the trace side', () => {
  it('STATE_COUNT covers every state and CATEGORY has one entry per state', () => {
    assert.equal(STATE_COUNT, Math.max(...Object.values(State)) + 1);
    assert.equal(CATEGORY.length, STATE_COUNT);
  });

  it('ThreadTimes sums exactly what a traced thread lane sums, records reused or not', () => {
    const threadStates = [State.Absent, State.ThreadRunning, State.ThreadReady, State.ThreadStalled, State.ThreadBlockedKernel, State.ThreadBlockedSync, State.ThreadSleeping, State.ThreadSpinning];
    const step = fc.record({ thread: fc.nat(5), state: fc.constantFrom(...threadStates), dt: fc.nat(1000), exit: fc.boolean() });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        const times = new ThreadTimes(2);
        const traced = new TraceBuilder(true, 1_000_000, () => '');
        const lanes: number[] = [];
        const records: (number | null)[] = [];
        let now = 0;
        let ids = 0;
        const live: number[] = [];
        for (const s of steps) {
          now += s.dt;
          if (live.length <= s.thread) {
            const id = ids++;
            live.push(id);
            lanes[id] = traced.addThread(id, 0, now);
            records[id] = times.open(id);
            continue;
          }
          const id = live[s.thread];
          if (s.exit) {
            traced.threadExited({ id, track: lanes[id], pc: 0, code: { src: new Int32Array(1) } }, now);
            times.exit(records[id]!, now);
            live.splice(s.thread, 1);
          } else {
            traced.threadState({ id, track: lanes[id], pc: 0, code: { src: new Int32Array(1) } }, s.state, -1, now);
            times.set(records[id]!, s.state, now);
          }
        }
        const end = now + 7;
        traced.finish(end);
        times.closeAll(end);
        for (let id = 0; id < ids; id++) for (let cat = 0; cat < 3; cat++) assert.equal(times.time(id, cat), traced.threadTime(id, cat), `thread ${id}, category ${cat}`);
      }),
      { numRuns: 300 },
    );
  });
});

describe('sim parts: models and options end to end', () => {
  it('a pool option and a bound thread in one process: upcalls replace the blocked LWP, the bound thread keeps its own', () => {
    const r = run(`${machine(2, ZERO)}process p {\n  model many-to-many lwps 1 upcalls on\n  thread reader { io 5ms compute 1ms }\n  thread cruncher { compute 3ms }\n  thread watcher bound { compute 2ms }\n}\n`);
    assert.equal(r.status, 'completed');
    assert.equal(r.metrics.upcalls, 2, 'one when io blocked, one when it returned');
    assert.equal(r.makespan, 6 * ms);
  });
});
