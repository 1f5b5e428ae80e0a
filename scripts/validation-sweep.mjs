// The I/O sweep of docs/validation.md (issue 7, item 2): how a parallel
// application degrades as its threads spend a growing share of their time
// blocked in the kernel, under three thread systems of the scheduler-
// activations paper. Builds the CLI and runs `lwp sweep` on one scenario
// (model × upcalls × the tasks' io duration), then writes
// docs/img/io-sweep.svg and the table between the io-sweep markers of
// docs/validation.md.
//
//   node scripts/validation-sweep.mjs [--check]
//
// --check recomputes and fails (exit 1) if the docs are out of date, without
// writing anything.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const docPath = join(root, 'docs', 'validation.md');
const svgPath = join(root, 'docs', 'img', 'io-sweep.svg');
const check = process.argv.includes('--check');

/** Blocking shares swept: the fraction of each task's time spent blocked in `io`. */
export const SHARES = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
/** CPU work of one task, ns. Every task computes this much whatever the share; the I/O is added on top. */
const TASK_COMPUTE_NS = 5_000_000;
const CPUS = 6; // the paper's Firefly had six CVAX processors
const TASKS = 12; // per phase: twice the processors, as a parallel phase would
const PHASES = 10;

// The Firefly preset of docs/validation.md ("Cost parameters"), kept in sync with validation/firefly-*.lwp.
const FIREFLY_COSTS = `mode-switch 19us kernel-switch 182.5us address-space-switch 0ns user-switch 4.5us user-create 4us kernel-create 538us upcall 580us`;

/** The three thread systems: label, and the model and upcalls setting that make them (parameters of `lwp sweep`). */
export const CONFIGS = [
  { key: 'pool', label: 'user threads on a fixed pool of kernel threads (FastThreads on Topaz)', model: 'many-to-many', upcalls: 'off', colour: '#d62728' },
  { key: 'kernel', label: 'kernel threads (Topaz threads, one-to-one)', model: 'one-to-one', upcalls: 'off', colour: '#1f77b4' },
  { key: 'upcalls', label: 'user threads with upcalls (scheduler activations)', model: 'many-to-many', upcalls: 'on', colour: '#2ca02c' },
];

/** ns of `io` that make `share` of a task's time blocked, on top of its computation. */
const ioNs = (share) => Math.round((TASK_COMPUTE_NS * share) / (1 - share));

/**
 * The swept scenario (also the text of validation/io-sweep-*.lwp, with the
 * model and the io written out). At 0% a task has no `io` at all: a
 * zero-length blocking call still enters the kernel (and, with upcalls,
 * pays two upcalls), which is not "no blocking".
 */
export function scenarioText(withIo) {
  return `scenario "I/O sweep"
machine {
  cpus ${CPUS}
  costs { ${FIREFLY_COSTS} }
}
process app {
  model many-to-many lwps ${CPUS}
  thread main { repeat ${PHASES} { spawn task * ${TASKS}  join task } }
  thread task spawned { compute ${TASK_COMPUTE_NS}ns${withIo ? '  io 1ns' : ''} }
}
`;
}

/** Speedup over running every task's computation on one processor with no overhead. */
function speedup(makespanNs) {
  return (PHASES * TASKS * TASK_COMPUTE_NS) / makespanNs;
}

/**
 * `lwp sweep` of the scenario: model × upcalls × io duration, one JSON point
 * per combination (one-to-one with upcalls on is one-to-one: the sweep warns
 * and the point is not used). Built first so the sweep runs today's sources.
 */
