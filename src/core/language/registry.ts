/**
 * The language registry: every word of `.lwp` (LANGUAGE.md §3–§11) once,
 * with where it stands, what follows it, the glossary concept that explains
 * it and the snippet completion inserts for it.
 *
 * Everything that knows a keyword derives it from here: the parser's tables
 * and statement dispatch (syntax/keywords.ts, syntax/parser.ts), the checker's
 * kind checks, the formatter, the server's cursor context and completion, the
 * TextMate grammar (syntaxes/grammar.ts) and the tests. A test
 * (test/unit/language/registry.test.ts) fails when any of them drifts.
 *
 * Order matters: lists are shown to the user in this order (error messages,
 * completion, suggestions).
 */

/** A word of the language and the glossary concept (src/core/concepts) that explains it. */
export interface Word {
  readonly word: string;
  /** Id of its concept in the glossary, or null for words that need none (`on`, units). */
  readonly concept: string | null;
  /** What completion inserts (LSP snippet syntax); the bare word when absent. */
  readonly snippet?: string;
}

/** The kinds of block a `{` opens: each holds its own kind of item. */
export type BlockKind = 'top' | 'machine' | 'costs' | 'process' | 'body';

/** A word that begins an item of a block (`cpus` in a machine, `thread` in a process). */
export interface ItemWord extends Word {
  /** The block that the item's `{` opens, if it has one. */
  readonly opens?: BlockKind;
}

// ---------------------------------------------------------------------------
// Synchronization objects: declared at the top level (kernel objects) or in a
// process (library objects), named by statements.

export interface SyncKindEntry extends Word {
  /** Whether the declaration takes `= N` (a semaphore's initial count, a barrier's number of threads). */
  readonly initialCount: boolean;
  /** Example of a declaration, for errors. */
  readonly example: string;
}

export const SYNC_KINDS = [
  { word: 'mutex', concept: 'mutex', initialCount: false, example: 'mutex m' },
  { word: 'spinlock', concept: 'spinlock', initialCount: false, example: 'spinlock m' },
  { word: 'semaphore', concept: 'semaphore', initialCount: true, example: 'semaphore s = 1' },
  { word: 'barrier', concept: 'barrier', initialCount: true, example: 'barrier b = 3' },
] as const satisfies readonly SyncKindEntry[];

export type SyncKind = (typeof SYNC_KINDS)[number]['word'];

// ---------------------------------------------------------------------------
// Statements of a thread body (LANGUAGE.md §7).

/**
 * What follows a statement's keyword:
 * - `duration`: a duration (`compute 5ms`);
 * - `count`: a count (`repeat 3`);
 * - `sync`: the name of a sync object of one of the kinds `of`;
 * - `thread`: the name of a thread of the same process (`times`: an optional `* N` after it);
 * - `none`: nothing.
 */
export type OperandKind = 'duration' | 'count' | 'sync' | 'thread' | 'none';

/** Every statement entry has every field (the parser reads them for every statement, and one shape keeps that fast). */
export interface StatementEntry extends Word {
  readonly operand: OperandKind;
  /** `sync` operands: the kinds of object the name may denote (empty for the others). */
  readonly of: readonly SyncKind[];
  /** `thread` operands: whether `* N` may follow the name. */
  readonly times: boolean;
  /** Whether a `{ … }` body follows: never, optionally (`lock m { … }`) or always (`repeat 3 { … }`). */
  readonly body: 'none' | 'optional' | 'required';
  /** A complete example, for errors that say what the statement needs. */
  readonly example: string;
}

