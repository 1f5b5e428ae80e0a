/**
 * `ask` lines (LANGUAGE.md §11): questions for the learner, resolved like
 * the subjects of `expect` (metrics, `process.thread#n.field`) or as a list
 * of threads for `ask first|last`, compiled to AskIR. Like an expectation's,
 * a question's error drops only that question: the run still goes on.
 */
import { suggest } from '../diagnostics/suggest';
import type { AskOrder } from '../language/registry';
import type { IntLit, LwpFile, Name, Span } from '../syntax/ast';
import type { ProcessInfo } from './check';
import type { CheckContext } from './context';
import { EXPECTATION_ONLY, fieldOf, resolveSubject } from './expectations';
import { METRIC_NAMES, type AskIR, type MetricName, type ThreadRefIR } from './ir';

export function checkQuestions(checker: CheckContext, file: LwpFile, processes: ReadonlyMap<string, ProcessInfo>): AskIR[] {
  const out: AskIR[] = [];
  for (const item of file.items) {
    if (item.kind !== 'ask') continue;
    const q = item.question;
    if (!q) {
      checker.incomplete = true;
      continue;
    }
    const text = checker.text.slice(item.span.start, item.promptSpan ? item.promptSpan.start : item.span.end).trim();
    const span = item.span;
    const prompt = item.prompt;
    if (q.kind === 'order') {
      const which = q.which.text as AskOrder;
      if (q.threads.length < 2) {
        if (q.threads.length === 1) checker.report('askNeedsTwo', q.span, [which], undefined, EXPECTATION_ONLY);
        else checker.incomplete = true;
        continue;
      }
      const threads: ThreadRefIR[] = [];
      for (const r of q.threads) {
        const ref = resolve(checker, processes, r.process, r.thread, r.instance, r.span);
        if (ref !== null) threads.push(ref);
      }
      if (threads.length === q.threads.length) out.push({ kind: 'order', which, threads, span, text, prompt });
      continue;
    }
    const subject = q.subject;
    if (subject.kind === 'metric') {
      const name = subject.name.text;
      if (!(METRIC_NAMES as readonly string[]).includes(name)) {
        checker.report('unknownMetric', subject.name.span, [name, METRIC_NAMES, suggest(name, METRIC_NAMES)], undefined, EXPECTATION_ONLY);
        continue;
      }
      out.push({ kind: 'metric', metric: name as MetricName, span, text, prompt });
      continue;
    }
    const ref = resolve(checker, processes, subject.process, subject.thread, subject.instance, subject.span);
    if (ref === null) continue;
    const field = fieldOf(checker, subject.field);
    if (field === null) continue;
    out.push({ kind: 'thread', ref, field, span, text, prompt });
  }
  return out;
}

/** One thread instance, resolved as `expect` resolves it, except that `#n` is required when the declaration has several (or is spawned). */
function resolve(checker: CheckContext, processes: ReadonlyMap<string, ProcessInfo>, process: Name, thread: Name, instance: IntLit | null, span: Span): ThreadRefIR | null {
  const r = resolveSubject(checker, processes, process, thread, instance);
  if (r === null) return null;
  const t = r.thread;
  if (r.instance === null && (t.spawned || t.count > 1)) {
    checker.report('askNeedsInstance', span, [`${r.process.name}.${t.name}`, t.spawned ? null : t.count], undefined, EXPECTATION_ONLY);
    return null;
  }
  return { process: r.process.index, thread: t.index, instance: r.instance ?? 1 };
}
