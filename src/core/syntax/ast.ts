/**
 * The abstract syntax tree of a `.lwp` file (LANGUAGE.md §3).
 *
 * A plain, immutable tree: one object shape per kind of node, built by the
 * parser and never changed after. Every node carries its source `span` as
 * UTF-16 offsets into the text the parser was given (the same offsets VS Code and LSP count in). Nodes that the
 * parser could not complete are still produced where that helps later phases
 * (e.g. a `lock` without a name has `name: null`), so that one mistake hides as
 * little of the file as possible.
 */

import type { BareStatementWord, KernelPolicyName, LibraryPolicyName, LoopStatementWord, ModelName, PolicyParamName, SyncKind, SyncStatementWord, ThreadStatementWord, TimedStatementWord } from '../language/registry';

export type { CostName, KernelPolicyName, ModelName, SyncKind } from '../language/registry';
/** The policies of a thread library. */
export type UserPolicyName = LibraryPolicyName;

/** Half-open range of UTF-16 code-unit offsets: `[start, end)`. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Name {
  readonly text: string;
  readonly span: Span;
}

/**
 * A duration literal such as `2.5ms`. `ns` is the value in whole nanoseconds,
 * or `null` when the literal is invalid (the parser has already reported why).
 */
export interface DurationLit {
  readonly kind: 'duration';
  readonly ns: number | null;
  readonly text: string;
  readonly span: Span;
}

/** A count (non-negative integer) or priority (signed integer) literal. */
export interface IntLit {
  readonly kind: 'int';
  /** `null` when invalid (already reported). */
  readonly value: number | null;
  readonly text: string;
  readonly span: Span;
}

/** A plain number in an expectation (`0.9`, `3`). */
export interface NumberLit {
  readonly kind: 'number';
  readonly value: number | null;
  readonly text: string;
  readonly span: Span;
}

export interface Keyword<T extends string = string> {
  readonly text: T;
  readonly span: Span;
}

// ---------------------------------------------------------------------------
// File level

export interface LwpFile {
  readonly kind: 'file';
  readonly span: Span;
  /** Top-level items in source order. */
  readonly items: readonly TopItem[];
}

export type TopItem = ScenarioDecl | MachineDecl | SyncDecl | ProcessDecl | ExpectDecl | AskDecl;

export interface ScenarioDecl {
  readonly kind: 'scenario';
  readonly span: Span;
  readonly keyword: Span;
  /** The decoded string, or null if missing/invalid. */
  readonly title: string | null;
  readonly titleSpan: Span | null;
}

export interface MachineDecl {
  readonly kind: 'machine';
  readonly span: Span;
  readonly keyword: Span;
  readonly items: readonly MachineItem[];
}

export type MachineItem = CpusItem | KernelSchedulerItem | CostsItem | LimitItem;

export interface CpusItem {
  readonly kind: 'cpus';
  readonly span: Span;
  readonly keyword: Span;
  readonly count: IntLit | null;
}

export interface KernelSchedulerItem {
  readonly kind: 'kernelScheduler';
  readonly span: Span;
  readonly keyword: Span;
  readonly policy: Keyword<KernelPolicyName> | null;
  readonly params: readonly PolicyParam[];
}

/** A duration after a scheduler's policy: `quantum 10ms`, `latency 6ms`, `granularity 750us`. */
export interface PolicyParam {
  readonly name: Keyword<PolicyParamName>;
  readonly value: DurationLit | null;
}

export interface CostEntry {
  readonly span: Span;
  /** The cost's name as written (may be unknown: the checker reports it). */
  readonly name: Name;
  readonly value: DurationLit | null;
}

export interface CostsItem {
  readonly kind: 'costs';
  readonly span: Span;
  readonly keyword: Span;
  /** `costs linux …`: the preset's name as written (may be unknown: the checker reports it), or null. */
  readonly preset: Name | null;
  /** The entries in braces (none for a preset written alone). */
  readonly entries: readonly CostEntry[];
}

export interface LimitItem {
  readonly kind: 'limit';
  readonly span: Span;
  readonly keyword: Span;
  readonly value: DurationLit | null;
}

