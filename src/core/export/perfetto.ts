/**
 * The trace in Chrome's trace-event JSON (`{"traceEvents": […]}`), which
 * Perfetto UI and chrome://tracing open. One "process" for the CPUs and one
 * per scenario process; one "thread" per lane; each interval a complete
 * event (`ph: "X"`), each marker an instant event (`ph: "i"`). Timestamps
 * are microseconds (the format's unit) with nanosecond fractions kept.
 *
 * Arguments are named, not numeric ids: the thread and the LWP concerned
 * (`server.worker#2`, `LWP 3 (server)`), the sync object waited on, and the
 * statement's text and `file:line` when the caller gives the source.
 *
 * The text is produced in chunks (`perfettoChunks`): `lwp export` streams
 * them to the file, so a 20-million-interval run (about 4 GB of JSON) never
 * exists as one string — V8's strings stop at 2^29 characters, and the
 * events as objects would need several times the heap. `toPerfetto`, for
 * callers that need one string (the webview's Export), stops at
 * PERFETTO_STRING_CAP and says so in the trace itself.
 */
import type { Span } from '../syntax/ast';
import { LineMap } from '../syntax/lineMap';
import { EventKind, State, type RunResult, type Trace } from '../sim/result';
import { stateLabel } from '../chart/palette';
import { cpuIntervalThread, lwpLaneOrder, lwpLanes } from '../chart/threads';

export interface TraceEvent {
  readonly name: string;
  readonly ph: 'X' | 'i' | 'M';
  readonly ts: number;
  readonly pid: number;
  readonly tid: number;
  readonly dur?: number;
  readonly cat?: string;
  readonly s?: 't' | 'g';
  readonly args?: Readonly<Record<string, string | number>>;
}

/**
 * What the trace alone does not say. Every field is optional: with only the
 * title, events name threads and LWPs but no statements.
 */
export interface PerfettoContext {
  readonly title: string | null;
  /** The file name for `at: "file:line"` (a base name reads best). */
  readonly file?: string;
  /** The scenario's source text, for statement texts and lines. */
  readonly source?: string;
  /** Statement spans (any order): the text of the one starting at an interval's source offset is shown. */
  readonly statements?: readonly Span[];
  /** Sync object names by index (the scenario's `syncs`), for "waits on". */
  readonly syncs?: readonly string[];
}

/** Largest text `toPerfetto` returns, in characters (docs/limits.md); `lwp export` streams without it. */
export const PERFETTO_STRING_CAP = 128 * 1024 * 1024;

const HEADER = '{"displayTimeUnit":"ns","traceEvents":[\n';

/** Characters gathered before a chunk is handed out. */
const CHUNK_CHARS = 1 << 20;

const EVENT_NAMES: Record<number, string> = Object.fromEntries(Object.entries(EventKind).map(([k, v]) => [v, k.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()]));

/** Idle CPUs, not-yet-existing entities and exited threads are left out: Perfetto shows their gaps as empty. */
const SKIPPED: ReadonlySet<number> = new Set([State.Absent, State.CpuIdle, State.ThreadExited]);

const CPU_PID = 1;
const pidOf = (process: number): number => (process < 0 ? CPU_PID : process + 2);
const q = (s: string): string => JSON.stringify(s);

/** The statement text shown for a span: its first line, at most 80 characters. */
function statementText(source: string, span: Span): string {
  const text = source.slice(span.start, Math.min(span.end, span.start + 200)).split(/\r?\n/)[0].trim();
  return text.length > 80 ? text.slice(0, 79) + '…' : text;
}

/**
 * Names for the ids in a trace, each JSON-quoted once: a run has millions of
 * intervals but only as many distinct threads, LWPs and statements as the
 * scenario has.
 */
class Names {
  private readonly threads = new Map<number, string>();
  private readonly lwps = new Map<number, string>();
  private readonly srcArgs = new Map<number, string>();
  private readonly ends = new Map<number, number>();
  private lines: LineMap | null = null;

  constructor(
    trace: Trace,
    private readonly ctx: PerfettoContext | null | undefined,
  ) {
    for (const l of trace.lanes) {
      if (l.kind === 'thread') this.threads.set(l.id, q(l.label));
      else if (l.kind === 'lwp') this.lwps.set(l.id, q(l.label));
    }
    for (const s of ctx?.statements ?? []) {
      const e = this.ends.get(s.start);
      // Of several spans starting at one offset (a loop and its first statement), the shortest is the statement.
      if (e === undefined || s.end < e) this.ends.set(s.start, s.end);
    }
  }

