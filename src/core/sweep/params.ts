/**
 * What a sweep may vary (LANGUAGE.md §13), and how a parameter's name is
 * resolved against a checked scenario. A name uses the file's own words:
 *
 *   cpus | scheduler | quantum | limit             the machine, by its keyword
 *   costs.COST                                     costs.kernel-switch
 *   [PROCESS.](model | lwps | upcalls | sigwaiting)  without PROCESS: every process
 *   [PROCESS.]THREAD.(count | priority | start)
 *   [PROCESS.]THREAD.STATEMENT[@LINE]              every `io` (on LINE) of that thread
 *
 * Resolution never changes the scenario; `apply.ts` does, per point.
 */
import type { Scenario } from '../check/ir';
import { COSTS, KERNEL_POLICIES, MODELS, STATEMENTS, type CostName, type TimedStatementWord } from '../language/registry';
import { MAX_CPUS, MAX_LWPS_PER_POOL, MAX_PRIORITY, MAX_THREAD_INSTANCES } from '../limits';
import type { Span } from '../syntax/ast';
import { MAX_DURATION_NS } from '../units';
import { suggest } from '../diagnostics/suggest';

/** The kind of value a parameter takes, which decides how its range is read. */
export type ValueKind =
  | { readonly kind: 'count'; readonly min: number; readonly max: number }
  | { readonly kind: 'integer'; readonly min: number; readonly max: number }
  | { readonly kind: 'duration'; readonly min: number; readonly max: number }
  | { readonly kind: 'word'; readonly words: readonly string[]; readonly aliases?: Readonly<Record<string, string>> };

/** What a resolved parameter changes. Process and thread targets carry indices into the scenario. */
export type Target =
  | { readonly kind: 'cpus' | 'scheduler' | 'quantum' | 'limit' }
  | { readonly kind: 'cost'; readonly cost: CostName }
  | { readonly kind: 'model' | 'lwps' | 'upcalls' | 'sigwaiting'; readonly processes: readonly number[] }
  | { readonly kind: 'count' | 'priority' | 'start'; readonly process: number; readonly thread: number }
  /** `instrs`: the indices in the thread's code of the statements it sets (every `op`, or those on one line). */
  | {
      readonly kind: 'statement';
      readonly process: number;
      readonly thread: number;
      readonly op: TimedStatementWord;
      readonly instrs: readonly number[];
    };

export interface Parameter {
  /** The name as written (`lwps`, `server.worker.io@14`): the key of `params` in results. */
  readonly name: string;
  readonly target: Target;
  readonly value: ValueKind;
  /** Where the thing varied is in the file (process, thread), for file-positioned errors; null for machine settings. */
  readonly span: Span | null;
}

/** A resolution error: `at`/`length` are offsets into the name. */
export interface NameError {
  readonly message: string;
  readonly at: number;
  readonly length: number;
  /** Where in the file the thing named is, when that is what is wrong with it. */
  readonly span?: Span;
}

const MACHINE_WORDS = ['cpus', 'scheduler', 'quantum', 'limit'] as const;
/** A process's settings; written alone (`lwps`) they set every process's. */
export const PROCESS_WORDS = ['model', 'lwps', 'upcalls', 'sigwaiting'] as const;
const THREAD_WORDS = ['count', 'priority', 'start'] as const;
const TIMED_WORDS: readonly TimedStatementWord[] = STATEMENTS.filter((s) => s.operand === 'duration').map((s) => s.word);

const MODEL_ALIASES: Readonly<Record<string, string>> = Object.fromEntries(MODELS.map((m) => [m.shorthand, m.word]));
const SWITCH: ValueKind = { kind: 'word', words: ['on', 'off'] };
const DURATION: ValueKind = { kind: 'duration', min: 0, max: MAX_DURATION_NS };
const POSITIVE_DURATION: ValueKind = { kind: 'duration', min: 1, max: MAX_DURATION_NS };

function machineValue(word: (typeof MACHINE_WORDS)[number]): ValueKind {
  if (word === 'cpus') return { kind: 'count', min: 1, max: MAX_CPUS };
  if (word === 'scheduler') return { kind: 'word', words: KERNEL_POLICIES.map((p) => p.word) };
  return POSITIVE_DURATION;
}

function processValue(word: (typeof PROCESS_WORDS)[number]): ValueKind {
  if (word === 'model') return { kind: 'word', words: MODELS.map((m) => m.word), aliases: MODEL_ALIASES };
  if (word === 'lwps') return { kind: 'count', min: 1, max: MAX_LWPS_PER_POOL };
  return SWITCH;
}

