/**
 * The checker (LANGUAGE.md §2–§11): names, kinds, models, units, caps and
 * expectations, then — when nothing is wrong — the Scenario IR of ./ir.ts.
 *
 * Decisions where the language page is silent (also in docs/diagnostics.md):
 * - a process without `model` is one-to-one;
 * - `upcalls off` / `sigwaiting off` outside many-to-many are accepted (they
 *   are the defaults); only `on` is an error there;
 * - sync objects are indexed kernel objects first (in source order), then each
 *   process's objects, process by process.
 */
import type { OmittedDiagnostics } from '../diagnostics/sink';
import type { Diagnostic } from '../diagnostic';
import { suggest } from '../diagnostics/suggest';
import { MAX_CPUS, MAX_LWPS_PER_POOL, MAX_PRIORITY, MAX_PROCESSES, MAX_SEMAPHORE_INITIAL, MAX_SYNC_OBJECTS, MAX_THREAD_INSTANCES } from '../limits';
import { COST_PRESET_WORDS, costPreset, type PresetCost } from '../language/costPresets';
import { COSTS, KERNEL_POLICIES, LIBRARY_POLICIES, POLICY_PARAMS, SYNC_KINDS, wordsOf, type PolicyEntry } from '../language/registry';
import { formatDuration } from '../units';
import type { CostName, DurationLit, IntLit, LwpFile, MachineItem, ModelItem, ModelName, PolicyParam, ProcessDecl, Span, SyncDecl, ThreadDecl, UserPolicyName } from '../syntax/ast';
import { compileThreads } from './bodies';
import { CheckContext, fmt, symbolTable, type SyncInfo, type ThreadInfo } from './context';
import { checkExpectations } from './expectations';
import { checkQuestions } from './questions';
import { DEFAULT_COSTS, DEFAULT_GRANULARITY_NS, DEFAULT_LATENCY_NS, DEFAULT_LIMIT_NS, DEFAULT_QUANTUM_NS, type Instr, type KernelIR, type ProcessIR, type Scenario, type SyncIR, type ThreadIR } from './ir';
import type { SymbolTable } from './symbols';

export interface CheckResult {
  /** The first MAX_DIAGNOSTICS_PER_FILE by position and the first error (see DiagnosticSink). */
  readonly diagnostics: Diagnostic[];
  /** Diagnostics counted but not stored. */
  readonly omitted: OmittedDiagnostics;
  readonly scenario: Scenario | null;
  readonly symbols: SymbolTable;
}

export interface CheckOptions {
  /**
   * Whether to build the Scenario IR (default true). With `false` the
   * diagnostics and symbols are the same, `scenario` is null, and what only
   * the simulator needs (the records of the threads, their instructions) is
   * never made: for `lwp check`, which reports diagnostics and nothing else.
   */
  readonly ir?: boolean;
}

/** What the checker learns about one process before compiling its threads. */
export interface ProcessInfo extends Pick<ProcessIR, 'index' | 'name' | 'model' | 'lwps' | 'maxLwps' | 'upcalls' | 'upcallsAfter' | 'sigwaiting' | 'sigwaitingAfter' | 'handoff' | 'scheduler'> {
  readonly decl: ProcessDecl;
  readonly declId: number;
  readonly syncs: Map<string, SyncInfo>;
  readonly threads: Map<string, ThreadInfo>;
  readonly threadDecls: ThreadDecl[];
  /** What was learnt about `threadDecls[i]` (the same as `threads.get` of its name). */
  readonly threadInfos: ThreadInfo[];
  /** The IR of each thread, `code` filled in once the bodies are compiled (and only if the file has no error); empty when no IR is built. */
  readonly threadIR: { -readonly [K in keyof ThreadIR]: ThreadIR[K] }[];
}

/** `code` of a ThreadIR until its body is compiled. */
const NOT_COMPILED: readonly Instr[] = Object.freeze([]);

