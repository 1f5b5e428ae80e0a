/** Chart tooltips: what an interval of a thread lane says it waits for. */
import { strict as assert } from 'node:assert';
import { buildLaneIndex } from '../../../src/core/chart/laneIndex';
import { State } from '../../../src/core/sim/result';
import { describeInterval } from '../../../src/webview/describe';
import { scenarioInfo } from '../../../src/webview/engine';
import { machine, run, scenarioOf, ZERO } from '../sim/helpers';

describe('chart tooltips', () => {
  it('an interval waiting at a barrier says so and names it; a semaphore wait is "waiting on"', () => {
    const text = machine(1, ZERO) + 'process p { model N:1 barrier b = 2 semaphore s thread a { arrive b wait s } thread c { compute 1ms arrive b yield compute 1ms post s } }';
    const r = run(text);
    const trace = r.trace;
    const ix = buildLaneIndex(trace);
    const info = scenarioInfo(scenarioOf(text));
    const details: string[] = [];
    for (let pos = 0; pos < trace.count; pos++) {
      const i = ix.order[pos];
      if (trace.state[i] === State.ThreadBlockedSync) details.push(describeInterval(trace, ix, pos, info, text, new Map()).detail ?? '');
    }
    assert.deepEqual(details, ['waiting at barrier b', 'waiting on s']);
  });
});
