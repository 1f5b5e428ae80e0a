import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIO } from '../../src/cli/io';
import { main } from '../../src/cli/main';

(globalThis as { __LWP_VERSION__?: string }).__LWP_VERSION__ ??= 'test';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { stdout: (t) => (out += t), stderr: (t) => (err += t), stdoutIsTTY: false, stderrIsTTY: false };
  const code = await main(args, io);
  return { code, out, err };
}

describe('lwp check', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lwp-check-'));
    writeFileSync(join(dir, 'good.lwp'), 'process p {\n  thread t { compute 1ms }\n}\n');
    writeFileSync(join(dir, 'bad.lwp'), 'process p {\n  thread t { compute 5 }\n  thread u bound { comput 1ms }\n}\n');
    writeFileSync(join(dir, 'warn.lwp'), 'process p {\n  model one-to-one\n  thread t bound { compute 1ms }\n}\n');
    writeFileSync(join(dir, 'bom.lwp'), '\ufeffprocess p {\r\n  thread t { io 5 }\r\n}\r\n');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'x.lwp'), 'process q { thread t { yield } }\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a good file: no output, exit 0', async () => {
    assert.deepEqual(await run(['check', join(dir, 'good.lwp')]), { code: 0, out: '', err: '' });
  });

  it('errors: file:line:col: error: message, a summary on stderr, exit 1', async () => {
    const f = join(dir, 'bad.lwp');
    const r = await run(['check', f]);
    assert.equal(r.code, 1);
    assert.equal(
      r.out,
      `${f}:2:22: error: a duration needs a unit: write '5ms' (units: ns, us, µs, ms, s)\n` +
        `${f}:3:12: warning: 'bound' is redundant in one-to-one: every thread already has its own LWP\n` +
        `${f}:3:20: error: unknown statement 'comput' — did you mean 'compute'?\n`,
    );
    assert.equal(r.err, '2 errors, 1 warning in 1 file\n');
  });

  it('warnings only: exit 0', async () => {
    const f = join(dir, 'warn.lwp');
    const r = await run(['check', f]);
    assert.equal(r.code, 0);
    assert.equal(r.out, `${f}:3:12: warning: 'bound' is redundant in one-to-one: every thread already has its own LWP\n`);
  });

  it('BOM and CRLF: columns as an editor shows them', async () => {
    const f = join(dir, 'bom.lwp');
    const r = await run(['check', f]);
    assert.equal(r.out, `${f}:2:17: error: a duration needs a unit: write '5ms' (units: ns, us, µs, ms, s)\n`);
  });

  it('many files and directories', async () => {
    const r = await run(['check', join(dir, 'good.lwp'), join(dir, 'sub'), join(dir, 'warn.lwp')]);
    assert.equal(r.code, 0);
    assert.equal(r.out.split('\n').filter(Boolean).length, 1);
    assert.equal(r.err, '0 errors, 1 warning in 3 files\n');
  });

  it('usage errors exit 2 with a clear message', async () => {
    const none = await run(['check']);
    assert.equal(none.code, 2);
    assert.match(none.err, /^lwp check: no file given/);
    const missing = await run(['check', join(dir, 'nope.lwp'), join(dir, 'good.lwp')]);
    assert.equal(missing.code, 2);
    assert.equal(missing.err, `lwp check: cannot read ${join(dir, 'nope.lwp')}: no such file or directory\n`);
    assert.equal((await run(['check', '--frobnicate', 'x'])).code, 2);
    assert.equal((await run(['check', '--help'])).code, 0);
  });

  it('a file over the size cap is a clear error', async () => {
    const f = join(dir, 'huge.lwp');
    writeFileSync(f, Buffer.alloc(16 * 1024 * 1024 + 10, 0x20));
    const r = await run(['check', f]);
    rmSync(f);
    assert.equal(r.code, 1);
    assert.match(r.out, /huge\.lwp:1:1: error: the file is 16\.0 MiB \(16,777,226 bytes\), over the cap of 16\.0 MiB \(MAX_FILE_SIZE\): split the scenario/);
  });

  it('the real bin after `npm run build`', function () {
    this.timeout(120_000);
    const root = join(__dirname, '..', '..');
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
    // Another area's build may be broken at this moment; the in-process tests above still cover the command.
    if (b.status !== 0 || !existsSync(join(root, 'dist', 'cli.js'))) this.skip();
    const r = spawnSync(process.execPath, [join(root, 'bin', 'lwp.js'), 'check', join(dir, 'bad.lwp'), join(dir, 'good.lwp')], { encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.equal(r.stdout.split('\n').filter(Boolean).length, 3);
    assert.match(r.stdout, /bad\.lwp:2:22: error: a duration needs a unit/);
    assert.equal(r.stderr, '2 errors, 1 warning in 2 files\n');
    // The process ends as soon as its output is flushed (not after freeing its heap): nothing may be lost
    // through a pipe, even when the output is far larger than a pipe's buffer.
    // Twenty files of 1,000 errors each (MAX_DIAGNOSTICS_PER_FILE: all shown).
    const many = Array.from({ length: 20 }, (_, k) => join(dir, `many${k + 1}.lwp`));
    for (const f of many) writeFileSync(f, 'process p {\n' + Array.from({ length: 1_000 }, (_, i) => `  thread t${i} { comput 1ms }\n`).join('') + '}\n');
    const m = spawnSync(process.execPath, [join(root, 'bin', 'lwp.js'), 'check', ...many], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(m.status, 1);
    const lines = m.stdout.split('\n');
    assert.equal(lines.length, 20_001);
    assert.match(lines[19_999], /many20\.lwp:1001:17: error: unknown statement 'comput'/);
    assert.equal(m.stderr, '20000 errors, 0 warnings in 20 files\n');
  });
});