export function check(file: LwpFile, text: string, options?: CheckOptions): CheckResult {
  const ir = options?.ir !== false;
  const checker = new CheckContext(text);
  const firstItem: Partial<Record<'scenario' | 'machine', Span>> = {};
  let title: string | null = null;
  let cpus = 1;
  let kernel: KernelIR = DEFAULT_KERNEL;
  const costs: { -readonly [K in CostName]: number } = { ...DEFAULT_COSTS };
  let limit = DEFAULT_LIMIT_NS;

  // ---- file items ----------------------------------------------------------
  const kernelSyncs = new Map<string, SyncInfo>();
  const syncIR: SyncIR[] = [];
  const processDecls: ProcessDecl[] = [];
  for (const item of file.items) {
    if (item.kind === 'scenario' || item.kind === 'machine') {
      const first = firstItem[item.kind];
      if (first) {
        checker.report('duplicateItem', item.keyword, [item.kind, 'in this file'], [{ span: first, message: `the first '${item.kind}'` }]);
        continue;
      }
      firstItem[item.kind] = item.keyword;
      if (item.kind === 'scenario') title = item.title;
      else {
        const m = checkMachine(checker, item.items);
        cpus = m.cpus;
        kernel = m.kernel;
        Object.assign(costs, m.costs);
        limit = m.limit;
      }
    } else if (item.kind === 'sync') {
      declareSync(checker, item, -1, null, kernelSyncs, kernelSyncs, syncIR);
    } else if (item.kind === 'process') processDecls.push(item);
  }

  // ---- processes ------------------------------------------------------------
  const processes: ProcessInfo[] = [];
  const processByName = new Map<string, ProcessInfo>();
  let instances = 0;
  for (const decl of processDecls) {
    if (!decl.name) {
      checker.incomplete = true;
      continue;
    }
    const prior = processByName.get(decl.name.text);
    const declId = checker.declare(decl.name.text, 'process', decl.span, decl.name.span, 'file', null, '', prior !== undefined);
    if (prior) {
      checker.report('duplicateName', decl.name.span, ['process', decl.name.text, 'in this file'], [{ span: prior.decl.name!.span, message: `the first process '${decl.name.text}'` }]);
      continue;
    }
    if (processes.length === MAX_PROCESSES) checker.report('overCap', decl.name.span, [`process number ${fmt(MAX_PROCESSES + 1)}`, `${fmt(MAX_PROCESSES)} processes (MAX_PROCESSES)`, 'merge processes or split the file']);
    const info = checkProcessHeader(checker, decl, processes.length, declId);
    checker.decls.setDetail(declId, info.model === 'many-to-many' ? `many-to-many lwps ${info.lwps}` : info.model);
    processes.push(info);
    processByName.set(info.name, info);
    // Sync objects first, so that threads see every sync name of the process.
    const items = decl.items;
    for (let k = 0; k < items.length; k++) {
      const it = items[k];
      if (it.kind === 'sync') declareSync(checker, it, info.index, info, info.syncs, kernelSyncs, syncIR, info.threads);
    }
    for (let k = 0; k < items.length; k++) {
      const it = items[k];
      if (it.kind === 'thread') instances = declareThread(checker, it, info, kernelSyncs, instances, ir);
    }
  }
  if (syncIR.length > MAX_SYNC_OBJECTS) checker.report('overCap', syncIR[MAX_SYNC_OBJECTS].span, [`sync object number ${fmt(MAX_SYNC_OBJECTS + 1)}`, `${fmt(MAX_SYNC_OBJECTS)} sync objects (MAX_SYNC_OBJECTS)`, 'use fewer mutexes, spinlocks and semaphores']);
  if (processDecls.length === 0) {
    const end = Math.min(text.length, Math.max(0, text.search(/\r|\n|$/)));
    checker.report('missingProcess', { start: 0, end }, []);
  }

  // ---- bodies, expectations ---------------------------------------------------
  // Kernel objects first, then each process's: renumber now that all are known.
  const ordered = [...syncIR.filter((s) => s.process < 0), ...syncIR.filter((s) => s.process >= 0).sort((a, b) => a.process - b.process || a.index - b.index)];
  const remap = new Map<number, number>();
  ordered.forEach((s, i) => remap.set(s.index, i));
  const finalSyncs: SyncIR[] = ordered.map((s, i) => ({ index: i, name: s.name, kind: s.kind, initial: s.initial, process: s.process, span: s.span }));
  const codes = compileThreads(checker, processes, kernelSyncs, syncIR.length, (i) => remap.get(i) ?? i, ir);
  const expects = checkExpectations(checker, file, processByName);
  const asks = checkQuestions(checker, file, processByName);
  if (syncIR.some((x) => x.kind === 'barrier' && x.initial > 1)) warnBarriersThatNeverOpen(checker, processes, kernelSyncs, syncIR);

  const symbols: SymbolTable = symbolTable(checker.decls, checker.refs);
  if (!ir || checker.hasErrors || checker.incomplete) return { diagnostics: checker.diagnostics.list(), omitted: checker.diagnostics.omitted, scenario: null, symbols };

  const processIR: ProcessIR[] = processes.map((p) => ({
    index: p.index,
    name: p.name,
    span: p.decl.span,
    nameSpan: p.decl.name!.span,
    model: p.model,
    lwps: p.lwps,
    maxLwps: p.maxLwps,
    upcalls: p.upcalls,
    upcallsAfter: p.upcallsAfter,
    sigwaiting: p.sigwaiting,
    sigwaitingAfter: p.sigwaitingAfter,
    handoff: p.handoff,
    scheduler: p.scheduler,
    threads: withCode(p.threadIR, codes.get(p.index)!),
  }));
  const scenario: Scenario = { title, cpus, kernel, costs: costs, limit, syncs: finalSyncs, processes: processIR, expects, asks };
  return { diagnostics: checker.diagnostics.list(), omitted: checker.diagnostics.omitted, scenario, symbols };
}

