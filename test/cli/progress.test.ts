import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import { buildOnce, ROOT } from '../lsp/harness';
import { fixture } from './run.test';

// A run long enough (a few million events, about a second) to show progress, which starts after 250 ms.
const LONG = 'scenario "Long"\nmachine { cpus 4  limit 8s }\nprocess p {\n  model M:N lwps 4\n  thread t * 50 { forever { compute 10us  yield } }\n}\n';
const dir = fixture({ 'long.lwp': LONG });
const file = join(dir, 'long.lwp');

async function runWith(stderrIsTTY: boolean): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { stdout: (t) => (out += t), stderr: (t) => (err += t), stdoutIsTTY: false, stderrIsTTY };
  const code = await main(['run', file, '--json'], io);
  return { code, out, err };
}

const PROGRESS = /\rsimulating… [\d.]+ms simulated, [\d,]+ events /;

describe('cli: progress of long runs', function () {
  this.timeout(120_000);

  it('shows progress on stderr when it is a terminal, then erases it; stdout is the same as without', async () => {
    const tty = await runWith(true);
    const plain = await runWith(false);
    assert.equal(tty.code, 3, 'the run stops at its limit');
    assert.match(tty.err, PROGRESS);
    // Every update overwrites the line; the last write clears it, so nothing is left in the terminal.
    assert.ok(tty.err.endsWith('\r\x1b[K'), `ends with the line cleared: ${JSON.stringify(tty.err.slice(-40))}`);
    const times = [...tty.err.matchAll(/simulating… ([\d.]+)ms simulated/g)].map((m) => Number(m[1]));
    assert.ok(times.every((t, i) => i === 0 || t >= times[i - 1]), `simulated time only grows: ${times.join(', ')}`);
    assert.ok(times.every((t) => t <= 8000), 'never past the limit');
    assert.equal(plain.err, '', 'no progress when stderr is not a terminal');
    assert.equal(tty.out, plain.out, 'the result does not depend on the terminal');
  });

  it('in a real terminal (a pseudo-terminal from script(1)), through bin/lwp.js', function () {
    if (!existsSync('/usr/bin/script')) this.skip(); // util-linux's script is part of every Debian install
    buildOnce();
    const out = join(dir, 'out.json');
    // stdout goes to a file, stderr to the terminal that script records.
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(join(ROOT, 'bin/lwp.js'))} run ${JSON.stringify(file)} --json > ${JSON.stringify(out)}`;
    const r = spawnSync('/usr/bin/script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8', timeout: 100_000 });
    assert.equal(r.status, 3, `exit code of lwp run at its limit (3: deadlock or limit) (script: ${r.stderr})`);
    assert.match(r.stdout, PROGRESS, 'the terminal saw progress');
    assert.ok(r.stdout.includes('\r\x1b[K'), 'and the line cleared');
    const json = JSON.parse(readFileSync(out, 'utf8')) as { status: string };
    assert.equal(json.status, 'limit', 'stdout kept the result alone');
  });
});
