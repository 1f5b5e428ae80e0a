/**
 * One sweep point: the checked scenario with each varied parameter set to
 * its value. Machine settings first (the CPU count sizes a pool a new
 * many-to-many model gets), then models, then the rest, so a point reads the
 * same whatever order the parameters were given in. A value that has no
 * effect at this point (`upcalls on` on a one-to-one process) is kept out
 * with a warning, as `lwp run --model` does.
 */
import type { ProcessIR, Scenario, ThreadIR } from '../check/ir';
import type { CostName, KernelPolicyName, ModelName } from '../language/registry';
import { overrideProcess } from '../sim/override';
import type { Parameter } from './params';
import type { SweepValue } from './ranges';

export interface Assignment {
  readonly param: Parameter;
  readonly value: SweepValue;
}

export interface AppliedPoint {
  readonly scenario: Scenario;
  readonly warnings: readonly string[];
}

export function applyPoint(base: Scenario, assignments: readonly Assignment[]): AppliedPoint {
  const warnings: string[] = [];
  let cpus = base.cpus;
  let kernel = base.kernel;
  let limit = base.limit;
  const costs: Record<CostName, number> = { ...base.costs };
  const processes: ProcessIR[] = [...base.processes];
  for (const { param, value } of assignments) {
    const t = param.target;
    if (t.kind === 'cpus') cpus = value as number;
    else if (t.kind === 'scheduler') kernel = { ...kernel, policy: value as KernelPolicyName };
    else if (t.kind === 'quantum') kernel = { ...kernel, quantum: value as number };
    else if (t.kind === 'limit') limit = value as number;
    else if (t.kind === 'cost') costs[t.cost] = value as number;
  }
  for (const { param, value } of assignments) {
    const t = param.target;
    if (t.kind === 'model') for (const i of t.processes) processes[i] = overrideProcess(processes[i], value as ModelName, cpus, warnings);
  }
  for (const { param, value } of assignments) {
    const t = param.target;
    if (t.kind === 'lwps' || t.kind === 'upcalls' || t.kind === 'sigwaiting') {
      for (const i of t.processes) processes[i] = setPool(processes[i], t.kind, value, warnings);
    } else if (t.kind === 'count' || t.kind === 'priority' || t.kind === 'start') {
      processes[t.process] = withThread(processes[t.process], t.thread, (th) => ({ ...th, [t.kind]: value as number }));
    } else if (t.kind === 'statement') {
      const ns = value as number;
      const at = new Set(t.instrs);
      processes[t.process] = withThread(processes[t.process], t.thread, (th) => ({
        ...th,
        code: th.code.map((i, k) => (at.has(k) && 'ns' in i ? { ...i, ns } : i)),
      }));
    }
  }
  if (kernel.policy === 'fifo' && assignments.some((a) => a.param.target.kind === 'quantum'))
    warnings.push(`'quantum' has no effect: the kernel scheduler is fifo`);
  return { scenario: { ...base, cpus, kernel, limit, costs, processes }, warnings };
}

function setPool(p: ProcessIR, kind: 'lwps' | 'upcalls' | 'sigwaiting', value: SweepValue, warnings: string[]): ProcessIR {
  if (p.model !== 'many-to-many') {
    if (kind === 'lwps' || value === 'on') warnings.push(`process ${p.name}: '${kind} ${value}' has no effect: the process is ${p.model}`);
    return p;
  }
  if (kind === 'lwps') {
    const lwps = value as number;
    // `max` bounds what SIGWAITING may grow the pool to: a pool swept past it grows no further.
    return { ...p, lwps, maxLwps: p.maxLwps !== null && p.maxLwps < lwps ? lwps : p.maxLwps };
  }
  return { ...p, [kind]: value === 'on' };
}

function withThread(p: ProcessIR, index: number, f: (t: ThreadIR) => ThreadIR): ProcessIR {
  return { ...p, threads: p.threads.map((t) => (t.index === index ? f(t) : t)) };
}