// ---------------------------------------------------------------------------

/** The threads with their compiled bodies, set in place: the records were made for this (one object per thread, not a copy). */
function withCode(threads: { -readonly [K in keyof ThreadIR]: ThreadIR[K] }[], codes: readonly Instr[][]): ThreadIR[] {
  for (const t of threads) t.code = codes[t.index];
  return threads;
}

function intValue(checker: CheckContext, lit: IntLit | null): number | null {
  if (!lit || lit.value === null) {
    checker.incomplete = true;
    return null;
  }
  return lit.value;
}

function checkMachine(checker: CheckContext, items: readonly MachineItem[]) {
  let cpus = 1;
  let kernel: KernelIR = DEFAULT_KERNEL;
  const costs: Partial<Record<CostName, number>> = {};
  let limit = DEFAULT_LIMIT_NS;
  const seen = new Map<string, Span>();
  const once = (key: string, span: Span): boolean => {
    const first = seen.get(key);
    if (first) {
      checker.report('duplicateItem', span, [key, 'in this machine'], [{ span: first, message: `the first '${key}'` }]);
      return false;
    }
    seen.set(key, span);
    return true;
  };
  for (const it of items) {
    switch (it.kind) {
      case 'cpus': {
        if (!once('cpus', it.keyword)) break;
        const n = intValue(checker, it.count);
        if (n === null) break;
        if (n === 0) checker.report('zeroCpus', it.count!.span, []);
        else if (n > MAX_CPUS) checker.report('overCap', it.count!.span, [`'cpus ${it.count!.text}'`, `${fmt(MAX_CPUS)} CPUs (MAX_CPUS)`, 'use fewer CPUs']);
        else cpus = n;
        break;
      }
      case 'kernelScheduler': {
        if (!once('scheduler', it.keyword)) break;
        const d = policyDurations(checker, KERNEL_POLICIES.find((p) => p.word === it.policy?.text) ?? null, it.params);
        if (it.policy) kernel = { policy: it.policy.text, ...d };
        else checker.incomplete = true;
        break;
      }
      case 'limit': {
        if (!once('limit', it.keyword)) break;
        if (it.value?.ns == null) checker.incomplete = true;
        else if (it.value.ns === 0) checker.report('zeroQuantum', it.value.span, [], undefined, { what: 'limit' });
        else limit = it.value.ns;
        break;
      }
      case 'costs': {
        if (!once('costs', it.keyword)) break;
        if (it.preset !== null) {
          const preset = costPreset(it.preset.text);
          if (preset === undefined) checker.report('unknownCostPreset', it.preset.span, [it.preset.text, COST_PRESET_WORDS, suggest(it.preset.text, COST_PRESET_WORDS)]);
          else for (const [name, c] of Object.entries(preset.costs) as [CostName, PresetCost][]) costs[name] = c.ns;
        }
        const names = new Map<string, Span>();
        for (const e of it.entries) {
          const cost = COSTS.find((c) => c.word === e.name.text);
          if (cost === undefined) {
            checker.report('unknownCost', e.name.span, [e.name.text, COST_NAME_WORDS, suggest(e.name.text, COST_NAME_WORDS)]);
            continue;
          }
          const first = names.get(e.name.text);
          if (first) {
            checker.report('duplicateItem', e.name.span, [e.name.text, 'in these costs'], [{ span: first, message: `the first '${e.name.text}'` }]);
            continue;
          }
          names.set(e.name.text, e.name.span);
          if (e.value?.ns == null) checker.incomplete = true;
          else costs[cost.word] = e.value.ns;
        }
        break;
      }
    }
  }
  return { cpus, kernel, costs, limit };
}

