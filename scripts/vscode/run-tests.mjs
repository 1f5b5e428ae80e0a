// The `vscode` phase of `npm test`: the extension proven in a real VS Code
// (code-server 4.100.3 = VS Code 1.100.3, driven by Debian's Chromium).
//
//   1. package: production build + lwp-lab-<version>.vsix (the artefact users install)
//   2. route C: the integration suite (test/vscode) inside the Node extension
//      host, extension loaded from this folder (URL payload)
//   3. route A: the Playwright UI test (test/e2e) with the .vsix installed
//      into a fresh profile
//   4. route W: the web extension in the workbench's web worker extension
//      host (test/e2e/web.e2e.mjs), loaded from this folder
//
// Ends with `N passed, N failed` (read by scripts/test.mjs). Every step has a
// deadline and every process started here is ended, whatever happens.
//
//   node scripts/vscode/run-tests.mjs [--only ext|e2e|web] [--grep TEXT] [--keep] [--screenshots]
//     --keep         keep .tmp/vscode/run-* (profiles, logs) even when green
//     --screenshots  also copy the UI test's screenshots to docs/img/ (for the README)
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageExtension } from '../package.mjs';
import { buildIntegrationTests } from './build-tests.mjs';
import { runExtensionTests } from './ext-tests.mjs';
import { cleanupAll, installExtension, isolatedEnv, newProfile, root, runDir, startCodeServer, stopwatch } from './lib.mjs';
import { ensureVscodeRoute } from './setup.mjs';

/** Adds `remote.extensionKind: { "lwp-lab.lwp-lab": ["web"] }` to a profile's user settings. */
function preferWebWorker(profile) {
  const file = join(profile.dir, 'user-data', 'User', 'settings.json');
  const settings = JSON.parse(readFileSync(file, 'utf8'));
  settings['remote.extensionKind'] = { 'lwp-lab.lwp-lab': ['web'] };
  writeFileSync(file, JSON.stringify(settings, null, 2));
}

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = opt('--only');
const grep = opt('--grep');
const keep = args.includes('--keep');
const screenshots = args.includes('--screenshots');
/** The whole phase must end well inside the CI budget (15 minutes for everything). */
const HARD_LIMIT_MS = Number(process.env.LWP_VSCODE_TIMEOUT_MS ?? 10 * 60_000);

let passed = 0;
let failed = 0;
const notes = [];

function finish(code) {
  for (const n of notes) console.log(n);
  console.log(`vscode: ${passed} passed, ${failed} failed`);
  process.exit(code);
}

const hardStop = setTimeout(() => {
  console.error(`vscode tests: hard limit of ${HARD_LIMIT_MS / 1000} s reached; stopping everything`);
  failed++;
  void cleanupAll().finally(() => finish(1));
}, HARD_LIMIT_MS);
hardStop.unref();

