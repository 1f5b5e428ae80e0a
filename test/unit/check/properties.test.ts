/** fast-check: the front end never throws, and every range it reports lies inside the document. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../../../src/core/analyze';
import { rangesInside } from '../../support/diagnostics';
import { FIRST_EXAMPLE, generateScenario } from '../../support/scenarios';

const VOCAB = ['process', 'thread', 'machine', 'model', 'many-to-many', 'lwps', '{', '}', 'lock', 'm', 'compute', '5ms', '5', '*', '#', '.', 'expect', '<', 'is', '"', '/*', '//', '\n', ' ', 'repeat', 'spawn', 'spawned', 'M:N', '1:1', '=', 'semaphore', 'µs', '\r\n', '\ufeff'];

function assertSound(text: string): void {
  const a = analyze(text);
  assert.ok(rangesInside(text, a.diagnostics), 'a diagnostic range lies outside the document');
  for (const d of a.symbols.decls) assert.ok(d.nameSpan.end <= text.length);
  // Errors stop the run, except those that drop only their own expectation (LANGUAGE.md §11).
  if (a.diagnostics.some((d) => d.severity === 'error' && d.data?.['expectationOnly'] !== true)) assert.equal(a.scenario, null);
}

describe('front-end properties', () => {
  it('never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), assertSound), { numRuns: 400 });
  });

  it('never throws on token soup', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...VOCAB), { maxLength: 120 }), (parts) => assertSound(parts.join(' '))), { numRuns: 400 });
  });

  it('never throws on mutated valid files (deletions, insertions, replacements)', () => {
    const bases = [FIRST_EXAMPLE, generateScenario(80)];
    const edit = fc.record({ base: fc.integer({ min: 0, max: bases.length - 1 }), at: fc.nat(), len: fc.nat({ max: 40 }), insert: fc.oneof(fc.constantFrom(...VOCAB), fc.string({ maxLength: 8 })) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        let text = bases[edits[0].base];
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.len);
        }
        assertSound(text);
      }),
      { numRuns: 300 },
    );
  });
});
