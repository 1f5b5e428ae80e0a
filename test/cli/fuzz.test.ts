import * as assert from 'node:assert/strict';
import { fuzz, inputs } from '../fuzz/fuzz';

// The small size of the fuzz suite (test/fuzz/fuzz.ts); `npm run fuzz` runs the large one.
describe('fuzz: random and mutated files through lwp check, lwp run and the language server', () => {
  it('no crash, a bounded time and memory per input, and the server agrees with lwp check', async function () {
    this.timeout(180_000);
    const r = await fuzz(inputs(13, 6));
    assert.deepEqual(r.failures, []);
  });
});
