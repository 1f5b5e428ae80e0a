/**
 * Simulator throughput (docs/performance.md, "Simulator"): a generated
 * scenario of 10,000 user threads in 100 processes on 64 CPUs mixing every
 * model and statement, run to 10^4 … 10^7 events. Prints events/s (with and
 * without recording the trace), trace bytes per interval, and the growth of
 * the cost per event, which must stay flat or grow like log n. Every row
 * gives CPU time (the figure), wall time, and a same-process calibration
 * loop with the run's ratio to it, so that rows taken under different
 * machine load compare; and the memory the run touched for the first time
 * (minor page faults × 4 KiB) with what that costs here (first-touch cost
 * per byte, measured once), since on a VM page faults can cost as much as
 * the simulation itself.
 */
import { buildSync } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { analyze as Analyze } from '../src/core/analyze';
import type { simulate as Simulate } from '../src/core/sim/simulate';

/**
 * The core as it ships: bundled by esbuild like dist/*.js (tsx's per-module
 * export getters would otherwise dominate the hot path). SIM_BENCH_CORE names
 * another checkout to bundle instead, for A/B runs of the same scenario.
 */
export function loadBundledCore(root = process.env.SIM_BENCH_CORE ?? join(__dirname, '..')): {
  analyze: typeof Analyze;
  simulate: typeof Simulate;
} {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(bundleCore(root)) as { analyze: typeof Analyze; simulate: typeof Simulate };
}

/**
 * Bundles the core of checkout `root` as loadBundledCore does (`exports`:
 * the entry's source, by default analyze and simulate); returns the
 * bundle's path.
 */
