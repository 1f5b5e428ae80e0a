/**
 * Hand-off delays (LANGUAGE.md §5): `upcalls on after D`, `sigwaiting on
 * after D` and `handoff after D` act only for an LWP still blocked D after it
 * blocked, at exactly that instant; `handoff` keeps at most N LWPs on user
 * threads.
 */
import * as assert from 'node:assert/strict';
import { EventKind, State, type RunResult } from '../../../src/core/sim/result';
import { machine, ms, run, thread, us, ZERO } from './helpers';

/** Times of the trace's events of one kind. */
function eventTimes(r: RunResult, kind: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < r.trace.eventCount; i++) if (r.trace.eventKind[i] === kind) out.push(r.trace.eventTime[i]);
  return out;
}

/** The most LWPs of the pooled process running a user thread at any instant (from the LWP lanes of the trace). */
function maxRunningUserThreads(r: RunResult): number {
  const edges: [number, number][] = [];
  const lwpLanes = new Set(r.trace.lanes.flatMap((l, i) => (l.kind === 'lwp' ? [i] : [])));
  for (let i = 0; i < r.trace.count; i++) {
    if (!lwpLanes.has(r.trace.lane[i]) || r.trace.state[i] !== State.LwpRunning || r.trace.detail[i] < 0) continue;
    edges.push([r.trace.start[i], 1], [r.trace.end[i], -1]);
  }
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let n = 0;
  let most = 0;
  for (const [, d] of edges) most = Math.max(most, (n += d));
  return most;
}

const TWO_CPUS = machine(2, ZERO);

