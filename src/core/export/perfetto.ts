/**
 * The trace in Chrome's trace-event JSON (`{"traceEvents": […]}`), which
 * Perfetto UI and chrome://tracing open. One "process" for the CPUs and one
 * per scenario process; one "thread" per lane; each interval a complete
 * event (`ph: "X"`), each marker an instant event (`ph: "i"`). Timestamps
 * are microseconds (the format's unit) with nanosecond fractions kept.
 */
import { EventKind, State, type RunResult } from '../sim/result';
import { stateLabel } from '../chart/palette';

export interface TraceEvent {
  readonly name: string;
  readonly ph: 'X' | 'i' | 'M';
  readonly ts: number;
  readonly pid: number;
  readonly tid: number;
  readonly dur?: number;
  readonly cat?: string;
  readonly s?: 't';
  readonly args?: Readonly<Record<string, string | number>>;
}

const EVENT_NAMES: Record<number, string> = Object.fromEntries(Object.entries(EventKind).map(([k, v]) => [v, k.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()]));

/** Idle CPUs, not-yet-existing entities and exited threads are left out: Perfetto shows their gaps as empty. */
const SKIPPED: ReadonlySet<number> = new Set([State.Absent, State.CpuIdle, State.ThreadExited]);

export function toPerfettoEvents(result: Pick<RunResult, 'trace' | 'processes'>, scenario?: { readonly title: string | null } | null): TraceEvent[] {
  const trace = result.trace;
  const events: TraceEvent[] = [];
  const CPU_PID = 1;
  const pidOf = (process: number): number => (process < 0 ? CPU_PID : process + 2);
  events.push({ name: 'process_name', ph: 'M', ts: 0, pid: CPU_PID, tid: 0, args: { name: scenario?.title ? `CPUs — ${scenario.title}` : 'CPUs' } });
  events.push({ name: 'process_sort_index', ph: 'M', ts: 0, pid: CPU_PID, tid: 0, args: { sort_index: 0 } });
  result.processes.forEach((p, i) => {
    events.push({ name: 'process_name', ph: 'M', ts: 0, pid: pidOf(i), tid: 0, args: { name: `${p.name} (${p.model})` } });
    events.push({ name: 'process_sort_index', ph: 'M', ts: 0, pid: pidOf(i), tid: 0, args: { sort_index: i + 1 } });
  });
  trace.lanes.forEach((lane, l) => {
    events.push({ name: 'thread_name', ph: 'M', ts: 0, pid: pidOf(lane.process), tid: l + 1, args: { name: lane.label } });
    events.push({ name: 'thread_sort_index', ph: 'M', ts: 0, pid: pidOf(lane.process), tid: l + 1, args: { sort_index: l } });
  });
  for (let i = 0; i < trace.count; i++) {
    const s = trace.state[i];
    if (SKIPPED.has(s)) continue;
    const l = trace.lane[i];
    const lane = trace.lanes[l];
    if (!lane) continue;
    const start = trace.start[i];
    events.push({
      name: stateLabel(s),
      cat: lane.kind,
      ph: 'X',
      ts: start / 1000,
      dur: (trace.end[i] - start) / 1000,
      pid: pidOf(lane.process),
      tid: l + 1,
      args: { detail: trace.detail[i], src: trace.src[i] },
    });
  }
  for (let i = 0; i < trace.eventCount; i++) {
    const l = trace.eventLane[i];
    const lane = trace.lanes[l];
    if (!lane) continue;
    events.push({ name: EVENT_NAMES[trace.eventKind[i]] ?? 'event', cat: 'marker', ph: 'i', s: 't', ts: trace.eventTime[i] / 1000, pid: pidOf(lane.process), tid: l + 1, args: { arg: trace.eventArg[i] } });
  }
  return events;
}

/** The JSON text, one event per line (a million-interval run stays readable and diffable). */
export function toPerfetto(result: Pick<RunResult, 'trace' | 'processes'>, scenario?: { readonly title: string | null } | null): string {
  const events = toPerfettoEvents(result, scenario);
  const lines = events.map((e) => JSON.stringify(e));
  return `{"displayTimeUnit":"ns","traceEvents":[\n${lines.join(',\n')}\n]}\n`;
}
