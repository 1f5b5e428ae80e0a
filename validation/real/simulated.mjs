// The simulated side of `npm run validate:real`: run one scenario of this
// folder as an experiment of experiments.mjs names it, and read from the run
// what the real program measures. `lwp(args)` runs the `lwp` command with
// those arguments and resolves to {code, stdout}: the driver spawns
// bin/lwp.js, the tests call the CLI in-process.
import { join } from 'node:path';

const here = new URL('.', import.meta.url).pathname;

/** The run of `spec.file` as `lwp run --json` reports it, with `sliceNs` when `spec.slices`. */
export async function simulate(spec, lwp) {
  const path = join(here, spec.file);
  const flags = spec.flags ?? [];
  const res = await lwp(['run', '--json', ...flags, path]);
  if (res.code !== 0 && res.code !== 3) throw new Error(`lwp run ${spec.file} failed (exit ${res.code})`);
  const out = JSON.parse(res.stdout);
  if (spec.slices) out.sliceNs = await medianSlice(path, flags, lwp);
  return out;
}

/**
 * The median time between the starts of successive slices on the CPUs — a
 * slice starts where a CPU runs another thread than just before — from the
 * Perfetto export of the run, as the C program finds it from its hogs.
 */
async function medianSlice(path, flags, lwp) {
  const res = await lwp(['export', ...flags, path, '--format', 'perfetto', '-o', '-']);
  if (res.code !== 0) throw new Error(`lwp export ${path} failed (exit ${res.code})`);
  const cpuEvents = JSON.parse(res.stdout).traceEvents.filter((e) => e.ph === 'X' && e.cat === 'cpu' && e.args?.thread);
  cpuEvents.sort((a, b) => a.ts - b.ts);
  const starts = [];
  let last = null;
  for (const e of cpuEvents) {
    if (e.args.thread !== last) starts.push(e.ts * 1000); // Chrome trace times are in µs
    last = e.args.thread;
  }
  return median(starts.slice(1).map((t, i) => t - starts[i]));
}

export function median(xs) {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}