describe('sim: hand-off delays', () => {
  describe('upcalls on after D', () => {
    const text = (io: string): string => TWO_CPUS + `process p { model many-to-many lwps 1 upcalls on after 1ms thread a { io ${io} compute 1ms } thread b { compute 4ms } }`;

    it('a call shorter than D resumes on its own LWP: no upcall, the other thread waits for it', () => {
      const r = run(text('500us'));
      assert.equal(r.metrics.upcalls, 0);
      assert.equal(r.metrics.lwpsCreated, 1);
      assert.equal(thread(r, 'p.a').finish, 1500 * us);
      assert.equal(thread(r, 'p.b').finish, 5500 * us);
    });

    it('a call of exactly D returns first: still no upcall', () => {
      assert.equal(run(text('1ms')).metrics.upcalls, 0);
    });

    it('a longer call is replaced at exactly blocked-start + D, and its return is the second upcall', () => {
      const r = run(text('3ms'));
      assert.equal(r.metrics.upcalls, 2);
      assert.deepEqual(eventTimes(r, EventKind.Upcall), [1 * ms, 3 * ms]);
      // b runs on the fresh LWP from 1ms; a comes back to the ready queue at 3ms and waits for b.
      assert.equal(thread(r, 'p.b').finish, 5 * ms);
      assert.equal(thread(r, 'p.a').finish, 6 * ms);
    });

    it('upcalls on alone acts at the block, as before', () => {
      const r = run(TWO_CPUS + 'process p { model many-to-many lwps 1 upcalls on thread a { io 3ms compute 1ms } thread b { compute 4ms } }');
      assert.deepEqual(eventTimes(r, EventKind.Upcall), [0, 3 * ms]);
    });

    it('a timer of an earlier block is stale for the next block of the same LWP', () => {
      // a blocks 500us, runs 100us, blocks again for 2ms: the first block's timer (at 1ms) must not act on the second.
      const r = run(TWO_CPUS + 'process p { model many-to-many lwps 1 upcalls on after 1ms thread a { io 500us compute 100us io 2ms } }');
      assert.deepEqual(eventTimes(r, EventKind.Upcall), [1600 * us, 2600 * us]);
    });
  });

  describe('sigwaiting on after D', () => {
    const text = (io: string): string => TWO_CPUS + `process p { model many-to-many lwps 1 sigwaiting on after 2ms thread a { io ${io} } thread b { compute 1ms } }`;

    it('an LWP blocked less than D never counts: no signal', () => {
      const r = run(text('1500us'));
      assert.equal(r.metrics.sigwaiting, 0);
      assert.equal(thread(r, 'p.b').finish, 2500 * us);
    });

    it('once every pool LWP has been blocked for D with threads ready, the pool grows at that instant', () => {
      const r = run(text('5ms'));
      assert.equal(r.metrics.sigwaiting, 1);
      assert.deepEqual(eventTimes(r, EventKind.Sigwaiting), [2 * ms]);
      assert.equal(thread(r, 'p.b').finish, 3 * ms);
    });
  });

  describe('handoff after D (Go-like run slots)', () => {
    it('a call shorter than D keeps its slot: nothing overlaps it, no hand-off', () => {
      const r = run(TWO_CPUS + 'process p { model many-to-many lwps 1 handoff after 1ms thread a { io 800us compute 1ms } thread b { compute 1ms } }');
      assert.equal(r.metrics.handoffs, 0);
      assert.equal(r.metrics.lwpsCreated, 1);
      assert.equal(r.makespan, 2800 * us);
    });

    it('a longer call hands the slot off at exactly blocked-start + D; on return, no free slot: the thread queues and the LWP goes idle', () => {
      const r = run(TWO_CPUS + 'process p { model many-to-many lwps 1 handoff after 1ms thread a { io 3ms compute 1ms } thread b { compute 4ms } }');
      assert.equal(r.metrics.handoffs, 1);
      assert.deepEqual(eventTimes(r, EventKind.Handoff), [1 * ms]);
      assert.equal(r.metrics.lwpsCreated, 2);
      assert.equal(thread(r, 'p.b').start, 0);
      assert.equal(thread(r, 'p.b').finish, 5 * ms); // on the new LWP from 1ms
      assert.equal(thread(r, 'p.a').finish, 6 * ms); // back on the ready queue at 3ms, after b
      assert.equal(maxRunningUserThreads(r), 1);
    });

    it('on return with a free slot the LWP carries on with its thread', () => {
      const r = run(TWO_CPUS + 'process p { model many-to-many lwps 1 handoff after 1ms thread a { io 3ms compute 1ms } thread b { compute 1ms } }');
      assert.equal(r.metrics.handoffs, 1);
      // b runs 1–2ms on the new LWP, which then parks: at 3ms a takes the slot back on its own LWP, no user switch.
      assert.equal(thread(r, 'p.a').finish, 4 * ms);
      assert.equal(r.metrics.userSwitches, 0);
    });

    it('idle LWPs are reused before new ones are created', () => {
      const r = run(TWO_CPUS + 'process p { model many-to-many lwps 1 handoff after 1ms thread a { repeat 3 { io 3ms compute 1ms } } thread b { compute 20ms } }');
      assert.equal(r.metrics.handoffs, 3);
      assert.equal(r.metrics.lwpsCreated, 2);
      assert.equal(maxRunningUserThreads(r), 1);
    });

    it('keeps at most N LWPs on user threads however many block', () => {
      const r = run(machine(8, ZERO) + 'process p { model many-to-many lwps 2 handoff after 100us thread w * 12 { repeat 4 { compute 300us io 500us } } }');
      assert.equal(r.status, 'completed');
      assert.ok(r.metrics.handoffs > 0);
      assert.ok(r.metrics.lwpsCreated > 2, `${r.metrics.lwpsCreated} LWPs`);
      assert.equal(maxRunningUserThreads(r), 2);
    });

    it('max bounds every LWP of the pool: a slot with no LWP left waits for a return', () => {
      const r = run(TWO_CPUS + 'process p { model many-to-many lwps 1 max 1 handoff after 1ms thread a { io 3ms compute 1ms } thread b { compute 1ms } }');
      assert.equal(r.metrics.handoffs, 1);
      assert.equal(r.metrics.lwpsCreated, 1);
      // No second LWP: b waits until a's LWP returns at 3ms and takes the free slot, then a, then b.
      assert.equal(thread(r, 'p.a').finish, 4 * ms);
      assert.equal(thread(r, 'p.b').finish, 5 * ms);
    });

    it('a new LWP pays kernel-create; an idle one is woken for free by the monitor', () => {
      const r = run(machine(2, 'costs { mode-switch 0ns kernel-switch 0ns user-switch 0ns kernel-create 10us }') + 'process p { model many-to-many lwps 1 handoff after 1ms thread a { io 3ms compute 1ms } thread b { compute 4ms } }');
      assert.equal(thread(r, 'p.b').finish, 5 * ms + 10 * us);
    });

    it('handoff after 0 hands off at the block', () => {
      const r = run(TWO_CPUS + 'process p { model many-to-many lwps 1 handoff after 0ns thread a { io 3ms } thread b { compute 1ms } }');
      assert.deepEqual(eventTimes(r, EventKind.Handoff), [0]);
      assert.equal(thread(r, 'p.b').finish, 1 * ms);
    });

    it('a deadlock names every LWP of the pool, those that handed their slot off included', () => {
      const r = run(TWO_CPUS + 'semaphore s = 0\nprocess p { model many-to-many lwps 1 max 1 handoff after 1ms thread a { wait s } thread b { compute 1ms } }');
      assert.equal(r.status, 'deadlock');
      assert.match(r.deadlock!.summary, /the only LWP of p is blocked in the kernel/);
    });
  });
});
