// The I/O sweep of docs/validation.md (issue 7, item 2): how a parallel
// application degrades as its threads spend a growing share of their time
// blocked in the kernel, under three thread systems of the scheduler-
// activations paper. Runs the real simulator — the same src/core code the
// CLI bundles, loaded through tsx so the sweep does not depend on a fresh
// build — then writes docs/img/io-sweep.svg and the table between the
// io-sweep markers of docs/validation.md.
//
//   node scripts/validation-sweep.mjs [--check]
//
// --check recomputes and fails (exit 1) if the docs are out of date, without
// writing anything.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
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

/** The three thread systems: label, and the process lines that make them. */
export const CONFIGS = [
  { key: 'pool', label: 'user threads on a fixed pool of kernel threads (FastThreads on Topaz)', model: `model many-to-many lwps ${CPUS}`, colour: '#d62728' },
  { key: 'kernel', label: 'kernel threads (Topaz threads, one-to-one)', model: 'model one-to-one', colour: '#1f77b4' },
  { key: 'upcalls', label: 'user threads with upcalls (scheduler activations)', model: `model many-to-many lwps ${CPUS}\n  upcalls on`, colour: '#2ca02c' },
];

/** The scenario for one configuration at one blocking share (also the text of validation/io-sweep-*.lwp). */
export function scenarioText(config, share) {
  const ioNs = Math.round((TASK_COMPUTE_NS * share) / (1 - share));
  const io = ioNs > 0 ? `  io ${ioNs}ns` : '';
  return `scenario "I/O sweep: ${config.key} at ${Math.round(share * 100)}% blocked"
machine {
  cpus ${CPUS}
  costs { ${FIREFLY_COSTS} }
}
process app {
  ${config.model}
  thread main { repeat ${PHASES} { spawn task * ${TASKS}  join task } }
  thread task spawned { compute ${TASK_COMPUTE_NS}ns${io} }
}
`;
}

/** Speedup over running every task's computation on one processor with no overhead. */
function speedup(makespanNs) {
  return (PHASES * TASKS * TASK_COMPUTE_NS) / makespanNs;
}

// One child process runs every scenario: it reads their texts as JSON on
// stdin and prints each run's status and makespan.
const RUNNER = `
// The sources are CommonJS to tsx here: their exports arrive on \`default\`.
const A = await import(${JSON.stringify(join(root, 'src/core/analyze.ts'))});
const S = await import(${JSON.stringify(join(root, 'src/core/sim/index.ts'))});
const analyze = A.analyze ?? A.default.analyze;
const simulate = S.simulate ?? S.default.simulate;
let input = '';
for await (const chunk of process.stdin) input += chunk;
const out = JSON.parse(input).map((text) => {
  const a = analyze(text);
  if (!a.scenario) return { error: a.diagnostics.map((d) => d.message).join('; ') };
  const r = simulate(a.scenario);
  return { status: r.status, makespan: r.makespan };
});
process.stdout.write(JSON.stringify(out));
`;

function sweep() {
  const texts = CONFIGS.flatMap((c) => SHARES.map((s) => scenarioText(c, s)));
  const res = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', RUNNER], {
    cwd: root,
    input: JSON.stringify(texts),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (res.status !== 0) throw new Error(`the simulator run failed (exit ${res.status}):\n${res.stderr}`);
  const runs = JSON.parse(res.stdout);
  return CONFIGS.map((c, ci) => ({
    ...c,
    makespans: SHARES.map((s, si) => {
      const r = runs[ci * SHARES.length + si];
      if (r.error || r.status !== 'completed') throw new Error(`${c.key} at ${s}: ${r.error ?? r.status}`);
      return r.makespan;
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