  thread(id: number): string {
    return this.threads.get(id) ?? q(`thread ${id}`);
  }

  lwp(id: number): string {
    return this.lwps.get(id) ?? q(`LWP ${id}`);
  }

  sync(index: number): string | null {
    const name = this.ctx?.syncs?.[index];
    return name === undefined ? null : q(name);
  }

  /** `,"statement":…,"at":…` for a source offset, or '' when unknown. */
  src(offset: number): string {
    if (offset < 0) return '';
    let s = this.srcArgs.get(offset);
    if (s !== undefined) return s;
    const source = this.ctx?.source;
    s = '';
    if (source !== undefined && offset <= source.length) {
      const end = this.ends.get(offset);
      if (end !== undefined) s += `,"statement":${q(statementText(source, { start: offset, end }))}`;
      this.lines ??= new LineMap(source);
      s += `,"at":${q(`${this.ctx?.file ?? 'scenario'}:${this.lines.position(offset).line + 1}`)}`;
    }
    this.srcArgs.set(offset, s);
    return s;
  }
}

/** The thread each CPU interval's LWP carries: the chart's rule (cpuIntervalThread), one for both. */
function carriedThreads(trace: Trace): (i: number) => number {
  const lwpLaneOf = lwpLanes(trace);
  if (lwpLaneOf.size === 0) return () => -1;
  const lanes = lwpLaneOrder(trace);
  return (i) => cpuIntervalThread(trace, lwpLaneOf, lanes, i);
}

/** The `args` object of one interval. */
function intervalArgs(trace: Trace, i: number, names: Names, carried: (i: number) => number): string {
  const lane = trace.lanes[trace.lane[i]];
  const s = trace.state[i];
  const d = trace.detail[i];
  let a = '';
  if (lane.kind === 'cpu') {
    if (d >= 0) {
      a += `,"lwp":${names.lwp(d)}`;
      const t = carried(i);
      if (t >= 0) a += `,"thread":${names.thread(t)}`;
    }
  } else if (lane.kind === 'lwp') {
    a += `,"lwp":${names.lwp(lane.id)}`;
    if (d >= 0) a += `,"thread":${names.thread(d)}`;
  } else {
    a += `,"thread":${names.thread(lane.id)}`;
    if ((s === State.ThreadRunning || s === State.ThreadStalled || s === State.ThreadSpinning) && d >= 0) a += `,"lwp":${names.lwp(d)}`;
    else if (s === State.ThreadBlockedSync || s === State.ThreadBlockedKernel) {
      const sync = d >= 0 ? names.sync(d) : null;
      if (sync !== null) a += `,"waitsOn":${sync}`;
      else if (d <= -2) a += `,"waitsOn":${names.thread(-2 - d)}`;
    }
  }
  a += names.src(trace.src[i]);
  return a.length ? `{${a.slice(1)}}` : '{}';
}

/** The `args` of a marker: the thread or LWP its argument names, by kind. */
function markerArgs(kind: number, arg: number, names: Names): string {
  if (arg < 0) return '{}';
  switch (kind) {
    case EventKind.LwpCreate:
    case EventKind.LwpDestroy:
    case EventKind.LwpWake:
    case EventKind.KernelSwitch:
    case EventKind.Preempt:
    case EventKind.Sigwaiting:
      return `{"lwp":${names.lwp(arg)}}`;
    default:
      return `{"thread":${names.thread(arg)}}`;
  }
}

/**
 * The JSON text in chunks of about a megabyte, one event per line (a
 * million-interval run stays readable and diffable). Concatenated, the
 * chunks are one JSON document.
 */
