// Writes docs/concepts.md from the glossary in src/core/concepts, so the docs
// never drift from the hovers (test/unit/concepts checks it is current).
import { writeFileSync } from 'node:fs';
import { tsImport } from 'tsx/esm/api';

const root = new URL('..', import.meta.url);
const mod = await tsImport('../src/core/concepts/markdown.ts', import.meta.url);
const glossaryMarkdown = mod.glossaryMarkdown ?? mod.default?.glossaryMarkdown;
writeFileSync(new URL('docs/concepts.md', root), glossaryMarkdown());
console.log('wrote docs/concepts.md');
