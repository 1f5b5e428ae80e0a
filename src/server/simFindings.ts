/**
 * What a simulation run tells the editor. The simulator already positions its
 * findings (deadlock on each stuck statement with the holder as related
 * information, spins at the limit, runtime errors); this adds the other
 * waiters of the same object as related information, failed expectations on
 * their `expect` line, and the summary hovers and inlay hints show.
 */
import type { Diagnostic, RelatedInfo } from '../core/diagnostic';
import { CODES, makeDiagnostic } from '../core/diagnostics/codes';
import { expectationDiagnostics } from '../core/sim/expect';
import { threadRows, type RunResult, type StuckThread } from '../core/sim/result';
import type { LastRunResult } from '../shared/lsp-protocol';

/** Related entries added to one deadlock diagnostic at most (a thousand stuck workers would otherwise list each other a million times). */
export const MAX_RELATED_WAITERS = 20;

/**
 * The run's diagnostics for the editor. Linear in the stuck threads: each
 * LWP4003 finds its stuck thread and the first other waiters of the same
 * object through maps (30,000 threads stuck on one mutex took 69 s when each
 * diagnostic searched the whole list).
 */
export function findings(run: RunResult, truncated: boolean): Diagnostic[] {
  if (truncated) {
    // Stopped by the editor's budget: the partial run says nothing about deadlocks, limits or expectations.
    return run.diagnostics.filter((d) => d.code !== 'LWP4004' && d.code !== 'LWP4005');
  }
  const stuck = run.deadlock?.stuck ?? [];
  // The simulator writes one LWP4003 per stuck thread, at its span, with its name and what it waits for.
  const byDiagnostic = new Map<string, StuckThread>();
  const byObject = new Map<string, StuckThread[]>();
  for (const s of stuck) {
    const key = `${s.span.start}:${s.span.end}:${CODES.deadlocked.message(s.thread, s.waitsFor)}`;
    if (!byDiagnostic.has(key)) byDiagnostic.set(key, s);
    const obj = `${s.kind}\0${s.waitsFor}`;
    const list = byObject.get(obj);
    // One more than shown, in case the diagnostic's own thread is among the first.
    if (!list) byObject.set(obj, [s]);
    else if (list.length <= MAX_RELATED_WAITERS) list.push(s);
  }
  const out = run.diagnostics.map((d): Diagnostic => {
    const me = d.code === 'LWP4003' ? byDiagnostic.get(`${d.span.start}:${d.span.end}:${d.message}`) : undefined;
    if (!me) return d;
    const waiters: RelatedInfo[] = (byObject.get(`${me.kind}\0${me.waitsFor}`) ?? [])
      .filter((o) => o !== me)
      .slice(0, MAX_RELATED_WAITERS)
      .map((o) => ({ span: o.span, message: `${o.thread} waits here too` }));
    // `kind` lets quick fixes tell an LWP-starved process (add `sigwaiting on`) from a lock cycle.
    return { ...d, related: [...(d.related ?? []), ...waiters], data: { ...d.data, kind: me.kind } };
  });
  const taken = new Set(out.filter((d) => d.code === 'LWP5001').map((d) => d.span.start));
  out.push(...expectationDiagnostics(run.expectations).filter((d) => !taken.has(d.span.start)));
  return out;
}

/** A note where the diagnostics run was cut short, so silence is not mistaken for success. */
export function truncationNote(anchor: { start: number; end: number }, why: string): Diagnostic {
  return makeDiagnostic('limitReached', anchor, [`the editor's simulation stopped early (${why}), so deadlocks and expectations were not checked here: run the scenario (Run and Visualize, or 'lwp run') for the full result`], { severity: 'info' });
}

export function summarize(run: RunResult, version: number, truncated: boolean): LastRunResult {
  return {
    version,
    status: run.status,
    truncated,
    makespan: run.makespan,
    threads: threadRows(run.threads).map((t) => ({ id: t.id, start: t.start, finish: t.finish, running: t.running, ready: t.ready, blocked: t.blocked })),
    processes: run.processes.map((p) => ({ name: p.name, model: p.model, finish: p.finish, maxLwps: p.maxLwps })),
    expectations: run.expectations.map((e) => ({ text: e.text, passed: e.passed, actual: e.actual })),
  };
}