export const STATEMENTS = [
  { word: 'compute', concept: 'compute', operand: 'duration', of: [], times: false, body: 'none', example: 'compute 5ms', snippet: 'compute ${1:1ms}' },
  { word: 'syscall', concept: 'syscall', operand: 'duration', of: [], times: false, body: 'none', example: 'syscall 5ms', snippet: 'syscall ${1:10us}' },
  { word: 'io', concept: 'io', operand: 'duration', of: [], times: false, body: 'none', example: 'io 5ms', snippet: 'io ${1:4ms}' },
  { word: 'sleep', concept: 'sleep', operand: 'duration', of: [], times: false, body: 'none', example: 'sleep 5ms', snippet: 'sleep ${1:5ms}' },
  { word: 'yield', concept: 'yield', operand: 'none', of: [], times: false, body: 'none', example: 'yield', snippet: undefined },
  { word: 'lock', concept: 'lock', operand: 'sync', of: ['mutex', 'spinlock'], times: false, body: 'optional', example: 'lock m', snippet: undefined },
  { word: 'unlock', concept: 'unlock', operand: 'sync', of: ['mutex', 'spinlock'], times: false, body: 'none', example: 'unlock m', snippet: undefined },
  { word: 'wait', concept: 'wait', operand: 'sync', of: ['semaphore'], times: false, body: 'none', example: 'wait s', snippet: undefined },
  { word: 'post', concept: 'post', operand: 'sync', of: ['semaphore'], times: false, body: 'none', example: 'post s', snippet: undefined },
  { word: 'arrive', concept: 'arrive', operand: 'sync', of: ['barrier'], times: false, body: 'none', example: 'arrive b', snippet: undefined },
  { word: 'spawn', concept: 'spawn', operand: 'thread', of: [], times: true, body: 'none', example: 'spawn worker * 2', snippet: undefined },
  { word: 'join', concept: 'join', operand: 'thread', of: [], times: false, body: 'none', example: 'join worker', snippet: undefined },
  { word: 'repeat', concept: 'repeat', operand: 'count', of: [], times: false, body: 'required', example: 'repeat 3 { compute 1ms }', snippet: 'repeat ${1:3} {\n\t$0\n}' },
  { word: 'forever', concept: 'forever', operand: 'none', of: [], times: false, body: 'required', example: 'forever { compute 1ms }', snippet: 'forever {\n\t$0\n}' },
] as const satisfies readonly StatementEntry[];

export type Statement = (typeof STATEMENTS)[number];
export type StatementWord = Statement['word'];
/** Statements that take a duration and nothing else. */
export type TimedStatementWord = Extract<Statement, { operand: 'duration' }>['word'];
/** Statements that name a sync object. */
export type SyncStatementWord = Extract<Statement, { operand: 'sync' }>['word'];
/** Statements that name a thread. */
export type ThreadStatementWord = Extract<Statement, { operand: 'thread' }>['word'];
/** Statements whose body is a loop (`repeat`, `forever`). */
export type LoopStatementWord = Extract<Statement, { body: 'required' }>['word'];
/** Statements that are their keyword alone. */
export type BareStatementWord = Extract<Statement, { operand: 'none'; body: 'none' }>['word'];

// ---------------------------------------------------------------------------
// Models, policies, costs (LANGUAGE.md §4–§8).

export interface ModelEntry extends Word {
  /** The shorthand that means the same (`1:1`). */
  readonly shorthand: string;
  readonly shorthandSnippet?: string;
  /** Whether the model has an LWP pool, sized by `lwps N` (and bounded by `max N`). */
  readonly pool: boolean;
}

export const MODELS = [
  { word: 'one-to-one', shorthand: '1:1', concept: 'one-to-one', pool: false },
  { word: 'many-to-one', shorthand: 'N:1', concept: 'many-to-one', pool: false },
  { word: 'many-to-many', shorthand: 'M:N', concept: 'many-to-many', pool: true, snippet: 'many-to-many lwps ${1:2}', shorthandSnippet: 'M:N lwps ${1:2}' },
] as const satisfies readonly ModelEntry[];

export type ModelName = (typeof MODELS)[number]['word'];

/** The options of `model many-to-many` (`lwps N`, `max N`), in the order written. */
export const MODEL_OPTIONS = [
  { word: 'lwps', concept: 'lwps', example: 'lwps 4' },
  { word: 'max', concept: 'max', example: 'max 8' },
] as const satisfies readonly (Word & { readonly example: string })[];

export interface PolicyEntry extends Word {
  /** The durations it takes after its word, in the order shown (`quantum` on `fifo` is reported as having no effect). */
  readonly params: readonly PolicyParamName[];
}

/** The kernel's policies over LWPs (`machine { scheduler … }`). */
export const KERNEL_POLICIES = [
  { word: 'round-robin', concept: 'kernel:round-robin', params: ['quantum'] },
  { word: 'fifo', concept: 'kernel:fifo', params: [] },
  { word: 'priority', concept: 'kernel:priority', params: ['quantum'] },
  { word: 'fair', concept: 'kernel:fair', params: ['latency', 'granularity'] },
] as const satisfies readonly PolicyEntry[];

/** A thread library's policies over its user threads (`process { scheduler … }`). */
export const LIBRARY_POLICIES = [
  { word: 'round-robin', concept: 'user:round-robin', params: ['quantum'] },
  { word: 'fifo', concept: 'user:fifo', params: [] },
  { word: 'priority', concept: 'user:priority', params: ['quantum'] },
] as const satisfies readonly PolicyEntry[];

