// `npm run test:desktop`: the same integration suite (test/vscode) in the
// desktop VS Code (Electron), through @vscode/test-electron 2.5.x (the last
// line that runs on Node 20). It downloads VS Code 1.100.3 from
// update.code.visualstudio.com on first use, so it needs that network — it is
// not part of `npm test` or CI (the code-server route is). On a Linux machine
// without a display, run it under `xvfb-run -a`.
//
//   npm run test:desktop
//   LWP_VSCODE_EXECUTABLE=/path/to/code npm run test:desktop   (use an installed VS Code; no download)
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIntegrationTests } from './build-tests.mjs';
import { root } from './lib.mjs';
import { VSCODE_VERSION } from './setup.mjs';

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
const extensionTestsPath = await buildIntegrationTests();
const ws = mkdtempSync(join(tmpdir(), 'lwp-desktop-ws-'));
cpSync(join(root, 'test', 'vscode', 'workspace'), ws, { recursive: true });
const userData = mkdtempSync(join(tmpdir(), 'lwp-desktop-ud-'));

let code = 1;
try {
  const { runTests } = await import('@vscode/test-electron');
  code = await runTests({
    version: VSCODE_VERSION,
    ...(process.env.LWP_VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.LWP_VSCODE_EXECUTABLE } : {}),
    extensionDevelopmentPath: root,
    extensionTestsPath,
    launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', `--user-data-dir=${userData}`],
    extensionTestsEnv: process.env.LWP_VSCODE_GREP ? { LWP_VSCODE_GREP: process.env.LWP_VSCODE_GREP } : {},
  }).then(
    () => 0,
    (e) => {
      const msg = e instanceof Error ? e.message : String(e);
      if (/ENOTFOUND|getaddrinfo|ECONNREFUSED/.test(msg)) {
        console.error(`test:desktop needs to download VS Code ${VSCODE_VERSION} from update.code.visualstudio.com, which this machine cannot reach (${msg}).\nUse \`npm test\` (the code-server route), or set LWP_VSCODE_EXECUTABLE to an installed desktop VS Code.`);
      } else console.error(`test:desktop: ${msg}`);
      return 1;
    },
  );
} finally {
  rmSync(ws, { recursive: true, force: true });
  rmSync(userData, { recursive: true, force: true });
}
process.exit(code);
