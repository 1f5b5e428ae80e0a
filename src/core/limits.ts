/**
 * Every cap the front end enforces, in one place (listed for users in
 * docs/limits.md). A scenario over a cap gets a positioned error that names
 * the cap — never an out-of-memory crash or a hang. The caps are generous on
 * purpose: no teaching scenario comes near them; they exist so that a typo
 * such as `* 100000000` or a generated file cannot take the editor down.
 */

/** Largest source accepted, in UTF-16 code units (the CLI applies the same number to bytes). 16 MiB. */
export const MAX_FILE_SIZE = 16 * 1024 * 1024;

/** Tokens scanned from one file (comments included). Beyond it the rest of the file is ignored with an error. */
export const MAX_TOKENS = 4_000_000;

/** Nesting depth of `{ … }` blocks inside a thread body (`repeat`, `forever`, `lock m { }`). Deeper blocks are skipped with one error, without recursion. */
export const MAX_NESTING_DEPTH = 256;

/** Processes in one file. */
export const MAX_PROCESSES = 1_000;

/** CPUs of the machine (`cpus N`). */
export const MAX_CPUS = 1_024;

/** LWPs in a many-to-many pool (`lwps N`, and `max N`). */
export const MAX_LWPS_PER_POOL = 10_000;

/** Thread instances declared in the whole file: the sum of every `thread NAME * N` (spawned threads not included — the simulator caps those at run time). */
export const MAX_THREAD_INSTANCES = 100_000;

/** Instances one `spawn T * k` may create. */
export const MAX_SPAWN_COUNT = 100_000;

/** Iterations of one `repeat N`. */
export const MAX_REPEAT_COUNT = 1_000_000_000;

/** Synchronization objects (kernel and library) in one file. */
export const MAX_SYNC_OBJECTS = 100_000;

/** Initial count of a semaphore (`semaphore s = N`). */
export const MAX_SEMAPHORE_INITIAL = 1_000_000_000;

/** Largest magnitude of a thread priority (`priority N`, `priority -N`). */
export const MAX_PRIORITY = 1_000_000;

/** Compiled instructions over all thread bodies of a file. */
export const MAX_INSTRUCTIONS = 1_000_000;

/** Points of one sweep (`lwp sweep`, the sweep view): the product of every varied parameter's values. */
export const MAX_SWEEP_POINTS = 10_000;

/** Human-readable description of each cap, for messages and docs/limits.md. */
export const LIMITS: readonly { readonly name: string; readonly value: number; readonly what: string }[] = [
  { name: 'MAX_FILE_SIZE', value: MAX_FILE_SIZE, what: 'characters (bytes, for the CLI) in one file' },
  { name: 'MAX_TOKENS', value: MAX_TOKENS, what: 'tokens in one file, comments included' },
  { name: 'MAX_NESTING_DEPTH', value: MAX_NESTING_DEPTH, what: 'nested blocks in a thread body' },
  { name: 'MAX_PROCESSES', value: MAX_PROCESSES, what: 'processes in one file' },
  { name: 'MAX_CPUS', value: MAX_CPUS, what: 'CPUs (`cpus N`)' },
  { name: 'MAX_LWPS_PER_POOL', value: MAX_LWPS_PER_POOL, what: 'LWPs in a many-to-many pool (`lwps N`, `max N`)' },
  { name: 'MAX_THREAD_INSTANCES', value: MAX_THREAD_INSTANCES, what: 'thread instances declared in one file (sum of `thread T * N`)' },
  { name: 'MAX_SPAWN_COUNT', value: MAX_SPAWN_COUNT, what: 'instances created by one `spawn T * k`' },
  { name: 'MAX_REPEAT_COUNT', value: MAX_REPEAT_COUNT, what: 'iterations of one `repeat N`' },
  { name: 'MAX_SYNC_OBJECTS', value: MAX_SYNC_OBJECTS, what: 'mutexes, spinlocks and semaphores in one file' },
  { name: 'MAX_SEMAPHORE_INITIAL', value: MAX_SEMAPHORE_INITIAL, what: 'initial count of a semaphore' },
  { name: 'MAX_PRIORITY', value: MAX_PRIORITY, what: 'magnitude of a thread priority' },
  { name: 'MAX_INSTRUCTIONS', value: MAX_INSTRUCTIONS, what: 'compiled statements over all thread bodies' },
  { name: 'MAX_SWEEP_POINTS', value: MAX_SWEEP_POINTS, what: 'points of one sweep (the product of the values of every varied parameter)' },
];