export function* perfettoChunks(result: Pick<RunResult, 'trace' | 'processes'>, ctx?: PerfettoContext | null): Generator<string, void, undefined> {
  const trace = result.trace;
  const names = new Names(trace, ctx);
  let buf = HEADER;
  let first = true;
  const line = (json: string): string => {
    const s = first ? json : ',\n' + json;
    first = false;
    return s;
  };
  const meta = (name: string, pid: number, tid: number, args: string): string => line(`{"name":"${name}","ph":"M","ts":0,"pid":${pid},"tid":${tid},"args":${args}}`);
  buf += meta('process_name', CPU_PID, 0, `{"name":${q(ctx?.title ? `CPUs — ${ctx.title}` : 'CPUs')}}`);
  buf += meta('process_sort_index', CPU_PID, 0, '{"sort_index":0}');
  result.processes.forEach((p, i) => {
    buf += meta('process_name', pidOf(i), 0, `{"name":${q(`${p.name} (${p.model})`)}}`);
    buf += meta('process_sort_index', pidOf(i), 0, `{"sort_index":${i + 1}}`);
  });
  trace.lanes.forEach((lane, l) => {
    buf += meta('thread_name', pidOf(lane.process), l + 1, `{"name":${q(lane.label)}}`);
    buf += meta('thread_sort_index', pidOf(lane.process), l + 1, `{"sort_index":${l}}`);
  });
  // Per lane and per state, the constant parts of an event, quoted once.
  const where = trace.lanes.map((lane, l) => `"pid":${pidOf(lane.process)},"tid":${l + 1}`);
  const cats = trace.lanes.map((lane) => q(lane.kind));
  const stateNames = new Map<number, string>();
  const carried = carriedThreads(trace);
  for (let i = 0; i < trace.count; i++) {
    const s = trace.state[i];
    if (SKIPPED.has(s)) continue;
    const l = trace.lane[i];
    if (!trace.lanes[l]) continue;
    let name = stateNames.get(s);
    if (name === undefined) stateNames.set(s, (name = q(stateLabel(s))));
    const start = trace.start[i];
    buf += line(`{"name":${name},"cat":${cats[l]},"ph":"X","ts":${start / 1000},"dur":${(trace.end[i] - start) / 1000},${where[l]},"args":${intervalArgs(trace, i, names, carried)}}`);
    if (buf.length >= CHUNK_CHARS) {
      yield buf;
      buf = '';
    }
  }
  for (let i = 0; i < trace.eventCount; i++) {
    const l = trace.eventLane[i];
    if (!trace.lanes[l]) continue;
    const kind = trace.eventKind[i];
    buf += line(`{"name":${q(EVENT_NAMES[kind] ?? 'event')},"cat":"marker","ph":"i","s":"t","ts":${trace.eventTime[i] / 1000},${where[l]},"args":${markerArgs(kind, trace.eventArg[i], names)}}`);
    if (buf.length >= CHUNK_CHARS) {
      yield buf;
      buf = '';
    }
  }
  yield buf + '\n]}\n';
}

/** The events as objects (tests, small traces): the chunks parsed back. */
export function toPerfettoEvents(result: Pick<RunResult, 'trace' | 'processes'>, ctx?: PerfettoContext | null): TraceEvent[] {
  return (JSON.parse(toPerfetto(result, ctx)) as { traceEvents: TraceEvent[] }).traceEvents;
}

/**
 * The whole JSON text as one string, for callers that need one (the
 * webview's Export). Past `cap` characters it stops at the last whole event
 * and ends with a global instant event that says the trace was cut and that
 * `lwp export --format perfetto` writes it whole; the text stays valid JSON.
 */
export function toPerfetto(result: Pick<RunResult, 'trace' | 'processes'>, ctx?: PerfettoContext | null, cap: number = PERFETTO_STRING_CAP): string {
  return toPerfettoCapped(result, ctx, cap).text;
}

/** `toPerfetto` and whether it was cut at `cap` (so a caller can say so too). */
export function toPerfettoCapped(result: Pick<RunResult, 'trace' | 'processes'>, ctx?: PerfettoContext | null, cap: number = PERFETTO_STRING_CAP): { text: string; truncated: boolean } {
  const parts: string[] = [];
  let length = 0;
  for (const chunk of perfettoChunks(result, ctx)) {
    if (length + chunk.length <= cap) {
      parts.push(chunk);
      length += chunk.length;
      continue;
    }
    // Keep the whole events that fit: every event ends a line, and the next one's `,` follows it.
    const room = Math.max(0, cap - length);
    const cut = chunk.lastIndexOf('\n', room);
    if (cut > 0) parts.push(chunk.slice(0, cut).replace(/,$/, ''));
    if (parts.length === 0) parts.push(HEADER.trimEnd());
    const note = `the trace was cut at ${cap.toLocaleString('en-US')} characters (PERFETTO_STRING_CAP): \`lwp export FILE --format perfetto -o OUT\` writes it whole`;
    const head = parts[parts.length - 1].endsWith('[') ? '\n' : ',\n';
    parts.push(`${head}{"name":${q(note)},"cat":"marker","ph":"i","s":"g","ts":0,"pid":${CPU_PID},"tid":0,"args":{}}\n]}\n`);
    return { text: parts.join(''), truncated: true };
  }
  return { text: parts.join(''), truncated: false };
}
