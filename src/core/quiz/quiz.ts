/**
 * Predict, then reveal: the questions of a scenario (its `ask` lines, or
 * when it has none a few chosen automatically), each with the true answer
 * computed from the run, and the grading of a learner's answer with an
 * explanation built on core/explain.
 *
 * Tolerance (LANGUAGE.md §11): a duration is right within 10 % of the true
 * value (exactly, when that is 0), a ratio within 0.05, a count exactly; a
 * status or a thread by its name (a thread's short name will do when it is
 * unambiguous, or the number of the choice).
 */
import type { AskIR, Scenario, ThreadRefIR } from '../check/ir';
import { DURATION_METRICS } from '../check/ir';
import { Explainer } from '../explain';
import { State, type RunResult } from '../sim/result';
import { threadName } from '../sim/entities';
import type { Span } from '../syntax/ast';
import { formatDuration, parseDuration } from '../units';

/** How an answer is read and compared. */
export type AnswerKind = 'duration' | 'count' | 'ratio' | 'status' | 'thread';

export interface Question {
  /** What the learner reads. */
  readonly prompt: string;
  readonly kind: AnswerKind;
  /** For `status` and `thread`: the names to choose from. */
  readonly choices: readonly string[];
  /** The `ask` line, or null for an automatic question. */
  readonly span: Span | null;
  /** The true answer: ns, a count, a ratio, or a status / thread name. */
  readonly truth: number | string;
  /** The true answer as shown (`12.5ms`, `deadlock`, `server.worker#1`). */
  readonly shown: string;
  /** Why the answer is what it is, in words (from the run and its explanations). */
  readonly why: string;
  /** Where the explanation points (statement ranges), for links. */
  readonly refs: readonly Span[];
  /** False when the run cannot answer it (e.g. none of the threads finished): `lwp test` reports it. */
  readonly answerable: boolean;
}

export type Grade =
  | { readonly ok: true; readonly correct: boolean; readonly given: string }
  /** The answer could not be read: say how to write it (and ask again). */
  | { readonly ok: false; readonly problem: string };

const DURATION_TOLERANCE = 0.1;
const RATIO_TOLERANCE = 0.05;

/** The questions to ask about a run: the file's own, else automatic ones. */
export function quizQuestions(scenario: Scenario, run: RunResult, text: string): Question[] {
  const ex = run.trace.lanes.length > 0 ? new Explainer(scenario, run, text) : null;
  if (scenario.asks.length > 0) return scenario.asks.map((a) => authored(a, scenario, run, ex));
  return automatic(scenario, run, ex);
}

/** Grades an answer to a question. */
export function grade(q: Question, answer: string): Grade {
  const a = answer.trim();
  if (a === '') return { ok: false, problem: 'no answer: type one (or press Enter again to skip it)' };
  switch (q.kind) {
    case 'duration': {
      const d = parseDuration(a.replace(/\s+/g, '').replace(/μ/g, 'µ'));
      if (!d.ok) return { ok: false, problem: `a duration with its unit, such as 12ms or 250us, not '${a}'` };
      const t = q.truth as number;
      const correct = t === 0 ? d.ns === 0 : Math.abs(d.ns - t) <= DURATION_TOLERANCE * t;
      return { ok: true, correct, given: formatDuration(d.ns) };
    }
    case 'count': {
      if (!/^\d+$/.test(a)) return { ok: false, problem: `a whole number, such as 3, not '${a}'` };
      return { ok: true, correct: Number(a) === q.truth, given: a };
    }
    case 'ratio': {
      const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(a);
      const v = pct ? Number(pct[1]) / 100 : /^\d+(\.\d+)?$/.test(a) ? Number(a) : NaN;
      if (!Number.isFinite(v)) return { ok: false, problem: `a ratio such as 0.75 (or 75%), not '${a}'` };
      return { ok: true, correct: Math.abs(v - (q.truth as number)) <= RATIO_TOLERANCE, given: String(v) };
    }
    case 'status':
    case 'thread': {
      const pick = choose(q.choices, a);
      if (pick === null) return { ok: false, problem: `one of ${q.choices.join(', ')}${q.choices.length > 1 ? ' (or its number)' : ''}, not '${a}'` };
      return { ok: true, correct: pick === q.truth, given: pick };
    }
  }
}

/** The choice an answer names: its number, its full name, or an unambiguous end of it (`worker#1`). */
function choose(choices: readonly string[], a: string): string | null {
  if (/^\d+$/.test(a)) return choices[Number(a) - 1] ?? null;
  const lower = a.toLowerCase();
  const exact = choices.find((c) => c.toLowerCase() === lower);
  if (exact !== undefined) return exact;
  const ends = choices.filter((c) => c.toLowerCase().endsWith('.' + lower));
  return ends.length === 1 ? ends[0] : null;
}

// ---------------------------------------------------------------------------

const STATUSES = ['completed', 'deadlock', 'limit'];

