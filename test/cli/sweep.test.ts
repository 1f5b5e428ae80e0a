import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import { buildOnce, ROOT } from '../lsp/harness';
import { fixture, lwp } from './run.test';

const EX01 = join(ROOT, 'examples/01-two-level-solaris.lwp');
const EX04 = join(ROOT, 'examples/04-lwp-pool-deadlock.lwp');

/** The real command, through bin/lwp.js and the built bundle (whose sweep runs on worker threads). */
function bin(...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/lwp.js'), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

interface PointJson {
  params: Record<string, string | number>;
  status: string;
  makespan: number;
  metrics: Record<string, number | string>;
}

const dir = fixture({
  'long.lwp': 'machine { cpus 2 limit 2s }\nprocess p { model M:N lwps 2\n  thread t * 20 { forever { compute 10us  yield } }\n}\n',
  'bad.lwp': 'process p {\n  thread t { comput 2ms }\n}\n',
  'two.lwp': 'process a { model 1:1 thread w { compute 1ms } }\nprocess b { model 1:1 thread w { compute 1ms } }\n',
});

describe('cli: lwp sweep', function () {
  this.timeout(180_000);
  before(() => buildOnce());

  it('each point equals a separate `lwp run --json` of the same settings (models and CPUs)', () => {
    const s = bin('sweep', EX01, '--vary', 'cpus=1..3', '--vary', 'model=1:1,N:1,M:N', '--json');
    assert.equal(s.code, 0, s.err);
    const points = (JSON.parse(s.out) as { points: PointJson[] }).points;
    assert.equal(points.length, 9);
    for (const pt of points) {
      const r = bin('run', EX01, '--json', '--cpus', String(pt.params.cpus), '--model', String(pt.params.model));
      const run = JSON.parse(r.out) as { status: string; makespan: number; metrics: Record<string, unknown> };
      assert.deepEqual(
        { status: pt.status, makespan: pt.makespan, metrics: pt.metrics },
        { status: run.status, makespan: run.makespan, metrics: run.metrics },
        JSON.stringify(pt.params),
      );
    }
  });

  it('a pool size, a thread count and a statement duration give what the edited file gives', () => {
    const s = bin(
      'sweep',
      EX01,
      '--vary',
      'server.lwps=1,3',
      '--vary',
      'worker.count=2,5',
      '--vary',
      'server.worker.io=0ns,1500us',
      '--json',
    );
    assert.equal(s.code, 0, s.err);
    const points = (JSON.parse(s.out) as { points: PointJson[] }).points;
    assert.deepEqual(
      points.map((p) => Object.values(p.params)),
      [
        [1, 2, 0],
        [1, 2, 1_500_000],
        [1, 5, 0],
        [1, 5, 1_500_000],
        [3, 2, 0],
        [3, 2, 1_500_000],
        [3, 5, 0],
        [3, 5, 1_500_000],
      ],
      'the first parameter varies slowest',
    );
    const text = readFileSync(EX01, 'utf8').replace(/^expect .*$/gm, '');
    for (const pt of points) {
      const edited = text
        .replace('lwps 2', `lwps ${pt.params['server.lwps']}`)
        .replace('worker * 4', `worker * ${pt.params['worker.count']}`)
        .replace('io 3ms', `io ${pt.params['server.worker.io']}ns`);
      const f = join(dir, 'edited.lwp');
      writeFileSync(f, edited);
      const run = JSON.parse(bin('run', f, '--json').out) as { status: string; makespan: number; metrics: Record<string, unknown> };
      assert.deepEqual(
        { status: pt.status, makespan: pt.makespan, metrics: pt.metrics },
        { status: run.status, makespan: run.makespan, metrics: run.metrics },
        JSON.stringify(pt.params),
      );
    }
  });

  it('the same bytes on 0 (this thread), 1 and 3 worker threads', () => {
    const args = [
      'sweep',
      EX01,
      '--vary',
      'cpus=1..4',
      '--vary',
      'server.lwps=1..4',
      '--vary',
      'costs.kernel-switch=0ns..3us step 1us',
      '--json',
    ];
    const outs = ['0', '1', '3'].map((j) => bin(...args, '--jobs', j));
    for (const o of outs) assert.equal(o.code, 0, o.err);
    assert.equal(JSON.parse(outs[0].out).points.length, 64);
    assert.equal(outs[1].out, outs[0].out);
    assert.equal(outs[2].out, outs[0].out);
  });

  it('prints a table by default and CSV with --csv, with the metrics asked for', async () => {
    const t = await lwp('sweep', EX01, '--vary', 'cpus=1,3', '--metric', 'makespan,kernelSwitches');
    assert.equal(t.code, 0, t.err);
    assert.match(
      t.out,
      /^Solaris two-level threads with a bound watchdog: 2 points\n\ncpus\s+status\s+makespan\s+kernelSwitches\n1\s+completed\s+15\.1ms\s+\d+\n3\s+completed\s+13ms\s+\d+\n$/,
    );
    const c = await lwp('sweep', EX01, '--vary', 'cpus=1,3', '--metric', 'makespan', '--csv');
    assert.equal(c.out, 'cpus,status,makespan\n1,completed,15100000\n3,completed,13000000\n');
  });

  it('exit 3 when a point deadlocks, and each point says how it ended', async () => {
    const r = await lwp('sweep', EX04, '--vary', 'pipeline.sigwaiting=off,on', '--json');
    assert.equal(r.code, 3);
    const points = (JSON.parse(r.out) as { points: (PointJson & { summary?: string })[] }).points;
    assert.deepEqual(
      points.map((p) => [p.params['pipeline.sigwaiting'], p.status]),
      [
        ['off', 'deadlock'],
        ['on', 'completed'],
      ],
    );
    assert.match(points[0].summary ?? '', /deadlock/i);
  });

  it('warns once for a value that has no effect at some points', async () => {
    const r = await lwp('sweep', EX04, '--vary', 'pipeline.model=1:1,M:N', '--vary', 'pipeline.upcalls=off,on', '--metric', 'makespan');
    assert.match(r.err, /^lwp sweep: warning \(1 point\): process pipeline: 'upcalls on' has no effect: the process is one-to-one$/m);
  });

  describe('errors point at the --vary at fault (exit 2)', () => {
    const cases: [string, string[], RegExp][] = [
      [
        'an unknown name, with a suggestion',
        ['--vary', 'server.lwpz=1..4'],
        /process 'server' has no setting or thread 'lwpz' — did you mean 'server\.lwps'\?\n {2}--vary server\.lwpz=1\.\.4\n {16}\^{4}\n$/,
      ],
      [
        'an unknown name',
        ['--vary', 'lwpz=1..4'],
        /unknown parameter 'lwpz' — did you mean 'lwps'\?[^\n]*\n {2}--vary lwpz=1\.\.4\n {9}\^{4}\n$/,
      ],
      [
        'an unknown thread',
        ['--vary', 'server.wroker.count=1,2'],
        /process 'server' has no thread 'wroker' — did you mean 'worker'\?\n {2}--vary server\.wroker\.count=1,2\n {16}\^{6}\n$/,
      ],
      [
        'an empty range',
        ['--vary', 'cpus=4..1'],
        /cpus: the range 4\.\.1 is empty: it ends before it starts\n {2}--vary cpus=4\.\.1\n {14}\^{4}\n$/,
      ],
      ['no values', ['--vary', 'cpus='], /cpus: no values after "="/],
      ['no "="', ['--vary', 'cpus'], /'cpus' needs NAME=VALUES/],
      [
        'a value out of range',
        ['--vary', 'cpus=1,2000'],
        /cpus: '2000' is out of range: 1\.\.1,024\n {2}--vary cpus=1,2000\n {16}\^{4}\n$/,
      ],
      ['a duration without a unit', ['--vary', 'server.worker.io=1,2'], /'1' needs a unit: ns, us, ms or s/],
      [
        'a duration range without a step',
        ['--vary', 'server.worker.io=1ms..3ms'],
        /a range of durations needs a step: 1ms\.\.3ms step 200us/,
      ],
      ['a zero step', ['--vary', 'cpus=1..4 step 0'], /a step of 0 never gets from 1 to 4/],
      ['a value listed twice', ['--vary', 'cpus=1,2,1'], /cpus: 1 is listed twice\n {2}--vary cpus=1,2,1\n {18}\^\n$/],
      [
        'too many points',
        ['--vary', 'cpus=1..1000', '--vary', 'server.lwps=1..11'],
        /the sweep would have 11,000 points, more than 10,000 \(MAX_SWEEP_POINTS\)[^\n]*\n {2}--vary server\.lwps=1\.\.11\n/,
      ],
      ['a range over the cap', ['--vary', 'costs.upcall=0ns..1ms step 1ns'], /has 1,000,001 values, more than 10,000 \(MAX_SWEEP_POINTS\)/],
      ['the same parameter twice', ['--vary', 'cpus=1', '--vary', 'cpus=2'], /'cpus' is varied twice/],
      ['a bad model', ['--vary', 'model=1:2'], /'1:2' is not one of one-to-one, many-to-one, many-to-many, 1:1, N:1, M:N/],
    ];
    for (const [what, args, re] of cases)
      it(what, async () => {
        const r = await lwp('sweep', EX01, ...args);
        assert.equal(r.code, 2, r.err);
        assert.match(r.err, re);
        assert.equal(r.out, '');
      });

    it('and at the file where the thing varied is the problem', async () => {
      const r = await lwp('sweep', EX01, '--vary', 'server.watchdog.io=1ms');
      assert.equal(r.code, 2);
      assert.match(
        r.err,
        /thread 'server\.watchdog' has no 'io' statement\n {2}--vary server\.watchdog\.io=1ms\n {25}\^\^\n.*01-two-level-solaris\.lwp:39:10: note: declared here\n$/,
      );
      const one = await lwp('sweep', join(ROOT, 'examples/02-one-to-one-linux.lwp'), '--vary', 'lwps=1..4');
      assert.equal(one.code, 2);
      assert.match(
        one.err,
        /is one-to-one: 'lwps' sizes a many-to-many pool; write 'model many-to-many lwps N' in the file or vary model too/,
      );
      assert.match(one.err, /02-one-to-one-linux\.lwp:\d+:\d+: note: declared here/);
    });

    it('a thread name in two processes must be qualified', async () => {
      const r = await lwp('sweep', join(dir, 'two.lwp'), '--vary', 'w.count=1,2');
      assert.equal(r.code, 2);
      assert.match(r.err, /thread 'w' is in several processes: name one \(a\.w\.count, b\.w\.count\)/);
    });

    it('usage: nothing to vary, an unknown metric, --csv with --json, a bad --jobs', async () => {
      assert.match((await lwp('sweep', EX01)).err, /nothing to vary/);
      const m = await lwp('sweep', EX01, '--vary', 'cpus=1', '--metric', 'makespam');
      assert.equal(m.code, 2);
      assert.match(m.err, /unknown metric 'makespam' — did you mean 'makespan'\?/);
      assert.match((await lwp('sweep', EX01, '--vary', 'cpus=1', '--csv', '--json')).err, /--csv and --json: choose one/);
      assert.match((await lwp('sweep', EX01, '--vary', 'cpus=1', '--jobs', 'x')).err, /--jobs needs a whole number from 0 to 256, not 'x'/);
    });
  });

  it('a file with errors: exit 1, nothing simulated', async () => {
    const r = await lwp('sweep', join(dir, 'bad.lwp'), '--vary', 'cpus=1,2');
    assert.equal(r.code, 1);
    assert.match(r.err, /has errors; nothing was simulated/);
    assert.equal(r.out, '');
  });

  it('shows progress on a terminal and clears it', async () => {
    let err = '';
    const io: CliIO = { stdout: () => undefined, stderr: (t) => (err += t), stdoutIsTTY: false, stderrIsTTY: true };
    const code = await main(['sweep', EX01, '--vary', 'cpus=1..8', '--jobs', '0'], io);
    assert.equal(code, 0);
    assert.match(err, /\rsweeping… 8 of 8 points /);
    assert.ok(err.endsWith('\r\x1b[K'));
  });

  it('Ctrl-C stops the workers and exits 130 with nothing on stdout', async () => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin/lwp.js'), 'sweep', join(dir, 'long.lwp'), '--vary', 'p.t.count=1..40', '--jobs', '2'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await new Promise((r) => setTimeout(r, 1500));
    const t0 = Date.now();
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    assert.equal(code, 130, err);
    assert.ok(Date.now() - t0 < 5000, `stopped in ${Date.now() - t0} ms`);
    assert.match(err, /lwp sweep: interrupted after \d+ of 40 points; nothing printed/);
    assert.equal(out, '');
  });
});
