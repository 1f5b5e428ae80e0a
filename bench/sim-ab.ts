/**
 * The simulator of two checkouts, A/B (docs/performance.md, "Simulator"):
 * both cores bundled like dist/*.js, warmed the bench's way (a traced run
 * first), then rounds that run the bench scenario traceless to the same
 * event cap with A and B alternated (AB… then BA… so neither always goes
 * first). Prints each round's CPU ns per event and the B/A ratio per round
 * with its median: on a shared machine the ratio of neighbouring runs is the
 * figure that holds, not either rate.
 *
 *   node --expose-gc --import tsx bench/sim-ab.ts /tmp/base-checkout [/work/main] [rounds] [events]
 *
 * By default each run is a process of its own that loads one core, as the
 * CLI, the language server and the web worker each run one: a round starts
 * one process per checkout, which warms its core and times RUNS_PER_PROCESS
 * runs (2, or SIM_AB_RUNS; their mean is its figure), with no forced
 * collection before them. A fresh process per run also draws a new
 * memory and code layout each time, so a layout that happens to suit or
 * hurt one build does not decide every round.
 *
 * SIM_AB_MODE=shared loads both cores into one process and alternates them
 * there, with a full collection before each run and then two short runs
 * to optimize again (collectAndWarm). Until 2026-12-05 this was the only method, and it timed
 * each run right after the collection: that overstated the gap between two
 * builds whose code differs, because a forced collection makes V8 throw
 * away the optimized code (deoptimizations with reason "weak objects"), so
 * every timed run began by optimizing the simulator again — 208 functions
 * optimized during the head's two timed runs, 29 without the collection,
 * 44 with two short runs after it (`--trace-opt --trace-deopt`). The head,
 * made of more and smaller functions, lost more to that than 2e677b4
 * (docs/performance.md, "Speed floor (issue 11)").
 *
 * SIM_AB_PLAIN=1 runs the bench scenario without kernel waits and with every
 * cost zero: a run that issue 14's semantics (kernel waits, the quantum after
 * dispatch costs) leave unchanged, so two checkouts on either side of it do
 * the same work and the ratio is the code's cost alone (the script checks
 * that both runs end alike).
 *
 * Not one of `npm run bench`'s files (it needs a second checkout).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchScenario, bundleCore, collectAndWarm, warmUp } from './sim.bench';
import type { analyze as Analyze } from '../src/core/analyze';
import type { simulate as Simulate } from '../src/core/sim/simulate';

type Core = { analyze: typeof Analyze; simulate: typeof Simulate };

/** Timed runs per process in the default mode (the figure is their mean); SIM_AB_RUNS sets it. */
const RUNS_PER_PROCESS = Number(process.env.SIM_AB_RUNS ?? 2);

function cpuMs(c0: NodeJS.CpuUsage): number {
  const cu = process.cpuUsage(c0);
  return (cu.user + cu.system) / 1000;
}

/**
 * A core loaded and warmed the bench's way, with the CPU ms of a run that
 * stops before its first event (subtracted from each run). `collectFirst`:
 * a full collection before each run, then two short runs (shared mode,
 * so that one core's garbage is not collected during the other's run).
 */
function warmed(bundle: string, text: string, events: number, collectFirst: boolean): { run: () => { ns: number; end: string } } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const core = require(bundle) as Core;
  const analysis = core.analyze(text);
  if (!analysis.scenario) throw new Error(`${bundle}: the bench scenario has errors`);
  const sc = analysis.scenario;
  warmUp(core.simulate, sc);
  let setup = Infinity;
  for (let i = 0; i < 3; i++) {
    const c0 = process.cpuUsage();
    core.simulate(sc, { maxEvents: 0 });
    setup = Math.min(setup, cpuMs(c0));
  }
  return {
    run: () => {
      if (collectFirst) collectAndWarm(core.simulate, sc, false);
      const c0 = process.cpuUsage();
      const result = core.simulate(sc, { maxEvents: events, recordTrace: false });
      const ns = ((cpuMs(c0) - setup) * 1e6) / result.events;
      return { ns, end: `${result.events} events, makespan ${result.makespan}, ${result.status}` };
    },
  };
}

