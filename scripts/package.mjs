// `npm run package`: a production build, then `vsce package` into
// lwp-lab-<version>.vsix. Everything the extension runs is bundled into
// dist/, so node_modules stays out (--no-dependencies) and .vscodeignore is an
// allowlist. The README keeps its relative image links (the pictures ship in
// the package), so VS Code's extension page shows them offline too.
//
//   node scripts/package.mjs [--out FILE] [--skip-build]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');

/** Builds the .vsix and returns its absolute path; throws with vsce's output on failure. */
export function packageExtension({ out, skipBuild = false, quiet = false } = {}) {
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const vsix = resolve(root, out ?? `${name}-${version}.vsix`);
  const stdio = quiet ? 'pipe' : 'inherit';
  if (!skipBuild) {
    const b = spawnSync(process.execPath, ['scripts/build.mjs', '--production'], { cwd: root, stdio, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`production build failed:\n${b.stdout ?? ''}${b.stderr ?? ''}`);
  }
  const vsce = join(root, 'node_modules', '.bin', 'vsce');
  if (!existsSync(vsce)) throw new Error('@vscode/vsce is not installed: run `npm ci`.');
  const r = spawnSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    // vsce asks before packaging without a repository when stdin is a TTY.
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0 || !existsSync(vsix)) throw new Error(`vsce package failed (${r.error?.message ?? `exit ${r.status}`}):\n${r.stdout}${r.stderr}`);
  if (!quiet) process.stdout.write(r.stdout);
  return vsix;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  try {
    const vsix = packageExtension({ out: outAt >= 0 ? args[outAt + 1] : undefined, skipBuild: args.includes('--skip-build') });
    console.log(`${vsix.replace(root + '/', '')}: ${(statSync(vsix).size / 1024).toFixed(1)} KiB`);
    console.log(`install it in desktop VS Code with: code --install-extension ${vsix.replace(root + '/', '')}`);
  } catch (e) {
    console.error(`package: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
