// Parse + check throughput. The core is bundled with esbuild first (as the
// CLI and the server ship it), so the figures are not those of tsx's module
// wrappers. Each run is one `analyze(text)` plus a look at its diagnostics:
// the same work in every run and in every mode.
//
// 10,000-line scenario: 40 warm-up runs, then two modes of 41 runs each, with
// the median (and quartiles) of wall time and of CPU time:
// - "no forced GC": runs back to back; a run pays for whatever collection
//   falls into it, including garbage left by earlier runs;
// - "minor GC before each run" (needs --expose-gc): `gc({ type: 'minor' })`
//   between runs empties the young generation, so each run starts alike and
//   pays for its own collections only. Not a bare `gc()`: a full collection
//   also shrinks the young generation to its minimum, so the next runs
//   scavenge far more often than the program ever would (5–10× slower runs).
//
// The machine is shared, so wall-clock figures swing with the load. CPU time
// (process.cpuUsage: time actually on a core, by every thread of the process,
// the garbage collector's helpers included) is less sensitive to it, and a
// calibration loop (1e8 iterations of a plain `for`, ~100 ms on an idle core
// of this machine) runs before and after the measured runs: "idle-core MB/s"
// scales the CPU time by (100 ms / the loop's CPU time). `perf stat` has no
// hardware counters here; for an exact, load-free count, run the core under
// `valgrind --tool=callgrind` (see docs/performance.md).
//
// The 5 MB file is also analysed without IR (`analyze(text, { ir: false })`,
// what `lwp check` does), and, when the CLI is built (dist/cli.js), checked by
// a fresh `node bin/lwp.js check` process: the cold figure a user sees, with
// Node's startup, the file read and every first touch of memory included.
//
// PARSE_BENCH_CORE names another checkout (or a copy of its `src`) to bundle
// instead of this one: A/B runs of the same harness on the same texts (an
// older core without the `ir` option runs the full analysis in that row).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateBigScenario, generateScenario } from '../test/support/scenarios';

const root = join(__dirname, '..');
const coreRoot = process.env.PARSE_BENCH_CORE ?? root;
const out = join(root, '.tmp', coreRoot === root ? 'bench-analyze.cjs' : 'bench-analyze-ab.cjs');
mkdirSync(join(root, '.tmp'), { recursive: true });

/** Idle-core milliseconds of the calibration loop (1e8 iterations). */
const IDLE_LOOP_MS = 100;
const WARM_UP = 40;
const RUNS = 41;
const BIG_RUNS = 5;

interface Sample {
  readonly wall: number;
  readonly cpu: number;
}

function measure(f: () => void): Sample {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

let sink = 0;
/** The calibration loop: 1e8 iterations of a plain `for`. */
function loop(): void {
  let s = 0;
  for (let i = 0; i < 1e8; i++) s += i;
  sink += s;
}

function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}
const median = (xs: readonly number[]) => quantile(xs, 0.5);

function summary(label: string, mb: number, xs: readonly number[]): string {
  const m = median(xs);
  return `${label} median ${m.toFixed(1)} ms → ${(mb / (m / 1000)).toFixed(1)} MB/s (quartiles ${quantile(xs, 0.25).toFixed(1)}–${quantile(xs, 0.75).toFixed(1)} ms, min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`;
}

