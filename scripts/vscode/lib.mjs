// The harness's moving parts: a code-server on a free 127.0.0.1 port with a
// throwaway profile, Debian's Chromium driven by playwright-core, and cleanup
// that always ends every process we started (success, failure, SIGINT,
// SIGTERM, or an uncaught error), by process group and by /proc descendants.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { findChromium } from '../lib/prereqs.mjs';

export const root = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const here = join(root, 'scripts', 'vscode');

export function stopwatch() {
  const t0 = Date.now();
  const lap = (msg) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
  lap.seconds = () => (Date.now() - t0) / 1000;
  return lap;
}

// ---------------------------------------------------------------- cleanup

/** Async cleanups, newest first; each runs once. */
const cleanups = [];
/** Process-group leaders we spawned (detached); killed synchronously on exit as a last resort. */
const groups = new Set();

export function onCleanup(fn) {
  cleanups.push(fn);
  return () => {
    const i = cleanups.indexOf(fn);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

export async function cleanupAll() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    try {
      await fn();
    } catch (e) {
      console.error(`cleanup: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

let signalled = false;
for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.on(sig, () => {
    if (signalled) return;
    signalled = true;
    console.error(`\n${sig}: stopping code-server and Chromium`);
    void cleanupAll().finally(() => process.exit(code));
  });
}
process.on('exit', () => {
  for (const pid of groups) killTreeSync(pid, 'SIGKILL');
});

function childrenMap() {
  const kids = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!kids.has(ppid)) kids.set(ppid, []);
      kids.get(ppid).push(Number(d));
    } catch {
      // the process ended while we looked
    }
  }
  return kids;
}

/** A process and every descendant, root first. */
export function descendants(pid) {
  const kids = childrenMap();
  const out = [];
  const walk = (p) => {
    out.push(p);
    for (const c of kids.get(p) ?? []) walk(c);
  };
  walk(pid);
  return out;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function killTreeSync(pid, signal) {
  // Descendants first: one that called setsid() left our group.
  for (const p of descendants(pid).reverse()) {
    try {
      process.kill(p, signal);
    } catch {
      // already gone
    }
  }
  try {
    process.kill(-pid, signal);
  } catch {
    // group already gone
  }
}

/** SIGTERM the tree, then SIGKILL whatever is left after `graceMs`. */
export async function killTree(pid, graceMs = 3000) {
  const tree = descendants(pid);
  killTreeSync(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && tree.some(alive)) await sleep(50);
  for (const p of tree) if (alive(p)) killTreeSync(p, 'SIGKILL');
  groups.delete(pid);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Rejects with `what timed out after …` unless `promise` settles first. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${(ms / 1000).toFixed(0)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// ------------------------------------------------------------ work folders

/**
 * A fresh folder for one run under .tmp/vscode (git-ignored), plus a short
 * TMPDIR: VS Code puts 52-character socket names there and a Unix socket path
 * may not exceed 107 bytes. Removed by `dispose(keep)` unless `keep`.
 */
export function runDir(name) {
  const base = join(root, '.tmp', 'vscode');
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, `${name}-`));
  const tmp = mkdtempSync('/tmp/lwpv-');
  return {
    dir,
    tmp,
    dispose(keep = false) {
      rmSync(tmp, { recursive: true, force: true });
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Environment that keeps code-server's and Chromium's files inside `dir`. */
export function isolatedEnv(dir, tmp) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: join(dir, 'xdg-config'),
    XDG_DATA_HOME: join(dir, 'xdg-data'),
    XDG_CACHE_HOME: join(dir, 'xdg-cache'),
    TMPDIR: tmp,
  };
}

/** A fresh user-data + extensions dir with the harness settings (no welcome page, no telemetry, no trust prompt). */
export function newProfile(dir, name, { keepSettings = false } = {}) {
  const p = join(dir, name);
  mkdirSync(join(p, 'user-data', 'User'), { recursive: true });
  mkdirSync(join(p, 'extensions'), { recursive: true });
  const settings = join(p, 'user-data', 'User', 'settings.json');
  if (!keepSettings || !existsSync(settings)) copyFileSync(join(here, 'settings.json'), settings);
  return {
    dir: p,
    args: ['--config', join(p, 'config.yaml'), '--user-data-dir', join(p, 'user-data'), '--extensions-dir', join(p, 'extensions')],
    extensionsDir: join(p, 'extensions'),
  };
}

// ------------------------------------------------------------- code-server

/** `code-server --install-extension VSIX` into a profile; throws with its output on failure. */
export function installExtension(codeServer, profile, vsix, env) {
  const r = spawnSync(codeServer, [...profile.args, '--install-extension', vsix], { env, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`code-server --install-extension ${vsix} failed (${r.error?.message ?? `exit ${r.status}`}):\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

/**
 * Serves VS Code for `folder` on a free 127.0.0.1 port and waits for /healthz.
 * Returns { url, host, pid, log, stop() }; the server is also stopped by cleanupAll().
 */
export async function startCodeServer({ codeServer, profile, folder, env, timeoutMs = 60_000, port }) {
  port ??= await freePort();
  const host = `127.0.0.1:${port}`;
  const logFile = join(profile.dir, 'server.log');
  const out = openSync(logFile, 'a');
  const args = [
    ...profile.args,
    '--bind-addr', host,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    folder,
  ];
  // detached: its own process group, so the extension host and every helper
  // it starts can be ended together.
  const child = spawn(codeServer, args, { env, detached: true, stdio: ['ignore', out, out] });
  groups.add(child.pid);
  let exited = null;
  const exitedPromise = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exited = signal ?? code;
      resolve(exited);
    });
  });
  const stop = async () => {
    if (groups.has(child.pid)) await killTree(child.pid);
  };
  const unregister = onCleanup(stop);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== null) {
      unregister();
      groups.delete(child.pid);
      throw new Error(`code-server exited (${exited}) before answering /healthz; its log (${logFile}):\n${tailOf(logFile)}`);
    }
    if (await healthy(`http://${host}/healthz`)) break;
    if (Date.now() > deadline) {
      await stop();
      unregister();
      throw new Error(`code-server did not answer http://${host}/healthz within ${timeoutMs / 1000} s; its log (${logFile}):\n${tailOf(logFile)}`);
    }
    await sleep(100);
  }
  return {
    url: `http://${host}`,
    host,
    pid: child.pid,
    log: logFile,
    /** Resolves with the exit code or signal when code-server ends. */
    exited: exitedPromise,
    async stop() {
      await stop();
      unregister();
    },
  };
}

