/**
 * Metrics of LANGUAGE.md §10, computed from the trace builder's per-lane sums
 * (so they are the trace's own totals) and the engine's counters.
 */
import type { Engine } from './engine';
import type { Metrics, ProcessMetrics, RunStatus, ThreadColumns } from './result';

/** The CPUs' summed time per category — idle, useful work, overhead, spinning — each lane's read with `time(lane, category)`. */
export function cpuTimes(e: Engine, time: (lane: number, category: number) => number): { idle: number; useful: number; overhead: number; spin: number } {
  let idle = 0;
  let useful = 0;
  let overhead = 0;
  let spin = 0;
  for (const c of e.kernel.cpus) {
    idle += time(c.lane, 0);
    useful += time(c.lane, 1);
    overhead += time(c.lane, 2);
    spin += time(c.lane, 3);
  }
  return { idle, useful, overhead, spin };
}

export function computeMetrics(e: Engine, status: RunStatus): Metrics {
  const tr = e.trace;
  const { idle, useful, overhead, spin } = cpuTimes(e, (lane, cat) => tr.timeIn(lane, cat));
  const total = e.kernel.cpus.length * e.endTime;
  return {
    status,
    makespan: e.endTime,
    cpuUtilization: total > 0 ? (total - idle) / total : 0,
    usefulWork: useful,
    overhead,
    spinTime: spin,
    kernelSwitches: e.counters.kernelSwitches,
    userSwitches: e.counters.userSwitches,
    modeSwitches: e.counters.modeSwitches,
    upcalls: e.counters.upcalls,
    sigwaiting: e.counters.sigwaiting,
    handoffs: e.counters.handoffs,
    lwpsCreated: e.counters.lwpsCreated,
    threadsCreated: e.counters.threadsCreated,
  };
}

/** The threads' metrics as the result's columns, from the engine's thread records and the trace's times. */
export function threadMetrics(e: Engine): ThreadColumns {
  const tr = e.trace;
  const r = e.records;
  const n = r.count;
  const procs = e.sc.processes;
  const id: string[] = new Array<string>(n);
  const start = r.started.slice(0, n);
  const running = new Float64Array(n);
  const ready = new Float64Array(n);
  const blocked = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    id[i] = e.threadName(i);
    // Never started: the declared start.
    if (start[i] < 0) start[i] = procs[r.process[i]].threads[r.decl[i]].start;
    running[i] = tr.threadTime(i, 0);
    ready[i] = tr.threadTime(i, 1);
    blocked[i] = tr.threadTime(i, 2);
  }
  return { count: n, id, process: r.process.slice(0, n), thread: r.decl.slice(0, n), instance: r.instance.slice(0, n), start, finish: r.finish.slice(0, n), running, ready, blocked };
}

export function processMetrics(e: Engine): ProcessMetrics[] {
  return e.processes.map((p) => ({ name: p.ir.name, model: p.ir.model, finish: p.liveThreads === 0 ? p.finish ?? 0 : null, maxLwps: p.maxLwps }));
}
