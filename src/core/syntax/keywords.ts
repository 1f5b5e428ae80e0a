/**
 * The keywords of LANGUAGE.md §3, grouped by the list they start an element
 * of. The parser uses the groups for recovery: a keyword that an enclosing
 * list can use ends the current list (e.g. `thread` after a thread body
 * missing its `}`).
 */

/** Items of the file. */
export const TOP_KEYWORDS = ['scenario', 'machine', 'mutex', 'spinlock', 'semaphore', 'process', 'expect'] as const;
/** Items that only the file has: a list nested anywhere stops at them. */
export const TOP_ONLY_KEYWORDS = ['scenario', 'machine', 'process', 'expect'] as const;
export const MACHINE_KEYWORDS = ['cpus', 'scheduler', 'costs', 'limit'] as const;
export const PROCESS_KEYWORDS = ['model', 'upcalls', 'sigwaiting', 'scheduler', 'mutex', 'spinlock', 'semaphore', 'thread'] as const;
export const STATEMENT_KEYWORDS = ['compute', 'syscall', 'io', 'sleep', 'yield', 'lock', 'unlock', 'wait', 'post', 'spawn', 'join', 'repeat', 'forever'] as const;
export const THREAD_OPTIONS = ['bound', 'priority', 'start', 'spawned'] as const;
export const MODEL_WORDS = ['one-to-one', 'many-to-one', 'many-to-many'] as const;
export const MODEL_SHORTHANDS: Readonly<Record<string, 'one-to-one' | 'many-to-one' | 'many-to-many'>> = { '1:1': 'one-to-one', 'N:1': 'many-to-one', 'M:N': 'many-to-many' };
export const POLICY_WORDS = ['round-robin', 'fifo', 'priority'] as const;
export const STATUS_WORDS = ['completed', 'deadlock', 'limit'] as const;
export const UNIT_WORDS = ['ns', 'us', 'µs', 'ms', 's'] as const;

/** Every reserved word: none of them can name a process, thread or sync object. */
export const RESERVED: ReadonlySet<string> = new Set<string>([
  ...TOP_KEYWORDS,
  ...MACHINE_KEYWORDS,
  ...PROCESS_KEYWORDS,
  ...STATEMENT_KEYWORDS,
  ...THREAD_OPTIONS,
  ...MODEL_WORDS,
  ...POLICY_WORDS,
  'quantum',
  'lwps',
  'max',
  'on',
  'off',
  'is',
]);

/** Words that start an element of some list: never taken as a name during recovery. */
export const LIST_STARTERS: ReadonlySet<string> = new Set<string>([...TOP_KEYWORDS, ...MACHINE_KEYWORDS, ...PROCESS_KEYWORDS, ...STATEMENT_KEYWORDS]);

export const TOP_SET: ReadonlySet<string> = new Set<string>(TOP_KEYWORDS);
export const TOP_ONLY_SET: ReadonlySet<string> = new Set<string>(TOP_ONLY_KEYWORDS);
export const MACHINE_SET: ReadonlySet<string> = new Set<string>(MACHINE_KEYWORDS);
export const PROCESS_SET: ReadonlySet<string> = new Set<string>(PROCESS_KEYWORDS);
export const STATEMENT_SET: ReadonlySet<string> = new Set<string>(STATEMENT_KEYWORDS);
