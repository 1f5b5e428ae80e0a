/**
 * The checked, resolved scenario: what the checker hands to the simulator.
 *
 * Names are resolved to indices, defaults are filled in, statements are
 * compiled into a flat instruction list per thread. The simulator never looks
 * at the AST. Every time is an integer number of nanoseconds.
 */
import { COSTS, METRICS, type AskOrder, STATUSES, THREAD_FIELDS as FIELD_ENTRIES, type SyncStatementWord, type TimedStatementWord } from '../language/registry';
import type { CompareOp, CostName, KernelPolicyName, ModelName, Span, SyncKind, UserPolicyName } from '../syntax/ast';

export type Costs = { readonly [K in CostName]: number };

/** LANGUAGE.md §8 defaults, in ns (language/registry.ts). */
export const DEFAULT_COSTS: Costs = Object.fromEntries(COSTS.map((c) => [c.word, c.defaultNs])) as Record<CostName, number>;

export interface KernelIR {
  readonly policy: KernelPolicyName;
  readonly quantum: number;
  readonly latency: number;
  readonly granularity: number;
}

export const DEFAULT_QUANTUM_NS = 10_000_000; // 10ms
/** `scheduler fair`'s defaults: Linux CFS's sched_latency_ns and sched_min_granularity_ns (one CPU, before scaling). */
export const DEFAULT_LATENCY_NS = 6_000_000; // 6ms
export const DEFAULT_GRANULARITY_NS = 750_000; // 750us
export const DEFAULT_LIMIT_NS = 60_000_000_000; // 60s

export interface Scenario {
  readonly title: string | null;
  readonly cpus: number;
  /** `quantum` for round-robin and priority; `latency` and `granularity` for fair (each its default elsewhere). */
  readonly kernel: KernelIR;
  readonly costs: Costs;
  /** Simulated-time bound in ns. */
  readonly limit: number;
  /** Every sync object: kernel (top-level) ones and each process's library ones. Instructions refer to them by index. */
  readonly syncs: readonly SyncIR[];
  readonly processes: readonly ProcessIR[];
  readonly expects: readonly ExpectIR[];
  /** `ask` questions, in file order (LANGUAGE.md §11). */
  readonly asks: readonly AskIR[];
}

export interface SyncIR {
  readonly index: number;
  readonly name: string;
  readonly kind: SyncKind;
  /** Semaphores: initial count; 0 otherwise. */
  readonly initial: number;
  /** Index of the owning process, or -1 for a kernel object declared at top level. */
  readonly process: number;
  readonly span: Span;
}

export interface ProcessIR {
  readonly index: number;
  readonly name: string;
  readonly span: Span;
  readonly nameSpan: Span;
  readonly model: ModelName;
  /**
   * many-to-many: the pool size N (not counting bound threads' LWPs).
   * many-to-one: 1. one-to-one: 0 (LWPs come and go with threads).
   */
  readonly lwps: number;
  /** many-to-many with sigwaiting or handoff: the bound on the pool's LWPs (`max`), or null for no limit. */
  readonly maxLwps: number | null;
  readonly upcalls: boolean;
  /** `upcalls on after D`: D in ns (0: at the block). */
  readonly upcallsAfter: number;
  readonly sigwaiting: boolean;
  /** `sigwaiting on after D`: D in ns (0: every blocked LWP counts at once). */
  readonly sigwaitingAfter: number;
  /** `handoff after D`: D in ns, or null without handoff (LANGUAGE.md §5). */
  readonly handoff: number | null;
  readonly scheduler: { readonly policy: UserPolicyName; readonly quantum: number };
  readonly threads: readonly ThreadIR[];
}

export interface ThreadIR {
  /** Index within its process. */
  readonly index: number;
  readonly name: string;
  readonly span: Span;
  readonly nameSpan: Span;
  /** Instances declared (`* N`); 1 when absent. For `spawned` threads, instances come from `spawn`. */
  readonly count: number;
  readonly bound: boolean;
  readonly priority: number;
  /** Start time in ns (ignored for spawned threads). */
  readonly start: number;
  readonly spawned: boolean;
  /** Compiled body. Execution starts at 0 and the thread exits past the end. */
  readonly code: readonly Instr[];
}

