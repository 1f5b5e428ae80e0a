import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { fixture, lwp } from './run.test';

const dir = fixture({
  'io.lwp': 'machine { cpus 2 costs { mode-switch 0ns kernel-switch 0ns address-space-switch 0ns user-switch 0ns user-create 0ns kernel-create 0ns upcall 0ns } }\nprocess p { model M:N lwps 2 thread r { io 5ms } thread w * 2 { compute 2ms } }\n',
});

describe('cli: lwp compare', () => {
  it('runs all three models by default, side by side', async () => {
    const r = await lwp('compare', join(dir, 'io.lwp'));
    assert.equal(r.code, 0);
    const header = r.out.split('\n').find((l) => l.includes('one-to-one'))!;
    assert.match(header, /one-to-one\s+many-to-one\s+many-to-many/);
    // Readable metric names, and the pool the many-to-many run used.
    assert.match(r.out, /^Makespan\s+5ms\s+9ms\s+5ms$/m);
    assert.match(r.out, /^CPU utilization\s+40\.0%\s+22\.2%\s+40\.0%$/m);
    assert.match(r.out, /^LWP pool \(M:N\)\s+—\s+—\s+2$/m);
  });

  it('names the pool a many-to-many override used (one LWP per CPU)', async () => {
    const one = fixture({ 'n1.lwp': 'machine { cpus 3 }\nprocess p { model N:1 thread w * 4 { compute 1ms } }\n' });
    const r = await lwp('compare', join(one, 'n1.lwp'), '--models=M:N');
    assert.equal(r.code, 0);
    assert.match(r.out, /^LWP pool \(M:N\)\s+3$/m);
  });

  it('--models picks models (shorthands too); --json prints an array', async () => {
    const r = await lwp('compare', join(dir, 'io.lwp'), '--models', 'N:1,1:1', '--json');
    const j = JSON.parse(r.out);
    assert.deepEqual(j.map((x: { model: string }) => x.model), ['many-to-one', 'one-to-one']);
    assert.deepEqual(j.map((x: { makespan: number }) => x.makespan), [9_000_000, 5_000_000]);
  });

  it('rejects an unknown model with exit 2', async () => {
    const r = await lwp('compare', join(dir, 'io.lwp'), '--models', 'one-to-one,lots');
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown model 'lots'/);
  });
});
