/**
 * The debugger of a scenario: breakpoints on statements, event breakpoints,
 * and stepping in both directions over a Timeline (LANGUAGE.md §13). The
 * DAP adapter (src/debug) and the tests drive it; it knows nothing of DAP.
 *
 * Invariants: every stop is at a point of the run and its view is built at
 * that point, so a stop depends only on the scenario and the point — going
 * back N stops and forward N again shows the same bytes; forward commands
 * are Searches advanced by the caller in bounded slices (so a long continue
 * can be paused), backward commands scan back window by window between
 * checkpoints and then replay to the point found; the end of the run is a
 * stop of its own, after every other point, and nothing goes past it.
 */
import type { Scenario, ThreadIR } from '../check/ir';
import { LineMap } from '../syntax/lineMap';
import { formatDuration } from '../units';
import type { Engine } from '../sim/engine';
import { deadlockReport } from '../sim/report';
import { EventKind } from '../sim/result';
import { parseCondition, parseHitCondition, type Condition, type HitCondition } from './conditions';
import { EVENT_FILTERS, EVENT_WORDS, THREAD_SUBJECT } from './events';
import { isBefore, ORIGIN, type Point } from './points';
import type { Hit, PointHit } from './probe';
import { Timeline, type TimelineOptions } from './timeline';
import { StatementTexts, ViewBuilder, type Variable, type View } from './view';

export type StopReason = 'entry' | 'step' | 'breakpoint' | 'exception' | 'pause' | 'end';

export interface Stop {
  readonly point: Point;
  readonly reason: StopReason;
  /** What happened there, in words. */
  readonly text: string;
  /** The engine id of the thread the stop concerns, if any. */
  readonly threadId: number | null;
  readonly breakpointIds: readonly number[];
  readonly view: View;
}

export interface BreakpointSpec {
  /** 0-based line. */
  readonly line: number;
  /** 0-based column, if the client gave one. */
  readonly column?: number;
  readonly condition?: string;
  readonly hitCondition?: string;
}

export interface BreakpointResult {
  readonly id: number;
  readonly verified: boolean;
  /** Where it was placed (0-based), the statement's start. */
  readonly line: number;
  readonly column: number;
  readonly message?: string;
}

/** A forward command under way: `advance` runs up to `events` more events and returns the stop once there is one. */
export interface Search {
  advance(events: number): Stop | null;
  /** Stop at the next point of any kind. */
  pause(): void;
}

interface Breakpoint {
  readonly id: number;
  readonly condition: Condition | null;
  readonly hit: HitCondition | null;
}

interface Match {
  readonly reason: StopReason;
  readonly text: string;
  readonly breakpointIds: readonly number[];
}

/** Whether a point is where a command stops; it reads only the point (and, for a live point, the engine standing at it). */
type Matcher = (h: PointHit) => Match | null;

export class Debugger {
  readonly timeline: Timeline;
  private readonly lines: LineMap;
  private readonly texts: StatementTexts;
  /** Per thread declaration, its process's name (breakpoint conditions). */
  private readonly processOf = new Map<ThreadIR, string>();
  private breakpoints = new Map<ThreadIR, Map<number, Breakpoint[]>>();
  private filters = new Set<string>();
  private nextId = 1;
  current: Stop | null = null;
  /**
   * The points after the current stop in its segment (the engine ran them to
   * finish the segment), while the live engine stands right after it: a
   * forward command none of them satisfies goes on from the live engine
   * without a replay.
   */
  private tail: { readonly seg: number; readonly hits: readonly Hit[] } | null = null;

  constructor(
    readonly text: string,
    readonly scenario: Scenario,
    options: TimelineOptions = {},
  ) {
    this.timeline = new Timeline(scenario, options);
    this.lines = new LineMap(text);
    this.texts = new StatementTexts(text, (i) => scenario.syncs[i].name);
    for (const p of scenario.processes) for (const d of p.threads) this.processOf.set(d, p.name);
  }

  /**
   * Work done ahead while the user reads a stop, one piece per call (the
   * adapter calls it while the client is quiet, again while it returns
   * true): the checkpoints the last steps left for later, then a spare
   * engine standing where the likeliest step that needs a replay would
   * start — just before the previous statement of the thread the stop
   * concerns (a step back), if the point log knows it, else just before the
   * stop's segment (a step in to a point of that segment).
   */
  prepare(): boolean {
    const stop = this.current;
    if (stop === null) return false;
    // At the end of the run only the checkpoints: a step from there replays anyway.
    if (stop.point.end) return this.timeline.prepare(-1);
    const previous = stop.threadId !== null ? this.lastBefore(stop.point, this.threadMatcher(stop.threadId, Infinity), false) : null;
    return this.timeline.prepare(previous?.seg ?? stop.point.seg);
  }

