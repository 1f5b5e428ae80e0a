/**
 * Metrics of LANGUAGE.md §10, computed from the trace builder's per-lane sums
 * (so they are the trace's own totals) and the engine's counters.
 */
import type { Engine } from './engine';
import type { Metrics, ProcessMetrics, RunStatus, ThreadColumns } from './result';

export function computeMetrics(e: Engine, status: RunStatus): Metrics {
  const tr = e.trace;
  let idle = 0;
  let useful = 0;
  let overhead = 0;
  let spin = 0;
  for (const c of e.kernel.cpus) {
    idle += tr.timeIn(c.lane, 0);
    useful += tr.timeIn(c.lane, 1);
    overhead += tr.timeIn(c.lane, 2);
    spin += tr.timeIn(c.lane, 3);
  }
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
