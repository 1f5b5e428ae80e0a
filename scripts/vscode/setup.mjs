// Installs what the VS Code harness needs, once: Debian packages (Chromium,
// ripgrep, Kerberos headers, a C++ toolchain) and code-server 4.100.3 (VS Code
// 1.100.3, the newest whose engines.node is 20) into .tools/code-server, which
// git ignores. A marker file makes every later run instant.
//
// code-server's install fetches prebuilt binaries from GitHub, which this
// machine cannot reach; each workaround below names the failure it avoids
// (measured in /work/shared/design/VSCODE-TESTING.md).
//
//   node scripts/vscode/setup.mjs          install if needed, print the path
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { aptInstall, findChromium } from '../lib/prereqs.mjs';

export const CODE_SERVER_VERSION = '4.100.3';
/** The VS Code inside that code-server; engines.vscode and @types/vscode follow it. */
export const VSCODE_VERSION = '1.100.3';
const RG_PKG_VERSION = '1.15.11'; // @vscode/ripgrep pinned by code-server 4.100.3
const RG_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

const root = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
export const toolsDir = join(root, '.tools');
export const codeServerDir = join(toolsDir, 'code-server');
export const codeServerBin = join(codeServerDir, 'node_modules', '.bin', 'code-server');
const marker = join(codeServerDir, `.installed-${CODE_SERVER_VERSION}`);
const installLog = join(toolsDir, 'code-server-install.log');

class SetupError extends Error {}

function which(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim() || null;
}

/** Debian packages the route needs: each with how to tell it is present. */
const debianNeeds = [
  { pkg: 'chromium', present: () => findChromium() !== null, why: 'the browser that drives the workbench (Playwright cannot download its own here)' },
  { pkg: 'ripgrep', present: () => which('rg') !== null, why: "stands in for @vscode/ripgrep's GitHub download" },
  { pkg: 'libkrb5-dev', present: () => existsSync('/usr/include/gssapi/gssapi.h'), why: "headers for code-server's kerberos module (gssapi/gssapi.h)" },
  { pkg: 'build-essential', present: () => which('g++') !== null && which('make') !== null, why: "node-gyp builds code-server's native modules from source" },
  { pkg: 'python3', present: () => which('python3') !== null, why: 'node-gyp' },
  { pkg: 'pkg-config', present: () => which('pkg-config') !== null, why: 'native module builds' },
];

function ensureDebianPackages() {
  let missing = debianNeeds.filter((n) => !n.present());
  if (missing.length) aptInstall(missing.map((n) => n.pkg));
  missing = debianNeeds.filter((n) => !n.present());
  if (missing.length) {
    throw new SetupError(
      `missing Debian packages:\n${missing.map((n) => `  ${n.pkg}: ${n.why}`).join('\n')}\n` +
        `install them with: sudo apt-get install -y ${missing.map((n) => n.pkg).join(' ')}`,
    );
  }
}

function checkNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) throw new SetupError(`code-server ${CODE_SERVER_VERSION} needs Node 20 (found ${process.version}); its postinstall refuses any other major.`);
}

/** True when code-server is installed and answers --version. */
export function codeServerReady() {
  return existsSync(marker) && existsSync(codeServerBin);
}

function installCodeServer() {
  const tmp = join(toolsDir, 'tmp');
  mkdirSync(codeServerDir, { recursive: true });
  // @vscode/ripgrep's postinstall downloads rg from api.github.com, but first
  // looks for $TMPDIR/vscode-ripgrep-cache-<ver>/<asset>: seed it with Debian's rg.
  const rgCache = join(tmp, `vscode-ripgrep-cache-${RG_PKG_VERSION}`);
  mkdirSync(rgCache, { recursive: true });
  const stage = mkdtempSync(join(tmp, 'rg-'));
  cpSync(which('rg'), join(stage, 'rg'));
  const tar = spawnSync('tar', ['czf', join(rgCache, RG_ASSET), '-C', stage, 'rg']);
  rmSync(stage, { recursive: true, force: true });
  if (tar.status !== 0) throw new SetupError('could not build the seeded ripgrep tarball (is tar installed?)');
  if (!existsSync(join(codeServerDir, 'package.json'))) {
    writeFileSync(join(codeServerDir, 'package.json'), JSON.stringify({ name: 'code-server-holder', private: true }) + '\n');
  }
  const env = {
    ...process.env,
    TMPDIR: tmp,
    // code-server's postinstall.sh refuses to run as root without it (npm 11
    // warns "Unknown env config" — harmless, the script reads the variable).
    npm_config_unsafe_perm: 'true',
    // node-pty's postinstall runs `npx node-gyp`; ~/.npmrc may say yes=false.
    npm_config_yes: 'true',
    // Build native modules against the installed Node headers instead of
    // downloading them from nodejs.org (unreachable here).
    ...(existsSync('/usr/include/node/node.h') ? { npm_config_nodedir: '/usr' } : {}),
  };
  console.log(`installing code-server@${CODE_SERVER_VERSION} into ${codeServerDir.replace(root + '/', '')} (about a minute; log: ${installLog.replace(root + '/', '')})`);
  const t0 = Date.now();
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: codeServerDir,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 15 * 60_000,
  });
  writeFileSync(installLog, `${r.stdout ?? ''}\n${r.stderr ?? ''}`);
  if (r.status !== 0 || !existsSync(codeServerBin)) {
    const tail = readFileSync(installLog, 'utf8').trim().split('\n').slice(-25).join('\n');
    throw new SetupError(`code-server install failed (${r.error ? r.error.message : `exit ${r.status}`}); last lines of ${installLog}:\n${tail}`);
  }
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  console.log(`code-server ${CODE_SERVER_VERSION} installed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/**
 * Makes sure the route can run; returns { codeServer, chromium } paths.
 * Throws an Error whose message says what is missing and how to fix it.
 */
export function ensureVscodeRoute() {
  ensureDebianPackages();
  if (!codeServerReady()) {
    checkNode();
    installCodeServer();
  }
  return { codeServer: codeServerBin, chromium: findChromium() };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const { codeServer, chromium } = ensureVscodeRoute();
    console.log(`code-server: ${codeServer}\nchromium:    ${chromium}`);
  } catch (e) {
    console.error(`setup: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
