/**
 * The rows of the chart: for each run section (one, or three in compare), a
 * header, then CPUs, LWPs grouped by process, and user threads grouped by
 * process, each group under its own header row.
 */
import type { Lane } from '../../core/sim/result';
import type { RunSection } from '../workerProtocol';

export type Row =
  | { readonly kind: 'header'; readonly text: string; readonly section: number; readonly level: 0 | 1 }
  | { readonly kind: 'lane'; readonly section: number; readonly lane: number; readonly info: Lane };

export function buildRows(sections: readonly RunSection[]): Row[] {
  const rows: Row[] = [];
  sections.forEach((sec, s) => {
    const { trace } = sec.result;
    const procs = sec.result.processes;
    if (sections.length > 1 || sec.model) rows.push({ kind: 'header', text: runTitle(sec), section: s, level: 0 });
    const byKind = (kind: Lane['kind']): number[] => trace.lanes.map((_, i) => i).filter((i) => trace.lanes[i].kind === kind);
    const cpus = byKind('cpu');
    if (cpus.length) {
      rows.push({ kind: 'header', text: 'CPUs', section: s, level: 1 });
      for (const l of cpus) rows.push({ kind: 'lane', section: s, lane: l, info: trace.lanes[l] });
    }
    for (const kind of ['lwp', 'thread'] as const) {
      const lanes = byKind(kind);
      const processes = [...new Set(lanes.map((l) => trace.lanes[l].process))].sort((a, b) => a - b);
      for (const p of processes) {
        const proc = procs[p];
        const name = proc ? `${proc.name} (${proc.model})` : `process ${p}`;
        rows.push({ kind: 'header', text: `${kind === 'lwp' ? 'LWPs' : 'User threads'} — ${name}`, section: s, level: 1 });
        for (const l of lanes) if (trace.lanes[l].process === p) rows.push({ kind: 'lane', section: s, lane: l, info: trace.lanes[l] });
      }
    }
  });
  return rows;
}

/** A run's header in compare (and its title in exports): model, pool size, outcome and makespan. */
export function runTitle(sec: RunSection): string {
  const m = sec.result.metrics;
  const model = sec.model === null ? 'as written' : sec.asWritten ? `${sec.model} (the file's model)` : sec.model;
  const pool = sec.pool ? ` · ${sec.pool}` : '';
  const outcome = m.status === 'completed' ? '' : `${m.status}, `;
  return `${model}${pool} · ${outcome}makespan ${fmtNs(m.makespan)}`;
}

function fmtNs(ns: number): string {
  if (ns >= 1e9) return `${+(ns / 1e9).toFixed(3)}s`;
  if (ns >= 1e6) return `${+(ns / 1e6).toFixed(3)}ms`;
  if (ns >= 1e3) return `${+(ns / 1e3).toFixed(3)}us`;
  return `${ns}ns`;
}
