import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ProcessIR } from '../../../src/core/check/ir';
import { Cpu, Lwp, Process, Role } from '../../../src/core/sim/entities';
import type { KernelPolicy } from '../../../src/core/sim/kernel/policy';
import { KERNEL_POLICIES } from '../../../src/core/sim/kernel/policies';
import { PriorityPolicy } from '../../../src/core/sim/kernel/priority';
import { RoundRobinPolicy } from '../../../src/core/sim/kernel/roundRobin';
import { FifoPolicy } from '../../../src/core/sim/kernel/fifo';
import { FairPolicy, SCHED_PRIO_TO_WEIGHT, niceOf, weightOf } from '../../../src/core/sim/kernel/fair';
import type { ThreadLibrary } from '../../../src/core/sim/library/library';
import { State, STATE_COUNT } from '../../../src/core/sim/result';
import { ThreadTimes } from '../../../src/core/sim/threadTimes';
import { CATEGORY, TraceBuilder, type TracedThread } from '../../../src/core/sim/traceBuilder';
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
    const k = { quantum: 5, latency: 6_000_000, granularity: 750_000 };
    assert.ok(KERNEL_POLICIES['round-robin']({ policy: 'round-robin', ...k }) instanceof RoundRobinPolicy);
    assert.ok(KERNEL_POLICIES.fifo({ policy: 'fifo', ...k }) instanceof FifoPolicy);
    assert.ok(KERNEL_POLICIES.priority({ policy: 'priority', ...k }) instanceof PriorityPolicy);
    assert.ok(KERNEL_POLICIES.fair({ policy: 'fair', ...k }) instanceof FairPolicy);
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
    assert.equal(p.wakeupVictim(a, [cpuRunning(0, lwp(0))], 0), null);
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

  it('fair: priority → nice → Linux weight; smallest virtual runtime first, scaled by weight; slices from the latency and the queued weight', () => {
    assert.equal(SCHED_PRIO_TO_WEIGHT.length, 40);
    assert.deepEqual([niceOf(0), niceOf(5), niceOf(-3), niceOf(100), niceOf(-100)], [0, -5, 3, -20, 19]);
    assert.deepEqual([weightOf(0), weightOf(5), weightOf(-1), weightOf(20), weightOf(-19)], [1024, 3121, 820, 88761, 15]);
    const p = new FairPolicy(6_000_000, 750_000);
    const [a, b, heavy] = [lwp(0), lwp(0), lwp(5)];
    for (const l of [a, b, heavy]) p.woke(l);
    p.ran(a, 2_000_000);
    p.ran(heavy, 2_000_000); // weight 3121: 2ms is 656us of virtual time
    p.enqueue(heavy, false);
    p.enqueue(b, false);
    assert.equal(p.sliceEnd(a, 100), 100 + Math.round((6_000_000 * 1024) / (1024 + 3121 + 1024)), 'its share of the latency among itself and the queued');
    p.enqueue(a, false);
    assert.deepEqual([p.take(), p.take(), p.take(), p.take()], [b, heavy, a, undefined]);
    assert.equal(p.sliceEnd(a, 100), 100 + 6_000_000, 'alone: the whole latency');
    p.enqueue(b, false);
    assert.equal(p.sliceEnd(a, 0), 3_000_000, 'two equals: half the latency each');
    for (let i = 0; i < 10; i++) p.enqueue(lwp(0), false);
    assert.equal(p.sliceEnd(a, 0), 750_000, 'never below the granularity');
  });

  it('fair: a sleeper is placed at most half a latency behind; a waking LWP preempts the running one it trails by more than the granularity', () => {
    const p = new FairPolicy(6_000_000, 750_000);
    const [hog, sleeper, newcomer] = [lwp(0), lwp(0), lwp(0)];
    p.woke(hog);
    p.woke(sleeper);
    p.ran(hog, 20_000_000); // min virtual runtime follows the hog: 20ms
    p.woke(sleeper); // it had 0: placed at 20ms - 3ms
    p.woke(newcomer); // new: placed at the minimum
    const cpu = cpuRunning(0, hog);
    cpu.runStart = 0;
    assert.equal(p.wakeupVictim(sleeper, [cpu], 0), cpu, '3ms behind: preempts');
    assert.equal(p.preemptsNow(hog), true);
    assert.equal(p.preemptsNow(hog), false, 'asked once');
    assert.equal(p.wakeupVictim(newcomer, [cpu], 500_000), null, 'only 0.5ms behind: within the granularity');
    assert.equal(p.wakeupVictim(newcomer, [cpu], 800_000), cpu, '0.8ms behind the hog now running');
    p.ran(hog, 800_000); // leaving the CPU clears its mark
    assert.equal(p.preemptsNow(hog), false);
  });
});

describe('sim parts: the trace side', () => {
  it('STATE_COUNT covers every state and CATEGORY has one entry per state', () => {
    assert.equal(STATE_COUNT, Math.max(...Object.values(State)) + 1);
    assert.equal(CATEGORY.length, STATE_COUNT);
  });

  it('ThreadTimes, directly and behind a traceless TraceBuilder (which skips repeated states), sums exactly what a traced thread lane sums, records reused or not', () => {
    const threadStates = [State.Absent, State.ThreadRunning, State.ThreadReady, State.ThreadStalled, State.ThreadBlockedKernel, State.ThreadBlockedSync, State.ThreadSleeping, State.ThreadSpinning];
    const step = fc.record({ thread: fc.nat(5), state: fc.constantFrom(...threadStates), dt: fc.nat(1000), exit: fc.boolean() });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        const times = new ThreadTimes(2);
        const traced = new TraceBuilder(true, 1_000_000, () => '');
        const untraced = new TraceBuilder(false, 0, () => '', 2);
        const lanes: number[] = [];
        const records: (number | null)[] = [];
        const untracedThreads: TracedThread[] = [];
        const src = new Int32Array(1);
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
            untracedThreads[id] = { id, track: untraced.addThread(id, 0, now), traceState: State.Absent, pc: 0, code: { src } };
            continue;
          }
          const id = live[s.thread];
          if (s.exit) {
            traced.threadExited({ id, track: lanes[id], traceState: State.Absent, pc: 0, code: { src } }, now);
            times.exit(records[id]!, now);
            untraced.threadExited(untracedThreads[id], now);
            live.splice(s.thread, 1);
          } else {
            traced.threadState({ id, track: lanes[id], traceState: State.Absent, pc: 0, code: { src } }, s.state, -1, now);
            times.set(records[id]!, s.state, now);
            untraced.threadState(untracedThreads[id], s.state, -1, now);
          }
        }
        const end = now + 7;
        traced.finish(end);
        times.closeAll(end);
        untraced.finish(end);
        for (let id = 0; id < ids; id++) {
          for (let cat = 0; cat < 3; cat++) {
            assert.equal(times.time(id, cat), traced.threadTime(id, cat), `thread ${id}, category ${cat}`);
            assert.equal(untraced.threadTime(id, cat), traced.threadTime(id, cat), `thread ${id}, category ${cat}, traceless TraceBuilder`);
          }
        }
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