// ---------------------------------------------------------------------------
// Processes

export interface ProcessDecl {
  readonly kind: 'process';
  readonly span: Span;
  readonly keyword: Span;
  readonly name: Name | null;
  /** Span of the `{ … }` body, for folding. */
  readonly body: Span | null;
  readonly items: readonly ProcessItem[];
}

export type ProcessItem = ModelItem | UpcallsItem | SigwaitingItem | HandoffItem | UserSchedulerItem | SyncDecl | ThreadDecl;

export interface ModelItem {
  readonly kind: 'model';
  readonly span: Span;
  readonly keyword: Span;
  /** Shorthands are normalised: `1:1` → one-to-one, `N:1` → many-to-one, `M:N` → many-to-many; `written` keeps the source text. */
  readonly model: (Keyword<ModelName> & { readonly written: string }) | null;
  readonly lwps: IntLit | null;
  readonly lwpsKeyword: Span | null;
  readonly max: IntLit | null;
  readonly maxKeyword: Span | null;
}

export interface UpcallsItem {
  readonly kind: 'upcalls';
  readonly span: Span;
  readonly keyword: Span;
  readonly value: Keyword<'on' | 'off'> | null;
  /** `on after D`: the \`after\` keyword and the delay (null when absent). */
  readonly afterKeyword: Span | null;
  readonly after: DurationLit | null;
}

export interface SigwaitingItem {
  readonly kind: 'sigwaiting';
  readonly span: Span;
  readonly keyword: Span;
  readonly value: Keyword<'on' | 'off'> | null;
  /** `on after D`: the \`after\` keyword and the delay (null when absent). */
  readonly afterKeyword: Span | null;
  readonly after: DurationLit | null;
}

/** `handoff after D` (LANGUAGE.md §5). */
export interface HandoffItem {
  readonly kind: 'handoff';
  readonly span: Span;
  readonly keyword: Span;
  readonly afterKeyword: Span | null;
  readonly after: DurationLit | null;
}

export interface UserSchedulerItem {
  readonly kind: 'userScheduler';
  readonly span: Span;
  readonly keyword: Span;
  readonly policy: Keyword<UserPolicyName> | null;
  readonly params: readonly PolicyParam[];
}

export interface SyncDecl {
  readonly kind: 'sync';
  readonly syncKind: SyncKind;
  readonly span: Span;
  readonly keyword: Span;
  readonly name: Name | null;
  /** Semaphores only: the initial count after `=` (default 0). */
  readonly initial: IntLit | null;
}

export type ThreadOption =
  | { readonly kind: 'bound'; readonly span: Span }
  | { readonly kind: 'priority'; readonly span: Span; readonly value: IntLit | null }
  | { readonly kind: 'start'; readonly span: Span; readonly value: DurationLit | null }
  | { readonly kind: 'spawned'; readonly span: Span };

export interface ThreadDecl {
  readonly kind: 'thread';
  readonly span: Span;
  readonly keyword: Span;
  readonly name: Name | null;
  /** `* N`; null means a single instance. */
  readonly count: IntLit | null;
  readonly options: readonly ThreadOption[];
  readonly body: Block | null;
}

// ---------------------------------------------------------------------------
// Statements

export interface Block {
  readonly kind: 'block';
  /** From `{` to `}` inclusive. */
  readonly span: Span;
  readonly stmts: readonly Stmt[];
}

/**
 * A statement: one shape per kind of operand (language/registry.ts says which
 * statement takes which), so that a new statement of an existing shape needs
 * no new node.
 */
export type Stmt = TimedStmt | BareStmt | SyncStmt | ThreadStmt | LoopStmt;

/** `compute 5ms`, `io 2ms`: a statement and its duration. */
export interface TimedStmt {
  readonly kind: TimedStatementWord;
  readonly span: Span;
  readonly keyword: Span;
  readonly duration: DurationLit | null;
}

/** `yield`: the keyword alone. */
export interface BareStmt {
  readonly kind: BareStatementWord;
  readonly span: Span;
  readonly keyword: Span;
}

