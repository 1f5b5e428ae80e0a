// `npm run validate:real`: check the simulator against real thread runtimes
// on this machine (issue 14). Builds the programs of validation/real (C with
// POSIX threads, C with GNU Pth, Go), runs each experiment of
// validation/real/experiments.mjs several times with its CPUs fixed by
// taskset, takes medians, runs the matching scenarios with the simulator, and
// prints real against simulated with a verdict whose tolerance the experiment
// table fixes in advance. Exits 1 if a verdict fails, else 2 if something
// could not run (a missing tool, a program that failed), else 0.
// Not part of `npm test`: it measures the machine, which is shared.
//
//   node scripts/validate-real.mjs [--reps N] [--only SUBSTRING] [--json FILE]
//
// Run as root, it installs what is missing (gcc, libpth-dev, golang-go) with
// apt-get; otherwise it says what to install. Everything runs under `nice`:
// the kernel here groups tasks by session (autogroup), so nice orders the
// driver's own tasks and neither shields nor skews the measurements.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EXPERIMENTS } from '../validation/real/experiments.mjs';
import { median, simulate } from '../validation/real/simulated.mjs';

const root = new URL('..', import.meta.url).pathname;
const srcDir = join(root, 'validation', 'real');
const buildDir = join(root, '.tmp', 'validate-real'); // .tmp/ is ignored by git
const NICE = ['nice', '-n', '10'];

const opts = parseOptions();
function parseOptions() {
  try {
    return parseArgs({ options: { reps: { type: 'string', default: '5' }, only: { type: 'string' }, json: { type: 'string' } } }).values;
  } catch (err) {
    return usage(`${err.message}\nusage: node scripts/validate-real.mjs [--reps N] [--only SUBSTRING] [--json FILE]`);
  }
}
const REPS = Number(opts.reps);
if (!Number.isInteger(REPS) || REPS < 1) usage(`--reps must be a whole number >= 1, got ${opts.reps}`);
if (REPS < 5) console.log(`${REPS} repetition(s): a quick look only; a verdict needs at least 5 (the default)`);

function usage(msg) {
  process.stderr.write(`validate-real: ${msg}\n`);
  process.exit(2);
}

function run(cmd, args, extra = {}) {
  return spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...extra });
}
const has = (cmd) => run('sh', ['-c', `command -v ${cmd}`]).status === 0;

// ── Prerequisites ────────────────────────────────────────────────────────────

/** What this needs, how to tell it is there, and the Debian package with it. */
const NEEDS = [
  { what: 'a C compiler (gcc)', ok: () => has('gcc'), pkg: 'gcc' },
  { what: 'GNU Pth headers and library (pth.h)', ok: () => existsSync('/usr/include/pth.h'), pkg: 'libpth-dev', optional: true },
  { what: 'Go (go)', ok: () => has('go'), pkg: 'golang-go' },
  { what: 'taskset', ok: () => has('taskset'), pkg: 'util-linux' },
];

function ensurePrerequisites() {
  if (process.platform !== 'linux') usage('real runtimes are measured on Linux only (taskset, futexes, GNU Pth)');
  let missing = NEEDS.filter((n) => !n.ok());
  if (missing.length && process.getuid?.() === 0 && has('apt-get')) {
    const pkgs = missing.map((n) => n.pkg);
    console.log(`installing ${pkgs.join(' ')} with apt-get`);
    let res = run('apt-get', ['install', '-y', '--no-install-recommends', ...pkgs], { stdio: 'inherit' });
    if (res.status !== 0) {
      run('apt-get', ['update'], { stdio: 'inherit' });
      // Install one by one so that a package Debian no longer ships does not stop the rest.
      for (const p of pkgs) res = run('apt-get', ['install', '-y', '--no-install-recommends', p], { stdio: 'inherit' });
    }
    missing = NEEDS.filter((n) => !n.ok());
  }
  for (const n of missing) {
    const how = `apt-get install ${n.pkg}` + (process.getuid?.() === 0 ? '' : ' (as root)');
    if (n.optional) {
      console.log(`missing: ${n.what}; the many-to-one (N:1) real runs are skipped. Install: ${how}.`);
    } else {
      process.stderr.write(`validate-real: missing ${n.what}. Install: ${how}.\n`);
    }
  }
  if (missing.some((n) => !n.optional)) process.exit(2);
  return { pth: NEEDS[1].ok() };
}

// ── Build ────────────────────────────────────────────────────────────────────

