/**
 * Runs one simulation in a child process for tests of runs that must end:
 * a regression would loop synchronously, which no mocha timeout can stop, so
 * the test runs this script under a wall-clock kill instead.
 * argv: scenario text, then a JSON SimOptions subset ({ maxSteps, cancelAfterPolls }).
 * Prints { status, events, summary, polls, ms } as JSON.
 */
import { analyze } from '../../src/core/analyze';
import { simulate } from '../../src/core/sim/simulate';

const [text, json] = process.argv.slice(2);
const opts = JSON.parse(json ?? '{}') as { maxSteps?: number; cancelAfterPolls?: number };
const a = analyze(text ?? '');
if (!a.scenario) throw new Error('the scenario has errors');
let polls = 0;
const t0 = performance.now();
const after = opts.cancelAfterPolls;
const r = simulate(a.scenario, {
  recordTrace: false,
  maxSteps: opts.maxSteps,
  shouldStop: after === undefined ? undefined : () => ++polls >= after,
});
process.stdout.write(JSON.stringify({ status: r.status, events: r.events, summary: r.limit?.summary ?? '', polls, ms: performance.now() - t0 }));