function threadValue(word: (typeof THREAD_WORDS)[number]): ValueKind {
  if (word === 'count') return { kind: 'count', min: 0, max: MAX_THREAD_INSTANCES };
  if (word === 'priority') return { kind: 'integer', min: -MAX_PRIORITY, max: MAX_PRIORITY };
  return DURATION;
}

const includes = <T extends string>(list: readonly T[], w: string): w is T => (list as readonly string[]).includes(w);

/** Every name a sweep of this scenario can vary (for suggestions and the editor's pick list), in file order. */
export function parameterNames(s: Scenario): string[] {
  const names: string[] = [...MACHINE_WORDS, ...COSTS.map((c) => `costs.${c.word}`)];
  for (const w of PROCESS_WORDS) names.push(w);
  for (const p of s.processes) {
    for (const w of PROCESS_WORDS) names.push(`${p.name}.${w}`);
    for (const t of p.threads) {
      const base = `${p.name}.${t.name}`;
      for (const w of THREAD_WORDS) if (!(w === 'count' && t.spawned)) names.push(`${base}.${w}`);
      for (const op of TIMED_WORDS) if (t.code.some((i) => i.op === op)) names.push(`${base}.${op}`);
    }
  }
  return names;
}

/**
 * Resolves `name` against `s`. `lwpsModels` says whether some point of the
 * sweep may make each process many-to-many (its model is varied), so that
 * `lwps` of a process that never has a pool is an error here, not a silent
 * no-op at every point.
 */
export function resolveParameter(
  s: Scenario,
  name: string,
  modelVaried: (process: number) => boolean,
  lineOf: (offset: number) => number,
): Parameter | NameError {
  const whole = (message: string): NameError => ({ message, at: 0, length: name.length });
  if (name === '') return whole('a parameter name is missing before "="');
  const parts = name.split('.');
  const unknown = (): NameError => {
    const near = suggest(name, parameterNames(s));
    return whole(
      `unknown parameter '${name}'${near ? ` — did you mean '${near}'?` : ''} (machine: ${MACHINE_WORDS.join(', ')}; costs.COST; [process.]${PROCESS_WORDS.join('|')}; [process.]thread.${THREAD_WORDS.join('|')}|STATEMENT)`,
    );
  };
  // Machine settings and costs.
  if (parts.length === 1 && includes(MACHINE_WORDS, name)) return { name, target: { kind: name }, value: machineValue(name), span: null };
  if (parts[0] === 'costs') {
    const cost = COSTS.find((c) => c.word === parts[1]);
    if (parts.length !== 2 || !cost) {
      const near = suggest(
        parts.slice(1).join('.'),
        COSTS.map((c) => c.word),
      );
      return {
        message: `unknown cost '${parts.slice(1).join('.')}'${near ? ` — did you mean 'costs.${near}'?` : ''}`,
        at: 6,
        length: Math.max(1, name.length - 6),
      };
    }
    return { name, target: { kind: 'cost', cost: cost.word }, value: DURATION, span: null };
  }
  // A process setting, of every process or of one.
  if (parts.length === 1 && includes(PROCESS_WORDS, name))
    return processParameter(
      s,
      name,
      name,
      s.processes.map((p) => p.index),
      modelVaried,
      0,
    );
  const pIndex = s.processes.findIndex((p) => p.name === parts[0]);
  if (parts.length === 2 && pIndex >= 0 && includes(PROCESS_WORDS, parts[1]))
    return processParameter(s, name, parts[1], [pIndex], modelVaried, parts[0].length + 1);
  if (parts.length === 2 && pIndex >= 0 && s.processes[pIndex].threads.every((t) => t.name !== parts[1])) {
    const near = suggest(parts[1], [...PROCESS_WORDS, ...s.processes[pIndex].threads.map((t) => t.name)]);
    return {
      message: `process '${parts[0]}' has no setting or thread '${parts[1]}'${near ? ` — did you mean '${parts[0]}.${near}'?` : ''}`,
      at: parts[0].length + 1,
      length: parts[1].length,
    };
  }
  // A thread's setting or statement: PROCESS.THREAD.WORD, or THREAD.WORD when the thread's name is unique.
  let process: number;
  let rest: string[];
  let offset: number;
  if (pIndex >= 0 && parts.length === 3) {
    process = pIndex;
    rest = parts.slice(1);
    offset = parts[0].length + 1;
  } else if (parts.length === 2) {
    const owners = s.processes.filter((p) => p.threads.some((t) => t.name === parts[0]));
    if (owners.length === 0) return unknown();
    if (owners.length > 1)
      return {
        message: `thread '${parts[0]}' is in several processes: name one (${owners.map((p) => `${p.name}.${name}`).join(', ')})`,
        at: 0,
        length: parts[0].length,
      };
    process = owners[0].index;
    rest = parts;
    offset = 0;
  } else return unknown();
  const p = s.processes[process];
  const thread = p.threads.find((t) => t.name === rest[0]);
  if (!thread) {
    const near = suggest(
      rest[0],
      p.threads.map((t) => t.name),
    );
    return {
      message: `process '${p.name}' has no thread '${rest[0]}'${near ? ` — did you mean '${near}'?` : ''}`,
      at: offset,
      length: rest[0].length,
    };
  }
  const wordAt = offset + rest[0].length + 1;
  const [word, lineText] = rest[1].split('@');
  if (includes(THREAD_WORDS, word) && lineText === undefined) {
    if (word === 'count' && thread.spawned)
      return {
        message: `thread '${thread.name}' is 'spawned': its instances come from 'spawn', not from a count`,
        at: wordAt,
        length: word.length,
      };
    return { name, target: { kind: word, process, thread: thread.index }, value: threadValue(word), span: thread.nameSpan };
  }
  if (includes(TIMED_WORDS, word)) {
    let line: number | null = null;
    if (lineText !== undefined) {
      if (!/^[1-9]\d{0,8}$/.test(lineText))
        return {
          message: `'@' needs a line number (${word}@12), not '${lineText}'`,
          at: wordAt + word.length + 1,
          length: Math.max(1, lineText.length),
        };
      line = Number(lineText);
    }
    const instrs: number[] = [];
    thread.code.forEach((i, k) => {
      if (i.op === word && (line === null || lineOf(i.span.start) === line)) instrs.push(k);
    });
    if (instrs.length === 0) {
      const lines = [...new Set(thread.code.filter((i) => i.op === word).map((i) => lineOf(i.span.start)))];
      const where = lines.length
        ? ` on line ${line} (its '${word}' statements are on line${lines.length > 1 ? 's' : ''} ${lines.join(', ')})`
        : '';
      return {
        message: `thread '${p.name}.${thread.name}' has no '${word}' statement${where}`,
        at: wordAt,
        length: rest[1].length,
        span: thread.nameSpan,
      };
    }
    return { name, target: { kind: 'statement', process, thread: thread.index, op: word, instrs }, value: DURATION, span: thread.nameSpan };
  }
  const near = suggest(word, [...THREAD_WORDS, ...TIMED_WORDS]);
  return {
    message: `'${word}' is not a thread setting or a timed statement${near ? ` — did you mean '${near}'?` : ''} (use ${[...THREAD_WORDS, ...TIMED_WORDS].join(', ')})`,
    at: wordAt,
    length: Math.max(1, rest[1].length),
  };
}

