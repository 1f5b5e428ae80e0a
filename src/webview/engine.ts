/**
 * Analyze and simulate a source text: what the worker does for one request.
 * Kept apart from the worker's message plumbing so it can run on the main
 * thread when a worker cannot start.
 */
import { analyze } from '../core/analyze';
import { buildLaneIndex } from '../core/chart/laneIndex';
import { buildLaneLods } from '../core/chart/lod';
import { statesOf } from './chart/present';
import { overrideScenario } from '../core/sim/override';
import { simulate } from '../core/sim/simulate';
import { applyPoint, isPlanError, planSweep, pointAssignments } from '../core/sweep';
import { LineMap } from '../core/syntax/lineMap';
import type { ModelName } from '../core/syntax/ast';
import type { Instr, Scenario } from '../core/check/ir';
import type { Span } from '../core/syntax/ast';
import type { ChartMode } from '../shared/protocol';
import type { RunSection, ScenarioInfo, WorkerResponse } from './workerProtocol';

/** The models the compare view runs, in this order. */
export const COMPARE_MODELS: readonly ModelName[] = ['one-to-one', 'many-to-one', 'many-to-many'];

/**
 * The runs to show. Compare puts the file's own run first: when every
 * process uses one model, that model's run (it is the file as written); when
 * processes mix models, the file as written, then each model. The other
 * models follow in COMPARE_MODELS order.
 */
export function compareVariants(scenario: Scenario, mode: ChartMode): { model: ModelName | null; asWritten: boolean; scenario: Scenario }[] {
  if (mode !== 'compare') return [{ model: null, asWritten: true, scenario }];
  const models = new Set(scenario.processes.map((p) => p.model));
  const own = models.size === 1 ? [...models][0] : null;
  const order = own ? [own, ...COMPARE_MODELS.filter((m) => m !== own)] : COMPARE_MODELS;
  const runs = order.map((m) => ({ model: m, asWritten: m === own, scenario: m === own ? scenario : overrideScenario(scenario, { model: m }).scenario }));
  return own ? runs : [{ model: null, asWritten: true, scenario }, ...runs];
}

/** The LWPs each process gets, in words, for a run's header. */
export function poolWords(s: Scenario): string {
  const one = (p: Scenario['processes'][number]): string =>
    p.model === 'one-to-one' ? '1 LWP per thread' : p.model === 'many-to-one' ? '1 LWP' : `pool of ${p.lwps} LWP${p.lwps === 1 ? '' : 's'}${p.maxLwps !== null ? ` (up to ${p.maxLwps})` : ''}`;
  if (s.processes.length === 1) return one(s.processes[0]);
  return s.processes.map((p) => `${p.name}: ${one(p)}`).join('; ');
}

export type Progress = (simulatedNs: number, events: number) => void;

export function runSource(id: number, text: string, mode: ChartMode, onProgress: Progress, vary: readonly string[] = []): WorkerResponse {
  const t0 = performance.now();
  const analysis = analyze(text);
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
  let scenario = analysis.scenario;
  if (errors.length > 0 || !scenario) return { id, type: 'diagnostics', diagnostics: analysis.diagnostics };
  if (vary.length > 0) {
    // A sweep point (the sweep view's click): the file with those settings, as `lwp sweep` ran it.
    const lines = new LineMap(text);
    const plan = planSweep(scenario, vary, (o) => lines.position(o).line + 1);
    if (isPlanError(plan)) return { id, type: 'failed', message: `the sweep point's settings no longer fit the file: ${plan.message}` };
    scenario = applyPoint(scenario, pointAssignments(plan, 0)).scenario;
  }
  const sections: RunSection[] = compareVariants(scenario, mode).map((v) => {
    const result = simulate(v.scenario, { onProgress });
    const index = buildLaneIndex(result.trace);
    return { model: v.model, asWritten: v.asWritten, pool: poolWords(v.scenario), states: statesOf(index.state), result, index, lod: buildLaneLods(index) };
  });
  return { id, type: 'done', info: scenarioInfo(scenario), sections, diagnostics: analysis.diagnostics, ms: performance.now() - t0 };
}

export function scenarioInfo(s: Scenario): ScenarioInfo {
  const seen = new Map<number, Span>();
  const add = (i: Instr): void => {
    if (i.op === 'next' || (i.op === 'unlock' && i.implicit)) return;
    const prev = seen.get(i.span.start);
    if (!prev || i.span.end - i.span.start < prev.end - prev.start) seen.set(i.span.start, i.span);
  };
  for (const p of s.processes) for (const t of p.threads) t.code.forEach(add);
  const statements = [...seen.values()].sort((a, b) => a.start - b.start || a.end - b.end);
  return { title: s.title, syncs: s.syncs.map((x) => x.name), statements };
}

/** Every typed array of a section, to transfer rather than copy. */
export function transferables(sections: readonly RunSection[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const { result, index, lod } of sections) {
    const t = result.trace;
    for (const a of [t.start, t.end, t.lane, t.state, t.detail, t.src, t.eventTime, t.eventKind, t.eventLane, t.eventArg, index.offsets, index.order, index.start, index.end, index.state, index.thread]) {
      if (a.buffer instanceof ArrayBuffer) out.add(a.buffer);
    }
    for (const l of lod ?? []) {
      if (!l) continue;
      for (const a of [l.levelStart, l.state, l.rep, l.longest]) if (a.buffer instanceof ArrayBuffer) out.add(a.buffer);
    }
  }
  return [...out];
}
