import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { CliIO } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { fixture, lwp } from './run.test';

const ZERO = 'costs { mode-switch 0ns kernel-switch 0ns address-space-switch 0ns user-switch 0ns user-create 0ns kernel-create 0ns upcall 0ns }';
const GREEN = `scenario "Green threads"
machine { cpus 1 ${ZERO} }
process app {
  model many-to-one
  thread reader { io 10ms }
  thread cruncher * 2 { compute 5ms }
}
ask makespan "How long does the run take?"
ask first app.reader app.cruncher#1
`;

/** Runs `lwp` in-process with these lines as standard input. */
async function withInput(lines: string[], ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const queue = [...lines];
  const io: CliIO = { stdout: (t) => (out += t), stderr: (t) => (err += t), stdoutIsTTY: false, stderrIsTTY: false, readLine: () => Promise.resolve(queue.shift() ?? null) };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('cli: lwp quiz', () => {
  it('asks each question, marks each answer and explains it, then shows the run', async () => {
    const file = join(fixture({ 'g.lwp': GREEN }), 'g.lwp');
    const r = await withInput(['19ms', 'cruncher#1'], 'quiz', file);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^“Green threads”: predict, then see the run\. 2 questions/);
    assert.match(r.out, /1\. How long does the run take\?\n> 19ms\n2\. Which finishes first: app\.reader, app\.cruncher#1\?\n {3}1\) app\.reader\n {3}2\) app\.cruncher#1\n> cruncher#1\n/);
    assert.match(r.out, /1\. How long does the run take\?\n {3}✓ right: you said 19ms; the answer is 20ms\.\n/);
    assert.match(r.out, /2\. Which finishes first: app\.reader, app\.cruncher#1\?\n {3}✗ wrong: you said app\.cruncher#1; the answer is app\.reader\.\n {3}app\.reader finishes first, at 10ms/);
    assert.match(r.out, /\n1 of 2 right\.\n\nGreen threads — completed in 20ms/);
  });

  it('an answer that cannot be read is asked again; the end of input leaves the rest unanswered', async () => {
    const file = join(fixture({ 'g.lwp': GREEN }), 'g.lwp');
    const r = await withInput(['20'], 'quiz', file);
    assert.match(r.out, /> 20\n {3}please answer with a duration with its unit, such as 12ms or 250us, not '20'\n> \n/);
    assert.match(r.out, /✗ wrong: you said no answer; the answer is 20ms/);
    assert.match(r.out, /0 of 2 right\./);
  });

  it('--answers prints the answers; lwp test counts answerable questions and fails the others', async () => {
    const dir = fixture({ 'g.lwp': GREEN, 'dead.lwp': `machine { ${ZERO} }\nprocess p { model 1:1 mutex x mutex y\n  thread a { lock x { sleep 1ms lock y { compute 1ms } } }\n  thread b { lock y { sleep 1ms lock x { compute 1ms } } }\n}\nask status\nask first p.a p.b\n` });
    const a = await lwp('quiz', join(dir, 'g.lwp'), '--answers');
    assert.equal(a.code, 0);
    assert.match(a.out, /1\. How long does the run take\?\n {3}answer: 20ms\n/);
    const t = await lwp('test', dir);
    assert.equal(t.code, 1);
    assert.equal(t.out, `${join(dir, 'dead.lwp')}:7:1: ask first p.a p.b — The run cannot answer this: none of these threads finishes.\n3 passed, 1 failed\n`);
  });

  it('through bin/lwp.js with piped answers', () => {
    const file = join(fixture({ 'g.lwp': GREEN }), 'g.lwp');
    const r = spawnSync(process.execPath, [join(__dirname, '../../bin/lwp.js'), 'quiz', file], { input: '20ms\n1\n', encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /2 of 2 right\./);
  });
});
