// Grammar tests: every test/grammar/*.lwp file holds `^^^` scope assertions
// (vscode-tmgrammar-test format) against syntaxes/lwp.tmLanguage.json. Prints
// the tool's report and a closing `N passed, N failed` line (one per file),
// which scripts/test.mjs reads.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const files = readdirSync('test/grammar').filter((f) => f.endsWith('.lwp')).map((f) => join('test/grammar', f));
const bin = join(root, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');
let passed = 0;
let failed = 0;
for (const file of files) {
  const r = spawnSync(process.execPath, [bin, '-g', 'syntaxes/lwp.tmLanguage.json', file], { encoding: 'utf8' });
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  if (r.status === 0) passed++;
  else failed++;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed || files.length === 0 ? 1 : 0);
