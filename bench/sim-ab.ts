/**
 * The simulator of two checkouts, A/B in one process (docs/performance.md,
 * "Simulator"): both cores bundled like dist/*.js, warmed the bench's way (a
 * traced run first), then rounds that run the bench scenario traceless to
 * the same event cap with A and B alternated (ABAB… then BABA… so neither
 * always goes first). Prints each round's CPU ns per event and the B/A ratio
 * per round with its median: on a shared machine the ratio of neighbouring
 * runs is the figure that holds, not either rate.
 *
 *   node --expose-gc --import tsx bench/sim-ab.ts /tmp/base-checkout [/work/main] [rounds] [events]
 *
 * SIM_AB_PLAIN=1 runs the bench scenario without kernel waits and with every
 * cost zero: a run that issue 14's semantics (kernel waits, the quantum after
 * dispatch costs) leave unchanged, so two checkouts on either side of it do
 * the same work and the ratio is the code's cost alone (the script checks
 * that both runs end alike).
 *
 * Not one of `npm run bench`'s files (it needs a second checkout).
 */
import { benchScenario, loadBundledCore } from './sim.bench';
import { join } from 'node:path';

function cpuMs(c0: NodeJS.CpuUsage): number {
  const cu = process.cpuUsage(c0);
  return (cu.user + cu.system) / 1000;
}

function main(): void {
  const [a, b = join(__dirname, '..'), roundsArg = '8', eventsArg = '1e7'] = process.argv.slice(2);
  if (!a) {
    console.error('usage: bench/sim-ab.ts BASE_CHECKOUT [NEW_CHECKOUT] [ROUNDS] [EVENTS]');
    process.exit(2);
  }
  const rounds = Number(roundsArg);
  const events = Number(eventsArg);
  const plain = process.env.SIM_AB_PLAIN === '1';
  const text = plain ? plainScenario() : benchScenario();
  const ends: string[] = [];
  const cores = [a, b].map((root) => {
    const core = loadBundledCore(root);
    const analysis = core.analyze(text);
    if (!analysis.scenario) throw new Error(`${root}: the bench scenario has errors`);
    const sc = analysis.scenario;
    core.simulate(sc, { maxEvents: 200_000 });
    core.simulate(sc, { maxEvents: 200_000, recordTrace: false });
    let setup = Infinity;
    for (let i = 0; i < 3; i++) {
      const c0 = process.cpuUsage();
      core.simulate(sc, { maxEvents: 0 });
      setup = Math.min(setup, cpuMs(c0));
    }
    return { root, run: () => core.simulate(sc, { maxEvents: events, recordTrace: false }), setup };
  });
  const ratios: number[] = [];
  console.log(`A = ${a}\nB = ${b}\n| round | A ns/event | B ns/event | B/A |\n|---|---|---|---|`);
  for (let r = 0; r < rounds; r++) {
    const ns: number[] = [0, 0];
    const order = r % 2 === 0 ? [0, 1] : [1, 0];
    for (const i of order) {
      globalThis.gc?.();
      const c0 = process.cpuUsage();
      const result = cores[i].run();
      if (r === 0) ends[i] = `${result.events} events, makespan ${result.makespan}, ${result.status}`;
      ns[i] = ((cpuMs(c0) - cores[i].setup) * 1e6) / result.events;
    }
    if (r === 0 && ends[0] !== ends[1])
      console.log(`note: the two runs differ (A: ${ends[0]}; B: ${ends[1]}), so the ratio also compares different work`);
    ratios.push(ns[1] / ns[0]);
    console.log(`| ${r + 1} | ${ns[0].toFixed(0)} | ${ns[1].toFixed(0)} | ${(ns[1] / ns[0]).toFixed(3)} |`);
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