export type KernelPolicyName = (typeof KERNEL_POLICIES)[number]['word'];
export type LibraryPolicyName = (typeof LIBRARY_POLICIES)[number]['word'];

/** `scheduler POLICY quantum D`. */
export const QUANTUM: Word = { word: 'quantum', concept: 'quantum' };

export interface PolicyParamEntry extends Word {
  /** A complete example, for errors. */
  readonly example: string;
}

/** The durations a policy takes after its word (`scheduler fair latency 6ms granularity 750us`). */
export const POLICY_PARAMS = [
  { word: 'quantum', concept: 'quantum', example: 'quantum 10ms' },
  { word: 'latency', concept: 'latency', example: 'latency 6ms' },
  { word: 'granularity', concept: 'granularity', example: 'granularity 750us' },
] as const satisfies readonly PolicyParamEntry[];

export type PolicyParamName = 'quantum' | 'latency' | 'granularity';

export interface CostEntry extends Word {
  /** The default, in ns (LANGUAGE.md §8). */
  readonly defaultNs: number;
}

export const COSTS = [
  { word: 'mode-switch', concept: 'cost:mode-switch', defaultNs: 100 },
  { word: 'kernel-switch', concept: 'cost:kernel-switch', defaultNs: 2_000 },
  { word: 'address-space-switch', concept: 'cost:address-space-switch', defaultNs: 1_000 },
  { word: 'user-switch', concept: 'cost:user-switch', defaultNs: 100 },
  { word: 'user-create', concept: 'cost:user-create', defaultNs: 1_000 },
  { word: 'kernel-create', concept: 'cost:kernel-create', defaultNs: 10_000 },
  { word: 'upcall', concept: 'cost:upcall', defaultNs: 1_000 },
] as const satisfies readonly CostEntry[];

export type CostName = (typeof COSTS)[number]['word'];

// ---------------------------------------------------------------------------
// Thread options (`thread NAME [* N] OPTION* { … }`).

export interface ThreadOptionEntry extends Word {
  /** What follows the option's word. */
  readonly value: 'none' | 'priority' | 'duration';
  /** How the option is written, for errors (`priority N`). */
  readonly usage: string;
  readonly example: string;
}

export const THREAD_OPTIONS = [
  { word: 'bound', concept: 'bound', value: 'none', usage: 'bound', example: 'bound' },
  { word: 'priority', concept: 'thread-priority', value: 'priority', usage: 'priority N', example: 'priority 10' },
  { word: 'start', concept: 'start', value: 'duration', usage: 'start D', example: 'start 5ms' },
  { word: 'spawned', concept: 'spawned', value: 'none', usage: 'spawned', example: 'spawned' },
] as const satisfies readonly ThreadOptionEntry[];

export type ThreadOptionWord = (typeof THREAD_OPTIONS)[number]['word'];

/** `upcalls on`, `sigwaiting off`. */
export const SWITCH_VALUES = ['on', 'off'] as const;

/** `upcalls on after 2ms`, `handoff after 20us`: a hand-off delay (LANGUAGE.md §5). */
export const AFTER: Word & { readonly example: string } = { word: 'after', concept: 'after', example: 'handoff after 20us' };

// ---------------------------------------------------------------------------
// The items of each block, in the order error messages and completion list them.

const SYNC_DECLARATIONS: readonly ItemWord[] = SYNC_KINDS.map((s) => ({ word: s.word, concept: s.concept }));

export const FILE_ITEMS: readonly ItemWord[] = [
  { word: 'scenario', concept: 'scenario', snippet: 'scenario "${1:title}"' },
  { word: 'machine', concept: 'machine', opens: 'machine', snippet: 'machine {\n\tcpus ${1:2}\n\t$0\n}' },
  ...SYNC_DECLARATIONS,
  { word: 'process', concept: 'process', opens: 'process', snippet: 'process ${1:name} {\n\tmodel ${2:one-to-one}\n\t$0\n}' },
  { word: 'expect', concept: 'expect' },
  { word: 'ask', concept: 'ask' },
];

export const MACHINE_ITEMS: readonly ItemWord[] = [
  { word: 'cpus', concept: 'cpu', snippet: 'cpus ${1:2}' },
  { word: 'scheduler', concept: 'kernel-scheduler' },
  { word: 'costs', concept: 'costs', opens: 'costs', snippet: 'costs { $0 }' },
  { word: 'limit', concept: 'limit', snippet: 'limit ${1:1s}' },
];