const lap = stopwatch();
let run;
try {
  let route;
  try {
    route = ensureVscodeRoute();
  } catch (e) {
    console.error(`cannot run the VS Code tests: ${e.message}`);
    failed++;
    finish(1);
  }
  lap(`code-server ready: ${route.codeServer.replace(root + '/', '')}; chromium ${route.chromium}`);

  run = runDir('run');
  const env = isolatedEnv(run.dir, run.tmp);
  const vsix = packageExtension({ out: join(run.dir, 'lwp-lab.vsix'), quiet: true });
  lap(`packaged ${vsix.replace(root + '/', '')}`);

  if (!only || only === 'ext') {
    const testsPath = await buildIntegrationTests();
    const ws = join(run.dir, 'ws-ext');
    // A copy, so rename/format tests never touch the committed fixtures.
    cpSync(join(root, 'test', 'vscode', 'workspace'), ws, { recursive: true });
    const profile = newProfile(run.dir, 'ext');
    const server = await startCodeServer({ codeServer: route.codeServer, profile, folder: ws, env: { ...env, ...(grep ? { LWP_VSCODE_GREP: grep } : {}) } });
    lap(`code-server on ${server.url} (route C: integration suite)`);
    try {
      const r = await runExtensionTests({ server, folder: ws, extDir: root, testsPath, workDir: join(run.dir, 'browser'), shotOnFailure: join(root, 'test-results', 'vscode', 'FAILED-integration.png') });
      passed += r.passes;
      failed += r.failures;
      if (r.code !== 0 && r.failures === 0) failed++; // crashed, timed out or never reported
      if (r.pending) notes.push(`integration suite: ${r.pending} pending (a feature or test hook not in the extension yet; see docs/testing.md)`);
      // Only the closing line may read `N passed, N failed`: scripts/test.mjs takes the first such line.
      lap(`integration suite: exit ${r.code}; ${r.passes} passing, ${r.failures} failing, ${r.pending} pending`);
    } finally {
      await server.stop();
    }
  }

  if (!only || only === 'e2e') {
    const { runUiTest } = await import('../../test/e2e/ui.e2e.mjs');
    const ws = join(run.dir, 'ws-e2e');
    mkdirSync(ws, { recursive: true });
    if (existsSync(join(root, 'examples'))) cpSync(join(root, 'examples'), ws, { recursive: true });
    cpSync(join(root, 'test', 'e2e', 'fixtures'), ws, { recursive: true });
    const profile = newProfile(run.dir, 'vsix');
    installExtension(route.codeServer, profile, vsix, env);
    lap('installed the .vsix into a fresh profile');
    const server = await startCodeServer({ codeServer: route.codeServer, profile, folder: ws, env });
    lap(`code-server on ${server.url} (route A: UI test)`);
    const shots = join(root, 'test-results', 'vscode');
    try {
      const r = await runUiTest({ server, folder: ws, workDir: join(run.dir, 'browser-e2e'), shotsDir: shots });
      passed += r.passed;
      failed += r.failed;
      lap(`UI test: ${r.passed} passing, ${r.failed} failing; screenshots in ${shots.replace(root + '/', '')}`);
      if (screenshots && r.failed === 0) {
        mkdirSync(join(root, 'docs', 'img'), { recursive: true });
        for (const s of r.screenshots) cpSync(s, join(root, 'docs', 'img', s.split('/').pop()));
        lap('screenshots copied to docs/img/');
      }
    } finally {
      await server.stop();
    }
  }

  if (!only || only === 'web') {
    const { runWebTest } = await import('../../test/e2e/web.e2e.mjs');
    const ws = join(run.dir, 'ws-web');
    mkdirSync(ws, { recursive: true });
    if (existsSync(join(root, 'examples'))) cpSync(join(root, 'examples'), ws, { recursive: true });
    cpSync(join(root, 'test', 'e2e', 'fixtures'), ws, { recursive: true });
    const profile = newProfile(run.dir, 'web');
    // An extension with both entries runs in the Node host by default ("workspace" before "web" in its kinds);
    // this setting makes the workbench pick its web worker extension host, as vscode.dev does (it has no other).
    preferWebWorker(profile);
    // The production build that packaging made is what the web route loads from this folder.
    const server = await startCodeServer({ codeServer: route.codeServer, profile, folder: ws, env });
    lap(`code-server on ${server.url} (route W: web worker extension host)`);
    const shots = join(root, 'test-results', 'vscode');
    try {
      const r = await runWebTest({ server, folder: ws, extDir: root, workDir: join(run.dir, 'browser-web'), shotsDir: shots });
      passed += r.passed;
      failed += r.failed;
      lap(`web route: ${r.passed} passing, ${r.failed} failing`);
      if (screenshots && r.failed === 0) {
        for (const s of r.screenshots) cpSync(s, join(root, 'docs', 'img', s.split('/').pop()));
      }
    } finally {
      await server.stop();
    }
  }
} catch (e) {
  console.error(`vscode tests: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  failed++;
} finally {
  await cleanupAll();
  if (run) {
    const keepIt = keep || failed > 0;
    run.dispose(keepIt);
    if (keepIt) notes.push(`profiles and logs kept in ${run.dir.replace(root + '/', '')}`);
  }
}
lap('done');
finish(failed > 0 ? 1 : 0);
