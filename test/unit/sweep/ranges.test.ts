import * as assert from 'node:assert/strict';
import { analyze } from '../../../src/core/analyze';
import { applyPoint, isPlanError, parameterNames, parseRange, planSweep, pointAssignments, suggestValues, type ValueKind } from '../../../src/core/sweep';

const COUNT: ValueKind = { kind: 'count', min: 1, max: 1024 };
const DURATION: ValueKind = { kind: 'duration', min: 0, max: Number.MAX_SAFE_INTEGER };
const MODEL: ValueKind = { kind: 'word', words: ['one-to-one', 'many-to-one', 'many-to-many'], aliases: { '1:1': 'one-to-one', 'N:1': 'many-to-one', 'M:N': 'many-to-many' } };

describe('sweep: values and points', () => {
  it('reads lists, ranges, steps and mixes, in the order written', () => {
    assert.deepEqual(parseRange('1,2,4', COUNT), { ok: true, values: [1, 2, 4] });
    assert.deepEqual(parseRange('1..4', COUNT), { ok: true, values: [1, 2, 3, 4] });
    assert.deepEqual(parseRange('1..16 step 5', COUNT), { ok: true, values: [1, 6, 11, 16] });
    assert.deepEqual(parseRange('1..3, 8 ,16', COUNT), { ok: true, values: [1, 2, 3, 8, 16] });
    assert.deepEqual(parseRange('0ns..1ms step 250us', DURATION), { ok: true, values: [0, 250_000, 500_000, 750_000, 1_000_000] });
    assert.deepEqual(parseRange('1:1,many-to-many', MODEL), { ok: true, values: ['one-to-one', 'many-to-many'] });
  });

  it('positions every mistake in the text', () => {
    assert.deepEqual(parseRange('1,x', COUNT), { ok: false, message: "'x' is not a whole number", at: 2, length: 1 });
    assert.deepEqual(parseRange('5..2', COUNT), { ok: false, message: 'the range 5..2 is empty: it ends before it starts', at: 0, length: 4 });
    assert.deepEqual(parseRange('1ms,2', DURATION), { ok: false, message: "'2' needs a unit: ns, us, ms or s (2ms)", at: 4, length: 1 });
    assert.deepEqual(parseRange('M:N,M:N', MODEL), { ok: false, message: 'many-to-many is listed twice', at: 4, length: 3 });
    assert.equal(parseRange('1..4 step 0', COUNT).ok, false);
    assert.equal(parseRange('1..100000', { kind: 'count', min: 1, max: 1e9 }).ok, false, 'over MAX_SWEEP_POINTS');
  });

  it('offers values around the file value', () => {
    assert.equal(suggestValues(COUNT, 2), '1..8');
    assert.equal(suggestValues(MODEL, 'one-to-one'), '1:1,N:1,M:N');
    assert.equal(suggestValues(DURATION, 4_000_000), '0ns..8ms step 1ms');
  });

  it('numbers points first-parameter-slowest and applies them as the file would say', () => {
    const text = 'machine { cpus 2 }\nprocess p { model M:N lwps 2\n  thread t * 3 { compute 1ms\n io 2ms }\n}\n';
    const s = analyze(text).scenario!;
    assert.deepEqual(parameterNames(s).filter((n) => n.startsWith('p.')), ['p.model', 'p.lwps', 'p.upcalls', 'p.sigwaiting', 'p.t.count', 'p.t.priority', 'p.t.start', 'p.t.compute', 'p.t.io']);
    const plan = planSweep(s, ['cpus=1,4', 'p.lwps=1..3', 'p.t.io@4=5ms'], (o) => text.slice(0, o).split('\n').length);
    assert.ok(!isPlanError(plan));
    if (isPlanError(plan)) return;
    assert.equal(plan.points, 6);
    assert.deepEqual(pointAssignments(plan, 4).map((a) => a.value), [4, 2, 5_000_000]);
    const { scenario } = applyPoint(s, pointAssignments(plan, 4));
    assert.equal(scenario.cpus, 4);
    assert.equal(scenario.processes[0].lwps, 2);
    assert.deepEqual(scenario.processes[0].threads[0].code.map((i) => ('ns' in i ? i.ns : null)), [1_000_000, 5_000_000]);
    assert.equal(s.processes[0].threads[0].code[1].op === 'io' && 'ns' in s.processes[0].threads[0].code[1] ? s.processes[0].threads[0].code[1].ns : 0, 2_000_000, 'the base scenario is untouched');
  });
});