  // ---------------------------------------------------------------------------
  // Breakpoints

  /** Replaces every statement breakpoint. */
  setBreakpoints(specs: readonly BreakpointSpec[]): BreakpointResult[] {
    const table = new Map<ThreadIR, Map<number, Breakpoint[]>>();
    const out = specs.map((spec): BreakpointResult => {
      const id = this.nextId++;
      const cond = spec.condition?.trim() ? parseCondition(spec.condition) : null;
      const hit = spec.hitCondition?.trim() ? parseHitCondition(spec.hitCondition) : null;
      const where = this.statementAt(spec.line, spec.column);
      if (where === null) return { id, verified: false, line: spec.line, column: 0, message: 'no statement on this line or below it' };
      const pos = this.lines.position(where.decl.code[where.pc].span.start);
      if (cond !== null && !cond.ok) return { id, verified: false, line: pos.line, column: pos.character, message: cond.message };
      if (hit !== null && !hit.ok) return { id, verified: false, line: pos.line, column: pos.character, message: hit.message };
      let byPc = table.get(where.decl);
      if (byPc === undefined) table.set(where.decl, (byPc = new Map<number, Breakpoint[]>()));
      const list = byPc.get(where.pc) ?? [];
      list.push({ id, condition: cond?.ok ? cond.value : null, hit: hit?.ok ? hit.value : null });
      byPc.set(where.pc, list);
      return { id, verified: true, line: pos.line, column: pos.character };
    });
    this.breakpoints = table;
    return out;
  }

  setEventFilters(ids: readonly string[]): void {
    this.filters = new Set(ids.filter((id) => EVENT_FILTERS.some((f) => f.id === id)));
  }

  /** The statement a breakpoint at (line, column) means: the first starting on that line (at or after the column), else on the nearest line below. */
  private statementAt(line: number, column: number | undefined): { decl: ThreadIR; pc: number } | null {
    let best: { decl: ThreadIR; pc: number; line: number; start: number } | null = null;
    for (const p of this.scenario.processes) {
      for (const decl of p.threads) {
        decl.code.forEach((ins, pc) => {
          if (ins.op === 'next') return;
          const pos = this.lines.position(ins.span.start);
          if (pos.line < line) return;
          if (pos.line === line && column !== undefined && column > 0) {
            const endCol = this.lines.position(ins.span.end).character;
            if (endCol <= column && this.lines.position(ins.span.end).line === line) return;
          }
          if (best === null || pos.line < best.line || (pos.line === best.line && ins.span.start < best.start)) best = { decl, pc, line: pos.line, start: ins.span.start };
        });
      }
    }
    return best;
  }

  // ---------------------------------------------------------------------------
  // Commands

  /** The launch: with `stopOnEntry`, to the first point of the run; else as `continue` from before it. */
  begin(stopOnEntry: boolean): Search {
    this.current = null;
    return stopOnEntry ? this.forward(() => ({ reason: 'entry', text: 'the start of the run', breakpointIds: [] })) : this.forward(this.breakpointMatcher());
  }

  continue(): Search {
    return this.forward(this.breakpointMatcher());
  }

  /** Step in: the next point of any kind. */
  stepIn(): Search {
    return this.forward((h) => ({ reason: 'step', text: this.describe(h), breakpointIds: [] }));
  }

  /** Step over: thread `id`'s next statement (or its exit). */
  next(id: number): Search {
    return this.forward(this.threadMatcher(id, Infinity));
  }

  /** Step out: thread `id`'s next statement outside the innermost block it is in (or its exit). */
  stepOut(id: number): Search {
    const frames = this.current?.view.threads.find((t) => t.id === id)?.frames.length ?? 2;
    // Its matcher reads the thread's nesting from the engine: not from a segment already run.
    return this.forward(this.threadMatcher(id, Math.max(1, frames - 2)), undefined, false);
  }

  /** Step back: thread `id`'s previous statement start (or the first point of the run). */
  stepBack(id: number): Stop {
    return this.backward(this.threadMatcher(id, Infinity));
  }

  /** Back to the previous breakpoint or event breakpoint (or the first point of the run). */
  reverseContinue(): Stop {
    return this.backward(this.breakpointMatcher());
  }

