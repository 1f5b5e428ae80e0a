/**
 * The debugger's step times (docs/performance.md, "Debugger"): a scenario
 * run to a point 1 M events in, then steps forward (step in, step over) and
 * back (step back; then step over again, which must return to the very same
 * view), each timed; the goal is under 50 ms per step. Two scenarios: one of
 * debugging size (70 threads in 7 processes of every model, 8 CPUs) and the
 * simulator's bench scenario (10,000 threads, 64 CPUs), whose state is 140
 * times larger: a step back, or a step in that lands in the segment just
 * run, costs a restore of a checkpoint (a copy of the state, ∝ its size)
 * and a replay of at most one checkpoint interval of events; a step over
 * far ahead costs the events run (and a checkpoint copy per interval of new
 * ground). Each scenario is stepped twice: back to back, and with the
 * debugger's work ahead done between steps (Debugger.prepare, which the
 * adapter runs once the client has been quiet for 120 ms at a stop — the
 * time a user takes to read a stop), untimed, as a user would see it.
 */
import { join } from 'node:path';
import type { analyze as Analyze } from '../src/core/analyze';
import type { Debugger as DebuggerClass, Search, Stop } from '../src/core/debug/debugger';
import { benchScenario, bundleCore } from './sim.bench';

interface Core {
  analyze: typeof Analyze;
  Debugger: typeof DebuggerClass;
}

/** The core as it ships (bundled), as bench/sim.bench.ts does, with the debugger. */
function loadBundledCore(): Core {
  const root = process.env.SIM_BENCH_CORE ?? join(__dirname, '..');
  const bundle = bundleCore(root, "export { analyze } from './src/core/analyze'; export { Debugger } from './src/core/debug/debugger';");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(bundle) as Core;
}

/** The simulator bench's models and thread bodies at a size one debugs: 70 threads in 7 processes on 8 CPUs. */
function debuggingScenario(): string {
  return benchScenario(undefined, { name: 'debug bench', cpus: 8, processes: 7, threadsPerBody: 2, kernelSemaphore: 2 });
}

function finish(s: Search): Stop {
  for (;;) {
    const stop = s.advance(1 << 16);
    if (stop !== null) return stop;
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

const { analyze, Debugger } = loadBundledCore();
const TARGET = Number(process.env.DEBUG_BENCH_EVENTS ?? 1_000_000);

function bench(name: string, text: string, rounds: number): void {
  const d = new Debugger(text, analyze(text).scenario!);
  let t0 = performance.now();
  const first = finish(d.goToEvent(TARGET));
  const reach = performance.now() - t0;
  const id = first.threadId ?? first.view.threads.find((t) => t.state.startsWith('running'))!.id;
  const stepping = first.view.threads.find((t) => t.id === id)!.name;
  console.log(`${name}: first pass to event ${first.point.seg.toLocaleString('en-US')} in ${reach.toFixed(0)} ms, ${d.timeline.checkpointCount} checkpoints; stepping thread ${stepping}`);
  for (const ahead of [false, true]) {
    const times: Record<string, number[]> = { 'step in': [], 'step over': [], 'step back': [], 'step over again (same view)': [] };
    const timed = (label: string, command: () => Stop): Stop => {
      // The user reading the last stop: the adapter's work ahead, untimed.
      if (ahead) while (d.prepare());
      t0 = performance.now();
      const stop = command();
      times[label].push(performance.now() - t0);
      return stop;
    };
    for (let i = 0; i < rounds; i++) {
      timed('step in', () => finish(d.stepIn()));
      const before = timed('step over', () => finish(d.next(id)));
      timed('step back', () => d.stepBack(id));
      const again = timed('step over again (same view)', () => finish(d.next(id)));
      if (JSON.stringify(again.view) !== JSON.stringify(before.view)) throw new Error('step back then forward did not return to the same view');
    }
    console.log(ahead ? '  with the work ahead between steps (as in the editor):' : '  back to back:');
    for (const [k, v] of Object.entries(times)) console.log(`    ${k.padEnd(30)} median ${median(v).toFixed(1)} ms   max ${Math.max(...v).toFixed(1)} ms   (${v.length} steps)`);
  }
}

bench('debugging size (70 threads, 8 CPUs)', debuggingScenario(), 20);
if (!process.argv.includes('--small')) bench('simulator bench (10,000 threads, 64 CPUs)', benchScenario(), 10);