const COST_NAME_WORDS: readonly string[] = wordsOf(COSTS);

const DEFAULT_KERNEL: KernelIR = { policy: 'round-robin', quantum: DEFAULT_QUANTUM_NS, latency: DEFAULT_LATENCY_NS, granularity: DEFAULT_GRANULARITY_NS };

/**
 * The durations after a policy (`quantum`, `latency`, `granularity`), each its
 * default when not given. Errors: one the policy does not take (a quantum on
 * `fifo`, a latency on round-robin …), one given twice, a zero, and a fair
 * granularity longer than its latency (every slice would be the granularity).
 */
function policyDurations(checker: CheckContext, policy: PolicyEntry | null, params: readonly PolicyParam[]): { quantum: number; latency: number; granularity: number } {
  const out = { quantum: DEFAULT_QUANTUM_NS, latency: DEFAULT_LATENCY_NS, granularity: DEFAULT_GRANULARITY_NS };
  const seen = new Map<string, Span>();
  let granularitySpan: Span | null = null;
  for (const p of params) {
    const name = p.name.text;
    const first = seen.get(name);
    if (first) {
      checker.report('duplicateItem', p.name.span, [name, 'in this scheduler'], [{ span: first, message: `the first '${name}'` }]);
      continue;
    }
    seen.set(name, p.name.span);
    if (policy !== null && !(policy.params as readonly string[]).includes(name)) {
      const at = p.value?.span ?? p.name.span;
      if (name === 'quantum' && policy.params.length === 0) checker.report('quantumNoEffect', at, [policy.word]);
      else checker.report('policyParamNoEffect', at, [policy.word, name, policy.params]);
      continue;
    }
    const v = p.value;
    if (v === null || v.ns === null) {
      checker.incomplete = true;
      continue;
    }
    if (v.ns === 0) {
      if (name === 'quantum') checker.report('zeroQuantum', v.span, []);
      else checker.report('zeroPolicyParam', v.span, [name, POLICY_PARAMS.find((x) => x.word === name)!.example]);
      continue;
    }
    out[name] = v.ns;
    if (name === 'granularity') granularitySpan = v.span;
  }
  if (granularitySpan !== null && out.granularity > out.latency) {
    checker.report('granularityOverLatency', granularitySpan, [formatDuration(out.granularity), formatDuration(out.latency), !seen.has('latency')]);
  }
  return out;
}