export const PROCESS_ITEMS: readonly ItemWord[] = [
  { word: 'model', concept: 'model' },
  { word: 'upcalls', concept: 'upcalls' },
  { word: 'sigwaiting', concept: 'sigwaiting' },
  { word: 'handoff', concept: 'handoff', snippet: 'handoff after ${1:20us}' },
  { word: 'scheduler', concept: 'user-scheduler' },
  ...SYNC_DECLARATIONS,
  { word: 'thread', concept: 'user-thread', opens: 'body', snippet: 'thread ${1:worker} {\n\t$0\n}' },
];

export const STATEMENT_ITEMS: readonly ItemWord[] = STATEMENTS.map((s): ItemWord => ({
  word: s.word,
  concept: s.concept,
  ...(s.body === 'none' ? {} : { opens: 'body' as const }),
  ...(s.snippet === undefined ? {} : { snippet: s.snippet }),
}));

/** The items of each block that holds keyword-led items (a costs block holds cost names). */
export const ITEMS: Readonly<Record<Exclude<BlockKind, 'costs'>, readonly ItemWord[]>> = {
  top: FILE_ITEMS,
  machine: MACHINE_ITEMS,
  process: PROCESS_ITEMS,
  body: STATEMENT_ITEMS,
};

/** The block that `{` opens after an item led by `head` in a `parent` block, or null when it opens none. */
export function blockOpenedBy(parent: BlockKind, head: string | null | undefined): BlockKind | null {
  if (parent === 'costs' || head == null) return null;
  return ITEMS[parent].find((i) => i.word === head)?.opens ?? null;
}

// ---------------------------------------------------------------------------
// Expectations (LANGUAGE.md §10–§11).

export interface MetricEntry extends Word {
  /** Compared with a duration (`makespan < 40ms`) rather than a plain number. */
  readonly duration: boolean;
}

export const METRICS = [
  { word: 'status', concept: 'metric:status', duration: false },
  { word: 'makespan', concept: 'metric:makespan', duration: true },
  { word: 'cpuUtilization', concept: 'metric:cpuUtilization', duration: false },
  { word: 'usefulWork', concept: 'metric:usefulWork', duration: true },
  { word: 'overhead', concept: 'metric:overhead', duration: true },
  { word: 'spinTime', concept: 'metric:spinTime', duration: true },
  { word: 'kernelSwitches', concept: 'metric:kernelSwitches', duration: false },
  { word: 'userSwitches', concept: 'metric:userSwitches', duration: false },
  { word: 'modeSwitches', concept: 'metric:modeSwitches', duration: false },
  { word: 'upcalls', concept: 'metric:upcalls', duration: false },
  { word: 'sigwaiting', concept: 'metric:sigwaiting', duration: false },
  { word: 'handoffs', concept: 'metric:handoffs', duration: false },
  { word: 'lwpsCreated', concept: 'metric:lwpsCreated', duration: false },
  { word: 'threadsCreated', concept: 'metric:threadsCreated', duration: false },
] as const satisfies readonly MetricEntry[];

/** The per-thread fields of `expect process.thread.FIELD` (all durations). */
export const THREAD_FIELDS = [
  { word: 'start', concept: 'field:start' },
  { word: 'finish', concept: 'field:finish' },
  { word: 'running', concept: 'field:running' },
  { word: 'ready', concept: 'field:ready' },
  { word: 'blocked', concept: 'field:blocked' },
] as const satisfies readonly Word[];

/** How a run ended: `expect status is WORD`. */
export const STATUSES = [
  { word: 'completed', concept: 'completed' },
  { word: 'deadlock', concept: 'deadlock' },
  { word: 'limit', concept: 'limit-status' },
] as const satisfies readonly Word[];

/**
 * `ask first p.a p.b` / `ask last …`: which of the threads finishes first or
 * last (LANGUAGE.md §11). Contextual words, like the metrics: not reserved.
 */
export const ASK_ORDERS = [
  { word: 'first', concept: 'ask' },
  { word: 'last', concept: 'ask' },
] as const satisfies readonly Word[];
export type AskOrder = (typeof ASK_ORDERS)[number]['word'];

/** `expect status is completed`. */
export const IS: Word = { word: 'is', concept: 'expect' };

/** Units of a duration, smallest first (`µ` written as Greek mu is read as the micro sign). */
export const UNITS = ['ns', 'us', 'µs', 'ms', 's'] as const;

/** The words of a list of entries, in order. */
export function wordsOf(entries: readonly Word[]): string[] {
  return entries.map((e) => e.word);
}

/** `mutex or spinlock`, `semaphore`: words in a sentence. */
export function orWords(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : words.slice(0, -1).join(', ') + ' or ' + words[words.length - 1];
}
