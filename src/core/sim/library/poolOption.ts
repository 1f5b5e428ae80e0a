/**
 * A pool option: how a many-to-many pool reacts when its LWPs block in the
 * kernel (`upcalls on`: scheduler activations; `sigwaiting on`: the pool
 * grows). Options are listed in POOL_OPTIONS (poolOptions.ts) and enabled
 * per process from its IR; a new one is a file implementing this interface
 * plus an entry there.
 *
 * Invariants: an option that takes an LWP out of the pool (lwpBlocked
 * returns true) sets its role to Role.TakenFromPool and Lwp.takenBy to
 * itself, and from then on handles that LWP's unblocking and return; LWPs an
 * option adds to the pool come from PooledLibrary.addPoolLwp.
 */
import type { Lwp, Thread } from '../entities';
import type { PooledLibrary } from './pool';

export interface PoolOption {
  /** Pool LWP l blocked in the kernel with thread t. True when the option took the LWP out of the pool. */
  lwpBlocked(pool: PooledLibrary, l: Lwp, t: Thread): boolean;
  /** An LWP this option took is unblocked (about to become runnable). */
  lwpUnblocked(pool: PooledLibrary, l: Lwp): void;
  /** An LWP this option took, now Role.Returning, is on a CPU. */
  lwpReturned(pool: PooledLibrary, l: Lwp): void;
  /** Threads may be waiting for an LWP (one became ready, or a pool LWP blocked). */
  threadsWaiting(pool: PooledLibrary): void;
}
