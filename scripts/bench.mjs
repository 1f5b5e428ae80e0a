// `npm run bench`: every benchmark under bench/ (files named *.bench.ts or
// *.bench.mjs), one after another on this machine, each printing its own
// figures. `npm run bench -- parse sim` runs only those whose name contains
// one of the words. Figures are recorded in docs/performance.md.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const filters = process.argv.slice(2);
const files = readdirSync('bench')
  .filter((f) => /\.bench\.(ts|mjs)$/.test(f))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();
if (files.length === 0) {
  console.error('no benchmark matched');
  process.exit(2);
}
spawnSync(process.execPath, ['scripts/build.mjs', '--production'], { stdio: 'inherit' });
let failed = 0;
for (const f of files) {
  console.log(`\n━━ ${f}`);
  const args = f.endsWith('.ts') ? ['--import', 'tsx', join('bench', f)] : [join('bench', f)];
  const r = spawnSync(process.execPath, ['--expose-gc', ...args], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
