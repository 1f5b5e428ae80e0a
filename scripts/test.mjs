// `npm test`: every test of the project, in one command, ending with one line
// `tests: N passed, N failed`. Phases run in order; a failed phase does not
// stop the others (you see everything that is wrong at once), but any failure
// makes the exit status 1.
//
// Each phase is a command; mocha phases report their counts through
// test/support/stats-reporter.cjs, others count as one check each unless they
// print a closing `N passed, N failed` line of their own, which is read.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium, ensureNodeModules } from './lib/prereqs.mjs';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const only = process.argv.slice(2);

ensureNodeModules();
const chromium = ensureChromium();

const node = process.execPath;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const statsDir = mkdtempSync(join(tmpdir(), 'lwp-test-'));

/** @type {{name: string, cmd: string[], mocha?: boolean, env?: Record<string,string>, when?: () => boolean}[]} */
const phases = [
  { name: 'typecheck', cmd: [bin('tsc'), '-p', '.', '--noEmit'] },
  { name: 'lint', cmd: [bin('eslint'), '.'] },
  { name: 'build', cmd: [node, 'scripts/build.mjs'] },
  { name: 'unit', cmd: [bin('mocha'), '--reporter', 'test/support/stats-reporter.cjs'], mocha: true, env: { LWP_CHROMIUM: chromium ?? '' } },
  { name: 'grammar', cmd: [node, 'scripts/grammar-test.mjs'], when: () => existsSync('scripts/grammar-test.mjs') },
  { name: 'examples', cmd: [node, 'bin/lwp.js', 'check', ...listLwp('examples'), ...listLwp('course')], when: () => existsSync('examples') },
  { name: 'validation', cmd: [node, 'bin/lwp.js', 'test', 'validation', 'examples', 'course'], when: () => existsSync('validation') },
  { name: 'vscode', cmd: [node, 'scripts/vscode/run-tests.mjs'], when: () => existsSync('scripts/vscode/run-tests.mjs') },
];

function listLwp(dir) {
  if (!existsSync(dir)) return [];
  const out = spawnSync('find', [dir, '-name', '*.lwp'], { encoding: 'utf8' }).stdout.trim();
  return out ? out.split('\n').sort() : [];
}

let passed = 0;
let failed = 0;
const failedPhases = [];
const t0 = Date.now();
for (const phase of phases) {
  if (only.length && !only.includes(phase.name)) continue;
  if (phase.when && !phase.when()) continue;
  const statsFile = join(statsDir, `${phase.name}.json`);
  console.log(`\n━━ ${phase.name} ━━ ${phase.cmd.map((a) => a.replace(root, '')).join(' ')}`);
  const t = Date.now();
  const res = spawnSync(phase.cmd[0], phase.cmd.slice(1), {
    stdio: phase.mocha ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...phase.env, LWP_TEST_STATS: statsFile },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  let p = 0;
  let f = 0;
  if (!phase.mocha) {
    process.stdout.write(res.stdout ?? '');
    process.stderr.write(res.stderr ?? '');
    // The closing line is the last such line a phase prints.
    const m = [...(res.stdout ?? '').matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
    if (m) {
      p = Number(m[1]);
      f = Number(m[2]);
    }
  } else if (existsSync(statsFile)) {
    const s = JSON.parse(readFileSync(statsFile, 'utf8'));
    p = s.passes;
    f = s.failures;
  }
  const ok = res.status === 0;
  if (!ok && f === 0) f = 1; // a phase that failed without counting still fails
  if (ok && p === 0 && f === 0) p = 1; // a check phase that passed counts as one
  passed += p;
  failed += f;
  if (!ok) failedPhases.push(phase.name);
  console.log(`── ${phase.name}: ${ok ? 'ok' : `FAILED (exit ${res.status ?? res.signal})`} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
rmSync(statsDir, { recursive: true, force: true });
console.log(`\n${failedPhases.length ? `failed phases: ${failedPhases.join(', ')}\n` : ''}all tests in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || failedPhases.length ? 1 : 0);