function lwpSweep(withIo, extra) {
  const dir = mkdtempSync(join(tmpdir(), 'lwp-io-sweep-'));
  try {
    const file = join(dir, 'io-sweep.lwp');
    writeFileSync(file, scenarioText(withIo));
    const args = [join(root, 'bin', 'lwp.js'), 'sweep', file, '--vary', 'app.model=M:N,1:1', '--vary', 'app.upcalls=off,on', ...extra, '--json', '--metric', 'makespan'];
    const res = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (res.status !== 0) throw new Error(`lwp sweep failed (exit ${res.status}):\n${res.stderr}`);
    return JSON.parse(res.stdout).points;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function sweep() {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stderr}`);
  const blocked = SHARES.filter((s) => s > 0);
  const points = [...lwpSweep(false, []), ...lwpSweep(true, ['--vary', `app.task.io=${blocked.map((s) => `${ioNs(s)}ns`).join(',')}`])];
  return CONFIGS.map((c) => ({
    ...c,
    makespans: SHARES.map((s) => {
      const pt = points.find((p) => p.params['app.model'] === c.model && p.params['app.upcalls'] === c.upcalls && (p.params['app.task.io'] ?? 0) === ioNs(s));
      if (!pt || pt.status !== 'completed') throw new Error(`${c.key} at ${s}: ${pt ? pt.status : 'no point'}`);
      return pt.makespan;
    }),
  }));
}

function fmtMs(ns) {
  return `${(ns / 1e6).toFixed(1)} ms`;
}

function table(results) {
  const head = `| blocked share | ${results.map((r) => r.key).join(' | ')} |\n| ---: | ${results.map(() => '---:').join(' | ')} |`;
  const rows = SHARES.map((s, i) => `| ${Math.round(s * 100)}% | ${results.map((r) => `${speedup(r.makespans[i]).toFixed(2)} (${fmtMs(r.makespans[i])})`).join(' | ')} |`);
  return [head, ...rows].join('\n');
}

function svg(results) {
  const W = 640;
  const H = 360;
  const m = { l: 56, r: 16, t: 28, b: 96 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const maxX = SHARES[SHARES.length - 1];
  const maxY = CPUS;
  const x = (s) => m.l + (s / maxX) * pw;
  const y = (v) => m.t + ph - (v / maxY) * ph;
  const parts = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  parts.push(`<text x="${W / 2}" y="18" text-anchor="middle" font-size="14">Speedup on ${CPUS} CPUs as threads block in the kernel (simulated, Firefly costs)</text>`);
  for (let v = 0; v <= maxY; v++) {
    parts.push(`<line x1="${m.l}" x2="${m.l + pw}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${m.l - 6}" y="${y(v) + 4}" text-anchor="end">${v}</text>`);
  }
  for (const s of SHARES) parts.push(`<text x="${x(s)}" y="${m.t + ph + 16}" text-anchor="middle">${Math.round(s * 100)}%</text>`);
  parts.push(`<line x1="${m.l}" x2="${m.l + pw}" y1="${m.t + ph}" y2="${m.t + ph}" stroke="#333"/>`);
  parts.push(`<line x1="${m.l}" x2="${m.l}" y1="${m.t}" y2="${m.t + ph}" stroke="#333"/>`);
  parts.push(`<text x="${m.l + pw / 2}" y="${m.t + ph + 34}" text-anchor="middle">share of each task's time blocked in the kernel</text>`);
  parts.push(`<text transform="translate(16 ${m.t + ph / 2}) rotate(-90)" text-anchor="middle">speedup</text>`);
  results.forEach((r, k) => {
    const pts = SHARES.map((s, i) => `${x(s).toFixed(1)},${y(speedup(r.makespans[i])).toFixed(1)}`).join(' ');
    parts.push(`<polyline points="${pts}" fill="none" stroke="${r.colour}" stroke-width="2"/>`);
    for (const p of pts.split(' ')) {
      const [px, py] = p.split(',');
      parts.push(`<circle cx="${px}" cy="${py}" r="3" fill="${r.colour}"/>`);
    }
    const ly = m.t + ph + 52 + k * 16;
    parts.push(`<line x1="${m.l}" x2="${m.l + 24}" y1="${ly - 4}" y2="${ly - 4}" stroke="${r.colour}" stroke-width="2"/>`);
    parts.push(`<text x="${m.l + 30}" y="${ly}">${r.label}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

function main() {
  const results = sweep();
  const md = table(results);
  const image = svg(results);
  const doc = readFileSync(docPath, 'utf8');
  const begin = '<!-- io-sweep:begin -->';
  const end = '<!-- io-sweep:end -->';
  const a = doc.indexOf(begin);
  const b = doc.indexOf(end);
  if (a < 0 || b < a) throw new Error(`docs/validation.md has no ${begin} … ${end} markers`);
  const nextDoc = `${doc.slice(0, a + begin.length)}\n${md}\n${doc.slice(b)}`;
  console.log(md);
  if (check) {
    const stale = nextDoc !== doc || !existsSync(svgPath) || readFileSync(svgPath, 'utf8') !== image;
    if (stale) {
      console.error('docs/validation.md or docs/img/io-sweep.svg is out of date: run node scripts/validation-sweep.mjs');
      process.exit(1);
    }
    return;
  }
  writeFileSync(docPath, nextDoc);
  writeFileSync(svgPath, image);
  console.log(`wrote ${svgPath.replace(root, '')} and the table in docs/validation.md`);
}

main();
