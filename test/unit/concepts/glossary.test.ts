import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COSTS, MODELS } from '../../../src/core/language/registry';
import { RESERVED } from '../../../src/core/syntax/keywords';
import { METRIC_NAMES, THREAD_FIELDS } from '../../../src/core/check/ir';
import { State } from '../../../src/core/sim/result';
import { GLOSSARY, conceptForState, findConcept, getConcept, renderConcept } from '../../../src/core/concepts';
import { glossaryMarkdown } from '../../../src/core/concepts/markdown';

/** Every keyword of the language, and the model shorthands. */
const KEYWORDS = [...RESERVED, ...MODELS.map((m) => m.shorthand)].filter((w) => !['on', 'off'].includes(w));

describe('concepts glossary', () => {
  it('has unique ids', () => {
    const ids = GLOSSARY.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('explains every keyword, cost, metric and thread field', () => {
    for (const w of [...KEYWORDS, ...COSTS.map((c) => c.word), ...METRIC_NAMES, ...THREAD_FIELDS]) assert.ok(findConcept(w), `no concept for ${w}`);
  });

  it('explains every chart state but Absent, for the legend', () => {
    for (const [name, v] of Object.entries(State)) {
      if (v === State.Absent) continue;
      assert.ok(conceptForState(v), `no concept for State.${name}`);
    }
  });

  it('picks the meaning that fits the place', () => {
    assert.equal(findConcept('priority', ['option'])?.id, 'thread-priority');
    assert.equal(findConcept('priority', ['kernel-policy'])?.id, 'kernel:priority');
    assert.equal(findConcept('priority', ['user-policy'])?.id, 'user:priority');
    assert.equal(findConcept('sigwaiting', ['metric'])?.id, 'metric:sigwaiting');
    assert.equal(findConcept('sigwaiting', ['option'])?.id, 'sigwaiting');
    assert.equal(findConcept('M:N')?.id, 'many-to-many');
  });

  it('renders only the note for the process model when given one', () => {
    const io = getConcept('io')!;
    const md = renderConcept(io, 'many-to-one');
    assert.match(md, /In this many-to-one process:\* Blocks the process's only LWP/);
    assert.doesNotMatch(md, /one-to-one:/);
    assert.match(renderConcept(io), /In one-to-one:\*.*\n\n\*In many-to-one:/s);
  });

  it('states the history the project teaches', () => {
    assert.match(renderConcept(getConcept('many-to-many')!), /Solaris 2\.2.*Solaris 9.*IRIX, SCO OpenServer, HP-UX and AIX/s);
    assert.match(renderConcept(getConcept('one-to-one')!), /NetBSD 5\.0.*1:1/s);
    assert.match(renderConcept(getConcept('upcalls')!), /Anderson, Bershad, Lazowska and Levy \(SOSP 1991\)/);
  });

  it('docs/concepts.md is current (run node scripts/gen-concepts-doc.mjs)', () => {
    const onDisk = readFileSync(join(__dirname, '../../../docs/concepts.md'), 'utf8');
    assert.equal(onDisk, glossaryMarkdown());
  });
});
