import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_DIAGNOSTICS_PER_FILE } from '../../src/core/diagnostics/cap';
import { visible } from '../../src/cli/visible';
import { fixture, lwp } from './run.test';

const OK = 'scenario "Two"\nprocess p { model N:1 thread a { compute 2ms io 1ms } thread b { compute 1ms } }\n';

describe('cli: one argument parser for every command', () => {
  const dir = fixture({ 'ok.lwp': OK, '-odd.lwp': OK });
  const ok = join(dir, 'ok.lwp');

  it('`--` ends the options: `lwp run -- FILE` runs, even a file named like an option', async () => {
    assert.equal((await lwp('run', '--', ok)).code, 0);
    const odd = await lwp('check', '--', '-odd.lwp');
    // A relative name that starts with `-` is a file after `--` (here it does not exist in the cwd: an unreadable file, not an unknown option).
    assert.equal(odd.code, 2);
    assert.match(odd.err, /cannot read -odd\.lwp/);
  });

  it('`--flag=value` and `--flag value` mean the same, in every command', async () => {
    const a = await lwp('run', ok, '--json', '--model=M:N', '--cpus=2');
    const b = await lwp('run', ok, '--json', '--model', 'M:N', '--cpus', '2');
    assert.equal(a.code, 0);
    assert.equal(a.out, b.out);
    assert.equal(JSON.parse(a.out).model, 'many-to-many');
    const c = await lwp('compare', ok, '--models=N:1', '--json');
    assert.equal(JSON.parse(c.out).length, 1);
  });

  it('an unknown option gets the same message everywhere, with a suggestion when close', async () => {
    for (const cmd of ['check', 'run', 'compare', 'test', 'export']) {
      const r = await lwp(cmd, ok, '--frobnicate');
      assert.equal(r.code, 2, cmd);
      assert.match(r.err, new RegExp(`^lwp ${cmd}: unknown option '--frobnicate'\n\nusage: lwp ${cmd} `), cmd);
    }
    const near = await lwp('run', ok, '--jsn');
    assert.match(near.err, /^lwp run: unknown option '--jsn' — did you mean '--json'\?/);
  });

  it('a missing value, or a value given to a switch, is a usage error naming the option', async () => {
    const m = await lwp('run', ok, '--model');
    assert.equal(m.code, 2);
    assert.match(m.err, /^lwp run: --model needs a value \(one-to-one, many-to-one or many-to-many\)/);
    const n = await lwp('run', ok, '--model', '--json');
    assert.match(n.err, /^lwp run: --model needs a value/);
    const j = await lwp('run', ok, '--json=yes');
    assert.equal(j.code, 2);
    assert.match(j.err, /^lwp run: --json takes no value/);
    const o = await lwp('export', ok, '--format', 'svg', '-o');
    assert.match(o.err, /^lwp export: -o needs a value/);
  });

  it('an unknown command suggests the nearest: `lwp rn` → run', async () => {
    const r = await lwp('rn', ok);
    assert.equal(r.code, 2);
    assert.match(r.err, /^lwp: unknown command 'rn' — did you mean 'run'\?/);
  });
});

describe('cli: bounded input', () => {
  it('`lwp check /dev/zero` stops reading at MAX_FILE_SIZE: LWP3030, exit 1, at once', async function () {
    this.timeout(20_000);
    const t0 = Date.now();
    const r = await lwp('check', '/dev/zero');
    assert.equal(r.code, 1);
    assert.match(r.out, /^\/dev\/zero:1:1: error: the file is more than 16\.0 MiB \(reading stopped at 16,777,217 bytes\), over the cap of 16\.0 MiB \(MAX_FILE_SIZE\)/);
    assert.ok(Date.now() - t0 < 10_000);
  });

  it('a FIFO fed without end stops at the cap too; one nobody writes to does not hang', async function () {
    this.timeout(30_000);
    const dir = fixture({});
    const fifo = join(dir, 'pipe.lwp');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const writer = spawn('sh', ['-c', `yes 'process p { thread t { compute 1ms } }' > '${fifo}'`], { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 200));
      const r = await lwp('check', fifo);
      assert.equal(r.code, 1);
      assert.match(r.out, /pipe\.lwp:1:1: error: the file is more than 16\.0 MiB \(reading stopped at 16,777,217 bytes\)/);
    } finally {
      writer.kill();
    }
    await new Promise((r) => writer.on('exit', r));
    // No writer: read at once as an empty file (which has one error), not a wait for a writer that never comes.
    const quiet = await lwp('check', fifo);
    assert.equal(quiet.code, 1);
    assert.match(quiet.out, /pipe\.lwp:1:1: error: a scenario needs at least one process/);
  });

  it('`lwp run` on an over-cap file answers as `lwp check` does: positioned LWP3030, exit 1', async () => {
    const dir = fixture({});
    const f = join(dir, 'huge.lwp');
    writeFileSync(f, Buffer.alloc(16 * 1024 * 1024 + 10, 0x20));
    const r = await lwp('run', f);
    assert.equal(r.code, 1);
    assert.match(r.err, /huge\.lwp:1:1: error: the file is 16\.0 MiB \(16,777,226 bytes\), over the cap of 16\.0 MiB \(MAX_FILE_SIZE\): split the scenario\n/);
    assert.match(r.err, /nothing was simulated/);
  });

  it(`prints at most MAX_DIAGNOSTICS_PER_FILE (${MAX_DIAGNOSTICS_PER_FILE}) diagnostics per file; the last says how many more`, async () => {
    const dir = fixture({ 'braces.lwp': '}'.repeat(MAX_DIAGNOSTICS_PER_FILE + 1234) });
    const r = await lwp('check', join(dir, 'braces.lwp'));
    assert.equal(r.code, 1);
    const lines = r.out.trimEnd().split('\n');
    assert.equal(lines.length, MAX_DIAGNOSTICS_PER_FILE);
    const more = /closes nothing: remove it \(… and ([\d,]+) more in this file, not shown: at most 1,000 per file, MAX_DIAGNOSTICS_PER_FILE\)$/.exec(lines[lines.length - 1]);
    assert.ok(more, lines[lines.length - 1]);
    // The tally still counts them all, and agrees with the last line.
    const total = Number(/^(\d+) errors/.exec(r.err)![1]);
    assert.ok(total > MAX_DIAGNOSTICS_PER_FILE + 1000);
    assert.equal(Number(more[1].replace(/,/g, '')), total - MAX_DIAGNOSTICS_PER_FILE);
  });
});