function authored(a: AskIR, sc: Scenario, run: RunResult, ex: Explainer | null): Question {
  const span = a.span;
  if (a.kind === 'metric') {
    if (a.metric === 'status') return statusQuestion(a.prompt ?? 'How does the run end: completed, deadlock or limit?', span, run, ex);
    if (a.metric === 'makespan') return makespanQuestion(a.prompt ?? 'What is the makespan (when does the last thread finish)?', span, run, ex);
    const v = run.metrics[a.metric];
    const kind: AnswerKind = DURATION_METRICS.has(a.metric) ? 'duration' : a.metric === 'cpuUtilization' ? 'ratio' : 'count';
    const shown = kind === 'duration' ? formatDuration(v) : kind === 'ratio' ? v.toFixed(2) : String(v);
    const why = a.metric === 'lwpsCreated' ? lwpWhy(sc, run) : `The run's ${a.metric} is ${shown}.`;
    return { prompt: a.prompt ?? `What is ${a.metric}?`, kind, choices: [], span, truth: v, shown, why, refs: [], answerable: true };
  }
  if (a.kind === 'thread') {
    const id = threadIndex(run, a.ref);
    const name = nameOf(sc, a.ref);
    const prompt = a.prompt ?? `What is ${name}.${a.field}?`;
    if (id < 0) return unanswerable(prompt, 'duration', span, `${name} never ran`);
    const field = a.field;
    const v = field === 'finish' ? run.threads.finish[id] : run.threads[field][id];
    if (v < 0) return unanswerable(prompt, 'duration', span, `${name} never finished (${run.status})`);
    const whyText = field === 'finish' ? finishWhy(id, run, ex) : `${name} spent ${formatDuration(run.threads.running[id])} running, ${formatDuration(run.threads.ready[id])} ready and ${formatDuration(run.threads.blocked[id])} blocked.`;
    return { prompt, kind: 'duration', choices: [], span, truth: v, shown: formatDuration(v), why: whyText, refs: [], answerable: true };
  }
  const names = a.threads.map((r) => nameOf(sc, r));
  const prompt = a.prompt ?? `Which finishes ${a.which}: ${names.join(', ')}?`;
  return orderQuestion(prompt, a.which, a.threads.map((r) => threadIndex(run, r)), names, span, run, ex);
}

function automatic(sc: Scenario, run: RunResult, ex: Explainer | null): Question[] {
  const out: Question[] = [statusQuestion('How does the run end: completed, deadlock or limit?', null, run, ex)];
  if (run.status === 'completed') out.push(makespanQuestion('What is the makespan (when does the last thread finish)?', null, run, ex));
  const ids = Array.from({ length: run.threads.count }, (_, i) => i).slice(0, 8);
  if (ids.length >= 2) {
    const names = ids.map((i) => run.threads.id[i]);
    const first = orderQuestion(`Which thread finishes first: ${names.join(', ')}?`, 'first', ids, names, null, run, ex);
    if (first.answerable) out.push(first);
    const last = orderQuestion(`Which thread finishes last: ${names.join(', ')}?`, 'last', ids, names, null, run, ex);
    if (last.answerable && run.status === 'completed') out.push(last);
  }
  out.push({ prompt: 'How many LWPs does the run create (all processes, the initial ones included)?', kind: 'count', choices: [], span: null, truth: run.metrics.lwpsCreated, shown: String(run.metrics.lwpsCreated), why: lwpWhy(sc, run), refs: [], answerable: true });
  return out;
}

function unanswerable(prompt: string, kind: AnswerKind, span: Span, why: string): Question {
  return { prompt, kind, choices: [], span, truth: NaN, shown: 'no answer', why: `The run cannot answer this: ${why}.`, refs: [], answerable: false };
}

function statusQuestion(prompt: string, span: Span | null, run: RunResult, ex: Explainer | null): Question {
  let why: string;
  const refs: Span[] = [];
  if (run.status === 'completed') why = `Every thread finished; the last at ${formatDuration(run.makespan)}.`;
  else if (run.deadlock) {
    // The summary's first sentence; the chain below says the rest.
    why = run.deadlock.summary.split('. ')[0] + '.';
    const first = ex?.waitingAt(run.trace.endTime)[0];
    if (ex && first !== undefined) {
      const e = ex.explain(first, run.trace.endTime + 1);
      why += ' ' + [...e.steps.map((s) => s.text), e.verdict].filter((x) => x).join(' ');
      for (const s of e.steps) for (const r of s.refs) refs.push({ start: r.start, end: r.end });
    }
  } else why = run.limit?.summary ?? `The run reached its limit at ${formatDuration(run.makespan)}.`;
  return { prompt, kind: 'status', choices: STATUSES, span, truth: run.status, shown: run.status, why, refs, answerable: true };
}

function makespanQuestion(prompt: string, span: Span | null, run: RunResult, ex: Explainer | null): Question {
  const f = run.threads.finish;
  let last = -1;
  for (let i = 0; i < run.threads.count; i++) if (f[i] >= 0 && (last < 0 || f[i] >= f[last])) last = i;
  const refs: Span[] = [];
  const why = run.status !== 'completed' ? `The run did not complete (${run.status}): its makespan is where it stopped, ${formatDuration(run.makespan)}.` : last >= 0 ? finishWhy(last, run, ex, refs) : `The run took ${formatDuration(run.makespan)}.`;
  return { prompt, kind: 'duration', choices: [], span, truth: run.makespan, shown: formatDuration(run.makespan), why, refs, answerable: true };
}

