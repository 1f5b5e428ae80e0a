import { strict as assert } from 'node:assert';
import { analyze } from '../../../src/core/analyze';
import { escapeXml } from '../../../src/core/export/escape';
import { toSvgRuns } from '../../../src/core/export/svg';
import { buildLaneIndex } from '../../../src/core/chart/laneIndex';
import { intervalThread } from '../../../src/core/chart/threads';
import { simulate } from '../../../src/core/sim/simulate';
import { compareVariants, poolWords } from '../../../src/webview/engine';
import { runTitle } from '../../../src/webview/chart/rows';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const scenarioOf = (text: string) => {
  const a = analyze(text);
  assert.ok(a.scenario, JSON.stringify(a.diagnostics));
  return a.scenario;
};

describe('compare: the file’s own run first, each titled', () => {
  it('puts the file’s model first and marks it; mixed models get the file as written first', () => {
    const mn = scenarioOf('process p { model many-to-many lwps 3  thread t { compute 1ms } }\n');
    const v = compareVariants(mn, 'compare');
    assert.deepEqual(v.map((x) => [x.model, x.asWritten]), [['many-to-many', true], ['one-to-one', false], ['many-to-one', false]]);
    assert.equal(v[0].scenario, mn, 'the file’s own run is the file, not an override');
    assert.equal(poolWords(v[0].scenario), 'pool of 3 LWPs');
    assert.equal(poolWords(v[1].scenario), '1 LWP per thread');
    const mixed = scenarioOf('process p { model one-to-one  thread t { compute 1ms } }\nprocess q { model many-to-one  thread u { compute 1ms } }\n');
    const w = compareVariants(mixed, 'compare');
    assert.deepEqual(w.map((x) => x.model), [null, 'one-to-one', 'many-to-one', 'many-to-many']);
    assert.equal(poolWords(w[0].scenario), 'p: 1 LWP per thread; q: 1 LWP');
    assert.deepEqual(compareVariants(mn, 'run').map((x) => x.model), [null]);
  });

  it('the SVG of a compare holds each run under its title, and a legend of only the colours drawn', () => {
    const text = readFileSync(join(__dirname, '../../../examples/01-two-level-solaris.lwp'), 'utf8');
    const s = scenarioOf(text);
    const runs = compareVariants(s, 'compare').map((v) => {
      const result = simulate(v.scenario);
      return { title: runTitle({ model: v.model, asWritten: v.asWritten, pool: poolWords(v.scenario), result, index: buildLaneIndex(result.trace) }), result };
    });
    assert.match(runs[0].title, /^many-to-many \(the file's model\) · pool of 2 LWPs · makespan 13ms$/);
    const svg = toSvgRuns('Solaris', runs, { width: 600 });
    for (const r of runs) assert.ok(svg.includes(`>${escapeXml(r.title)}<`), r.title);
    assert.equal((svg.match(/>CPU 0</g) ?? []).length, 3);
    assert.ok(!svg.includes('kernel thread (LWP) creation'), 'a state no run has is not in the legend');
    assert.ok(svg.includes('>waiting for a CPU<'));
    // Colour by thread: the thread of a column comes from the one shared per-interval rule.
    const colours = new Map([['server.worker#1', '#332288']]);
    const byThread = toSvgRuns('Solaris', runs.slice(0, 1), { width: 600, threadColours: colours });
    assert.ok(byThread.includes('fill="#332288"') && byThread.includes('>server.worker#1 running<'));
    const ix = buildLaneIndex(runs[0].result.trace);
    assert.equal(intervalThread(ix, -1), -1);
  });
});
