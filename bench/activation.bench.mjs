// Activation in a real VS Code (code-server 4.100.3 = VS Code 1.100.3, Node
// extension host, headless Chromium): how long the extension takes to
// activate and to show its first diagnostics, measured inside the extension
// host by a small probe module loaded through the extensionTestsPath route.
// Each round starts a fresh code-server and browser profile. Medians of 3.
//
//   npm run bench -- activation        (figures go to docs/performance.md, "## Activation")
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runExtensionTests } from '../scripts/vscode/ext-tests.mjs';
import { cleanupAll, isolatedEnv, newProfile, root, runDir, startCodeServer } from '../scripts/vscode/lib.mjs';
import { ensureVscodeRoute } from '../scripts/vscode/setup.mjs';

const ROUNDS = Number(process.env.LWP_BENCH_ROUNDS ?? 3);

// Runs in the extension host. Plain CommonJS so it needs no bundling.
const probe = `
const vscode = require('vscode');
exports.run = async function () {
  const t = {};
  const ext = vscode.extensions.getExtension('lwp-lab.lwp-lab');
  t.alreadyActive = ext.isActive;
  // Outside the workspace folder, which holds no .lwp file, so nothing
  // (workspaceContains) activates the extension before the file opens.
  const uri = vscode.Uri.file(__LWP_FILE__);
  const t0 = performance.now();
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  t.openMs = performance.now() - t0;
  const a0 = performance.now();
  await ext.activate();
  t.activateMs = performance.now() - a0;
  t.openToActiveMs = performance.now() - t0;
  const first = await new Promise((resolve) => {
    const done = () => vscode.languages.getDiagnostics(uri).length > 0;
    if (done()) return resolve(performance.now());
    const timer = setTimeout(() => { sub.dispose(); resolve(null); }, 30000);
    const sub = vscode.languages.onDidChangeDiagnostics(() => { if (done()) { clearTimeout(timer); sub.dispose(); resolve(performance.now()); } });
  });
  t.openToDiagnosticsMs = first === null ? null : first - t0;
  console.log('LWP-ACTIVATION ' + JSON.stringify(t));
};
`;

const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : null;
};
const fmt = (x) => (x === null ? 'n/a' : `${x.toFixed(0)} ms`);

const route = ensureVscodeRoute();
const run = runDir('bench-activation');
const rows = [];
try {
  const probeDir = join(run.dir, 'probe');
  mkdirSync(probeDir, { recursive: true });
  const file = join(run.dir, 'files', 'broken.lwp');
  mkdirSync(join(run.dir, 'files'), { recursive: true });
  cpSync(join(root, 'test', 'vscode', 'workspace', 'broken.lwp'), file);
  writeFileSync(join(probeDir, 'index.js'), probe.replace('__LWP_FILE__', JSON.stringify(file)));
  const ws = join(run.dir, 'ws');
  mkdirSync(ws, { recursive: true });
  writeFileSync(join(ws, 'README.txt'), 'An empty workspace: the probe opens a .lwp file from outside it.\n');
  for (let i = 0; i < ROUNDS; i++) {
    const env = isolatedEnv(run.dir, run.tmp);
    const profile = newProfile(run.dir, `round-${i}`);
    const t0 = Date.now();
    const server = await startCodeServer({ codeServer: route.codeServer, profile, folder: ws, env });
    const healthz = Date.now() - t0;
    try {
      const t1 = Date.now();
      const r = await runExtensionTests({ server, folder: ws, extDir: root, testsPath: join(probeDir, 'index.js'), workDir: join(run.dir, `browser-${i}`), echo: false, timeoutMs: 120_000 });
      const line = r.output.find((l) => l.includes('LWP-ACTIVATION '));
      if (r.code !== 0 || !line) throw new Error(`probe failed (exit ${r.code}):\n${r.output.slice(-15).join('\n')}`);
      const m = JSON.parse(line.slice(line.indexOf('{')));
      rows.push({ healthz, pageToProbeDone: Date.now() - t1, ...m });
      console.log(`round ${i + 1}: server ${healthz} ms, open→activated ${fmt(m.openToActiveMs)} (activate() ${fmt(m.activateMs)}), open→first diagnostics ${fmt(m.openToDiagnosticsMs)}; active before the file opened: ${m.alreadyActive}`);
    } finally {
      await server.stop();
    }
  }
  console.log('\nmedians of', rows.length, 'rounds:');
  console.log(`  code-server start → /healthz          ${fmt(median(rows.map((r) => r.healthz)))}`);
  console.log(`  extension activate() (load + activate) ${fmt(median(rows.map((r) => r.activateMs)))}`);
  console.log(`  open .lwp → extension active           ${fmt(median(rows.map((r) => r.openToActiveMs)))}`);
  console.log(`  open .lwp → first diagnostics          ${fmt(median(rows.map((r) => r.openToDiagnosticsMs)))}`);
  console.log(`  page load → probe done (whole round)   ${fmt(median(rows.map((r) => r.pageToProbeDone)))}`);
} catch (e) {
  console.error(`activation bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  await cleanupAll();
  run.dispose(process.exitCode === 1);
}
