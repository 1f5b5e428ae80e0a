import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fuzz, inputs, lwp } from '../fuzz/fuzz';
import { fixture } from './run.test';

// The small size of the fuzz suite (test/fuzz/fuzz.ts); `npm run fuzz` runs the large one.
describe('fuzz: random and mutated files through lwp check, lwp run and the language server', () => {
  it('no crash, a bounded time and memory per input, and the server agrees with lwp check', async function () {
    this.timeout(180_000);
    const r = await fuzz(inputs(13, 6));
    assert.deepEqual(r.failures, []);
  });
});

// Issue 13 item 1 through the real bin, under a wall-clock kill: each instant
// takes 3 M steps and few events, so only the step cap ends the run.
describe('cli: a run that would never end', () => {
  it('`lwp run` and `lwp test` return, with status limit naming the step cap', function () {
    this.timeout(200_000);
    const dir = fixture({});
    const file = join(dir, 'forever.lwp');
    writeFileSync(file, 'process p { semaphore s  thread t { forever { repeat 3000000 { post s } compute 1ns } } }\nexpect status is completed\n');
    const run = lwp(['run', file]);
    assert.notEqual(run.code, null, 'lwp run did not return');
    assert.equal(run.code, 3);
    assert.match(run.out, /the step cap of one run/);
    const test = lwp(['test', file]);
    assert.notEqual(test.code, null, 'lwp test did not return');
    assert.equal(test.code, 1, test.out + test.err);
    assert.match(test.out, /1 failed/);
  });
});