/** A hand-off delay's value in ns (0 while it is missing or wrong: the error is already reported). */
function delayOf(checker: CheckContext, d: DurationLit | null): number {
  if (d === null || d.ns === null) {
    checker.incomplete = true;
    return 0;
  }
  return d.ns;
}

const MODEL_TEXT: Record<ModelName, string> = { 'one-to-one': 'one-to-one', 'many-to-one': 'many-to-one', 'many-to-many': 'many-to-many' };

function checkProcessHeader(checker: CheckContext, decl: ProcessDecl, index: number, declId: number): ProcessInfo {
  let model: ModelName = 'one-to-one';
  let lwps = 0;
  let maxLwps: number | null = null;
  let upcalls = false;
  let sigwaiting = false;
  let upcallsAfter = 0;
  let sigwaitingAfter = 0;
  let handoff: number | null = null;
  let handoffSpan: Span | null = null;
  let scheduler: { policy: UserPolicyName; quantum: number } = { policy: 'fifo', quantum: DEFAULT_QUANTUM_NS };
  const seen = new Map<string, Span>();
  const once = (key: string, span: Span): boolean => {
    const first = seen.get(key);
    if (first) {
      checker.report('duplicateItem', span, [key, 'in this process'], [{ span: first, message: `the first '${key}'` }]);
      return false;
    }
    seen.set(key, span);
    return true;
  };
  let modelItem: ModelItem | null = null;
  let schedulerSpan: Span | null = null;
  const onItems: { kind: 'upcalls' | 'sigwaiting' | 'handoff'; span: Span }[] = [];
  for (let k = 0; k < decl.items.length; k++) {
    const it = decl.items[k];
    switch (it.kind) {
      case 'model':
        if (!once('model', it.keyword)) break;
        modelItem = it;
        if (it.model) model = it.model.text;
        else checker.incomplete = true;
        break;
      case 'upcalls':
      case 'sigwaiting':
        if (!once(it.kind, it.keyword)) break;
        if (!it.value) checker.incomplete = true;
        else if (it.value.text === 'on') {
          const after = it.afterKeyword === null ? 0 : delayOf(checker, it.after);
          if (it.kind === 'upcalls') {
            upcalls = true;
            upcallsAfter = after;
          } else {
            sigwaiting = true;
            sigwaitingAfter = after;
          }
          onItems.push({ kind: it.kind, span: it.span });
        }
        break;
      case 'handoff':
        if (!once('handoff', it.keyword)) break;
        handoff = delayOf(checker, it.after);
        handoffSpan = it.span;
        onItems.push({ kind: 'handoff', span: it.span });
        break;
      case 'userScheduler': {
        if (!once('scheduler', it.keyword)) break;
        const q = policyDurations(checker, LIBRARY_POLICIES.find((p) => p.word === it.policy?.text) ?? null, it.params).quantum;
        if (it.policy) scheduler = { policy: it.policy.text, quantum: q };
        else checker.incomplete = true;
        schedulerSpan = it.span;
        break;
      }
      default:
        break;
    }
  }
  if (modelItem && modelItem.model) {
    const m = modelItem;
    if (model === 'many-to-many') {
      if (!m.lwpsKeyword) checker.report('missingLwps', m.model!.span, [m.model!.written]);
      else {
        const n = intValue(checker, m.lwps);
        if (n !== null) {
          if (n === 0) checker.report('zeroLwps', m.lwps!.span, []);
          else if (n > MAX_LWPS_PER_POOL) checker.report('overCap', m.lwps!.span, [`'lwps ${m.lwps!.text}'`, `${fmt(MAX_LWPS_PER_POOL)} LWPs per pool (MAX_LWPS_PER_POOL)`, 'use a smaller pool']);
          else lwps = n;
        }
      }
      if (m.maxKeyword) {
        const mx = intValue(checker, m.max);
        if (mx !== null) {
          if (mx > MAX_LWPS_PER_POOL) checker.report('overCap', m.max!.span, [`'max ${m.max!.text}'`, `${fmt(MAX_LWPS_PER_POOL)} LWPs per pool (MAX_LWPS_PER_POOL)`, 'use a smaller bound']);
          else if (lwps > 0 && mx < lwps) checker.report('maxBelowLwps', m.max!.span, [mx, lwps]);
          else {
            maxLwps = mx;
            if (!sigwaiting && handoffSpan === null) checker.report('maxWithoutSigwaiting', { start: m.maxKeyword.start, end: m.max!.span.end }, []);
          }
        }
      }
    } else {
      if (m.lwpsKeyword) checker.report('lwpsWrongModel', { start: m.lwpsKeyword.start, end: m.lwps?.span.end ?? m.lwpsKeyword.end }, ['lwps', MODEL_TEXT[model]]);
      if (m.maxKeyword) checker.report('lwpsWrongModel', { start: m.maxKeyword.start, end: m.max?.span.end ?? m.maxKeyword.end }, ['max', MODEL_TEXT[model]]);
    }
  }
  if (model === 'many-to-one') lwps = 1;
  if (model !== 'many-to-many') {
    for (const o of onItems) checker.report('needsManyToMany', o.span, [o.kind === 'handoff' ? 'handoff' : `${o.kind} on`, MODEL_TEXT[model]]);
    upcalls = false;
    sigwaiting = false;
    upcallsAfter = 0;
    sigwaitingAfter = 0;
    handoff = null;
  } else if (handoffSpan !== null) {
    for (const o of onItems) if (o.kind !== 'handoff') checker.report('handoffExcludes', o.span, [`${o.kind} on`]);
  }
  if (model === 'one-to-one' && schedulerSpan) checker.report('schedulerNoEffect', schedulerSpan, []);
  return {
    index,
    decl,
    name: decl.name!.text,
    declId,
    model,
    lwps,
    maxLwps,
    upcalls,
    upcallsAfter,
    sigwaiting,
    sigwaitingAfter,
    handoff,
    scheduler,
    syncs: new Map(),
    threads: new Map(),
    threadDecls: [],
    threadInfos: [],
    threadIR: [],
  };
}

