// What a fresh machine may lack, found or installed, or named exactly.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

export function ensureNodeModules() {
  if (existsSync('node_modules/.package-lock.json')) return;
  console.log('node_modules is missing: running `npm ci`');
  const r = spawnSync('npm', ['ci'], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('`npm ci` failed: install the dependencies with `npm ci` and run again.');
    process.exit(1);
  }
}

/** Path of a Chromium for the browser tests: $LWP_CHROMIUM, Debian's, or installed with apt when we are root. */
export function findChromium() {
  const candidates = [process.env.LWP_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((c) => c && existsSync(c)) ?? null;
}

export function aptInstall(packages) {
  if (!isRoot) return false;
  console.log(`installing with apt: ${packages.join(' ')}`);
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    return true;
  } catch {
    return false;
  }
}

export function ensureChromium() {
  let found = findChromium();
  if (!found && aptInstall(['chromium'])) found = findChromium();
  if (!found) {
    console.error('No Chromium found for the browser tests. Install Debian\'s: `sudo apt-get install -y chromium` (or set LWP_CHROMIUM to a Chromium binary).');
    process.exit(1);
  }
  return found;
}
