import { GLOSSARY, renderConcept } from './index';
import type { ConceptCategory } from './types';

const SECTIONS: readonly [ConceptCategory, string][] = [
  ['model', 'Threading models'],
  ['entity', 'Entities'],
  ['option', 'Process and thread options'],
  ['machine', 'Machine'],
  ['kernel-policy', 'Kernel scheduling policies'],
  ['user-policy', 'Thread library scheduling policies'],
  ['statement', 'Statements'],
  ['cost', 'Costs'],
  ['sync', 'Synchronization'],
  ['result', 'Run results'],
  ['metric', 'Metrics'],
  ['state', 'Chart states'],
];

/** docs/concepts.md, generated from the glossary (scripts/gen-concepts-doc.mjs writes it; a unit test checks it is current). */
export function glossaryMarkdown(): string {
  const out = [
    '# Threading concepts',
    '',
    '<!-- Generated from src/core/concepts by `node scripts/gen-concepts-doc.mjs`; do not edit by hand. -->',
    '',
    'The glossary behind the editor\'s hovers, completion details and the chart legend.',
  ];
  for (const [cat, heading] of SECTIONS) {
    out.push('', `## ${heading}`);
    for (const c of GLOSSARY.filter((x) => x.category === cat)) {
      out.push('', `### ${c.title}`, '');
      if (c.words.length) out.push(`Written: ${c.words.map((w) => `\`${w}\``).join(', ')}`, '');
      out.push(renderConcept(c));
    }
  }
  return out.join('\n') + '\n';
}