/** Declares a sync object in `scope` (kernel: `process` = -1). */
function declareSync(
  checker: CheckContext,
  d: SyncDecl,
  process: number,
  owner: ProcessInfo | null,
  scope: Map<string, SyncInfo>,
  kernel: Map<string, SyncInfo>,
  out: SyncIR[],
  threads?: Map<string, ThreadInfo>,
): void {
  if (!d.name) {
    checker.incomplete = true;
    return;
  }
  const name = d.name.text;
  const takesCount = SYNC_KINDS.find((k) => k.word === d.syncKind)?.initialCount === true;
  const detail = takesCount ? `= ${d.initial?.value ?? 0}` : '';
  const prior = scope.get(name);
  const id = checker.declare(name, d.syncKind, d.span, d.name.span, owner ? 'process' : 'kernel', owner ? owner.declId : null, detail, prior !== undefined);
  if (prior) {
    checker.report('duplicateName', d.name.span, [d.syncKind, name, owner ? `in process '${owner.name}'` : 'at the top level'], [{ span: checker.decls.nameSpan(prior.decl), message: `the first '${name}'` }]);
    return;
  }
  if (threads?.has(name)) {
    checker.report('duplicateName', d.name.span, [d.syncKind, name, `in process '${owner!.name}'`], [{ span: checker.decls.nameSpan(threads.get(name)!.decl), message: `the first '${name}'` }]);
    return;
  }
  if (owner) {
    const k = kernel.get(name);
    if (k) {
      checker.report('shadowsKernel', d.name.span, [name, k.kind], [{ span: checker.decls.nameSpan(k.decl), message: `the kernel ${k.kind} '${name}'` }]);
      return;
    }
  }
  let initial = 0;
  if (takesCount && d.initial) {
    const v = intValue(checker, d.initial);
    if (d.syncKind === 'barrier') {
      // A barrier's count is how many threads each round waits for: more than a file may declare could never open.
      if (v === 0) checker.report('barrierCount', d.initial.span, [name, '0']);
      else if (v !== null && v > MAX_THREAD_INSTANCES) checker.report('overCap', d.initial.span, [`the count ${d.initial.text} of barrier '${name}'`, `${fmt(MAX_THREAD_INSTANCES)} (MAX_THREAD_INSTANCES)`, 'use a smaller count']);
      else if (v !== null) initial = v;
    } else if (v !== null && v > MAX_SEMAPHORE_INITIAL) checker.report('overCap', d.initial.span, [`the initial count ${d.initial.text}`, `${fmt(MAX_SEMAPHORE_INITIAL)} (MAX_SEMAPHORE_INITIAL)`, 'use a smaller count']);
    else if (v !== null) initial = v;
  } else if (d.syncKind === 'barrier') checker.report('barrierCount', d.name.span, [name, null]);
  const info: SyncInfo = { index: out.length, name, kind: d.syncKind, process, decl: id };
  scope.set(name, info);
  out.push({ index: info.index, name, kind: d.syncKind, initial, process, span: d.span });
}

