import * as assert from 'node:assert/strict';
import { analyze } from '../../../src/core/analyze';
import type { Diagnostic, Severity } from '../../../src/core/diagnostic';
import { capDiagnostics, MAX_DIAGNOSTICS_PER_FILE } from '../../../src/core/diagnostics/cap';
import { byPosition, DiagnosticSink } from '../../../src/core/diagnostics/sink';

function diag(start: number, severity: Severity): Diagnostic {
  return { code: 'LWP0000', severity, message: `at ${start}`, span: { start, end: start + 1 } };
}

describe('front end: the diagnostic sink', () => {
  it('keeps exactly the first `keep` by position, whatever the order of reports, and counts the rest', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const all: Diagnostic[] = [];
    const sink = new DiagnosticSink(50);
    for (let i = 0; i < 5000; i++) {
      const d = diag(Math.floor(rnd() * 100_000), rnd() < 0.01 ? 'error' : 'warning');
      all.push(d);
      if (!sink.skip(d.span.start, d.severity)) sink.push(d);
    }
    const sorted = [...all].sort(byPosition);
    const kept = sink.list();
    const firstError = sorted.find((d) => d.severity === 'error')!;
    const expected = sorted.slice(0, 50);
    if (!expected.includes(firstError)) expected.push(firstError);
    assert.deepEqual(kept.map((d) => d.span.start), expected.map((d) => d.span.start));
    assert.equal(kept.length + sink.omitted.total, all.length);
    assert.equal(kept.filter((d) => d.severity === 'error').length + sink.omitted.error, all.filter((d) => d.severity === 'error').length);
  });

  it('a file of a million stray `}` stores only the first ones, counts all, and the cap says how many more', function () {
    this.timeout(60_000);
    const n = 1_000_000;
    const a = analyze('}'.repeat(n), { ir: false });
    assert.ok(a.diagnostics.length <= MAX_DIAGNOSTICS_PER_FILE + 1, String(a.diagnostics.length));
    // One per `}`, and the file-level ones (no process).
    const total = a.diagnostics.length + a.omitted.total;
    assert.ok(total >= n && total <= n + 2, String(total));
    const shown = capDiagnostics(a.diagnostics, undefined, a.omitted.total);
    assert.equal(shown.length, MAX_DIAGNOSTICS_PER_FILE);
    assert.match(shown[shown.length - 1].message, new RegExp(`and ${(total - MAX_DIAGNOSTICS_PER_FILE).toLocaleString('en-US')} more in this file`));
  });
});
