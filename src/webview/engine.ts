/**
 * Analyze and simulate a source text: what the worker does for one request.
 * Kept apart from the worker's message plumbing so it can run on the main
 * thread when a worker cannot start.
 */
import { analyze } from '../core/analyze';
import { buildLaneIndex } from '../core/chart/laneIndex';
import { buildLaneLods } from '../core/chart/lod';
import { overrideScenario } from '../core/sim/override';
import { simulate } from '../core/sim/simulate';
import type { ModelName } from '../core/syntax/ast';
import type { Instr, Scenario } from '../core/check/ir';
import type { Span } from '../core/syntax/ast';
import type { ChartMode } from '../shared/protocol';
import type { RunSection, ScenarioInfo, WorkerResponse } from './workerProtocol';

/** The models the compare view runs, in this order. */
export const COMPARE_MODELS: readonly ModelName[] = ['one-to-one', 'many-to-one', 'many-to-many'];

export type Progress = (simulatedNs: number, events: number) => void;

export function runSource(id: number, text: string, mode: ChartMode, onProgress: Progress): WorkerResponse {
  const t0 = performance.now();
  const analysis = analyze(text);
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
  const scenario = analysis.scenario;
  if (errors.length > 0 || !scenario) return { id, type: 'diagnostics', diagnostics: analysis.diagnostics };
  const variants = mode === 'compare' ? COMPARE_MODELS.map((m) => ({ model: m, scenario: overrideScenario(scenario, { model: m }).scenario })) : [{ model: null, scenario }];
  const sections: RunSection[] = variants.map((v) => {
    const result = simulate(v.scenario, { onProgress });
    const index = buildLaneIndex(result.trace);
    return { model: v.model, result, index, lod: buildLaneLods(index) };
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
