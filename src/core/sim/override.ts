/**
 * `--model` / `--cpus` of LANGUAGE.md §12: the same scenario under another
 * threading model or machine. Options the new model forbids are dropped with
 * a warning; the result is a valid Scenario for the simulator.
 */
import type { ProcessIR, Scenario, ThreadIR } from '../check/ir';
import type { ModelName } from '../syntax/ast';

export interface ScenarioOverride {
  readonly model?: ModelName;
  readonly cpus?: number;
}

export function overrideScenario(s: Scenario, o: ScenarioOverride): { scenario: Scenario; warnings: string[] } {
  const warnings: string[] = [];
  const cpus = o.cpus ?? s.cpus;
  const model = o.model;
  const processes = model === undefined ? s.processes : s.processes.map((p) => overrideProcess(p, model, cpus, warnings));
  return { scenario: { ...s, cpus, processes }, warnings };
}

/** One process under another model (its options the model forbids dropped, with a warning each); `cpus` sizes a new many-to-many pool. */
export function overrideProcess(p: ProcessIR, model: ModelName, cpus: number, warnings: string[]): ProcessIR {
  if (p.model === model) return p;
  const mn = model === 'many-to-many';
  if (!mn && p.upcalls) warnings.push(`process ${p.name}: 'upcalls on' dropped: scheduler activations exist only in many-to-many`);
  if (!mn && p.sigwaiting) warnings.push(`process ${p.name}: 'sigwaiting on' dropped: SIGWAITING grows a many-to-many pool only`);
  if (!mn && p.handoff !== null) warnings.push(`process ${p.name}: 'handoff' dropped: run slots exist only in many-to-many`);
  const threads: ThreadIR[] = p.threads.map((t) => {
    if (!t.bound || model === 'many-to-many') return t;
    if (model === 'many-to-one') warnings.push(`process ${p.name}: 'bound' dropped from thread ${t.name}: many-to-one has a single LWP`);
    return { ...t, bound: false };
  });
  const lwps = model === 'many-to-many' ? (p.model === 'many-to-many' ? p.lwps : cpus) : model === 'many-to-one' ? 1 : 0;
  return {
    ...p,
    model,
    lwps,
    maxLwps: mn && p.model === 'many-to-many' ? p.maxLwps : null,
    upcalls: mn && p.upcalls,
    upcallsAfter: mn ? p.upcallsAfter : 0,
    sigwaiting: mn && p.sigwaiting,
    sigwaitingAfter: mn ? p.sigwaitingAfter : 0,
    handoff: mn ? p.handoff : null,
    threads,
  };
}
