/**
 * "Why?" in the chart: the causal chain behind a thread's state at the
 * instant under the pointer (core/explain), for a thread lane, the thread an
 * LWP carries, or the thread on a CPU's LWP. The explainer needs the
 * scenario, which the chart does not keep: it is rebuilt from the run's own
 * source (analyze takes milliseconds) once per shown run and section.
 */
import { analyze } from '../core/analyze';
import { Explainer, type Explanation } from '../core/explain';
import { State } from '../core/sim/result';
import type { Span } from '../core/syntax/ast';
import { formatDuration } from '../core/units';
import type { ChartMode } from '../shared/protocol';
import { el } from './dom';
import { compareVariants } from './engine';
import type { RunSection } from './workerProtocol';

export class WhyIndex {
  private sections: readonly RunSection[] = [];
  private source = '';
  private mode: ChartMode = 'run';
  private readonly cache = new Map<number, Explainer | null>();

  /** A new run is shown: what it ran and how. */
  setRun(sections: readonly RunSection[], source: string, mode: ChartMode): void {
    this.sections = sections;
    this.source = source;
    this.mode = mode;
    this.cache.clear();
  }

  private explainer(section: number): Explainer | null {
    if (this.cache.has(section)) return this.cache.get(section) ?? null;
    let ex: Explainer | null = null;
    const sec = this.sections[section];
    const scenario = sec ? analyze(this.source).scenario : null;
    if (sec && scenario) {
      const variant = compareVariants(scenario, this.mode)[section];
      if (variant) ex = new Explainer(variant.scenario, sec.result, this.source);
    }
    this.cache.set(section, ex);
    return ex;
  }

  /** The thread a lane concerns at t: its own (thread lane), the one an LWP carries, the one on a CPU's LWP; -1 if none. */
  threadAt(section: number, lane: number, t: number): number {
    const ex = this.explainer(section);
    if (ex === null) return -1;
    const info = ex.run.trace.lanes[lane];
    if (info === undefined) return -1;
    if (info.kind === 'thread') return info.id;
    if (info.kind === 'lwp') return ex.at.lwpAt(info.id, t)?.detail ?? -1;
    const c = ex.at.cpuAt(info.id, t);
    if (c === null || c.state === State.CpuIdle || c.detail < 0) return -1;
    return ex.at.lwpAt(c.detail, t)?.detail ?? -1;
  }

  /** Why the thread of that lane is where it is at t, or null when the lane concerns no thread then. */
  explain(section: number, lane: number, t: number): Explanation | null {
    const thread = this.threadAt(section, lane, t);
    const ex = this.explainer(section);
    if (thread < 0 || ex === null) return null;
    return ex.explain(thread, t);
  }
}

/** The chain as DOM (text through textContent only), each source line a link that reveals it. */
export function renderWhy(e: Explanation, reveal: (span: Span) => void, close: () => void): HTMLElement {
  const closeBtn = el('button', { type: 'button', class: 'why-close', text: '×', title: 'Close', 'aria-label': 'Close the explanation' });
  closeBtn.addEventListener('click', close);
  const list = el('ol', { class: 'why-steps' });
  for (const s of e.steps) {
    const li = el('li', { class: `why-step why-${s.cause.kind}` }, [el('span', { text: s.text })]);
    for (const r of s.refs) {
      const a = el('button', { type: 'button', class: 'why-ref link', text: `line ${r.line}`, title: `Show line ${r.line}: ${r.text}` });
      a.addEventListener('click', () => reveal({ start: r.start, end: r.end }));
      li.append(' ', a);
    }
    list.append(li);
  }
  return el('section', { class: 'why', role: 'region', 'aria-label': `Why: ${e.name} at ${formatDuration(e.time)}` }, [
    el('header', {}, [el('strong', { text: `Why? ${e.name} at ${formatDuration(e.time)}` }), closeBtn]),
    e.preface ? el('p', { class: 'why-preface', text: e.preface }) : null,
    list,
    e.verdict ? el('p', { class: e.cycle ? 'why-verdict why-cycle' : 'why-verdict', text: e.verdict }) : null,
  ]);
}
