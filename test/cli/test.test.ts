import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { fixture, lwp } from './run.test';

const ZERO = 'costs { mode-switch 0ns kernel-switch 0ns address-space-switch 0ns user-switch 0ns user-create 0ns kernel-create 0ns upcall 0ns }';

describe('cli: lwp test', () => {
  it('prints each failing expectation with its position and the actual value, then the tally', async () => {
    const dir = fixture({
      'a.lwp': `machine { ${ZERO} }\nprocess p { thread t { compute 14030us } }\nexpect status is completed\nexpect makespan < 1ms\nexpect p.t.running == 14.03ms\n`,
      'b.lwp': `machine { ${ZERO} }\nprocess p { thread t { compute 1ms } }\n`,
    });
    const r = await lwp('test', dir);
    assert.equal(r.code, 1);
    assert.equal(r.out, `${join(dir, 'a.lwp')}:4:1: expect makespan < 1ms — got 14.03ms\n2 passed, 1 failed\n`);
  });

  it('exit 0 when everything passes; a file with errors counts as a failure', async () => {
    const dir = fixture({ 'ok.lwp': `machine { ${ZERO} }\nprocess p { thread t { compute 1ms } }\nexpect makespan == 1ms\n` });
    const ok = await lwp('test', join(dir, 'ok.lwp'));
    assert.equal(ok.code, 0);
    assert.equal(ok.out, '1 passed, 0 failed\n');
    const bad = fixture({ 'bad.lwp': 'process p {\n  thread t { comput 2ms }\n}\nexpect makespan < 1ms\n' });
    const r = await lwp('test', bad);
    assert.equal(r.code, 1);
    assert.match(r.out, /bad\.lwp:2:14: error: unknown statement/);
    assert.match(r.out, /0 passed, 1 failed\n$/);
  });

  it('an unknown metric is an error on its line, and the other expectations are still evaluated (lwp test and lwp run)', async () => {
    const dir = fixture({ 'm.lwp': `machine { ${ZERO} }\nprocess p { thread t { compute 1ms } }\nexpect makespn < 1s\nexpect makespan < 1us\nexpect makespan == 1ms\n` });
    const file = join(dir, 'm.lwp');
    const r = await lwp('test', file);
    assert.equal(r.code, 1);
    assert.equal(r.out.split('\n')[0].slice(0, file.length + 37), `${file}:3:8: error: unknown metric 'makespn'`);
    assert.match(r.out, /m\.lwp:4:1: expect makespan < 1us — got 1ms\n1 passed, 2 failed\n$/);
    const run = await lwp('run', file);
    assert.equal(run.code, 1, 'the file still has an error');
    assert.match(run.out, /^completed in 1ms\n/, 'but it was simulated');
  });

  it('usage errors exit 2', async () => {
    assert.equal((await lwp('test')).code, 2);
    assert.equal((await lwp('test', '/no/such/dir')).code, 2);
  });
});