/**
 * LWP2013: a barrier whose count exceeds the thread instances that ever
 * arrive at it (declared threads whose body names it in `arrive`) can never
 * open. Spawned arrivers make the number unknown: no warning then. A thread
 * waiting at a barrier cannot arrive again in the same round, so instances,
 * not `arrive` statements, are counted.
 */
function warnBarriersThatNeverOpen(checker: CheckContext, processes: readonly ProcessInfo[], kernel: Map<string, SyncInfo>, syncIR: readonly SyncIR[]): void {
  // A barrier named by another statement is an error (LWP2004) at the name: only `arrive`s count.
  const refs = checker.refs.toRefs().filter((r) => !checker.wrongKindRefs.has(r.span.start));
  for (const b of syncIR) {
    if (b.kind !== 'barrier' || b.initial <= 1) continue;
    const info = b.process < 0 ? kernel.get(b.name) : processes[b.process]?.syncs.get(b.name);
    if (!info) continue;
    let arriving = 0;
    let unknown = false;
    for (const p of processes) {
      if (b.process >= 0 && p.index !== b.process) continue;
      p.threadDecls.forEach((t, i) => {
        if (!refs.some((r) => r.decl === info.decl && r.span.start >= t.span.start && r.span.end <= t.span.end)) return;
        if (p.threadInfos[i].spawned) unknown = true;
        else arriving += p.threadInfos[i].count;
      });
    }
    if (!unknown && arriving > 0 && arriving < b.initial) checker.report('barrierNeverOpens', checker.decls.nameSpan(info.decl), [b.name, b.initial, arriving]);
  }
}

/** A thread's detail in the outline: `* 4 bound spawned priority 2`, each part only if given (DeclList keeps one copy of equal details in a row). */
function threadDetail(counted: boolean, count: number, bound: boolean, spawned: boolean, priority: number): string {
  let text = counted ? `* ${count}` : '';
  if (bound) text = text ? text + ' bound' : 'bound';
  if (spawned) text = text ? text + ' spawned' : 'spawned';
  if (priority) text = text ? `${text} priority ${priority}` : `priority ${priority}`;
  return text;
}

