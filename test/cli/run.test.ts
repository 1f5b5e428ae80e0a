import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';

(globalThis as { __LWP_VERSION__?: string }).__LWP_VERSION__ = '0.0.0-test';

export async function lwp(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { stdout: (t) => (out += t), stderr: (t) => (err += t), stdoutIsTTY: false, stderrIsTTY: false };
  const code = await main(argv, io);
  return { code, out, err };
}

const made: string[] = [];
after(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

export function fixture(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lwp-cli-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const ZERO = 'costs { mode-switch 0ns kernel-switch 0ns address-space-switch 0ns user-switch 0ns user-create 0ns kernel-create 0ns upcall 0ns }';
const dir = fixture({
  'ok.lwp': `scenario "Two"\nmachine { cpus 2 ${ZERO} }\nprocess p { model N:1 thread a { compute 2ms io 1ms } thread b { compute 1ms } }\n`,
  'dead.lwp': `machine { ${ZERO} }\nprocess p { model 1:1 mutex x mutex y\n  thread a { lock x { sleep 1ms lock y { compute 1ms } } }\n  thread b { lock y { sleep 1ms lock x { compute 1ms } } }\n}\n`,
  'bad.lwp': 'process p {\n  thread t { comput 2ms }\n}\n',
  'bom.lwp': '\ufeffmachine { cpuz 2 }\r\nprocess p { thread t { compute 1ms } }\r\n',
  'bound.lwp': `machine { cpus 2 ${ZERO} }\nprocess p { model M:N lwps 1 upcalls on thread a bound { compute 1ms } thread b { compute 1ms } }\n`,
});

describe('cli: lwp run', () => {
  it('prints a summary and an 80-column Gantt, exit 0 when completed', async () => {
    const r = await lwp('run', join(dir, 'ok.lwp'));
    assert.equal(r.code, 0);
    assert.match(r.out, /^Two — completed in 4ms/);
    assert.match(r.out, /^p\.a\s+0ns\s+3ms\s+2ms\s+0ns\s+1ms$/m);
    assert.match(r.out, /^CPU 0 \|[#.K+~]+\|$/m);
    assert.match(r.out, /# user {2}K kernel/);
    for (const line of r.out.split('\n')) assert.ok(line.length <= 80, `line longer than 80: ${line}`);
  });

  it('--json prints one object with the fields of §10, times in ns', async () => {
    const r = await lwp('run', join(dir, 'ok.lwp'), '--json');
    assert.equal(r.code, 0);
    const j = JSON.parse(r.out);
    assert.equal(j.status, 'completed');
    assert.equal(j.makespan, 4_000_000);
    assert.equal(j.deadlock, null);
    assert.deepEqual(Object.keys(j.metrics).sort(), ['cpuUtilization', 'handoffs', 'kernelSwitches', 'lwpsCreated', 'makespan', 'modeSwitches', 'overhead', 'sigwaiting', 'spinTime', 'status', 'threadsCreated', 'upcalls', 'usefulWork', 'userSwitches'].sort());
    assert.deepEqual(j.threads[0], { id: 'p.a', start: 0, finish: 3_000_000, running: 2_000_000, ready: 0, blocked: 1_000_000 });
    assert.deepEqual(j.processes, [{ name: 'p', model: 'many-to-one', finish: 4_000_000, maxLwps: 1 }]);
  });

  it('a deadlock exits 3 and names each stuck thread with its position', async () => {
    const r = await lwp('run', join(dir, 'dead.lwp'), '--json');
    assert.equal(r.code, 3);
    const j = JSON.parse(r.out);
    assert.equal(j.status, 'deadlock');
    assert.deepEqual(
      j.deadlock.stuck.map((s: { thread: string; waitsFor: string; at: { line: number } }) => [s.thread, s.waitsFor, s.at.line]),
      [
        ['p.a', 'mutex y held by p.b', 3],
        ['p.b', 'mutex x held by p.a', 4],
      ],
    );
    const text = await lwp('run', join(dir, 'dead.lwp'));
    assert.match(text.out, /dead\.lwp:3:\d+: p\.a waits for mutex y held by p\.b/);
  });

  it('--model and --cpus override the file; forbidden options are dropped with a warning', async () => {
    const r = await lwp('run', join(dir, 'ok.lwp'), '--json', '--model', '1:1', '--cpus', '1');
    const j = JSON.parse(r.out);
    assert.equal(j.processes[0].model, 'one-to-one');
    assert.equal(j.makespan, 3_000_000);
    const b = await lwp('run', join(dir, 'bound.lwp'), '--model=many-to-one', '--json');
    assert.equal(b.code, 0);
    assert.match(b.err, /'bound' dropped from thread a/);
    assert.match(b.err, /'upcalls on' dropped/);
  });

  it('a file with errors prints diagnostics like lwp check, simulates nothing, exits 1', async () => {
    const r = await lwp('run', join(dir, 'bad.lwp'));
    assert.equal(r.code, 1);
    assert.match(r.err, /bad\.lwp:2:14: error: unknown statement 'comput'/);
    assert.equal(r.out, '');
  });

  it('a BOM is dropped as lwp check drops it: columns on line 1 as an editor shows them', async () => {
    const r = await lwp('run', join(dir, 'bom.lwp'));
    const c = await lwp('check', join(dir, 'bom.lwp'));
    assert.equal(r.code, 1);
    assert.match(r.err, /bom\.lwp:1:11: error: unexpected 'cpuz'/);
    assert.ok(c.out.includes("bom.lwp:1:11: error: unexpected 'cpuz'"), c.out);
  });

  it('usage errors exit 2', async () => {
    assert.equal((await lwp('run')).code, 2);
    assert.equal((await lwp('run', join(dir, 'ok.lwp'), '--model', 'two-to-two')).code, 2);
    assert.equal((await lwp('run', join(dir, 'ok.lwp'), '--cpus', '0')).code, 2);
    assert.equal((await lwp('run', join(dir, 'ok.lwp'), '--frobnicate')).code, 2);
    const missing = await lwp('run', join(dir, 'nope.lwp'));
    assert.equal(missing.code, 2);
    assert.match(missing.err, /no such file/);
  });
});