  /** A name of the current view: `time`, a thread (`worker#2`), an LWP (`LWP 3`), a CPU, a sync object (`cache`), a metric. */
  evaluate(expression: string): Variable | null {
    const view = this.current?.view;
    if (!view) return null;
    const x = expression.trim();
    if (x === '') return null;
    const scopes = view.scopes;
    const all = scopes.flatMap((s) => s.variables.map((v) => ({ scope: s.name, v })));
    const exact = all.find(({ v }) => v.name === x);
    if (exact) return exact.v;
    const named = all.find(({ scope, v }) => scope !== 'Metrics so far' && (v.name.endsWith('.' + x) || v.name.startsWith(x + ' (')));
    if (named) return named.v;
    const instance = new RegExp(`\\.${escapeRe(x)}#\\d+$`);
    const decl = all.filter(({ scope, v }) => scope === 'Threads' && instance.test(v.name));
    if (decl.length > 0) return { name: x, value: `${decl.length} instance${decl.length === 1 ? '' : 's'}`, children: decl.map(({ v }) => v) };
    return null;
  }

  // ---------------------------------------------------------------------------
  // Searching

  /** To the first point after `events` events (a jump: nothing before it can stop). */
  goToEvent(events: number): Search {
    const from = this.current?.point;
    if (from?.end && events >= from.seg) return this.forward(() => null);
    return this.forward((h) => ({ reason: 'step', text: this.describe(h), breakpointIds: [] }), { seg: Math.max(0, Math.floor(events)), index: -1 });
  }

  private forward(match: Matcher, start?: Point, tailMayMatch = true): Search {
    const from = start ?? this.current?.point ?? ORIGIN;
    const tl = this.timeline;
    if (from.end) {
      const here = this.current!;
      return { advance: () => here, pause: () => undefined };
    }
    const tail = this.tail;
    const goOn = tailMayMatch && tail !== null && tail.seg === from.seg && tl.position === from.seg && !tail.hits.some((h) => isBefore(from, h) && match(h) !== null);
    if (!goOn) tl.seek(from.seg);
    this.tail = null;
    let found: Stop | null = null;
    const after: Hit[] = [];
    let paused = false;
    const listener = (h: Hit): void => {
      const done = found;
      if (done !== null) {
        if (h.seg === done.point.seg) after.push({ ...h });
        return;
      }
      if (!isBefore(from, h)) return;
      const m = paused ? { reason: 'pause' as const, text: `paused: ${this.describe(h)}`, breakpointIds: [] } : match(h);
      if (m !== null) found = this.stopAt(h, m);
    };
    return {
      pause: () => {
        paused = true;
      },
      advance: (events) => {
        if (found === null) {
          const ended = tl.runThrough(tl.position + Math.max(1, events), listener, () => found !== null);
          const hit = found as Stop | null;
          if (hit !== null) this.tail = { seg: hit.point.seg, hits: after };
          else if (ended) found = this.endStop();
        }
        if (found !== null) this.current = found;
        return found;
      },
    };
  }

  private backward(match: Matcher): Stop {
    this.tail = null;
    const to = this.current?.point ?? ORIGIN;
    const hit = this.lastBefore(to, match, true);
    if (hit !== null) return (this.current = this.replayTo(hit, match));
    // Nothing before: the first point of the run.
    this.current = null;
    const s = this.forward(() => ({ reason: 'step', text: 'the start of the run', breakpointIds: [] }));
    let stop: Stop | null = null;
    while (stop === null) stop = s.advance(1 << 20);
    return stop;
  }

  /**
   * The last point before `to` that `match` accepts, searched window by
   * window between checkpoints, latest first: read from the point log where
   * it has the window, else (with `replay`) by replaying the window, else
   * null.
   */
  private lastBefore(to: Point, match: Matcher, replay: boolean): { seg: number; index: number } | null {
    const tl = this.timeline;
    let hi = to.end ? tl.endSeg! : to.seg;
    let lo = tl.checkpointAtOrBefore(hi - 1);
    for (;;) {
      let last: { seg: number; index: number } | null = null;
      const consider = (h: PointHit): void => {
        if (isBefore(h, to) && match(h) !== null) last = { seg: h.seg, index: h.index };
      };
      if (!tl.forEachLogged(lo, hi, consider)) {
        if (!replay) return null;
        tl.seek(lo + 1);
        tl.runThrough(hi, consider);
      }
      if (last !== null) return last;
      if (lo < 0) return null;
      hi = lo;
      lo = tl.checkpointAtOrBefore(lo - 1);
    }
  }

