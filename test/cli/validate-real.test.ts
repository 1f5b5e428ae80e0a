import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIO } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import type * as Experiments from '../../validation/real/experiments.mjs';
import type * as Simulated from '../../validation/real/simulated.mjs';

(globalThis as { __LWP_VERSION__?: string }).__LWP_VERSION__ ??= 'test';

const realDir = join(__dirname, '..', '..', 'validation', 'real');

async function lwp(args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const io: CliIO = { stdout: (t) => (stdout += t), stderr: () => undefined, stdoutIsTTY: false, stderrIsTTY: false };
  const code = await main(args, io);
  return { code, stdout };
}

/** The experiment names a program's source dispatches on. */
function dispatched(prog: string): Set<string> {
  const src = readFileSync(join(realDir, prog === 'goroutines' ? 'goroutines.go' : `${prog}.c`), 'utf8');
  const re = prog === 'goroutines' ? /case "([a-z-]+)":/g : /!strcmp\(e, "([a-z-]+)"\)/g;
  return new Set([...src.matchAll(re)].map((m) => m[1]));
}

/**
 * `npm run validate:real` measures the machine and is not part of the tests;
 * these check that its table still fits the programs and the simulator, so
 * that a change to a scenario (issue 14 will switch scheduler, hand-off and
 * cost lines) or to a program cannot break it unnoticed.
 */
describe('validate:real — the experiment table (validation/real/experiments.mjs)', function () {
  this.timeout(60_000);
  let table: typeof Experiments;
  let sim: typeof Simulated;
  before(async () => {
    table = await import('../../validation/real/experiments.mjs');
    sim = await import('../../validation/real/simulated.mjs');
  });

  it('every real run names a program and an experiment that program has', () => {
    const known = new Map(['pthreads', 'pth', 'goroutines'].map((p) => [p, dispatched(p)]));
    for (const e of table.EXPERIMENTS) {
      for (const run of Object.values(e.runs)) {
        const names = known.get(run.prog);
        assert.ok(names, `${e.id}: unknown program ${run.prog}`);
        assert.ok(names.has(run.args[0]), `${e.id}: ${run.prog} has no experiment ${run.args[0]}`);
        assert.match(run.cpus, /^\d+(,\d+)*$/, `${e.id}: taskset CPU list`);
      }
    }
  });

  it('every experiment id is unique, and every tolerance is one of the fixed ones', () => {
    const ids = table.EXPERIMENTS.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length);
    const fixed = new Set(Object.values(table.TOLERANCE));
    for (const e of table.EXPERIMENTS) assert.ok(fixed.has(e.tolerance), `${e.id} has a tolerance of its own`);
  });

  it('every simulated side runs on the simulator and yields the figure its tolerance compares', async () => {
    for (const e of table.EXPERIMENTS) {
      const runs: Record<string, Experiments.SimResult> = {};
      for (const [k, spec] of Object.entries(e.sims)) runs[k] = await sim.simulate(spec, lwp);
      const figure = e.sim(runs);
      // Outcomes are words (a run's status, 'overlapped' or 'stalled'); the rest are numbers.
      if (e.tolerance.kind === 'equal') assert.ok(typeof figure === 'string' && /^[a-z]+$/.test(figure), `${e.id}: ${String(figure)}`);
      else assert.ok(typeof figure === 'number' && Number.isFinite(figure) && figure >= 0, `${e.id}: ${String(figure)}`);
    }
  });

  it('the time slice is read from the trace: two hogs on one CPU alternate, so slices are shorter than the run', async () => {
    const r = await sim.simulate({ file: 'timeslice.lwp', slices: true }, lwp);
    assert.ok(r.sliceNs !== undefined && r.sliceNs > 0 && r.sliceNs < r.makespan / 4, `slice ${String(r.sliceNs)} of ${r.makespan}`);
  });

  it('median: the middle value, the mean of the middle two, NaN for none, non-numbers ignored', () => {
    assert.equal(sim.median([3, 1, 2]), 2);
    assert.equal(sim.median([4, 1, 3, 2]), 2.5);
    assert.ok(Number.isNaN(sim.median([])));
    assert.equal(sim.median([NaN, 5]), 5);
  });
});
