/**
 * `expect` lines (LANGUAGE.md §11): subjects resolved against the metrics
 * and the declared processes and threads, values checked for the right kind
 * (duration or plain number), compiled to ExpectIR.
 *
 * An instance index is checked against `* N` for threads that start on their
 * own; for `spawned` threads the number of instances is only known at run
 * time, so only `#0` is rejected statically.
 */
import { suggest } from '../diagnostics/suggest';
import type { DurationLit, IntLit, LwpFile, Name, NumberLit } from '../syntax/ast';
import type { ProcessInfo } from './check';
import type { ThreadInfo } from './context';
import type { CheckContext } from './context';
import { STATUSES } from '../language/registry';
import { DURATION_METRICS, METRIC_NAMES, THREAD_FIELDS, type ExpectIR, type MetricName, type StatusName, type ThreadField } from './ir';

const STATUS_WORDS: readonly StatusName[] = STATUSES.map((s) => s.word);

/**
 * Data of a diagnostic that drops only its own expectation: the run still
 * goes on and evaluates the others (analyze.ts keeps the scenario).
 */
export const EXPECTATION_ONLY = { expectationOnly: true } as const;

export function checkExpectations(checker: CheckContext, file: LwpFile, processes: ReadonlyMap<string, ProcessInfo>): ExpectIR[] {
  const out: ExpectIR[] = [];
  for (const item of file.items) {
    if (item.kind !== 'expect') continue;
    const { subject, comparison } = item;
    if (!subject || !comparison) {
      checker.incomplete = true;
      continue;
    }
    const text = checker.text.slice(item.span.start, item.span.end);
    const span = item.span;
    if (subject.kind === 'metric') {
      const name = subject.name.text;
      if (!(METRIC_NAMES as readonly string[]).includes(name)) {
        checker.report('unknownMetric', subject.name.span, [name, METRIC_NAMES, suggest(name, METRIC_NAMES)], undefined, EXPECTATION_ONLY);
        continue;
      }
      if (name === 'status') {
        if (comparison.kind !== 'is') {
          checker.report('statusNeedsIs', comparison.op.span, [], undefined, EXPECTATION_ONLY);
          continue;
        }
        if (!comparison.word) {
          checker.incomplete = true;
          continue;
        }
        const w = comparison.word.text;
        const status = STATUS_WORDS.find((s) => s === w);
        if (status === undefined) {
          checker.report('unknownStatus', comparison.word.span, [w, suggest(w, STATUS_WORDS)], undefined, EXPECTATION_ONLY);
          continue;
        }
        out.push({ kind: 'status', status, span, text });
        continue;
      }
      if (comparison.kind === 'is') {
        checker.report('isOnlyStatus', comparison.keyword, [name], undefined, EXPECTATION_ONLY);
        continue;
      }
      const isDuration = DURATION_METRICS.has(name);
      const value = valueOf(checker, comparison.value, isDuration, name);
      if (value === null) continue;
      out.push({ kind: 'metric', metric: name as Exclude<MetricName, 'status'>, op: comparison.op.text, value, isDuration, span, text });
      continue;
    }

    // process.thread[#n].field
    const ref = resolveSubject(checker, processes, subject.process, subject.thread, subject.instance);
    if (ref === null) continue;
    const f = fieldOf(checker, subject.field);
    if (f === null) continue;
    if (comparison.kind === 'is') {
      checker.report('isOnlyStatus', comparison.keyword, [`${subject.process.text}.${subject.thread.text}.${f}`], undefined, EXPECTATION_ONLY);
      continue;
    }
    const value = valueOf(checker, comparison.value, true, f);
    if (value === null) continue;
    out.push({ kind: 'thread', process: ref.process.index, thread: ref.thread.index, instance: ref.instance, field: f, op: comparison.op.text, value, span, text });
  }
  return out;
}

/** A subject's `process.thread[#n]`, resolved (instance null: none written), with references recorded; null after reporting why not. Shared with `ask` (questions.ts). */
export function resolveSubject(
  checker: CheckContext,
  processes: ReadonlyMap<string, ProcessInfo>,
  process: Name,
  thread: Name,
  instance: IntLit | null,
): { process: ProcessInfo; thread: ThreadInfo; instance: number | null } | null {
  const p = processes.get(process.text);
  if (!p) {
    const names = [...processes.keys()];
    checker.report('unknownSubjectProcess', process.span, [process.text, names, suggest(process.text, names)], undefined, EXPECTATION_ONLY);
    return null;
  }
  checker.reference(process.span, p.declId);
  const t = p.threads.get(thread.text);
  if (!t) {
    const names = [...p.threads.keys()];
    checker.report('unknownSubjectThread', thread.span, [thread.text, p.name, names, suggest(thread.text, names)], undefined, EXPECTATION_ONLY);
    return null;
  }
  checker.reference(thread.span, t.decl);
  if (!instance) return { process: p, thread: t, instance: null };
  const n = instance.value;
  if (n === null) {
    checker.incomplete = true;
    return null;
  }
  if (n === 0) {
    checker.report('badInstanceIndex', instance.span, [t.name], undefined, EXPECTATION_ONLY);
    return null;
  }
  if (!t.spawned && n > t.count) {
    checker.report('instanceOutOfRange', instance.span, [t.name, n, t.count], undefined, EXPECTATION_ONLY);
    return null;
  }
  return { process: p, thread: t, instance: n };
}

/** A subject's `.field`, checked against THREAD_FIELDS; null after reporting (or marking the file incomplete). Shared with `ask`. */
export function fieldOf(checker: CheckContext, field: Name | null | undefined): ThreadField | null {
  if (!field) {
    checker.incomplete = true;
    return null;
  }
  const f = field.text;
  if (!(THREAD_FIELDS as readonly string[]).includes(f)) {
    checker.report('unknownField', field.span, [f, THREAD_FIELDS, suggest(f, THREAD_FIELDS)], undefined, EXPECTATION_ONLY);
    return null;
  }
  return f as ThreadField;
}

function valueOf(checker: CheckContext, v: DurationLit | NumberLit | null, wantDuration: boolean, subject: string): number | null {
  if (!v) {
    checker.incomplete = true;
    return null;
  }
  if ((v.kind === 'duration') !== wantDuration) {
    checker.report('valueKindMismatch', v.span, [subject, wantDuration], undefined, EXPECTATION_ONLY);
    return null;
  }
  if (v.kind === 'duration') {
    if (v.ns === null) checker.incomplete = true;
    return v.ns;
  }
  if (v.value === null || !Number.isFinite(v.value)) {
    checker.incomplete = true;
    return null;
  }
  return v.value;
}