/** A child process: `--child BUNDLE SCENARIO_FILE EVENTS RUNS`; prints {ns, end} as JSON. */
function child(args: string[]): void {
  const [bundle, scenarioFile, events, runs] = args;
  const core = warmed(bundle, readFileSync(scenarioFile, 'utf8'), Number(events), false);
  let sum = 0;
  let end = '';
  for (let i = 0; i < Number(runs); i++) {
    const r = core.run();
    sum += r.ns;
    end = r.end;
  }
  process.stdout.write(JSON.stringify({ ns: sum / Number(runs), end }));
}

function main(): void {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') return child(argv.slice(1));
  const [a, b = join(__dirname, '..'), roundsArg = '8', eventsArg = '1e7'] = argv;
  if (!a) {
    console.error('usage: bench/sim-ab.ts BASE_CHECKOUT [NEW_CHECKOUT] [ROUNDS] [EVENTS]');
    process.exit(2);
  }
  const rounds = Number(roundsArg);
  const events = Number(eventsArg);
  const plain = process.env.SIM_AB_PLAIN === '1';
  const shared = process.env.SIM_AB_MODE === 'shared';
  const text = plain ? plainScenario() : benchScenario();
  const bundles = [a, b].map((root) => bundleCore(root));
  const scenarioFile = join(mkdtempSync(join(tmpdir(), 'lwp-sim-ab-')), 'bench.lwp');
  writeFileSync(scenarioFile, text);

  // One run of checkout i: in this process (shared) or in a process of its own.
  const inProcess = shared ? bundles.map((bundle) => warmed(bundle, text, events, true)) : [];
  const measure = (i: number): { ns: number; end: string } => {
    if (shared) return inProcess[i].run();
    const out = spawnSync(process.execPath, [...process.execArgv, __filename, '--child', bundles[i], scenarioFile, String(events), String(RUNS_PER_PROCESS)], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (out.status !== 0) throw new Error(`the run of ${[a, b][i]} failed:\n${out.stderr}`);
    return JSON.parse(out.stdout) as { ns: number; end: string };
  };

  const ratios: number[] = [];
  const how = shared ? 'both cores in this process' : `a process per run, ${RUNS_PER_PROCESS} timed runs each (their mean)`;
  console.log(`A = ${a}\nB = ${b}\n${rounds} rounds of ${events} events without a trace, ${how}\n| round | A ns/event | B ns/event | B/A |\n|---|---|---|---|`);
  for (let r = 0; r < rounds; r++) {
    const runs: { ns: number; end: string }[] = [];
    for (const i of r % 2 === 0 ? [0, 1] : [1, 0]) runs[i] = measure(i);
    if (r === 0 && runs[0].end !== runs[1].end)
      console.log(`note: the two runs differ (A: ${runs[0].end}; B: ${runs[1].end}), so the ratio also compares different work`);
    const ratio = runs[1].ns / runs[0].ns;
    ratios.push(ratio);
    console.log(`| ${r + 1} | ${runs[0].ns.toFixed(0)} | ${runs[1].ns.toFixed(0)} | ${ratio.toFixed(3)} |`);
  }
  const sorted = [...ratios].sort((x, y) => x - y);
  const median = (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2;
  console.log(
    `B/A median ${median.toFixed(3)} (range ${sorted[0].toFixed(3)}–${sorted[sorted.length - 1].toFixed(3)}): B runs at ${(100 / median) | 0} % of A's events per second`,
  );
}

/** The bench scenario with nothing issue 14 changed the meaning of: no kernel semaphore waits, every cost zero. */
function plainScenario(): string {
  const zero =
    'costs { mode-switch 0ns kernel-switch 0ns address-space-switch 0ns user-switch 0ns user-create 0ns kernel-create 0ns upcall 0ns }';
  return benchScenario()
    .replace(/wait ks {2}post ks/g, 'yield')
    .replace('limit 1000s }', `limit 1000s\n  ${zero} }`);
}

main();