/** `lock m`, `unlock m`, `wait s`, `post s`: a statement naming a sync object. */
export interface SyncStmt {
  readonly kind: SyncStatementWord;
  readonly span: Span;
  readonly keyword: Span;
  readonly target: Name | null;
  /** `lock m { … }`: lock, run the block, unlock (statements whose registry entry allows a body). */
  readonly body: Block | null;
}

/** `spawn worker * 2`, `join worker`: a statement naming a thread. */
export interface ThreadStmt {
  readonly kind: ThreadStatementWord;
  readonly span: Span;
  readonly keyword: Span;
  readonly target: Name | null;
  /** `spawn … * N`; null when absent. */
  readonly count: IntLit | null;
}

/** `repeat N { … }`, `forever { … }`. */
export interface LoopStmt {
  readonly kind: LoopStatementWord;
  readonly span: Span;
  readonly keyword: Span;
  /** `repeat`'s count; null for `forever` (or when missing, reported). */
  readonly count: IntLit | null;
  readonly body: Block | null;
}

export type TimedStmtKind = TimedStmt['kind'];
export type YieldStmt = BareStmt & { readonly kind: 'yield' };
export type LockStmt = SyncStmt & { readonly kind: 'lock' };
export type UnlockStmt = SyncStmt & { readonly kind: 'unlock' };
export type WaitStmt = SyncStmt & { readonly kind: 'wait' };
export type PostStmt = SyncStmt & { readonly kind: 'post' };
export type SpawnStmt = ThreadStmt & { readonly kind: 'spawn' };
export type JoinStmt = ThreadStmt & { readonly kind: 'join' };
export type RepeatStmt = LoopStmt & { readonly kind: 'repeat' };
export type ForeverStmt = LoopStmt & { readonly kind: 'forever' };

// ---------------------------------------------------------------------------
// Expectations (LANGUAGE.md §11)

export type CompareOp = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** `expect makespan < 40ms`, `expect status is deadlock`. */
export interface MetricSubject {
  readonly kind: 'metric';
  readonly span: Span;
  readonly name: Name;
}

/** `expect server.worker#2.finish <= 30ms`. */
export interface ThreadFieldSubject {
  readonly kind: 'threadField';
  readonly span: Span;
  readonly process: Name;
  readonly thread: Name;
  /** The `#n` instance index (1-based) or null for every instance. */
  readonly instance: IntLit | null;
  readonly field: Name | null;
}

export type ExpectSubject = MetricSubject | ThreadFieldSubject;

export type ExpectComparison =
  | { readonly kind: 'compare'; readonly span: Span; readonly op: Keyword<CompareOp>; readonly value: DurationLit | NumberLit | null }
  | { readonly kind: 'is'; readonly span: Span; readonly keyword: Span; readonly word: Name | null };

export interface ExpectDecl {
  readonly kind: 'expect';
  readonly span: Span;
  readonly keyword: Span;
  readonly subject: ExpectSubject | null;
  readonly comparison: ExpectComparison | null;
}

// ---------------------------------------------------------------------------
// Questions (LANGUAGE.md §11)

/** `p.t#2` in `ask first p.t#2 p.u`. */
export interface ThreadRef {
  readonly span: Span;
  readonly process: Name;
  readonly thread: Name;
  readonly instance: IntLit | null;
}

export type AskQuestion =
  /** `ask makespan`, `ask status`, `ask p.t#2.finish`: the value of a subject of `expect`. */
  | { readonly kind: 'subject'; readonly subject: ExpectSubject }
  /** `ask first p.a p.b`: which of the threads finishes first (or last). */
  | { readonly kind: 'order'; readonly span: Span; readonly which: Name; readonly threads: readonly ThreadRef[] };

/** `ask makespan "How long does the run take?"`. */
export interface AskDecl {
  readonly kind: 'ask';
  readonly span: Span;
  readonly keyword: Span;
  readonly question: AskQuestion | null;
  /** The question as the learner reads it, or null (a sentence is made from the subject). */
  readonly prompt: string | null;
  readonly promptSpan: Span | null;
}