  /** Replays to point p, which `match` accepts, and stops there (what it says of p is said with the engine standing at p). */
  private replayTo(p: { seg: number; index: number }, match: Matcher): Stop {
    const tl = this.timeline;
    tl.seek(p.seg);
    let stop: Stop | null = null;
    const after: Hit[] = [];
    tl.runThrough(p.seg, (h) => {
      if (h.seg !== p.seg) return;
      if (h.index === p.index) {
        const m = match(h);
        if (m !== null) stop = this.stopAt(h, m);
      } else if (h.index > p.index) after.push({ ...h });
    });
    if (stop === null) throw new Error(`replay did not reach point ${p.seg}:${p.index}`);
    this.tail = { seg: p.seg, hits: after };
    return stop;
  }

  private stopAt(h: Hit, m: Match): Stop {
    const e = this.timeline.engine;
    const threadId = h.thread !== null ? h.thread.id : THREAD_SUBJECT.has(h.event) && h.subject >= 0 ? h.subject : null;
    return { point: { seg: h.seg, index: h.index }, reason: m.reason, text: m.text, threadId, breakpointIds: m.breakpointIds, view: this.viewOf(e) };
  }

  private viewOf(e: Engine): View {
    return new ViewBuilder(e, this.text, this.texts).build();
  }

  private endStop(): Stop {
    const tl = this.timeline;
    const e = tl.engine;
    const point: Point = { seg: (tl.endSeg ?? e.events) + 1, index: -1, end: true };
    const view = this.viewOf(e);
    const at = formatDuration(e.endTime, 3);
    if (e.stop === 'completed') return { point, reason: 'end', text: `the run completed at ${at}`, threadId: null, breakpointIds: [], view };
    if (e.stop === 'quiescent') {
      const report = deadlockReport(e);
      const first = e.unfinishedThreads()[0];
      return { point, reason: this.filters.has('deadlock') ? 'exception' : 'end', text: `deadlock at ${at}: ${report.summary}`, threadId: first ? first.id : null, breakpointIds: [], view };
    }
    return { point, reason: this.filters.has('limit') ? 'exception' : 'end', text: `the run stopped at ${at}: ${LIMIT_WORDS[e.stop] ?? e.stop}`, threadId: null, breakpointIds: [], view };
  }

  private breakpointMatcher(): Matcher {
    const table = this.breakpoints;
    const kinds = new Set(EVENT_FILTERS.filter((f) => f.kind !== null && this.filters.has(f.id)).map((f) => f.kind!));
    return (h) => {
      if (h.event !== 0) return kinds.has(h.event) ? { reason: 'exception', text: this.describe(h), breakpointIds: [] } : null;
      const t = h.thread!;
      const list = table.get(t.decl)?.get(h.pc);
      if (list === undefined) return null;
      const subject = { time: h.time, thread: { name: t.name, decl: t.decl.name, process: this.processOf.get(t.decl) ?? '' } };
      const ids = list.filter((b) => (b.condition === null || b.condition(subject)) && (b.hit === null || b.hit(h.starts))).map((b) => b.id);
      return ids.length > 0 ? { reason: 'breakpoint', text: this.describe(h), breakpointIds: ids } : null;
    };
  }

  /** Thread `id`'s next statement (within `depth` blocks: Infinity for any) or its exit. */
  private threadMatcher(id: number, depth: number): Matcher {
    return (h) => {
      if (h.event === EventKind.ThreadExit && h.subject === id) return { reason: 'step', text: this.describe(h), breakpointIds: [] };
      if (h.event !== 0 || h.thread!.id !== id) return null;
      // Only forward commands ask for a depth: the engine stands at the point.
      if (depth !== Infinity && new ViewBuilder(this.timeline.engine, this.text, this.texts).frames(this.timeline.engine.threads[id]!).length - 2 >= depth) return null;
      return { reason: 'step', text: this.describe(h), breakpointIds: [] };
    };
  }

  /** A point in words: `server.worker#2 starts lock cache at 5ms`, `preemption at 3ms`. */
  private describe(h: PointHit): string {
    const e = this.timeline.engine;
    const at = formatDuration(h.time, 3);
    if (h.event === 0) {
      const t = h.thread!;
      return `${t.name} starts ${this.texts.of(t.decl.code[h.pc])} at ${at}`;
    }
    const word = EVENT_WORDS[h.event] ?? `event ${h.event}`;
    const who = THREAD_SUBJECT.has(h.event) && h.subject >= 0 && h.subject < e.threads.length ? `: ${e.threadName(h.subject)}` : '';
    return `${word}${who} at ${at}`;
  }
}

const LIMIT_WORDS: Partial<Record<string, string>> = {
  limit: 'its time limit',
  events: 'the event cap',
  steps: 'the step cap',
  threads: 'the thread cap',
  lwps: 'the LWP cap',
  'zero-time': 'a loop that takes no time',
  cancelled: 'cancelled',
  trace: 'the trace cap',
};

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
