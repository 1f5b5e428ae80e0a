// `npm start`: LWP Lab in a real VS Code, in your browser, with no desktop
// VS Code needed. Builds the extension, installs code-server on first use
// (into .tools/, git-ignored; about two minutes once), and serves VS Code on
// 127.0.0.1 with the extension loaded from this folder and examples/ open.
// Prints the URL; Ctrl+C stops everything.
//
//   npm start [-- --port 8080] [-- --folder path/to/scenarios]
//
// Run `npm run watch` in a second terminal and reload the page to pick up
// changes to the extension.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cleanupAll, isolatedEnv, newProfile, root, startCodeServer, workbenchUrl } from './vscode/lib.mjs';
import { ensureVscodeRoute, toolsDir } from './vscode/setup.mjs';
import { ensureNodeModules } from './lib/prereqs.mjs';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const requestedPort = opt('--port') ?? process.env.PORT;
const folder = resolve(root, opt('--folder') ?? 'examples');

async function portFree(port) {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(500) });
    return false;
  } catch {
    return true;
  }
}

try {
  if (!existsSync(folder)) throw new Error(`folder to open does not exist: ${folder}`);
  process.chdir(root);
  ensureNodeModules(); // a fresh clone: `npm ci` first
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed (see above)');
  const { codeServer } = ensureVscodeRoute();

  // A persistent profile, so settings and open editors survive a restart;
  // its temp files go to a short path (VS Code's socket names need one).
  const state = join(toolsDir, 'start');
  const tmp = join('/tmp', `lwp-start-${process.getuid?.() ?? 0}`);
  mkdirSync(tmp, { recursive: true });
  const profile = newProfile(state, 'profile', { keepSettings: true });
  let port = requestedPort ? Number(requestedPort) : 18080;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`not a port: ${requestedPort}`);
  if (!(await portFree(port))) {
    if (requestedPort) throw new Error(`port ${port} is busy; choose another with --port`);
    port = undefined; // any free port
  }
  const server = await startCodeServer({ codeServer, profile, folder, env: isolatedEnv(state, tmp), port });
  const url = workbenchUrl(server, folder, { extensionDevelopmentPath: root });
  console.log(`\nLWP Lab is running in VS Code (code-server) — open this URL in your browser:\n\n  ${url}\n`);
  console.log(`(serving ${folder.replace(root + '/', '')} on 127.0.0.1 only; server log: ${server.log.replace(root + '/', '')}; Ctrl+C stops it)`);
  let stopping = false;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(sig, () => (stopping = true));
  const how = await server.exited;
  if (!stopping) {
    console.error(`code-server stopped on its own (${how}); its log: ${server.log}`);
    process.exitCode = 1;
  }
} catch (e) {
  console.error(`npm start: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  await cleanupAll();
}
