import * as assert from 'node:assert/strict';
import { analyze } from '../../../src/core/analyze';
import type { Scenario } from '../../../src/core/check/ir';
import { simulate, type SimOptions } from '../../../src/core/sim/simulate';
import { threadRows, type RunResult, type ThreadMetrics } from '../../../src/core/sim/result';

/** Every cost zero: makespans become exact sums of the durations written. */
export const ZERO = 'costs { mode-switch 0ns kernel-switch 0ns address-space-switch 0ns user-switch 0ns user-create 0ns kernel-create 0ns upcall 0ns }';

export function scenarioOf(text: string): Scenario {
  const a = analyze(text);
  const errors = a.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors.map((d) => d.message), [], 'the fixture must be valid');
  return a.scenario!;
}

export function run(text: string, options?: SimOptions): RunResult {
  return simulate(scenarioOf(text), options);
}

/** A machine block with the given CPUs and extra items (scheduler, costs, limit). */
export function machine(cpus: number, ...items: string[]): string {
  return `machine { cpus ${cpus} ${items.join(' ')} }\n`;
}

export const ms = 1_000_000;
export const us = 1_000;

export function thread(r: RunResult, id: string): ThreadMetrics {
  const t = threadRows(r.threads).find((x) => x.id === id);
  assert.ok(t, `no thread ${id} in ${r.threads.id.join(', ')}`);
  return t;
}
