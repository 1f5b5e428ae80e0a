/**
 * Simulator throughput (docs/performance.md, "Simulator"): a generated
 * scenario of 10,000 user threads in 100 processes on 64 CPUs mixing every
 * model and statement, run to 10^4 … 10^7 events. Prints events/s (with and
 * without recording the trace), trace bytes per interval, and the growth of
 * the cost per event, which must stay flat or grow like log n.
 */
import { buildSync } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { analyze as Analyze } from '../src/core/analyze';
import type { simulate as Simulate } from '../src/core/sim/simulate';

/**
 * The core as it ships: bundled by esbuild like dist/*.js (tsx's per-module
 * export getters would otherwise dominate the hot path).
 */
function loadBundledCore(): { analyze: typeof Analyze; simulate: typeof Simulate } {
  const dir = mkdtempSync(join(tmpdir(), 'lwp-sim-bench-'));
  const outfile = join(dir, 'core.cjs');
  buildSync({
    stdin: { contents: "export { analyze } from './src/core/analyze'; export { simulate } from './src/core/sim/simulate';", resolveDir: join(__dirname, '..'), loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    logLevel: 'warning',
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(outfile) as { analyze: typeof Analyze; simulate: typeof Simulate };
}

const MODELS = ['model one-to-one', 'model many-to-one', 'model many-to-many lwps 4', 'model many-to-many lwps 2 upcalls on', 'model many-to-many lwps 2 max 6\n  sigwaiting on', 'model many-to-many lwps 3\n  scheduler round-robin quantum 300us', 'model many-to-one\n  scheduler priority'];

const BODIES = [
  'forever { compute 200us  syscall 20us  io 300us }',
  'forever { lock m { compute 50us }  compute 100us  yield }',
  'forever { post s  wait s  compute 120us  sleep 200us }',
  'forever { lock k { compute 5us }  compute 80us  wait ks  post ks }',
  'forever { spawn h  compute 150us  join h }',
];

export function benchScenario(): string {
  let text = 'scenario "bench"\nmachine { cpus 64  scheduler round-robin quantum 1ms  limit 1000s }\nsemaphore ks = 8\n';
  for (let p = 0; p < 100; p++) {
    text += `process p${p} {\n  ${MODELS[p % MODELS.length]}\n  mutex m\n  spinlock k\n  semaphore s = 2\n`;
    for (let d = 0; d < BODIES.length; d++) text += `  thread t${d} * 20 priority ${d % 3} { ${BODIES[d]} }\n`;
    text += '  thread h spawned { compute 40us }\n}\n';
  }
  return text;
}

function main(): void {
  const { analyze, simulate } = loadBundledCore();
  const a = analyze(benchScenario());
  const errors = a.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || !a.scenario) throw new Error('bench scenario has errors: ' + errors.map((e) => e.message).join('; '));
  const sc = a.scenario;
  const threads = sc.processes.reduce((n, p) => n + p.threads.reduce((k, t) => k + (t.spawned ? 0 : t.count), 0), 0);
  console.log(`scenario: ${threads} threads in ${sc.processes.length} processes on ${sc.cpus} CPUs`);
  simulate(sc, { maxEvents: 200_000 }); // warm up the JIT
  // Setup and result building for 10,000 threads, paid once per run: measured
  // alone and subtracted, so the rows show the per-event cost.
  let setupSecs = 0;
  {
    const c0 = process.cpuUsage();
    for (let i = 0; i < 5; i++) simulate(sc, { maxEvents: 0 });
    const cu = process.cpuUsage(c0);
    setupSecs = (cu.user + cu.system) / 1e6 / 5;
    console.log(`setup (threads, lanes, result) per run: ${(setupSecs * 1000).toFixed(0)} ms of CPU`);
  }
  const rows: string[] = [];
  let firstNsPerEvent = 0;
  for (const n of [1e4, 1e5, 1e6, 1e7]) {
    for (const record of [true, false]) {
      globalThis.gc?.();
      // CPU time of this process, not wall time: the reference machine is
      // shared, and wall time there measures the neighbours.
      const c0 = process.cpuUsage();
      const r = simulate(sc, { maxEvents: n, recordTrace: record });
      const cu = process.cpuUsage(c0);
      const secs = Math.max(1e-9, (cu.user + cu.system) / 1e6 - setupSecs);
      const perSec = r.events / secs;
      const nsPerEvent = (secs * 1e9) / r.events;
      if (n === 1e4 && record) firstNsPerEvent = nsPerEvent;
      const t = r.trace;
      const bytes = t.start.byteLength + t.end.byteLength + t.lane.byteLength + t.state.byteLength + t.detail.byteLength + t.src.byteLength;
      const perInterval = t.count ? (bytes / t.count).toFixed(1) : '–';
      rows.push(
        `| ${n.toExponential(0).replace('+', '')} | ${record ? 'yes' : 'no'} | ${r.events.toLocaleString('en-US')} | ${(secs * 1000).toFixed(0)} ms | ${(perSec / 1e6).toFixed(2)} M/s | ${nsPerEvent.toFixed(0)} ns (×${(nsPerEvent / firstNsPerEvent).toFixed(2)}) | ${t.count.toLocaleString('en-US')} | ${perInterval} | ${(r.makespan / 1e6).toFixed(1)} ms | ${r.status} |`,
      );
      console.log(rows[rows.length - 1]);
    }
  }
  console.log('\n| events cap | trace | events | CPU time (setup excluded) | events/s | per event (vs 10^4) | intervals | bytes/interval | simulated | status |\n|---|---|---|---|---|---|---|---|---|---|\n' + rows.join('\n'));
}

if (require.main === module) main();
