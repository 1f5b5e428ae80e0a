import * as assert from 'node:assert/strict';
import { analyze } from '../../../src/core/analyze';
import { grade, quizQuestions, type Question } from '../../../src/core/quiz';
import { simulate } from '../../../src/core/sim/simulate';
import { ZERO, machine, ms } from '../sim/helpers';

function questions(text: string): Question[] {
  const a = analyze(text);
  assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
  return quizQuestions(a.scenario!, simulate(a.scenario!), text);
}

const GREEN = `${machine(1, ZERO)}process app {
  model many-to-one
  thread reader { io 10ms }
  thread cruncher * 2 { compute 5ms }
}
`;

describe('quiz: predict, then reveal', () => {
  it('authored questions in file order, each with its true answer from the run', () => {
    const qs = questions(`${GREEN}ask status "How does it end?"
ask makespan
ask first app.cruncher#2 app.reader
ask last app.reader app.cruncher#1 app.cruncher#2
ask app.cruncher#1.finish
ask lwpsCreated
ask cpuUtilization
`);
    assert.deepEqual(
      qs.map((q) => [q.prompt, q.kind, q.shown]),
      [
        ['How does it end?', 'status', 'completed'],
        ['What is the makespan (when does the last thread finish)?', 'duration', '20ms'],
        ['Which finishes first: app.cruncher#2, app.reader?', 'thread', 'app.reader'],
        ['Which finishes last: app.reader, app.cruncher#1, app.cruncher#2?', 'thread', 'app.cruncher#2'],
        ['What is app.cruncher#1.finish?', 'duration', '15ms'],
        ['What is lwpsCreated?', 'count', '1'],
        ['What is cpuUtilization?', 'ratio', '0.50'],
      ],
    );
    assert.ok(qs.every((q) => q.answerable));
    // The explanation of 'first' says why the reader wins: the cause of its wait, from core/explain.
    assert.match(qs[2].why, /app\.reader finishes first, at 10ms \(app\.cruncher#2 at 20ms, app\.reader at 10ms\)/);
    assert.match(qs[1].why, /app\.cruncher#2 finishes at 20ms after 5ms running, 15ms ready and 0ns blocked\. Its longest wait, 15ms from 0ns: At 0ns app\.cruncher#2 has been ready since 0ns but has no LWP: the only LWP of app has been blocked in the kernel since 0ns — LWP 0 by app\.reader in 'io 10ms' \(line 4\)/);
    assert.ok(qs[1].refs.length > 0, 'the explanation links its lines');
    assert.match(qs[5].why, /^1 LWP in all: app \(many-to-one: one for the whole process; at most 1 at once\)\.$/);
  });

  it('automatic questions when the file asks none: status, makespan, first and last, LWPs', () => {
    const qs = questions(GREEN);
    assert.deepEqual(qs.map((q) => q.shown), ['completed', '20ms', 'app.reader', 'app.cruncher#2', '1']);
    assert.deepEqual(qs[2].choices, ['app.reader', 'app.cruncher#1', 'app.cruncher#2']);
  });

  it('a deadlock question is explained by the chain that closes the cycle', () => {
    const qs = questions(`${machine(2, ZERO)}semaphore data = 0
process pipeline {
  model many-to-many lwps 2
  thread consumer * 2 { wait data  compute 1ms }
  thread producer { compute 1ms  post data  post data }
}
ask status
`);
    assert.equal(qs[0].shown, 'deadlock');
    assert.match(qs[0].why, /^Deadlock at 0ns: 3 threads can never run again\. .*has no LWP: all 2 LWPs of pipeline have been blocked in the kernel.*a cycle, so none of these threads can ever go on \(a deadlock\)\.$/);
  });

  it('grading: durations within 10 % with their unit, counts exactly, ratios within 0.05, names or numbers of choices', () => {
    const [status, makespan, first, , , lwps, util] = questions(`${GREEN}ask status
ask makespan
ask first app.cruncher#2 app.reader
ask last app.reader app.cruncher#1
ask app.cruncher#1.finish
ask lwpsCreated
ask cpuUtilization
`);
    const g = (q: Question, a: string): string => {
      const r = grade(q, a);
      return r.ok ? (r.correct ? 'right' : 'wrong') : `? ${r.problem}`;
    };
    assert.equal(makespan.truth, 20 * ms);
    assert.deepEqual(['20ms', '18ms', '22ms', '17.9ms', '22.1ms', '20 ms', '20000us'].map((a) => g(makespan, a)), ['right', 'right', 'right', 'wrong', 'wrong', 'right', 'right']);
    assert.equal(g(makespan, '20'), "? a duration with its unit, such as 12ms or 250us, not '20'");
    assert.deepEqual(['1', '2', 'one'].map((a) => g(lwps, a)), ['right', 'wrong', "? a whole number, such as 3, not 'one'"]);
    assert.deepEqual(['0.5', '0.54', '0.56', '50%'].map((a) => g(util, a)), ['right', 'right', 'wrong', 'right']);
    assert.deepEqual(['completed', 'Completed', '1', '2', 'done'].map((a) => g(status, a)), ['right', 'right', 'right', 'wrong', "? one of completed, deadlock, limit (or its number), not 'done'"]);
    assert.deepEqual(['app.reader', 'reader', '2', 'cruncher#2', '1'].map((a) => g(first, a)), ['right', 'right', 'right', 'wrong', 'wrong']);
    assert.equal(g(first, ''), '? no answer: type one (or press Enter again to skip it)');
  });

  it('a question the run cannot answer is marked so (lwp test fails it)', () => {
    const qs = questions(`${machine(1, ZERO)}process p {
  model one-to-one
  mutex x
  mutex y
  thread a { lock x { sleep 1ms  lock y { compute 1ms } } }
  thread b { lock y { sleep 1ms  lock x { compute 1ms } } }
}
ask first p.a p.b
ask p.a.finish
`);
    assert.deepEqual(qs.map((q) => q.answerable), [false, false]);
    assert.match(qs[0].why, /none of these threads finishes/);
  });

  it('questions are checked like expectations: one instance, two threads, known names', () => {
    const a = analyze(`${machine(1)}process p { model one-to-one thread t * 2 { compute 1ms } thread u { compute 1ms } }
ask p.t.finish
ask first p.u
ask first p.u p.v
ask makespn
ask last p.t#1 p.u "Which is last?"
`);
    assert.deepEqual(a.diagnostics.map((d) => `${d.code} ${d.message}`), [
      "LWP3033 'p.t' has 2 instances: ask about one of them, e.g. 'p.t#1'",
      "LWP3034 'ask first' compares threads: name at least two, e.g. 'ask first p.a p.b'",
      "LWP3022 process 'p' has no thread named 'v': its threads are 't' or 'u' — did you mean 't'?",
      "LWP3020 unknown metric 'makespn': metrics are 'status', 'makespan', 'cpuUtilization', 'usefulWork', 'overhead', 'spinTime', 'kernelSwitches', 'userSwitches', 'modeSwitches', 'upcalls', 'sigwaiting', 'handoffs', 'lwpsCreated' or 'threadsCreated' — did you mean 'makespan'?",
    ]);
    assert.ok(a.scenario, 'errors in questions drop only the question: the scenario still runs');
    assert.deepEqual(a.scenario.asks.map((q) => [q.kind, q.text, q.prompt]), [['order', 'ask last p.t#1 p.u', 'Which is last?']]);
  });
});