export function bundleCore(
  root: string,
  exports = "export { analyze } from './src/core/analyze'; export { simulate } from './src/core/sim/simulate';",
): string {
  const dir = mkdtempSync(join(tmpdir(), 'lwp-sim-bench-'));
  const outfile = join(dir, 'core.cjs');
  buildSync({
    stdin: {
      contents: exports,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

type Scenario = NonNullable<ReturnType<typeof Analyze>['scenario']>;

/** Warms the JIT: a traced run, then one without a trace. */
export function warmUp(simulate: typeof Simulate, sc: Scenario): void {
  simulate(sc, { maxEvents: 200_000 });
  simulate(sc, { maxEvents: 200_000, recordTrace: false });
}

/**
 * A full collection, so that no earlier run's garbage is collected during
 * the next, then two short runs like the next (`record`: with a trace or
 * not). A forced collection (`gc()`) makes V8 throw away the simulator's
 * optimized code (deoptimizations with reason "weak objects"; natural
 * collections do not), and a run timed right after it would time V8
 * optimizing the simulator again (docs/performance.md, "Speed floor
 * (issue 11)").
 */
export function collectAndWarm(simulate: typeof Simulate, sc: Scenario, record: boolean): void {
  globalThis.gc?.();
  for (let i = 0; i < 2; i++) simulate(sc, { maxEvents: 200_000, recordTrace: record });
}

const MODELS = [
  'model one-to-one',
  'model many-to-one',
  'model many-to-many lwps 4',
  'model many-to-many lwps 2 upcalls on',
  'model many-to-many lwps 2 max 6\n  sigwaiting on',
  'model many-to-many lwps 3\n  scheduler round-robin quantum 300us',
  'model many-to-one\n  scheduler priority',
];

const BODIES = [
  'forever { compute 200us  syscall 20us  io 300us }',
  'forever { lock m { compute 50us }  compute 100us  yield }',
  'forever { post s  wait s  compute 120us  sleep 200us }',
  'forever { lock k { compute 5us }  compute 80us  wait ks  post ks }',
  'forever { spawn h  compute 150us  join h }',
];

/** How large benchScenario is: its name, CPUs, processes (models taken in turn), instances of each thread body, and the kernel semaphore's count. */
export interface BenchSize {
  readonly name: string;
  readonly cpus: number;
  readonly processes: number;
  readonly threadsPerBody: number;
  readonly kernelSemaphore: number;
}

/** The simulator bench's size: 10,000 threads in 100 processes on 64 CPUs. */
export const BENCH_SIZE: BenchSize = { name: 'bench', cpus: 64, processes: 100, threadsPerBody: 20, kernelSemaphore: 8 };

/** `kernel`: the machine's scheduler (SIM_BENCH_SCHEDULER, e.g. `fair`; default `round-robin quantum 1ms`). */
export function benchScenario(kernel = 'round-robin quantum 1ms', size: BenchSize = BENCH_SIZE): string {
  let text = `scenario "${size.name}"\nmachine { cpus ${size.cpus}  scheduler ${kernel}  limit 1000s }\nsemaphore ks = ${size.kernelSemaphore}\n`;
  for (let p = 0; p < size.processes; p++) {
    text += `process p${p} {\n  ${MODELS[p % MODELS.length]}\n  mutex m\n  spinlock k\n  semaphore s = 2\n`;
    for (let d = 0; d < BODIES.length; d++) text += `  thread t${d} * ${size.threadsPerBody} priority ${d % 3} { ${BODIES[d]} }\n`;
    text += '  thread h spawned { compute 40us }\n}\n';
  }
  return text;
}

/**
 * A fixed integer workload (table lookups and arithmetic in 256 KB, like the
 * engine's): its CPU time, taken next to every row, tells how fast this core
 * runs right now, so rows taken under different load can be compared by the
 * ratio of the two. Returns CPU ms.
 */
function calibrate(): number {
  const a = new Int32Array(65_536);
  let x = 12_345;
  const c0 = process.cpuUsage();
  for (let i = 0; i < 40_000_000; i++) {
    x = (Math.imul(x, 1_103_515_245) + 12_345) | 0;
    const k = (x >>> 8) & 65_535;
    a[k] = (a[k] + i) | 0;
  }
  const cu = process.cpuUsage(c0);
  if (a[x & 65_535] === 0.5) console.log('unreachable'); // keeps the loop observable
  return (cu.user + cu.system) / 1000;
}

/**
 * CPU ns per byte of touching memory for the first time (page faults, the
 * kernel zeroing pages), less touching it again: 64 MB filled twice.
 */
function firstTouchNsPerByte(): number {
  const bytes = 64 << 20;
  const c0 = process.cpuUsage();
  const a = new Float64Array(bytes / 8);
  a.fill(1);
  const first = cpuMs(c0);
  const c1 = process.cpuUsage();
  a.fill(2);
  const again = cpuMs(c1);
  return (Math.max(0, first - again) * 1e6) / bytes;
}

function cpuMs(c0: NodeJS.CpuUsage): number {
  const cu = process.cpuUsage(c0);
  return (cu.user + cu.system) / 1000;
}

/**
 * Environment: SIM_BENCH_SIZES (event caps, default 1e4,1e5,1e6,1e7),
 * SIM_BENCH_TRACE (yes, no or both), SIM_BENCH_REPEAT (runs per row; the
 * row keeps the one with the least CPU time), SIM_BENCH_SCHEDULER (the
 * kernel policy, e.g. `fair`), SIM_BENCH_CORE (see above).
 */
function main(): void {
  const sizes = (process.env.SIM_BENCH_SIZES ?? '1e4,1e5,1e6,1e7').split(',').map(Number);
  const traceMode = process.env.SIM_BENCH_TRACE ?? 'both';
  const records = traceMode === 'yes' ? [true] : traceMode === 'no' ? [false] : [true, false];
  const repeat = Math.max(1, Number(process.env.SIM_BENCH_REPEAT ?? 1));
  const { analyze, simulate } = loadBundledCore();
  const a = analyze(benchScenario(process.env.SIM_BENCH_SCHEDULER));
  const errors = a.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || !a.scenario) throw new Error('bench scenario has errors: ' + errors.map((e) => e.message).join('; '));
  const sc = a.scenario;
  const threads = sc.processes.reduce((n, p) => n + p.threads.reduce((k, t) => k + (t.spawned ? 0 : t.count), 0), 0);
  console.log(`scenario: ${threads} threads in ${sc.processes.length} processes on ${sc.cpus} CPUs`);
  warmUp(simulate, sc);
  // Setup and result building for 10,000 threads, paid once per run: measured
  // alone and subtracted, so the rows show the per-event cost.
  let setupMs = Infinity;
  for (let i = 0; i < 5; i++) {
    const c0 = process.cpuUsage();
    simulate(sc, { maxEvents: 0 });
    setupMs = Math.min(setupMs, cpuMs(c0));
  }
  console.log(`setup (threads, lanes, result) per run: ${setupMs.toFixed(0)} ms of CPU (least of 5)`);
  globalThis.gc?.();
  const touchNs = firstTouchNsPerByte();
  console.log(`first touch of fresh memory: ${touchNs.toFixed(2)} ns per byte (${((touchNs * (1 << 20)) / 1e6).toFixed(1)} ms per MB)`);
  const rows: string[] = [];
  const firstNs = new Map<boolean, number>();
  for (const n of sizes) {
    for (const record of records) {
      let best = { cpu: Infinity, wall: 0, calib: 0, events: 0, count: 0, bytes: 0, makespan: 0, status: '', faults: 0 };
      for (let rep = 0; rep < repeat; rep++) {
        const calib = calibrate();
        collectAndWarm(simulate, sc, record);
        // CPU time of this process, not wall time: the reference machine is
        // shared, and wall time there measures the neighbours.
        const f0 = process.resourceUsage().minorPageFault;
        const c0 = process.cpuUsage();
        const w0 = performance.now();
        const r = simulate(sc, { maxEvents: n, recordTrace: record });
        const wall = performance.now() - w0;
        const cpu = cpuMs(c0);
        const faults = process.resourceUsage().minorPageFault - f0;
        const t = r.trace;
        if (cpu < best.cpu) {
          const bytes =
            t.start.byteLength + t.end.byteLength + t.lane.byteLength + t.state.byteLength + t.detail.byteLength + t.src.byteLength;
          best = { cpu, wall, calib, events: r.events, count: t.count, bytes, makespan: r.makespan, status: r.status, faults };
        }
      }
      const ms = Math.max(1e-6, best.cpu - setupMs);
      const perSec = best.events / (ms / 1000);
      const nsPerEvent = (ms * 1e6) / best.events;
      if (!firstNs.has(record)) firstNs.set(record, nsPerEvent);
      const perInterval = best.count ? (best.bytes / best.count).toFixed(1) : '–';
      // Fresh memory the run touched, and its estimated share of the CPU time.
      const freshBytes = best.faults * 4096;
      const faultMs = (freshBytes * touchNs) / 1e6;
      const fresh = `${(freshBytes / best.events).toFixed(0)} B/event, ~${Math.min(100, (faultMs / ms) * 100).toFixed(0)} %`;
      rows.push(
        `| ${n.toExponential(0).replace('+', '')} | ${record ? 'yes' : 'no'} | ${best.events.toLocaleString('en-US')} | ${ms.toFixed(0)} ms | ${best.wall.toFixed(0)} ms | ${(perSec / 1e6).toFixed(2)} M/s | ${nsPerEvent.toFixed(0)} ns (×${(nsPerEvent / firstNs.get(record)!).toFixed(2)}) | ${best.calib.toFixed(0)} ms | ${(ms / best.calib).toFixed(2)} | ${best.count.toLocaleString('en-US')} | ${perInterval} | ${fresh} | ${(best.makespan / 1e6).toFixed(1)} ms | ${best.status} |`,
      );
      console.log(rows[rows.length - 1]);
    }
  }
  console.log(
    '\n| events cap | trace | events | CPU time (setup excluded) | wall time | events/s (CPU) | per event (vs first row) | calibration CPU | run / calibration | intervals | bytes/interval | fresh memory, est. share of CPU | simulated | status |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n' +
      rows.join('\n'),
  );
}

if (require.main === module) main();
