import * as assert from 'node:assert/strict';
import { analyze } from '../../../src/core/analyze';
import { Explainer, type Explanation } from '../../../src/core/explain';
import { simulate } from '../../../src/core/sim/simulate';
import { State } from '../../../src/core/sim/result';
import { ZERO, machine, ms } from '../sim/helpers';

function explainer(text: string): Explainer {
  const a = analyze(text);
  assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
  return new Explainer(a.scenario!, simulate(a.scenario!), text);
}

function why(ex: Explainer, thread: string, at: number): Explanation {
  const id = ex.threadId(thread);
  assert.ok(id >= 0, `no thread ${thread}`);
  return ex.explain(id, at);
}

/** The line (1-based) of the first occurrence of `needle` in `text`. */
function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  return text.slice(0, i).split('\n').length;
}

describe('explain: why a thread is not running at an instant', () => {
  it('no LWP free: every pool LWP blocked in the kernel, by which statements, and what sigwaiting/upcalls would do', () => {
    const text = `${machine(2, ZERO)}process server {
  model many-to-many lwps 2
  thread reader * 2 { io 3ms }
  thread worker start 1ms { compute 1ms }
}`;
    const ex = explainer(text);
    const e = why(ex, 'server.worker', 2 * ms);
    const s = e.steps[0];
    assert.equal(s.state, State.ThreadReady);
    assert.equal(s.cause.kind, 'no-lwp');
    if (s.cause.kind !== 'no-lwp') return;
    assert.deepEqual(s.cause.lwps.map((l) => [l.state, ex.run.threads.id[l.thread], l.until]), [
      [State.LwpBlocked, 'server.reader#1', 3 * ms],
      [State.LwpBlocked, 'server.reader#2', 3 * ms],
    ]);
    assert.match(s.text, /At 2ms server\.worker has been ready since 1ms but has no LWP: all 2 LWPs of server have been blocked in the kernel since 0ns/);
    assert.match(s.text, /LWP 0 by server\.reader#1 in 'io 3ms' \(line 4\) until 3ms/);
    assert.match(s.text, /'sigwaiting on'.*another LWP/);
    assert.match(s.text, /'upcalls on'.*fresh LWP/);
    assert.deepEqual(s.refs.map((r) => r.line).sort(), [lineOf(text, 'io 3ms'), lineOf(text, 'compute 1ms')].sort());
    assert.equal(e.steps.length, 1, 'timed blocks end by themselves: the chain stops here');
  });

  it('an LWP blocked in the kernel: which statement, since when, until when; in N:1 the whole process', () => {
    const text = `${machine(1, ZERO)}process app {
  model many-to-one
  thread reader { compute 1ms  io 4ms }
  thread other { compute 1ms }
}`;
    const ex = explainer(text);
    const e = why(ex, 'app.reader', 3 * ms);
    assert.equal(e.steps[0].cause.kind, 'kernel-call');
    assert.match(e.text, /app\.reader is blocked in the kernel in 'io 4ms' \(line 4\) since 1ms, until 5ms; its LWP 0 is blocked with it\. In many-to-one that blocks the whole process/);
    assert.equal(why(ex, 'app.other', 0.5 * ms).steps[0].cause.kind, 'lwps-busy', 'at 0.5ms the only LWP carries the reader');
    assert.equal(why(ex, 'app.other', 1 * ms).steps[0].cause.kind, 'no-lwp', 'from 1ms the only LWP is in the kernel');
  });

  it('a chain of three: A waits for m1 held by B, B for m2 held by C, C runs', () => {
    const text = `${machine(3, ZERO)}process p {
  model one-to-one
  mutex m1
  mutex m2
  thread c { lock m2 { compute 10ms } }
  thread b start 1ms { lock m1 { lock m2 { compute 1ms } } }
  thread a start 2ms { lock m1 { compute 1ms } }
}`;
    const ex = explainer(text);
    const e = why(ex, 'p.a', 5 * ms);
    assert.deepEqual(e.steps.map((s) => [s.name, s.cause.kind]), [
      ['p.a', 'lock'],
      ['p.b', 'lock'],
      ['p.c', 'running'],
    ]);
    const [a, b] = e.steps;
    if (a.cause.kind !== 'lock' || b.cause.kind !== 'lock') return;
    assert.equal(ex.run.threads.id[a.cause.holder], 'p.b');
    assert.equal(a.cause.heldSince, 1 * ms);
    assert.equal(ex.run.threads.id[b.cause.holder], 'p.c');
    assert.equal(e.cycle, false);
    const [la, lb, lc, m1, m2] = [lineOf(text, 'lock m1 { compute'), lineOf(text, 'lock m2 { compute 1ms'), lineOf(text, 'compute 10ms'), lineOf(text, 'mutex m1'), lineOf(text, 'mutex m2')];
    assert.equal(
      e.text,
      `At 5ms p.a is blocked in the kernel in 'lock m1' (line ${la}) on mutex m1 (line ${m1}) since 2ms: p.b holds it (since 1ms). At 5ms p.b is blocked in the kernel in 'lock m2' (line ${lb}) on mutex m2 (line ${m2}) since 1ms: p.c holds it (since 0ns). At 5ms p.c is running in 'compute 10ms' (line ${lc}) on LWP 0 on CPU 0.`,
    );
  });

  it('a deadlock of two mutexes is a cycle, at the end of the run', () => {
    const text = `${machine(2, ZERO)}process p {
  model many-to-many lwps 2
  mutex x
  mutex y
  thread one { lock x { compute 1ms  lock y { compute 1ms } } }
  thread two { lock y { compute 1ms  lock x { compute 1ms } } }
}`;
    const ex = explainer(text);
    assert.equal(ex.run.status, 'deadlock');
    const e = why(ex, 'p.one', 100 * ms);
    assert.equal(e.cycle, true);
    assert.deepEqual(e.steps.map((s) => s.name), ['p.one', 'p.two']);
    assert.match(e.preface, /ended in a deadlock at 1ms/);
    assert.match(e.verdict, /leads back to p\.one: a cycle, so none of these threads can ever go on \(a deadlock\)/);
    assert.match(e.steps[0].text, /parked by the thread library/);
  });

  it('a deadlock across both levels: the producer has no LWP because the consumers block them waiting for it', () => {
    const text = `${machine(2, ZERO)}semaphore data = 0
process pipeline {
  model many-to-many lwps 2
  thread consumer * 2 { wait data  compute 1ms }
  thread producer { compute 1ms  post data  post data }
}`;
    const ex = explainer(text);
    const e = why(ex, 'pipeline.producer', 0);
    assert.deepEqual(e.steps.map((s) => [s.name, s.cause.kind]), [
      ['pipeline.producer', 'no-lwp'],
      ['pipeline.consumer#1', 'semaphore'],
    ]);
    assert.equal(e.cycle, true);
    assert.match(e.text, /units come from 'post data' in pipeline\.producer \(line 6\)/);
    assert.match(e.verdict, /a deadlock/);
  });

  it('ready but its LWP is off the CPU: taken by a higher-priority LWP (kernel priority), named', () => {
    const text = `${machine(1, 'scheduler priority', ZERO)}process p {
  model one-to-one
  thread low priority 1 { compute 5ms }
  thread high priority 9 start 1ms { compute 3ms }
}`;
    const ex = explainer(text);
    const e = why(ex, 'p.low', 2 * ms);
    const s = e.steps[0];
    assert.equal(s.cause.kind, 'cpus-taken');
    if (s.cause.kind !== 'cpus-taken') return;
    assert.deepEqual(s.cause.cpus.map((c) => [c.cpu, ex.run.threads.id[c.thread], c.priority]), [[0, 'p.high', 9]]);
    assert.match(s.text, /the only CPU is taken — CPU 0 by LWP 1 \(p\.high\), priority 9, higher than 1/);
  });

  it('ready but the CPUs are taken by LWPs dispatched earlier (round-robin), named', () => {
    const text = `${machine(1, 'scheduler round-robin quantum 2ms', ZERO)}process p {
  model one-to-one
  thread first { compute 5ms }
  thread second { compute 5ms }
}`;
    const ex = explainer(text);
    const s = why(ex, 'p.second', 1 * ms).steps[0];
    assert.equal(s.cause.kind, 'cpus-taken');
    assert.match(s.text, /CPU 0 by LWP 0 \(p\.first\), dispatched before it; round-robin gives it the CPU until its 2ms quantum ends/);
  });

  it('stalled: a multiplexed thread whose LWP the kernel has preempted', () => {
    const text = `${machine(1, 'scheduler round-robin quantum 1ms', ZERO)}process a {
  model many-to-one
  thread t { compute 4ms }
}
process b {
  model many-to-one
  thread u { compute 4ms }
}`;
    const ex = explainer(text);
    const s = why(ex, 'a.t', 1.5 * ms).steps[0];
    assert.equal(s.state, State.ThreadStalled);
    assert.equal(s.cause.kind, 'cpus-taken');
    assert.match(s.text, /a\.t is on LWP 0 in 'compute 4ms' \(line 4\), but the kernel has not put that LWP on a CPU since 1ms \(the library thinks a\.t runs\): the only CPU is taken — CPU 0 by LWP 1 \(b\.u\)/);
  });

  it('spinning on a spinlock whose holder has no LWP: a cycle through the only LWP (N:1)', () => {
    const text = `${machine(1, 'limit 20ms', ZERO)}process p {
  model many-to-one
  scheduler priority
  spinlock s
  thread holder priority 1 { lock s { sleep 2ms  compute 1ms } }
  thread spinner priority 5 start 1ms { lock s { compute 1ms } }
}`;
    const ex = explainer(text);
    assert.equal(ex.run.status, 'limit');
    const e = why(ex, 'p.spinner', 5 * ms);
    assert.deepEqual(e.steps.map((s) => [s.name, s.cause.kind]), [
      ['p.spinner', 'lock'],
      ['p.holder', 'lwps-busy'],
    ]);
    assert.equal(e.cycle, true);
    assert.match(e.steps[0].text, new RegExp(`spins in 'lock s' \\(line ${lineOf(text, 'lock s { compute')}\\) on spinlock s \\(line ${lineOf(text, 'spinlock s')}\\) since 1ms`));
    assert.match(e.steps[0].text, /since 1ms, burning its CPU: p\.holder holds it/);
    assert.match(e.steps[1].text, /waiting in p's ready queue for an LWP: LWP 0 carries p\.spinner/);
    assert.match(e.verdict, /spin for ever/);
  });

  it('a semaphore: no unit, and who posts it', () => {
    const text = `${machine(2, ZERO)}process p {
  model one-to-one
  semaphore s = 0
  thread waiter { wait s }
  thread poster { compute 3ms  post s }
}`;
    const ex = explainer(text);
    const e = why(ex, 'p.waiter', 1 * ms);
    assert.deepEqual(e.steps.map((s) => [s.name, s.cause.kind]), [
      ['p.waiter', 'semaphore'],
      ['p.poster', 'running'],
    ]);
    assert.ok(e.steps[0].text.includes(`semaphore s (line ${lineOf(text, 'semaphore s')}) since 0ns: it has no unit left; units come from 'post s' in p.poster (line ${lineOf(text, 'post s')})`), e.steps[0].text);
  });

  it('a join: which instances are still alive; a barrier: how many of N arrived', () => {
    const text = `${machine(1, ZERO)}process p {
  model many-to-one
  barrier b = 3
  thread w * 2 spawned { compute 2ms }
  thread main { spawn w * 2  join w }
  thread x * 2 { arrive b  compute 1ms }
  thread late start 20ms { arrive b }
}`;
    const ex = explainer(text);
    const j = why(ex, 'p.main', 1 * ms).steps[0];
    assert.equal(j.cause.kind, 'join');
    if (j.cause.kind === 'join') assert.deepEqual(j.cause.awaited.map((i) => ex.run.threads.id[i]), ['p.w#1', 'p.w#2']);
    assert.ok(j.text.includes(`parked by the thread library in 'join w' (line ${lineOf(text, 'join w')}) since 0ns, waiting for p.w#1, p.w#2 to exit`), j.text);
    const b = why(ex, 'p.x#1', 10 * ms).steps[0];
    assert.equal(b.cause.kind, 'barrier');
    assert.ok(b.text.includes(`at barrier b (line ${lineOf(text, 'barrier b')})`), b.text);
    assert.match(b.text, /since 0ns: 2 of 3 have arrived \(p\.x#1, p\.x#2\); it opens when the 3rd arrives/);
  });

  it('a multiplexed sleep is the library timer; running names the LWP and CPU; not started and exited say so', () => {
    const text = `${machine(1, ZERO)}process p {
  model many-to-many lwps 1
  thread s { sleep 2ms  compute 1ms }
  thread r { compute 1ms }
  thread later start 10ms { compute 1ms }
}`;
    const ex = explainer(text);
    assert.match(why(ex, 'p.s', 1 * ms).text, /sleeps on the thread library's timer in 'sleep 2ms' \(line 4\) since 0ns, until 2ms; its LWP is free/);
    assert.match(why(ex, 'p.r', 0.5 * ms).text, /p\.r is running in 'compute 1ms' \(line 5\) on LWP 0 on CPU 0/);
    assert.match(why(ex, 'p.later', 5 * ms).text, /p\.later has not started: it starts at 10ms/);
    assert.match(why(ex, 'p.r', 5 * ms).text, /p\.r has exited \(at 1ms\)/);
    assert.deepEqual(ex.waitingAt(0.5 * ms).map((i) => ex.run.threads.id[i]), ['p.s']);
  });

  it('names threads as lwp run does, and without the process when unambiguous', () => {
    const ex = explainer(`${machine(1)}process p { model one-to-one thread w * 2 { compute 1ms } }`);
    assert.equal(ex.threadId('p.w#2'), 1);
    assert.equal(ex.threadId('w#2'), 1);
    assert.equal(ex.threadId('nope'), -1);
  });
});