// eslint-disable-next-line no-control-regex -- raw control characters are what must not appear
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/;

describe('cli: nothing from a file drives the terminal', () => {
  it('control characters in a title and in diagnostics are shown as \\u escapes', async () => {
    const dir = fixture({ 'esc.lwp': 'scenario "a\x1b[31mred\x07"\nprocess p { thread t { compute 1ms } }\n', 'bad.lwp': 'process p { thread t { compute 1ms } }\n\x1b]0;pwned\x07\n' });
    const run = await lwp('run', join(dir, 'esc.lwp'));
    assert.equal(run.code, 0);
    assert.match(run.out, /^a\\u001b\[31mred\\u0007 — completed/);
    assert.ok(!RAW_CONTROL.test(run.out + run.err), 'no raw control character');
    // JSON stays valid and decodes to the title itself.
    const json = await lwp('compare', join(dir, 'esc.lwp'), '--json', '--models', '1:1');
    assert.equal(JSON.parse(json.out).length, 1);
    const check = await lwp('check', join(dir, 'bad.lwp'));
    assert.match(check.out, /bad\.lwp:2:1: error: unexpected character '\\u001b\]'/);
    assert.ok(!RAW_CONTROL.test(check.out + check.err));
  });

  it('visible() escapes C0, DEL, C1 and bidirectional controls, and keeps newline, tab and text', () => {
    assert.equal(visible('a\x1bb\x9bc\u202ed\n\te'), 'a\\u001bb\\u009bc\\u202ed\n\te');
    assert.equal(visible('plain ünïcode — ok'), 'plain ünïcode — ok');
  });
});

describe('cli: lwp test and export on awkward paths', () => {
  it('`lwp test DIR` with an unreadable subfolder reports that path and runs the rest (exit 2, no stack trace)', async function () {
    this.timeout(20_000);
    const dir = fixture({ 'a.lwp': 'process p { thread t { compute 1ms } }\nexpect makespan >= 1ms\n' });
    // A folder too deep to name (ENAMETOOLONG): unreadable for every user, root included (chmod 000 is not).
    let deep = join(dir, 'deep');
    mkdirSync(deep);
    const seg = 'd'.repeat(200);
    const cwd = process.cwd();
    try {
      process.chdir(deep);
      for (let i = 0; i < 22; i++) {
        mkdirSync(seg);
        process.chdir(seg);
        deep = join(deep, seg);
      }
    } finally {
      process.chdir(cwd);
    }
    try {
      const r = await lwp('test', dir);
      assert.equal(r.code, 2);
      assert.match(r.err, /^lwp test: cannot read \/.*dddd: /m);
      assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
      assert.match(r.out, /^1 passed, 0 failed, 1 unreadable\n$/);
    } finally {
      spawnSync('rm', ['-rf', join(dir, 'deep')]);
    }
  });

  it('`lwp export X.lwp -o X.lwp` refuses to overwrite the scenario', async () => {
    const dir = fixture({ 'x.lwp': OK });
    const f = join(dir, 'x.lwp');
    const r = await lwp('export', f, '--format', 'svg', '-o', join(dir, '.', 'x.lwp'));
    assert.equal(r.code, 2);
    assert.match(r.err, /is the scenario itself/);
    assert.equal(readFileSync(f, 'utf8'), OK);
  });

  it('`lwp export --format perfetto` streams events with named arguments', async () => {
    const dir = fixture({ 'p.lwp': 'machine { cpus 2 }\nprocess p { model M:N lwps 2 mutex m thread a { lock m { compute 1ms } } thread b { sleep 1us lock m { compute 1ms } } }\n' });
    const out = join(dir, 'p.json');
    const r = await lwp('export', join(dir, 'p.lwp'), '--format=perfetto', `--output=${out}`);
    assert.equal(r.code, 0, r.err);
    const ev = (JSON.parse(readFileSync(out, 'utf8')) as { traceEvents: { ph: string; cat?: string; name: string; args?: Record<string, string> }[] }).traceEvents;
    const cpu = ev.find((e) => e.ph === 'X' && e.cat === 'cpu' && e.name === 'user mode')!;
    assert.deepEqual(cpu.args, { lwp: 'LWP 0 (p)', thread: 'p.a', statement: 'compute 1ms', at: 'p.lwp:2' });
    const waiting = ev.find((e) => e.ph === 'X' && e.cat === 'thread' && e.args?.waitsOn !== undefined)!;
    assert.deepEqual([waiting.args!.thread, waiting.args!.waitsOn, waiting.args!.statement], ['p.b', 'm', 'lock m { compute 1ms }']);
  });
});
