/**
 * Predict, then reveal, in the panel: the scenario's questions (core/quiz)
 * as a form while the run stays hidden, then each answer marked right or
 * wrong with the true answer and why, its source lines as links. Text only
 * through textContent (dom.ts).
 */
import { analyze } from '../core/analyze';
import { grade, quizQuestions, type Question } from '../core/quiz';
import type { RunResult } from '../core/sim/result';
import type { Span } from '../core/syntax/ast';
import { el } from './dom';

/** The questions for a run of `source` (the file as written), or null when it does not analyze. */
export function questionsFor(source: string, run: RunResult): Question[] | null {
  const a = analyze(source);
  if (!a.scenario) return null;
  return quizQuestions(a.scenario, run, source).filter((q) => q.answerable);
}

/** The form: one field per question; `onReveal` gets the answers when every filled one can be read. */
export function renderQuiz(questions: readonly Question[], onReveal: (answers: string[]) => void): HTMLElement {
  const fields: (HTMLInputElement | HTMLSelectElement)[] = [];
  const problems: HTMLElement[] = [];
  const list = el('ol', { class: 'quiz-questions' });
  questions.forEach((q, i) => {
    const id = `quiz-q${i}`;
    let field: HTMLInputElement | HTMLSelectElement;
    if (q.choices.length) {
      field = el('select', { id, class: 'quiz-answer' }, [el('option', { value: '', text: 'Choose…' }), ...q.choices.map((c) => el('option', { value: c, text: c }))]);
    } else {
      const placeholder = q.kind === 'duration' ? 'e.g. 12ms' : q.kind === 'ratio' ? 'e.g. 0.75' : 'e.g. 3';
      field = el('input', { id, class: 'quiz-answer', type: 'text', placeholder, autocomplete: 'off', spellcheck: 'false' });
    }
    const problem = el('div', { class: 'quiz-problem', role: 'alert', hidden: true });
    fields.push(field);
    problems.push(problem);
    list.append(el('li', {}, [el('label', { for: id, text: q.prompt }), ' ', field, problem]));
  });
  const reveal = el('button', { type: 'button', class: 'quiz-reveal', text: 'Reveal the run' });
  const form = el('form', { class: 'quiz', 'aria-label': 'Predict, then reveal' }, [
    el('p', { class: 'quiz-intro', text: `Predict first: ${questions.length} question${questions.length === 1 ? '' : 's'}, then see the run. A duration needs its unit (12ms); within 10 % counts as right.` }),
    list,
    reveal,
  ]);
  const submit = (): void => {
    let readable = true;
    questions.forEach((q, i) => {
      const v = fields[i].value;
      const g = v.trim() === '' ? null : grade(q, v);
      const bad = g !== null && !g.ok;
      problems[i].hidden = !bad;
      problems[i].textContent = bad && !g.ok ? `Answer with ${g.problem}.` : '';
      if (bad) readable = false;
    });
    if (readable) onReveal(fields.map((f) => f.value));
  };
  reveal.addEventListener('click', submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit();
  });
  return form;
}

/** Each answer marked and explained; returns the element and how many were right. */
export function renderVerdicts(questions: readonly Question[], answers: readonly string[], source: string, reveal: (span: Span) => void, again: () => void): { element: HTMLElement; right: number } {
  let right = 0;
  const list = el('ol', { class: 'quiz-verdicts' });
  questions.forEach((q, i) => {
    const a = answers[i] ?? '';
    const g = a.trim() === '' ? null : grade(q, a);
    const correct = g !== null && g.ok && g.correct;
    if (correct) right++;
    const given = g === null ? 'no answer' : g.ok ? g.given : a;
    const li = el('li', { class: correct ? 'quiz-right' : 'quiz-wrong' }, [
      el('div', { class: 'quiz-prompt', text: q.prompt }),
      el('div', { class: 'quiz-mark', text: `${correct ? '✓ Right' : '✗ Wrong'}: you said ${given}; the answer is ${q.shown}.` }),
      el('div', { class: 'quiz-why', text: q.why }),
    ]);
    const seen = new Set<number>();
    for (const r of q.refs) {
      if (seen.has(r.start)) continue;
      seen.add(r.start);
      const line = source.slice(0, r.start).split(/\r\n|\r|\n/).length;
      const b = el('button', { type: 'button', class: 'why-ref link', text: `line ${line}`, title: `Show line ${line} in the editor` });
      b.addEventListener('click', () => reveal(r));
      li.append(b, ' ');
    }
    list.append(li);
  });
  const againBtn = el('button', { type: 'button', class: 'quiz-again', text: 'Predict again' });
  againBtn.addEventListener('click', again);
  const element = el('section', { class: 'quiz-result', 'aria-label': 'Your predictions' }, [el('header', {}, [el('strong', { text: `${right} of ${questions.length} right` }), ' ', againBtn]), list]);
  return { element, right };
}
