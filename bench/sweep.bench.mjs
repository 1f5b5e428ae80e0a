// `lwp sweep` end to end, as a user runs it: node, bin/lwp.js, the built
// bundle, worker threads, JSON on stdout. Wall-clock per command, medians of
// ROUNDS, alternating the default (cores − 1 workers) and --jobs 0 (one
// thread) so both see the same load.
//
//   npm run bench -- sweep          (figures go to docs/performance.md, "## Sweeps")
//
// The target (issue 18): the 64-point sweep of example 01 in under 2 s on the
// project's 2-core machine. The 10,000-point runs (MAX_SWEEP_POINTS) say how
// large a sweep one machine handles: points per second, and the peak memory.
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';

const ROUNDS = Number(process.env.LWP_BENCH_ROUNDS ?? 5);
const EX01 = 'examples/01-two-level-solaris.lwp';
const EX05 = 'examples/05-cure-sigwaiting.lwp';

const CASES = [
  { name: '64 points, example 01', args: ['sweep', EX01, '--vary', 'cpus=1..4', '--vary', 'server.lwps=1..4', '--vary', 'server.worker.count=1..4', '--json'], target: 2000 },
  { name: '10,000 points, example 01', args: ['sweep', EX01, '--vary', 'cpus=1..100', '--vary', 'server.worker.count=1..100', '--json'], rounds: 3 },
  { name: '10,000 points, example 05', args: ['sweep', EX05, '--vary', 'cpus=1..100', '--vary', 'costs.kernel-switch=0ns..99us step 1us', '--json'], rounds: 3 },
];

function once(args) {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, 'bin/lwp.js', ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`lwp ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const points = JSON.parse(r.stdout).points.length;
  const kb = Number(r.stderr.trim().split('\n').pop());
  return { ms, points, mb: kb / 1024 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`cores ${availableParallelism()}, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}, ${ROUNDS} rounds`);
let failed = false;
for (const c of CASES) {
  const runs = { default: [], one: [] };
  let points = 0;
  let mb = 0;
  for (let i = 0; i < (c.rounds ?? ROUNDS); i++) {
    const d = once(c.args);
    const o = once([...c.args, '--jobs', '0']);
    runs.default.push(d.ms);
    runs.one.push(o.ms);
    points = d.points;
    mb = Math.max(mb, d.mb);
  }
  const md = median(runs.default);
  const mo = median(runs.one);
  const verdict = c.target ? (md < c.target ? `  under ${c.target} ms: yes` : `  under ${c.target} ms: NO`) : '';
  if (c.target && md >= c.target) failed = true;
  console.log(
    `${c.name}: ${points} points — workers ${md.toFixed(0)} ms (${((points / md) * 1000).toFixed(0)} points/s, peak ${mb.toFixed(0)} MB), one thread ${mo.toFixed(0)} ms; all: [${runs.default.map((x) => x.toFixed(0)).join(', ')}] / [${runs.one.map((x) => x.toFixed(0)).join(', ')}]${verdict}`,
  );
}
console.log(`load after ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
process.exit(failed ? 1 : 0);
