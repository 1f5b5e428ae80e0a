/**
 * What an explanation says, as data: the state of a thread at an instant and
 * the cause behind it, each with the facts of the trace it rests on (so a
 * test can check every one against the trace at that instant).
 */

/** A source range the words refer to (`line` 1-based), with the statement's text. */
export interface SourceRef {
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly text: string;
}

/** An LWP of a process at the instant: its trace state, the thread it carries (-1 none), since when, at which statement. */
export interface LwpAt {
  readonly lwp: number;
  readonly state: number;
  readonly thread: number;
  readonly since: number;
  readonly until: number;
  readonly src: number;
}

/** A CPU at the instant: its trace state, the LWP on it (-1 idle), the thread that LWP carries, that LWP's kernel priority. */
export interface CpuAt {
  readonly cpu: number;
  readonly state: number;
  readonly lwp: number;
  readonly thread: number;
  readonly priority: number;
}

export type Cause =
  /** On a CPU: the LWP and CPU (the CPU may be paying an overhead for it). */
  | { readonly kind: 'running'; readonly lwp: number; readonly cpu: number; readonly cpuState: number }
  | { readonly kind: 'not-started' }
  | { readonly kind: 'exited'; readonly at: number }
  /** Ready in a pool whose every LWP is blocked in the kernel. */
  | { readonly kind: 'no-lwp'; readonly process: number; readonly lwps: readonly LwpAt[] }
  /** Ready in a pool whose LWPs carry other threads (or one is being woken for it). */
  | { readonly kind: 'lwps-busy'; readonly process: number; readonly lwps: readonly LwpAt[] }
  /** Its LWP is runnable but not on a CPU: what the CPUs run. */
  | { readonly kind: 'cpus-taken'; readonly lwp: number; readonly priority: number; readonly cpus: readonly CpuAt[] }
  /** In the kernel for a timed call (io, a direct sleep), until `until`. */
  | { readonly kind: 'kernel-call'; readonly lwp: number; readonly until: number }
  /** Asleep on the library's timer (a multiplexed thread's sleep). */
  | { readonly kind: 'library-sleep'; readonly until: number }
  /** Waiting for (or spinning on) a lock; holder -1 when it was freed at this very instant. */
  | { readonly kind: 'lock'; readonly sync: number; readonly holder: number; readonly heldSince: number; readonly spinning: boolean; readonly inKernel: boolean }
  | { readonly kind: 'semaphore'; readonly sync: number; readonly inKernel: boolean }
  | { readonly kind: 'barrier'; readonly sync: number; readonly arrived: readonly number[]; readonly of: number; readonly inKernel: boolean }
  | { readonly kind: 'join'; readonly awaited: readonly number[]; readonly inKernel: boolean }
  | { readonly kind: 'unknown' };

export type CauseKind = Cause['kind'];

/** One link of the chain: a thread, its state at the instant and why. */
export interface Step {
  readonly thread: number;
  readonly name: string;
  /** The thread lane's State value at the instant. */
  readonly state: number;
  readonly since: number;
  readonly until: number;
  readonly cause: Cause;
  /** In words, with the lines it refers to written as `line N`. */
  readonly text: string;
  readonly refs: readonly SourceRef[];
}

export interface Explanation {
  readonly time: number;
  readonly thread: number;
  readonly name: string;
  /** The chain: the thread asked about first, then whom it waits for, to the root. */
  readonly steps: readonly Step[];
  /** The chain came back to a thread already in it: none of them can go on (a deadlock, or spinning for ever). */
  readonly cycle: boolean;
  /** Said before the chain (the instant was past the run's end), or ''. */
  readonly preface: string;
  /** Said after it (a cycle and what it means, a chain cut short), or ''. */
  readonly verdict: string;
  /** The whole chain in words: preface, steps, verdict. */
  readonly text: string;
}
