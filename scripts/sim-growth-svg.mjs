// Draws the simulator's growth curve (docs/img/sim-growth.svg) from the table
// bench/sim.bench.ts prints:
//   npm run bench -- sim | node scripts/sim-growth-svg.mjs > docs/img/sim-growth.svg
// x: events run (log scale); y: CPU time per event (log scale), one line with
// the trace recorded and one without, and a dashed n log n reference (cost per
// event growing like log n from the first point). A curve at or under its
// reference is "n log n or better".
import { readFileSync } from 'node:fs';

const text = readFileSync(0, 'utf8');
// Rows: | cap | trace | events | CPU time | wall | events/s | per event | …
const rows = [];
const seen = new Set();
for (const line of text.split('\n')) {
  const m = /^\| (1e\d+) \| (yes|no) \| ([\d,]+) \| \d+ ms \| \d+ ms \| [\d.]+ M\/s \| (\d+) ns/.exec(line);
  if (!m || seen.has(m[1] + m[2])) continue; // the bench prints each row twice (live, then in the table)
  seen.add(m[1] + m[2]);
  rows.push({ trace: m[2] === 'yes', events: Number(m[3].replace(/,/g, '')), ns: Number(m[4]) });
}
if (rows.length < 2) {
  console.error('sim-growth-svg: no bench rows on stdin (pipe the output of `npm run bench -- sim`)');
  process.exit(2);
}

const W = 640;
const H = 380;
const M = { l: 70, r: 150, t: 40, b: 50 };
const xs = rows.map((r) => Math.log10(r.events));
const ys = rows.map((r) => Math.log10(r.ns));
const x0 = Math.floor(Math.min(...xs));
const x1 = Math.ceil(Math.max(...xs));
const y0 = Math.floor(Math.min(...ys));
const y1 = Math.ceil(Math.max(...ys));
const px = (e) => M.l + ((Math.log10(e) - x0) / (x1 - x0)) * (W - M.l - M.r);
const py = (ns) => H - M.b - ((Math.log10(ns) - y0) / (y1 - y0)) * (H - M.t - M.b);
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');

const out = [];
out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
out.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
out.push(`<text x="${M.l}" y="22" font-size="14" font-weight="bold">Simulator: CPU time per event as the run grows</text>`);
for (let k = x0; k <= x1; k++) {
  const x = px(10 ** k);
  out.push(`<line x1="${x}" y1="${M.t}" x2="${x}" y2="${H - M.b}" stroke="#ddd"/><text x="${x}" y="${H - M.b + 16}" text-anchor="middle">10^${k}</text>`);
}
for (let k = y0; k <= y1; k++) {
  const y = py(10 ** k);
  const label = 10 ** k >= 1000 ? `${10 ** (k - 3)} µs` : `${10 ** k} ns`;
  out.push(`<line x1="${M.l}" y1="${y}" x2="${W - M.r}" y2="${y}" stroke="#ddd"/><text x="${M.l - 6}" y="${y + 4}" text-anchor="end">${label}</text>`);
}
out.push(`<text x="${(M.l + W - M.r) / 2}" y="${H - 12}" text-anchor="middle">events run (bench scenario: 10,000 threads, 100 processes, 64 CPUs)</text>`);
out.push(`<text transform="translate(16 ${(M.t + H - M.b) / 2}) rotate(-90)" text-anchor="middle">CPU time per event</text>`);

const series = [
  { trace: true, colour: '#0072B2', label: 'with the trace' },
  { trace: false, colour: '#D55E00', label: 'without the trace' },
];
let ly = M.t + 10;
for (const s of series) {
  const pts = rows.filter((r) => r.trace === s.trace).sort((a, b) => a.events - b.events);
  if (pts.length === 0) continue;
  out.push(`<polyline fill="none" stroke="${s.colour}" stroke-width="2" points="${pts.map((p) => `${px(p.events).toFixed(1)},${py(p.ns).toFixed(1)}`).join(' ')}"/>`);
  for (const p of pts) out.push(`<circle cx="${px(p.events).toFixed(1)}" cy="${py(p.ns).toFixed(1)}" r="3" fill="${s.colour}"><title>${esc(`${p.events.toLocaleString('en-US')} events: ${p.ns} ns/event`)}</title></circle>`);
  // n log n reference from the first point: per-event cost ∝ log n.
  const first = pts[0];
  const ref = pts.map((p) => ({ events: p.events, ns: (first.ns * Math.log(p.events)) / Math.log(first.events) }));
  out.push(`<polyline fill="none" stroke="${s.colour}" stroke-width="1" stroke-dasharray="4 3" points="${ref.map((p) => `${px(p.events).toFixed(1)},${py(p.ns).toFixed(1)}`).join(' ')}"/>`);
  out.push(`<line x1="${W - M.r + 12}" y1="${ly}" x2="${W - M.r + 32}" y2="${ly}" stroke="${s.colour}" stroke-width="2"/><text x="${W - M.r + 38}" y="${ly + 4}">${s.label}</text>`);
  out.push(`<line x1="${W - M.r + 12}" y1="${ly + 18}" x2="${W - M.r + 32}" y2="${ly + 18}" stroke="${s.colour}" stroke-dasharray="4 3"/><text x="${W - M.r + 38}" y="${ly + 22}">n log n from 10^${Math.round(Math.log10(first.events))}</text>`);
  ly += 44;
}
out.push('</svg>');
process.stdout.write(out.join('\n') + '\n');