async function healthy(url) {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return r.ok;
  } catch {
    return false;
  }
}

export function tailOf(file, lines = 30) {
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
}

/** The workbench URL for `folder`, optionally with the URL `payload` (extensionDevelopmentPath, extensionTestsPath, …). */
export function workbenchUrl(server, folder, payload) {
  let url = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  if (payload) {
    const entries = Object.entries(payload).map(([k, v]) => [k, k.endsWith('Path') ? `vscode-remote://${server.host}${v}` : v]);
    url += `&payload=${encodeURIComponent(JSON.stringify(entries))}`;
  }
  return url;
}

// ---------------------------------------------------------------- Chromium

/**
 * Debian's Chromium through playwright-core with a fresh profile.
 * Returns { context, page, dispose() }; also closed by cleanupAll().
 */
export async function launchBrowser(workDir, { viewport = { width: 1400, height: 900 }, env } = {}) {
  const executablePath = findChromium();
  if (!executablePath) throw new Error("Chromium is missing: install Debian's with `sudo apt-get install -y chromium` (or set LWP_CHROMIUM).");
  const { chromium } = await import('playwright-core');
  mkdirSync(workDir, { recursive: true });
  const userDataDir = mkdtempSync(join(workDir, 'chromium-'));
  mkdirSync(join(userDataDir, 'Default'), { recursive: true });
  writeFileSync(join(userDataDir, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    viewport,
    // Chromium's Crash Reports and caches stay in the throwaway profile, not in ~/.config.
    env: env ?? { ...process.env, XDG_CONFIG_HOME: join(userDataDir, 'xdg-config'), XDG_CACHE_HOME: join(userDataDir, 'xdg-cache') },
    timeout: 60_000,
    // Without the background-networking flags Chromium keeps dialling hosts
    // this closed network refuses.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const browserPid = context.browser()?.process?.()?.pid;
  let closed = false;
  const dispose = async () => {
    if (closed) return;
    closed = true;
    await withTimeout(context.close(), 10_000, 'closing Chromium').catch(() => {
      // A wedged browser: end its tree ourselves.
      for (const p of descendants(process.pid).slice(1)) {
        if (/chrom/.test(safeComm(p))) {
          try {
            process.kill(p, 'SIGKILL');
          } catch {
            // gone
          }
        }
      }
    });
    rmSync(userDataDir, { recursive: true, force: true });
  };
  const unregister = onCleanup(dispose);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    browserPid,
    async dispose() {
      await dispose();
      unregister();
    },
  };
}

function safeComm(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8');
  } catch {
    return '';
  }
}

/** Sum of RSS and PSS (MiB) of a process tree. */
export function treeMemory(rootPid, { includeRoot = true } = {}) {
  const pids = descendants(rootPid);
  let rss = 0;
  let pss = 0;
  let n = 0;
  for (const p of includeRoot ? pids : pids.slice(1)) {
    try {
      const roll = readFileSync(`/proc/${p}/smaps_rollup`, 'utf8');
      rss += Number((/^Rss:\s+(\d+)/m.exec(roll) ?? [0, 0])[1]);
      pss += Number((/^Pss:\s+(\d+)/m.exec(roll) ?? [0, 0])[1]);
      n++;
    } catch {
      // gone
    }
  }
  return { processes: n, rssMiB: Math.round(rss / 1024), pssMiB: Math.round(pss / 1024) };
}