function declareThread(checker: CheckContext, t: ThreadDecl, p: ProcessInfo, kernel: Map<string, SyncInfo>, instancesSoFar: number, ir: boolean): number {
  const tName = t.name;
  const tCount = t.count;
  if (!tName) {
    checker.incomplete = true;
    return instancesSoFar;
  }
  const name = tName.text;
  let count = 1;
  if (tCount) {
    const v = intValue(checker, tCount);
    if (v !== null) count = v;
  }
  let bound = false;
  let spawned = false;
  let priority = 0;
  let start = 0;
  let startSpan: Span | null = null;
  // The first of each option kind, for duplicates (four kinds: no Map per thread).
  let firstBound: Span | null = null;
  let firstSpawned: Span | null = null;
  let firstPriority: Span | null = null;
  let firstStart: Span | null = null;
  const options = t.options;
  for (let k = 0; k < options.length; k++) {
    const o = options[k];
    const first = o.kind === 'bound' ? firstBound : o.kind === 'spawned' ? firstSpawned : o.kind === 'priority' ? firstPriority : firstStart;
    if (first) {
      checker.report('duplicateItem', o.span, [o.kind, `on thread '${name}'`], [{ span: first, message: `the first '${o.kind}'` }]);
      continue;
    }
    if (o.kind === 'bound') firstBound = o.span;
    else if (o.kind === 'spawned') firstSpawned = o.span;
    else if (o.kind === 'priority') firstPriority = o.span;
    else firstStart = o.span;
    switch (o.kind) {
      case 'bound':
        if (p.model === 'many-to-one') checker.report('boundManyToOne', o.span, []);
        else if (p.model === 'one-to-one') checker.report('boundOneToOne', o.span, []);
        else bound = true;
        break;
      case 'spawned':
        spawned = true;
        break;
      case 'priority': {
        const v = intValue(checker, o.value);
        if (v !== null && Math.abs(v) > MAX_PRIORITY) checker.report('overCap', o.value!.span, [`priority ${o.value!.text}`, `±${fmt(MAX_PRIORITY)} (MAX_PRIORITY)`, 'use a smaller priority']);
        else if (v !== null) priority = v;
        break;
      }
      case 'start':
        if (o.value?.ns == null) checker.incomplete = true;
        else start = o.value.ns;
        startSpan = o.span;
        break;
    }
  }
  if (spawned && startSpan) checker.report('startOnSpawned', startSpan, [name]);
  const detail = threadDetail(tCount !== null, count, bound, spawned, priority);
  const prior = p.threads.get(name) ?? p.syncs.get(name);
  const span = t.span;
  const nameSpan = tName.span;
  const id = checker.declare(name, 'thread', span, nameSpan, 'process', p.declId, detail, prior !== undefined);
  if (prior) {
    checker.report('duplicateName', nameSpan, ['thread', name, `in process '${p.name}'`], [{ span: checker.decls.nameSpan(prior.decl), message: `the first '${name}'` }]);
    return instancesSoFar;
  }
  const k = kernel.get(name);
  if (k) {
    checker.report('shadowsKernel', nameSpan, [name, k.kind], [{ span: checker.decls.nameSpan(k.decl), message: `the kernel ${k.kind} '${name}'` }]);
    return instancesSoFar;
  }
  let total = instancesSoFar;
  if (!spawned) {
    total += count;
    if (total > MAX_THREAD_INSTANCES && instancesSoFar <= MAX_THREAD_INSTANCES) {
      checker.report('overCap', tCount ? tCount.span : nameSpan, [
        count > MAX_THREAD_INSTANCES ? `'* ${tCount?.text ?? count}'` : `'${name}' brings the file to ${fmt(total)} thread instances, which`,
        `${fmt(MAX_THREAD_INSTANCES)} thread instances declared in one file (MAX_THREAD_INSTANCES)`,
        'use a smaller count',
      ]);
    }
  }
  const info: ThreadInfo = { index: p.threadDecls.length, name, decl: id, spawned, count };
  p.threads.set(name, info);
  p.threadDecls.push(t);
  p.threadInfos.push(info);
  if (ir) p.threadIR.push({ index: info.index, name, span, nameSpan, count, bound, priority, start: spawned ? 0 : start, spawned, code: NOT_COMPILED });
  return total;
}
