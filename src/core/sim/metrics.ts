/**
 * Metrics of LANGUAGE.md §10, computed from the trace builder's per-lane sums
 * (so they are the trace's own totals) and the engine's counters.
 */
import type { Engine } from './engine';
import type { Metrics, ProcessMetrics, RunStatus, ThreadMetrics } from './result';

export function computeMetrics(e: Engine, status: RunStatus): Metrics {
  const tr = e.trace;
  let idle = 0;
  let useful = 0;
  let overhead = 0;
  let spin = 0;
  for (const c of e.cpus) {
    idle += tr.timeIn(c.lane, 0);
    useful += tr.timeIn(c.lane, 1);
    overhead += tr.timeIn(c.lane, 2);
    spin += tr.timeIn(c.lane, 3);
  }
  const total = e.cpus.length * e.endTime;
  return {
    status,
    makespan: e.endTime,
    cpuUtilization: total > 0 ? (total - idle) / total : 0,
    usefulWork: useful,
    overhead,
    spinTime: spin,
    kernelSwitches: e.kernelSwitches,
    userSwitches: e.userSwitches,
    modeSwitches: e.modeSwitches,
    upcalls: e.upcalls,
    sigwaiting: e.sigwaiting,
    lwpsCreated: e.lwpsCreated,
    threadsCreated: e.threadsCreated,
  };
}

export function threadMetrics(e: Engine): ThreadMetrics[] {
  const tr = e.trace;
  return e.threads.map((t) => {
    return {
      id: t.name,
      process: t.proc.ir.index,
      thread: t.decl.index,
      instance: t.instance,
      start: t.started >= 0 ? t.started : t.decl.start,
      finish: t.finish,
      running: tr.timeIn(t.lane, 0),
      ready: tr.timeIn(t.lane, 1),
      blocked: tr.timeIn(t.lane, 2),
    };
  });
}

export function processMetrics(e: Engine): ProcessMetrics[] {
  return e.procs.map((p) => ({ name: p.ir.name, model: p.ir.model, finish: p.liveThreads === 0 ? p.finish ?? 0 : null, maxLwps: p.maxLwps }));
}
