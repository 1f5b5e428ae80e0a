import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { fixture, lwp } from './run.test';

const ZERO = 'costs { mode-switch 0ns kernel-switch 0ns address-space-switch 0ns user-switch 0ns user-create 0ns kernel-create 0ns upcall 0ns }';
const POOL = `machine { cpus 2 ${ZERO} }
process server {
  model many-to-many lwps 2
  thread reader * 2 { io 3ms }
  thread worker start 1ms { compute 1ms }
}
`;

describe('cli: lwp explain', () => {
  it('explains every thread not running at the instant, with the chain and the lines', async () => {
    const file = join(fixture({ 'pool.lwp': POOL }), 'pool.lwp');
    const r = await lwp('explain', file, '--at', '2ms');
    assert.equal(r.code, 0, r.err);
    const blocks = r.out.trim().split('\n\n');
    assert.deepEqual(blocks.map((b) => b.split('\n')[0]), ['server.reader#1 at 2ms:', 'server.reader#2 at 2ms:', 'server.worker at 2ms:']);
    assert.match(blocks[2].replace(/\s+/g, ' '), /server\.worker has been ready since 1ms but has no LWP: all 2 LWPs of server have been blocked in the kernel since 0ns — LWP 0 by server\.reader#1 in 'io 3ms' \(line 4\) until 3ms/);
    assert.match(blocks[2], new RegExp(`see ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} lines 4, 5$`));
  });

  it('--thread picks one thread; --json gives the causes with names', async () => {
    const file = join(fixture({ 'pool.lwp': POOL }), 'pool.lwp');
    const r = await lwp('explain', file, '--at', '2ms', '--thread', 'worker', '--json');
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as { time: number; status: string; explanations: { thread: string; steps: { state: string; cause: { kind: string; process: string; lwps: { thread: string; state: string }[] }; refs: { line: number }[] }[] }[] };
    assert.equal(j.time, 2_000_000);
    assert.equal(j.explanations.length, 1);
    const s = j.explanations[0].steps[0];
    assert.equal(j.explanations[0].thread, 'server.worker');
    assert.equal(s.cause.kind, 'no-lwp');
    assert.equal(s.cause.process, 'server');
    assert.deepEqual(s.cause.lwps.map((l) => l.thread), ['server.reader#1', 'server.reader#2']);
    assert.deepEqual(s.refs.map((x) => x.line).sort(), [4, 5]);
  });

  it('usage errors: no --at, a time without a unit, an unknown thread (listing the threads)', async () => {
    const file = join(fixture({ 'pool.lwp': POOL }), 'pool.lwp');
    const a = await lwp('explain', file);
    assert.equal(a.code, 2);
    assert.match(a.err, /^lwp explain: --at is required/);
    const b = await lwp('explain', file, '--at', '5');
    assert.equal(b.code, 2);
    assert.match(b.err, /--at needs a duration with a unit \(ns, us, ms, s\), such as 5ms, not '5'/);
    const c = await lwp('explain', file, '--at', '1ms', '--thread', 'server.writer');
    assert.equal(c.code, 2);
    assert.match(c.err, /no thread 'server\.writer' in this run .*\(threads: server\.reader#1, server\.reader#2, server\.worker\)/);
    const d = await lwp('explain', join(fixture({ 'bad.lwp': 'process p { thread t { comput 1ms } }\n' }), 'bad.lwp'), '--at', '1ms');
    assert.equal(d.code, 1);
  });
});
