/**
 * Cost presets (LANGUAGE.md §8): `costs NAME` loads the table of
 * costPresets.ts, entries in braces override it, an unknown name is a
 * positioned error with a quick fix; hovers and completion show each
 * preset's values and source.
 */
import * as assert from 'node:assert/strict';
import { analyze } from '../../../src/core/analyze';
import { DEFAULT_COSTS } from '../../../src/core/check/ir';
import { format } from '../../../src/core/format/format';
import { COST_PRESETS, costPreset } from '../../../src/core/language/costPresets';
import { COSTS } from '../../../src/core/language/registry';
import { simulate } from '../../../src/core/sim/simulate';
import { formatDuration } from '../../../src/core/units';
import { analyzeDocument } from '../../../src/server/analysis';
import { codeActions } from '../../../src/server/codeActions';
import { complete } from '../../../src/server/completion';
import { toLspDiagnostic } from '../../../src/server/convert';
import { hover } from '../../../src/server/hover';

const P = 'process p {\n  thread t { compute 1ms }\n}\n';

function hoverAt(text: string, needle: string): string {
  const doc = analyzeDocument('file:///t.lwp', 1, text);
  const h = hover(doc, text.indexOf(needle) + 1, null);
  assert.ok(h, `no hover on '${needle}'`);
  return (h.contents as { value: string }).value;
}

function labelsAt(text: string): string[] {
  const offset = text.indexOf('|');
  const source = text.slice(0, offset) + text.slice(offset + 1);
  return complete(analyzeDocument('file:///t.lwp', 1, source), offset).map((i) => i.label);
}

describe('cost presets', () => {
  it('every preset value is a whole number of ns ≥ 0, names a real cost, and says where it comes from', () => {
    const names = new Set<string>(COSTS.map((c) => c.word));
    for (const p of COST_PRESETS) {
      assert.ok(p.source.length > 10, `${p.word}: no source`);
      for (const [name, v] of Object.entries(p.costs)) {
        assert.ok(names.has(name), `${p.word}: unknown cost ${name}`);
        assert.ok(Number.isInteger(v.ns) && v.ns >= 0, `${p.word}.${name} = ${v.ns}`);
        assert.ok(v.from.length > 10, `${p.word}.${name}: no source`);
      }
    }
  });

  it('`costs NAME` loads the preset, entries in braces override it, the rest keep their defaults', () => {
    const linux = costPreset('linux')!;
    const a = analyze(`machine { costs linux }\n${P}`);
    assert.deepEqual(a.diagnostics, []);
    for (const c of COSTS) assert.equal(a.scenario!.costs[c.word], linux.costs[c.word]?.ns ?? DEFAULT_COSTS[c.word], c.word);
    const b = analyze(`machine { costs linux { kernel-switch 3us } }\n${P}`);
    assert.equal(b.scenario!.costs['kernel-switch'], 3000);
    assert.equal(b.scenario!.costs['mode-switch'], linux.costs['mode-switch']!.ns);
    assert.deepEqual(analyze(`machine { costs default }\n${P}`).scenario!.costs, DEFAULT_COSTS);
  });

  it('the firefly preset is the costs the Firefly validation scenarios write out', () => {
    const f = analyze(`machine { costs firefly }\n${P}`).scenario!.costs;
    assert.deepEqual(f, { 'mode-switch': 19_000, 'kernel-switch': 182_500, 'address-space-switch': 0, 'user-switch': 4_500, 'user-create': 4_000, 'kernel-create': 538_000, upcall: 580_000 });
  });

  it('each linux and pth mapping gives back its measurement when the simulator runs that benchmark', () => {
    // What each `from` claims: the benchmark, as a scenario, costs the measured figure per operation.
    const pingPong = (model: string) => `process p { model ${model} semaphore a = 0 semaphore b = 0 thread x { repeat 1000 { post a  wait b } } thread y { repeat 1000 { wait a  post b } } }`;
    const forkJoin = (model: string) => `process p { model ${model} thread main { repeat 1000 { spawn c  join c } } thread c spawned { } }`;
    const cases: [string, string, number, number][] = [
      ['linux', 'process p { model 1:1 thread x { repeat 1000 { syscall 0ns } } }', 1000, 1_000], // a null system call
      ['linux', pingPong('1:1'), 2000, 2_300], // a futex hand-off
      ['linux', forkJoin('1:1'), 1000, 28_000], // pthread_create + join
      ['linux', pingPong('M:N lwps 1'), 2000, 120], // a goroutine switch
      ['linux', forkJoin('M:N lwps 1'), 1000, 300], // a goroutine spawn + wait
      ['pth', pingPong('N:1'), 2000, 27_000], // a Pth switch
    ];
    for (const [preset, body, ops, measuredNs] of cases) {
      const r = simulate(analyze(`machine { cpus 1 costs ${preset} }\n${body}`).scenario!, { recordTrace: false });
      assert.equal(r.status, 'completed');
      const perOp = r.makespan / ops;
      assert.ok(Math.abs(perOp - measuredNs) <= measuredNs * 0.01, `${preset}: ${body}: ${perOp} ns per operation, measured ${measuredNs}`);
    }
  });

  it('an unknown preset is a positioned error whose quick fix writes the nearest name', () => {
    const text = `machine { costs linx }\n${P}`;
    const doc = analyzeDocument('file:///t.lwp', 1, text);
    assert.deepEqual(
      doc.diagnostics.map((d) => [d.code, d.span.start, d.span.end]),
      [['LWP2014', text.indexOf('linx'), text.indexOf('linx') + 4]],
    );
    const fixes = codeActions(doc, doc.diagnostics.map((d) => toLspDiagnostic(d, doc.lines, doc.uri)));
    assert.ok(fixes.some((f) => f.title === "Change to 'linux'"), fixes.map((f) => f.title).join(', '));
  });

  it('hovers show a preset’s values and source, on its name and on `costs`', () => {
    const text = `machine { costs pth }\n${P}`;
    const onName = hoverAt(text, 'pth');
    assert.match(onName, /GNU Pth/);
    assert.match(onName, /`user-switch` \| 27us/);
    assert.match(onName, /pth_sched\.c/);
    const onKeyword = hoverAt(text, 'costs');
    assert.match(onKeyword, /Set the price of each mechanism/);
    assert.match(onKeyword, /`user-switch` \| 27us/);
    const firefly = hoverAt(`machine { costs firefly { upcall 1us } }\n${P}`, 'firefly');
    assert.match(firefly, /Table IV/);
    assert.match(firefly, new RegExp(`\`kernel-switch\` \\| ${formatDuration(182_500).replace('.', '\\.')}`));
  });

  it('completion offers the presets after `costs`, the cost names inside its braces', () => {
    assert.deepEqual(labelsAt(`machine { costs | }\n${P}`), COST_PRESETS.map((p) => p.word));
    assert.deepEqual(labelsAt(`machine { costs linux { | } }\n${P}`), COSTS.map((c) => c.word));
  });

  it('the formatter keeps a preset, alone or with overrides', () => {
    for (const src of [`machine {\n  costs linux\n  cpus 2\n}\n${P}`, `machine {\n  costs firefly { user-switch 6us }\n}\n${P}`]) assert.equal(format(src), src);
  });
});