/**
 * One compiled statement. `span` is the statement's source range (for the
 * trace's source positions, deadlock reports and runtime errors).
 *
 * Loops compile to `loop` … `next`: `loop` holds the iteration count (null for
 * `forever`) and the index just past its `next`; `next` holds the index of its
 * `loop`. A `repeat 0` jumps past its `next` at once. `lock m { … }` compiles
 * to `lock`, the body, then an `unlock` with `implicit: true` whose span is
 * the block's closing brace.
 */
export type Instr =
  | { readonly op: TimedStatementWord; readonly ns: number; readonly span: Span }
  | { readonly op: 'yield'; readonly span: Span }
  /** Every statement that names a sync object but `unlock` (language/registry.ts). */
  | { readonly op: Exclude<SyncStatementWord, 'unlock'>; readonly sync: number; readonly span: Span }
  | { readonly op: 'unlock'; readonly sync: number; readonly implicit: boolean; readonly span: Span }
  /** `thread` is an index into the same process's `threads`. */
  | { readonly op: 'spawn'; readonly thread: number; readonly count: number; readonly span: Span }
  | { readonly op: 'join'; readonly thread: number; readonly span: Span }
  | { readonly op: 'loop'; readonly count: number | null; readonly end: number; readonly span: Span }
  | { readonly op: 'next'; readonly loop: number; readonly span: Span };

export type InstrOp = Instr['op'];

/** Metric names an expectation may test (LANGUAGE.md §10; language/registry.ts). */
export const METRIC_NAMES: readonly MetricName[] = METRICS.map((m) => m.word);
export type MetricName = (typeof METRICS)[number]['word'];

/** Which metrics are durations (compare with DURATION) vs plain numbers. */
export const DURATION_METRICS: ReadonlySet<string> = new Set(METRICS.filter((m) => m.duration).map((m) => m.word));

export const THREAD_FIELDS: readonly ThreadField[] = FIELD_ENTRIES.map((f) => f.word);
export type ThreadField = (typeof FIELD_ENTRIES)[number]['word'];

/** How a run may end, as `expect status is …` names it. */
export type StatusName = (typeof STATUSES)[number]['word'];

export type ExpectIR =
  | {
      readonly kind: 'metric';
      readonly metric: Exclude<MetricName, 'status'>;
      readonly op: CompareOp;
      /** ns for duration metrics, else the plain number. */
      readonly value: number;
      readonly isDuration: boolean;
      readonly span: Span;
      /** The expectation's source text, for messages (`expect makespan < 1ms`). */
      readonly text: string;
    }
  | {
      readonly kind: 'status';
      readonly status: StatusName;
      readonly span: Span;
      readonly text: string;
    }
  | {
      readonly kind: 'thread';
      readonly process: number;
      readonly thread: number;
      /** 1-based instance, or null for every instance. */
      readonly instance: number | null;
      readonly field: ThreadField;
      readonly op: CompareOp;
      readonly value: number;
      readonly span: Span;
      readonly text: string;
    };

/** A thread instance a question names: process and declaration indices, 1-based instance. */
export interface ThreadRefIR {
  readonly process: number;
  readonly thread: number;
  readonly instance: number;
}

/**
 * A question (`ask`), answered by the run. `text` is its source text,
 * `prompt` the sentence the author wrote for it, or null.
 */
export type AskIR =
  | { readonly kind: 'metric'; readonly metric: MetricName; readonly span: Span; readonly text: string; readonly prompt: string | null }
  | { readonly kind: 'thread'; readonly ref: ThreadRefIR; readonly field: ThreadField; readonly span: Span; readonly text: string; readonly prompt: string | null }
  | { readonly kind: 'order'; readonly which: AskOrder; readonly threads: readonly ThreadRefIR[]; readonly span: Span; readonly text: string; readonly prompt: string | null };
