// Parse + check throughput. The core is bundled with esbuild first (as the
// CLI and the server ship it), so the figures are not those of tsx's module
// wrappers. Prints MB/s for a 10,000-line scenario (median of 9 runs after
// warm-up) and the time for a 5 MB file.
//
// The machine is shared, so wall-clock figures swing several-fold with the
// load. Each run is therefore also timed in CPU time (process.cpuUsage: time
// actually spent on a core, by every thread of the process, the garbage
// collector's helpers included), and a calibration loop runs in the same
// process: a plain `for` loop of 1e8 iterations, which takes ~100 ms on an
// idle core of this machine. "Idle-core MB/s" scales the measured CPU time by
// (100 ms / the loop's CPU time), i.e. it is the throughput on a core that
// runs the loop in 100 ms. `perf stat` has no hardware counters here; for an
// exact, load-free count, run the core under `valgrind --tool=callgrind`
// (see docs/performance.md).
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateBigScenario, generateScenario } from '../test/support/scenarios';

const root = join(__dirname, '..');
const out = join(root, '.tmp', 'bench-analyze.cjs');
mkdirSync(join(root, '.tmp'), { recursive: true });

/** Idle-core milliseconds of the calibration loop (1e8 iterations). */
const IDLE_LOOP_MS = 100;

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

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  await build({ entryPoints: [join(root, 'src/core/analyze.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: out, minify: false, logLevel: 'error' });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { analyze } = require(out) as typeof import('../src/core/analyze');

  const run = (text: string) => () => {
    const a = analyze(text);
    if (a.diagnostics.some((d) => d.severity === 'error')) throw new Error('generated scenario has errors: ' + a.diagnostics[0].message);
  };

  loop();
  const text = generateScenario(10_000);
  for (let i = 0; i < 15; i++) run(text)();
  const runs: Sample[] = [];
  const loops: Sample[] = [];
  // Interleaved, so that the loop sees the same load as the runs around it.
  for (let i = 0; i < 9; i++) {
    runs.push(measure(run(text)));
    if (i % 3 === 0) loops.push(measure(loop));
  }
  const mb = text.length / 1e6;
  const wall = median(runs.map((r) => r.wall));
  const cpu = median(runs.map((r) => r.cpu));
  const loopWall = median(loops.map((r) => r.wall));
  const loopCpu = median(loops.map((r) => r.cpu));
  const idleMs = cpu * (IDLE_LOOP_MS / loopCpu);
  console.log(`10,000-line scenario: ${text.split('\n').length} lines, ${mb.toFixed(2)} MB: median ${wall.toFixed(1)} ms → ${(mb / (wall / 1000)).toFixed(1)} MB/s (runs: ${runs.map((r) => r.wall.toFixed(0)).join(', ')} ms)`);
  console.log(`  CPU time: median ${cpu.toFixed(1)} ms → ${(mb / (cpu / 1000)).toFixed(1)} MB/s`);
  console.log(`  calibration loop (1e8 iterations): ${loopWall.toFixed(0)} ms wall, ${loopCpu.toFixed(0)} ms CPU (idle core: ~${IDLE_LOOP_MS} ms)`);
  console.log(`  idle-core estimate: ${idleMs.toFixed(1)} ms → ${(mb / (idleMs / 1000)).toFixed(1)} MB/s`);

  const bigText = generateBigScenario(5_000_000);
  run(bigText)();
  const bigRuns = Array.from({ length: 3 }, () => measure(run(bigText)));
  const bigLoop = measure(loop);
  const bigCpu = median(bigRuns.map((r) => r.cpu));
  console.log(`5 MB file (${(bigText.length / 1e6).toFixed(2)} MB): median ${median(bigRuns.map((r) => r.wall)).toFixed(0)} ms (runs: ${bigRuns.map((r) => r.wall.toFixed(0)).join(', ')} ms); CPU ${bigCpu.toFixed(0)} ms; idle-core estimate ${(bigCpu * (IDLE_LOOP_MS / bigLoop.cpu)).toFixed(0)} ms`);
  if (sink === 0.5) console.log('');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
