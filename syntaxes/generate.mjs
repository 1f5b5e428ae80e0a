// Writes lwp.tmLanguage.json (the file VS Code loads) from syntaxes/grammar.ts,
// which builds it from the language registry: `node syntaxes/generate.mjs`.
// Edit grammar.ts (or the registry), not the JSON.
import { writeFileSync } from 'node:fs';
import { tsImport } from 'tsx/esm/api';

const { grammarJson } = await tsImport('./grammar.ts', import.meta.url);
writeFileSync(new URL('./lwp.tmLanguage.json', import.meta.url), grammarJson());
