import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../../../src/core/analyze';
import { Explainer } from '../../../src/core/explain';
import { simulate } from '../../../src/core/sim/simulate';
import { State, type Trace } from '../../../src/core/sim/result';
import { scenario } from '../sim/generator';
import { mulberry32 } from '../../support/random';

/** A lane at t read straight from the columns (no index): the interval holding t, or the final state at the end. */
function raw(tr: Trace, lane: number, t: number): { state: number; detail: number } | null {
  if (t >= tr.endTime) return tr.final ? { state: tr.final.state[lane], detail: tr.final.detail[lane] } : null;
  for (let i = 0; i < tr.count; i++) if (tr.lane[i] === lane && tr.start[i] <= t && t < tr.end[i]) return { state: tr.state[i], detail: tr.detail[i] };
  return null;
}

function laneOf(tr: Trace, kind: 'cpu' | 'lwp' | 'thread', id: number): number {
  const i = tr.lanes.findIndex((l) => l.kind === kind && l.id === id);
  assert.ok(i >= 0, `${kind} ${id} has a lane`);
  return i;
}

describe('explain: properties on generated scenarios (fast-check)', () => {
  it('every explained wait names a cause that the trace confirms at that instant', () => {
    let checked = 0;
    const kinds = new Set<string>();
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 2 ** 31 }), (g, seed) => {
        const a = analyze(g.text);
        const sc = a.scenario!;
        const run = simulate(sc, { maxEvents: 50_000 });
        const tr = run.trace;
        const ex = new Explainer(sc, run, g.text);
        // Lock ownership is exclusive: spans of one lock never overlap.
        const holds = tr.holds!;
        for (let i = 0; i < holds.count; i++)
          for (let j = i + 1; j < holds.count; j++)
            if (holds.sync[i] === holds.sync[j]) assert.ok(holds.end[i] <= holds.start[j] || holds.end[j] <= holds.start[i], 'one holder at a time');
        const rnd = mulberry32(seed);
        const times = [0, tr.endTime, ...Array.from({ length: 5 }, () => Math.floor(rnd() * tr.endTime))];
        for (const t of times) {
          for (const id of ex.waitingAt(t)) {
            const e = ex.explain(id, t);
            assert.ok(e.steps.length >= 1);
            assert.ok(e.text.length > 0);
            for (const s of e.steps) {
              checked++;
              kinds.add(s.cause.kind);
              const me = raw(tr, laneOf(tr, 'thread', s.thread), t);
              assert.ok(me !== null);
              assert.equal(s.state, me.state, `${s.name}'s state at ${t}`);
              const c = s.cause;
              const pi = run.threads.process[s.thread];
              switch (c.kind) {
                case 'no-lwp':
                case 'lwps-busy': {
                  assert.equal(me.state, State.ThreadReady);
                  for (const l of c.lwps) {
                    const r = raw(tr, laneOf(tr, 'lwp', l.lwp), t)!;
                    assert.equal(r.state, l.state, `LWP ${l.lwp} state`);
                    assert.equal(r.detail, l.thread, `LWP ${l.lwp} carries`);
                    assert.equal(tr.lanes[laneOf(tr, 'lwp', l.lwp)].process, pi);
                  }
                  const blocked = c.lwps.filter((l) => l.state === State.LwpBlocked).length;
                  if (c.kind === 'no-lwp') assert.ok(c.lwps.length > 0 && blocked === c.lwps.length, 'every pool LWP blocked in the kernel');
                  else assert.ok(blocked < c.lwps.length || c.lwps.length === 0, 'some pool LWP not blocked');
                  break;
                }
                case 'cpus-taken': {
                  const mine = raw(tr, laneOf(tr, 'lwp', c.lwp), t)!;
                  assert.equal(mine.state, State.LwpRunnable, 'its LWP is runnable, not on a CPU');
                  assert.equal(c.cpus.length, sc.cpus);
                  for (const x of c.cpus) {
                    const r = raw(tr, laneOf(tr, 'cpu', x.cpu), t)!;
                    assert.equal(r.state === State.CpuIdle ? -1 : r.detail, x.lwp, `CPU ${x.cpu} runs LWP ${x.lwp}`);
                    assert.notEqual(x.lwp, c.lwp);
                  }
                  break;
                }
                case 'kernel-call': {
                  assert.ok(me.state === State.ThreadBlockedKernel || me.state === State.ThreadSleeping);
                  if (c.lwp >= 0) {
                    const r = raw(tr, laneOf(tr, 'lwp', c.lwp), t)!;
                    assert.equal(r.state, State.LwpBlocked);
                    assert.equal(r.detail, s.thread);
                  }
                  break;
                }
                case 'lock': {
                  if (c.spinning) assert.equal(me.state, State.ThreadSpinning);
                  else assert.equal(me.detail, c.sync, 'blocked on that lock');
                  if (c.holder >= 0) {
                    assert.notEqual(c.holder, s.thread, 'nobody waits for a lock it holds');
                    const h = raw(tr, laneOf(tr, 'thread', c.holder), t)!;
                    assert.notEqual(h.state, State.Absent);
                    let covered = false;
                    for (let i = 0; i < holds.count; i++) if (holds.sync[i] === c.sync && holds.thread[i] === c.holder && holds.start[i] <= t && (t < holds.end[i] || holds.end[i] === tr.endTime)) covered = true;
                    assert.ok(covered, 'the holder holds it at t');
                  }
                  break;
                }
                case 'semaphore':
                  assert.equal(me.detail, c.sync);
                  break;
                case 'barrier':
                  assert.ok(c.arrived.includes(s.thread) && c.arrived.length < c.of);
                  break;
                case 'join':
                  for (const w of c.awaited) {
                    const r = raw(tr, laneOf(tr, 'thread', w), t)!;
                    assert.ok(r.state !== State.Absent && r.state !== State.ThreadExited, 'an awaited thread is alive');
                  }
                  break;
                case 'running':
                  assert.equal(me.state, State.ThreadRunning);
                  break;
                default:
                  break;
              }
            }
          }
        }
      }),
      { numRuns: 120, seed: 20261205 },
    );
    assert.ok(checked > 200, `enough explained steps (${checked})`);
    for (const k of ['no-lwp', 'lwps-busy', 'cpus-taken', 'kernel-call', 'lock', 'semaphore']) assert.ok(kinds.has(k), `the generated scenarios cover '${k}' (${[...kinds].join(', ')})`);
  });
});
