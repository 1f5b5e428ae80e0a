/**
 * Words for one interval — the tooltip, the table view and the screen-reader
 * label all say the same thing: lane, state, when, on what, which statement.
 */
import { stateLabel } from '../core/chart/palette';
import type { LaneIndex } from '../core/chart/laneIndex';
import { intervalThread } from '../core/chart/threads';
import { State, type Trace } from '../core/sim/result';
import type { Span } from '../core/syntax/ast';
import { formatDuration } from '../core/units';
import type { ScenarioInfo } from './workerProtocol';

export interface IntervalWords {
  readonly lane: string;
  readonly state: string;
  readonly when: string;
  readonly detail: string | null;
  /** The statement's text (first line, shortened), or null. */
  readonly statement: string | null;
  readonly span: Span | null;
}

export function threadLabels(trace: Trace): Map<number, string> {
  const m = new Map<number, string>();
  for (const l of trace.lanes) if (l.kind === 'thread') m.set(l.id, l.label);
  return m;
}

/** The statement whose span starts at `offset` (binary search over sorted spans). */
export function statementAt(info: ScenarioInfo, offset: number): Span | null {
  const s = info.statements;
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return s[lo] && s[lo].start === offset ? s[lo] : null;
}

/** The innermost statement containing a cursor offset, or null. */
export function statementContaining(info: ScenarioInfo, offset: number): Span | null {
  let best: Span | null = null;
  for (const sp of info.statements) {
    if (sp.start > offset) break;
    if (offset <= sp.end && (!best || sp.end - sp.start <= best.end - best.start)) best = sp;
  }
  return best;
}

export function describeInterval(trace: Trace, ix: LaneIndex, pos: number, info: ScenarioInfo, source: string, threads: Map<number, string>): IntervalWords {
  const i = ix.order[pos];
  const laneInfo = trace.lanes[trace.lane[i]];
  const s = trace.state[i];
  const start = trace.start[i];
  const end = trace.end[i];
  const d = trace.detail[i];
  const thread = intervalThread(ix, pos);
  let detail: string | null = null;
  if (laneInfo.kind === 'cpu' && d >= 0) detail = `LWP ${d}${thread >= 0 ? ` carrying ${threads.get(thread) ?? `thread ${thread}`}` : ''}`;
  else if (laneInfo.kind === 'lwp' && d >= 0) detail = `carries ${threads.get(d) ?? `thread ${d}`}`;
  else if (laneInfo.kind === 'thread' && (s === State.ThreadRunning || s === State.ThreadStalled || s === State.ThreadSpinning) && d >= 0) detail = `on LWP ${d}`;
  const srcOffset = trace.src[i];
  const span = srcOffset >= 0 ? (statementAt(info, srcOffset) ?? { start: srcOffset, end: srcOffset }) : null;
  let statement: string | null = null;
  if (span) {
    const text = source.slice(span.start, Math.min(span.end, span.start + 200)).split(/\r?\n/)[0].trim();
    statement = text.length > 80 ? text.slice(0, 79) + '…' : text || null;
  }
  if (laneInfo.kind === 'thread' && (s === State.ThreadBlockedSync || s === State.ThreadBlockedKernel)) {
    // The statement says what kind of wait it is: only `arrive` waits at a barrier.
    if (d >= 0 && info.syncs[d] !== undefined) detail = statement?.startsWith('arrive') ? `waiting at barrier ${info.syncs[d]}` : `waiting on ${info.syncs[d]}`;
    else if (d <= -2) detail = 'waiting in join';
  }
  return {
    lane: laneInfo.label,
    state: stateLabel(s),
    when: `${formatDuration(start)} – ${formatDuration(end)} (${formatDuration(end - start)})`,
    detail,
    statement,
    span,
  };
}