function orderQuestion(prompt: string, which: 'first' | 'last', ids: readonly number[], names: readonly string[], span: Span | null, run: RunResult, ex: Explainer | null): Question {
  const f = ids.map((i) => (i >= 0 && run.threads.finish[i] >= 0 ? run.threads.finish[i] : Infinity));
  const finite = f.filter((x) => Number.isFinite(x));
  if (which === 'first' ? finite.length === 0 : finite.length < f.length) return unanswerable(prompt, 'thread', span ?? { start: 0, end: 0 }, which === 'first' ? 'none of these threads finishes' : 'some of these threads never finish');
  const best = which === 'first' ? Math.min(...finite) : Math.max(...finite);
  const k = f.indexOf(best);
  const winner = names[k];
  const others = names.map((n, i) => `${n} at ${Number.isFinite(f[i]) ? formatDuration(f[i]) : 'never'}`).join(', ');
  const refs: Span[] = [];
  const why = `${winner} finishes ${which}, at ${formatDuration(best)} (${others}). ${finishWhy(ids[k], run, ex, refs)}`;
  return { prompt, kind: 'thread', choices: names, span, truth: winner, shown: winner, why, refs, answerable: true };
}

/** Why a thread finishes when it does: its time running, ready and blocked, and what held it up longest. */
function finishWhy(id: number, run: RunResult, ex: Explainer | null, refs: Span[] = []): string {
  const t = run.threads;
  const name = t.id[id];
  const f = t.finish[id];
  let s = `${name} ${f >= 0 ? `finishes at ${formatDuration(f)}` : 'never finishes'} after ${formatDuration(t.running[id])} running, ${formatDuration(t.ready[id])} ready and ${formatDuration(t.blocked[id])} blocked.`;
  if (ex === null) return s;
  // The longest stretch it spent not running: explained at its start.
  const lane = ex.at.threadLane.get(id);
  const tr = run.trace;
  let bestStart = -1;
  let bestLen = 0;
  if (lane !== undefined) {
    let runStart = -1;
    let runState = -1;
    for (let i = 0; i < tr.count; i++) {
      if (tr.lane[i] !== lane) continue;
      const st = tr.state[i];
      const waiting = st !== State.ThreadRunning && st !== State.Absent && st !== State.ThreadExited;
      if (!waiting) {
        runStart = -1;
        continue;
      }
      if (runStart < 0 || st !== runState) {
        runStart = tr.start[i];
        runState = st;
      }
      if (tr.end[i] - runStart > bestLen) {
        bestLen = tr.end[i] - runStart;
        bestStart = runStart;
      }
    }
  }
  if (bestStart >= 0 && bestLen > 0) {
    const e = ex.explain(id, bestStart);
    s += ` Its longest wait, ${formatDuration(bestLen)} from ${formatDuration(bestStart)}: ${[...e.steps.map((x) => x.text), e.verdict].filter((x) => x).join(' ')}`;
    for (const st of e.steps) for (const r of st.refs) refs.push({ start: r.start, end: r.end });
  }
  return s;
}

function lwpWhy(sc: Scenario, run: RunResult): string {
  const per = sc.processes.map((p, i) => {
    const pm = run.processes[i];
    const how = p.model === 'one-to-one' ? 'one per thread' : p.model === 'many-to-one' ? 'one for the whole process' : `a pool of ${p.lwps}${p.threads.some((d) => d.bound) ? ' plus one per bound thread' : ''}${p.sigwaiting ? ', grown by SIGWAITING' : ''}${p.upcalls ? ', plus fresh ones handed over by upcalls' : ''}`;
    return `${p.name} (${p.model}: ${how}; at most ${pm?.maxLwps ?? 0} at once)`;
  });
  return `${run.metrics.lwpsCreated} LWP${run.metrics.lwpsCreated === 1 ? '' : 's'} in all: ${per.join('; ')}${run.metrics.sigwaiting ? `; SIGWAITING fired ${run.metrics.sigwaiting} time${run.metrics.sigwaiting === 1 ? '' : 's'}` : ''}${run.metrics.upcalls ? `; ${run.metrics.upcalls} upcalls` : ''}.`;
}

/** The run's thread index of a question's thread, or -1 if it never existed. */
function threadIndex(run: RunResult, r: ThreadRefIR): number {
  const t = run.threads;
  for (let i = 0; i < t.count; i++) if (t.process[i] === r.process && t.thread[i] === r.thread && t.instance[i] === r.instance) return i;
  return -1;
}

function nameOf(sc: Scenario, r: ThreadRefIR): string {
  const p = sc.processes[r.process];
  const d = p.threads[r.thread];
  return threadName(p, d, r.instance);
}