function processParameter(
  s: Scenario,
  name: string,
  word: (typeof PROCESS_WORDS)[number],
  processes: number[],
  modelVaried: (p: number) => boolean,
  at: number,
): Parameter | NameError {
  let targets = processes;
  if (word === 'lwps') {
    // `lwps` sizes a many-to-many pool: a process that is never many-to-many in the sweep would ignore it at every point.
    targets = processes.filter((i) => s.processes[i].model === 'many-to-many' || modelVaried(i));
    if (targets.length === 0) {
      const p = s.processes[processes[0]];
      return {
        message: `process '${p.name}' is ${p.model}: 'lwps' sizes a many-to-many pool; write 'model many-to-many lwps N' in the file or vary ${processes.length === 1 && at > 0 ? `${p.name}.` : ''}model too`,
        at,
        length: name.length - at,
        span: p.nameSpan,
      };
    }
  }
  const span = targets.length === 1 ? s.processes[targets[0]].nameSpan : null;
  return { name, target: { kind: word, processes: targets }, value: processValue(word), span };
}

export function isNameError(x: Parameter | NameError): x is NameError {
  return 'message' in x;
}

/** The value the file gives a parameter (the first process's, for a setting of every process), as a sweep value. */
export function currentValue(s: Scenario, p: Parameter): number | string {
  const t = p.target;
  switch (t.kind) {
    case 'cpus':
      return s.cpus;
    case 'scheduler':
      return s.kernel.policy;
    case 'quantum':
      return s.kernel.quantum;
    case 'limit':
      return s.limit;
    case 'cost':
      return s.costs[t.cost];
    case 'model':
      return s.processes[t.processes[0]].model;
    case 'lwps':
      return Math.max(1, s.processes[t.processes[0]].lwps);
    case 'upcalls':
    case 'sigwaiting':
      return s.processes[t.processes[0]][t.kind] ? 'on' : 'off';
    case 'count':
    case 'priority':
    case 'start':
      return s.processes[t.process].threads[t.thread][t.kind];
    case 'statement': {
      const i = s.processes[t.process].threads[t.thread].code[t.instrs[0]];
      return 'ns' in i ? i.ns : 0;
    }
  }
}