function build(withPth) {
  mkdirSync(buildDir, { recursive: true });
  const steps = [
    ['gcc', ['-O2', '-Wall', '-Wextra', '-o', join(buildDir, 'pthreads'), join(srcDir, 'pthreads.c'), '-lpthread']],
    ...(withPth ? [['gcc', ['-O2', '-Wall', '-Wextra', '-o', join(buildDir, 'pth'), join(srcDir, 'pth.c'), '-lpth']]] : []),
    ['go', ['build', '-o', join(buildDir, 'goroutines'), join(srcDir, 'goroutines.go')]],
  ];
  const env = {
    ...process.env,
    GOCACHE: join(buildDir, 'gocache'),
    GOPATH: join(buildDir, 'gopath'),
    GO111MODULE: 'off', // one file, no module, nothing to fetch
    GOTOOLCHAIN: 'local',
    GOFLAGS: '',
  };
  for (const [cmd, args] of steps) {
    const res = run(NICE[0], [...NICE.slice(1), cmd, ...args], { env });
    if (res.status !== 0) usage(`building failed: ${cmd} ${args.join(' ')}\n${res.stderr}`);
  }
  if (!existsSync(join(root, 'dist', 'cli.js'))) {
    console.log('dist/cli.js is missing: building it (npm run build)');
    const res = run(NICE[0], [...NICE.slice(1), process.execPath, join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
    if (res.status !== 0) usage('npm run build failed');
  }
}

// ── Real runs ────────────────────────────────────────────────────────────────

/** One run of a program: its JSON line, or {status: 'deadlock'} if it had to be stopped. */
function realRun({ prog, args, cpus, hangMs }) {
  const res = run(NICE[0], [...NICE.slice(1), 'taskset', '-c', cpus, join(buildDir, prog), ...args], {
    timeout: hangMs ?? 60_000,
    killSignal: 'SIGKILL',
  });
  if (res.error?.code === 'ETIMEDOUT' || res.signal === 'SIGKILL') {
    if (hangMs) return { status: 'deadlock', note: `hung: stopped after ${hangMs} ms` };
    throw new Error(`${prog} ${args.join(' ')} did not finish in 60 s`);
  }
  const line = res.stdout.trim().split('\n').at(-1) ?? '';
  if (res.status !== 0 || !line.startsWith('{')) {
    throw new Error(`${prog} ${args.join(' ')} failed (exit ${res.status}): ${res.stderr.trim() || line}`);
  }
  return JSON.parse(line);
}

// ── Simulated runs ───────────────────────────────────────────────────────────

const lwpBin = join(root, 'bin', 'lwp.js');
/** The `lwp` command, spawned under nice, for validation/real/simulated.mjs. */
async function lwp(args) {
  const res = run(NICE[0], [...NICE.slice(1), process.execPath, lwpBin, ...args]);
  if (res.status !== 0 && res.status !== 3) process.stderr.write(res.stderr);
  return { code: res.status, stdout: res.stdout };
}

// ── Statistics and verdicts ──────────────────────────────────────────────────

/** The median of the statuses, for outcomes: the one seen most often. */
function mode(xs) {
  const count = new Map();
  for (const x of xs) count.set(x, (count.get(x) ?? 0) + 1);
  return [...count].sort((a, b) => b[1] - a[1])[0][0];
}

function verdict(tol, real, sim) {
  if (tol.kind === 'equal') return real === sim;
  if (!Number.isFinite(real) || !Number.isFinite(sim)) return false;
  if (tol.kind === 'within') return Math.abs(real - sim) <= tol.d;
  if (sim === 0) return real === 0;
  const r = real / sim;
  return r >= tol.lo && r <= tol.hi;
}

function toleranceText(tol) {
  if (tol.kind === 'equal') return 'equal';
  if (tol.kind === 'within') return `±${tol.d}`;
  return `real/sim in [${tol.lo}, ${tol.hi}]`;
}

function show(x, unit) {
  if (typeof x === 'string') return x;
  if (!Number.isFinite(x)) return 'n/a';
  if (unit === 'ns') {
    if (Math.abs(x) >= 1e6) return `${(x / 1e6).toPrecision(3)} ms`;
    if (Math.abs(x) >= 1e3) return `${(x / 1e3).toPrecision(3)} µs`;
    return `${x.toPrecision(3)} ns`;
  }
  return `${x.toFixed(2)}${unit ?? ''}`;
}

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

// ── Main ─────────────────────────────────────────────────────────────────────

const { pth } = ensurePrerequisites();
build(pth);
const chosen = EXPERIMENTS.filter((e) => !opts.only || e.id.includes(opts.only) || e.title.includes(opts.only));
if (!chosen.length) usage(`no experiment matches --only ${opts.only}`);

const t0 = Date.now();
const loadBefore = loadavg();
const cpus = Number(run('nproc', []).stdout.trim());
const loaded = Number(loadBefore.split(' ')[0]) > cpus;
if (loaded) {
  console.log(
    `the machine is loaded (load ${loadBefore.split(' ')[0]} on ${cpus} CPUs): figures made of wall-clock time measure the neighbours too;`,
  );
  console.log('where one disagrees it is reported as inconclusive and does not fail the run');
}
console.log(
  `machine: ${run('uname', ['-r']).stdout.trim()}, ${run('nproc', []).stdout.trim()} CPUs; load before ${loadBefore}; ${REPS} repetitions`,
);

/** Per experiment, the figure of each repetition. */
const perRep = new Map(chosen.map((e) => [e.id, []]));
const notes = new Map();
/** Experiments whose program failed: not a verdict, a run that could not be made. */
const errors = new Map();
const skipped = new Set(pth ? [] : chosen.filter((e) => Object.values(e.runs).some((r) => r.prog === 'pth')).map((e) => e.id));
for (let rep = 0; rep < REPS; rep++) {
  // Within one repetition the configurations of an experiment run back to back,
  // so a ratio compares runs made under the same load; a run that two
  // experiments share is made once.
  const cache = new Map();
  for (const e of chosen) {
    if (skipped.has(e.id)) continue;
    if (errors.has(e.id)) continue;
    const results = {};
    try {
      for (const [key, spec] of Object.entries(e.runs)) {
        const k = JSON.stringify(spec);
        if (!cache.has(k)) cache.set(k, realRun(spec));
        results[key] = cache.get(k);
        if (results[key].note) notes.set(e.id, results[key].note);
      }
    } catch (err) {
      errors.set(e.id, err instanceof Error ? err.message : String(err));
      continue;
    }
    perRep.get(e.id).push(e.real(results));
  }
  process.stdout.write(`repetition ${rep + 1}/${REPS} done (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
}

const rows = [];
for (const e of chosen) {
  const sims = {};
  for (const [k, spec] of Object.entries(e.sims)) sims[k] = await simulate(spec, lwp);
  const simulated = e.sim(sims);
  if (skipped.has(e.id)) {
    rows.push({ id: e.id, title: e.title, simulated, verdict: 'skipped', why: 'GNU Pth is not installed' });
    continue;
  }
  if (errors.has(e.id)) {
    rows.push({ id: e.id, title: e.title, simulated, verdict: 'error', why: errors.get(e.id) });
    continue;
  }
  const values = perRep.get(e.id);
  const isStatus = e.tolerance.kind === 'equal';
  const real = isStatus ? mode(values) : median(values);
  const finite = values.filter((v) => Number.isFinite(v));
  const spread = isStatus ? [...new Set(values)].join('/') : `${show(Math.min(...finite), e.unit)} – ${show(Math.max(...finite), e.unit)}`;
  const ok = verdict(e.tolerance, real, simulated);
  const label = ok ? 'agrees' : e.wall && loaded ? 'inconclusive' : 'DISAGREES';
  rows.push({
    id: e.id,
    title: e.title,
    real,
    spread,
    simulated,
    tolerance: toleranceText(e.tolerance),
    verdict: label,
    wall: e.wall ?? false,
    pending: ok ? undefined : e.pending || undefined,
    note: notes.get(e.id),
    unit: e.unit,
    cost: e.cost ?? false,
    values,
  });
}

const loadAfter = loadavg();
console.log('');
for (const r of rows) {
  const mark = { agrees: 'ok  ', skipped: 'skip', inconclusive: '??  ', DISAGREES: 'FAIL', error: 'ERR ' }[r.verdict];
  console.log(`${mark} ${r.title}`);
  if (r.verdict === 'skipped' || r.verdict === 'error') {
    console.log(`       ${r.verdict}: ${r.why}; simulated ${show(r.simulated, r.unit)}`);
    continue;
  }
  const how = typeof r.real === 'string' ? `seen: ${r.spread}` : `median; spread ${r.spread}`;
  console.log(
    `       real ${show(r.real, r.unit)} (${how})   simulated ${show(r.simulated, r.unit)}   tolerance ${r.tolerance}   -> ${r.verdict}`,
  );
  if (r.note) console.log(`       real run ${r.note}`);
  if (r.verdict === 'inconclusive')
    console.log(`       inconclusive: a wall-clock figure on a loaded machine; run again when the load is under ${cpus}`);
  if (r.pending) console.log(`       the simulator today lacks: ${r.pending}`);
}
const failed = rows.filter((r) => r.verdict === 'DISAGREES').length;
const agreed = rows.filter((r) => r.verdict === 'agrees').length;
const unsure = rows.filter((r) => r.verdict === 'inconclusive').length;
console.log(`\nload before ${loadBefore}, after ${loadAfter}; ${((Date.now() - t0) / 1000).toFixed(0)} s`);
console.log(
  `${agreed} agree, ${failed} disagree${unsure ? `, ${unsure} inconclusive` : ''}${skipped.size ? `, ${skipped.size} skipped` : ''}${errors.size ? `, ${errors.size} could not run` : ''}`,
);
if (opts.json) writeFileSync(opts.json, JSON.stringify({ loadBefore, loadAfter, loaded, reps: REPS, rows }, null, 2) + '\n');
process.exit(failed ? 1 : errors.size ? 2 : 0);