async function main(): Promise<void> {
  await build({ entryPoints: [join(coreRoot, 'src/core/analyze.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: out, minify: false, logLevel: 'error' });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { analyze } = require(out) as typeof import('../src/core/analyze');
  const minorGc = globalThis.gc ? () => globalThis.gc!({ type: 'minor' }) : null;

  const run = (text: string, ir = true) => () => {
    const a = analyze(text, { ir });
    if (a.diagnostics.some((d) => d.severity === 'error')) throw new Error('generated scenario has errors: ' + a.diagnostics[0].message);
  };

  const text = generateScenario(10_000);
  const mb = text.length / 1e6;
  const go = run(text);
  for (let i = 0; i < WARM_UP; i++) go();
  const loops: Sample[] = [];
  for (let i = 0; i < 3; i++) loops.push(measure(loop));
  const modes: { label: string; runs: Sample[] }[] = [{ label: 'no forced GC', runs: [] }];
  if (minorGc) modes.push({ label: 'minor GC before each run', runs: [] });
  for (const mode of modes) {
    for (let i = 0; i < RUNS; i++) {
      if (mode.label !== 'no forced GC') minorGc!();
      mode.runs.push(measure(go));
    }
  }
  for (let i = 0; i < 3; i++) loops.push(measure(loop));
  const loopCpu = median(loops.map((r) => r.cpu));
  console.log(`10,000-line scenario: ${text.split('\n').length} lines, ${mb.toFixed(2)} MB; ${RUNS} runs per mode after ${WARM_UP} warm-up runs`);
  for (const mode of modes) {
    const cpu = median(mode.runs.map((r) => r.cpu));
    const idleMs = cpu * (IDLE_LOOP_MS / loopCpu);
    console.log(`  ${mode.label}:`);
    console.log(`    ${summary('wall', mb, mode.runs.map((r) => r.wall))}`);
    console.log(`    ${summary('CPU ', mb, mode.runs.map((r) => r.cpu))}`);
    console.log(`    idle-core estimate: ${idleMs.toFixed(1)} ms → ${(mb / (idleMs / 1000)).toFixed(1)} MB/s`);
  }
  if (!minorGc) console.log('  (run with node --expose-gc for the "minor GC before each run" mode)');
  console.log(`  calibration loop (1e8 iterations): ${median(loops.map((r) => r.wall)).toFixed(0)} ms wall, ${loopCpu.toFixed(0)} ms CPU (idle core: ~${IDLE_LOOP_MS} ms)`);

  const bigText = generateBigScenario(5_000_000);
  const bigMb = bigText.length / 1e6;
  run(bigText)();
  const bigRuns = Array.from({ length: BIG_RUNS }, () => measure(run(bigText)));
  const bigLoop = measure(loop);
  const bigCpu = median(bigRuns.map((r) => r.cpu));
  console.log(`5 MB file (${bigMb.toFixed(2)} MB), ${BIG_RUNS} runs, no forced GC:`);
  console.log(`    ${summary('wall', bigMb, bigRuns.map((r) => r.wall))}`);
  console.log(`    ${summary('CPU ', bigMb, bigRuns.map((r) => r.cpu))}`);
  console.log(`    idle-core estimate ${(bigCpu * (IDLE_LOOP_MS / bigLoop.cpu)).toFixed(0)} ms`);
  const leanRuns = Array.from({ length: BIG_RUNS }, () => measure(run(bigText, false)));
  console.log(`  without IR (\`lwp check\`), ${BIG_RUNS} runs:`);
  console.log(`    ${summary('wall', bigMb, leanRuns.map((r) => r.wall))}`);
  console.log(`    ${summary('CPU ', bigMb, leanRuns.map((r) => r.cpu))}`);

  const cli = join(root, 'bin', 'lwp.js');
  if (existsSync(join(root, 'dist', 'cli.js'))) {
    const file = join(root, '.tmp', 'bench-big.lwp');
    writeFileSync(file, bigText);
    const walls: number[] = [];
    for (let i = 0; i < BIG_RUNS; i++) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [cli, 'check', file], { stdio: 'ignore' });
      walls.push(performance.now() - t0);
      if (r.status !== 0) throw new Error(`lwp check exited with ${r.status}`);
    }
    console.log(`  cold \`node bin/lwp.js check\` (a new process each run; for CPU time and max RSS use /usr/bin/time):`);
    console.log(`    ${summary('wall', bigMb, walls)}`);
  } else console.log('  (run `npm run build` for the cold `lwp check` figure)');
  if (sink === 0.5) console.log('');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
