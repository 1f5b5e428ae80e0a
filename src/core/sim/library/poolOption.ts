/**
 * A pool option: how a many-to-many pool reacts when its LWPs block in the
 * kernel (`upcalls on`: scheduler activations; `sigwaiting on`: the pool
 * grows; `handoff after D`: Go-like run slots). Options are listed in
 * POOL_OPTIONS (poolOptions.ts) and enabled per process from its IR; a new
 * one is a file implementing this interface plus an entry there.
 *
 * Hand-off delays: an option that acts only after an LWP has been blocked
 * for D returns false from lwpBlocked (the pool counts the LWP blocked
 * meanwhile) and arms a timer with PooledLibrary.armDelay; delayEnded is
 * called if the LWP is still in that same block at blocked-start + D (a call
 * that returns first makes the timer stale: the pool bumps the LWP's
 * delayGeneration at every block).
 *
 * Invariants: an option that takes an LWP out of the pool (lwpBlocked
 * returns true, or later) does it with PooledLibrary.leave, which sets its
 * role to Role.TakenFromPool and Lwp.takenBy to the option, and from then on
 * handles that LWP's unblocking and return; LWPs an option adds to the pool
 * come from PooledLibrary.addPoolLwp, rejoin or adoptParked.
 */
import type { Lwp, Thread } from '../entities';
import type { PooledLibrary } from './pool';

export interface PoolOption {
  /** Pool LWP l blocked in the kernel with thread t. True when the option took the LWP out of the pool. */
  lwpBlocked(pool: PooledLibrary, l: Lwp, t: Thread): boolean;
  /** The delay this option armed for pool LWP l has passed and l is still in the same block. */
  delayEnded(pool: PooledLibrary, l: Lwp): void;
  /** Pool LWP l, blocked in the kernel and still in the pool, is about to become runnable. */
  lwpResumed(pool: PooledLibrary, l: Lwp): void;
  /** An LWP this option took is unblocked (about to become runnable). */
  lwpUnblocked(pool: PooledLibrary, l: Lwp): void;
  /** An LWP this option took, now Role.Returning, is on a CPU. */
  lwpReturned(pool: PooledLibrary, l: Lwp): void;
  /** Threads may be waiting for an LWP (one became ready, with `payer` the running LWP that caused it if any, or a pool LWP blocked). */
  threadsWaiting(pool: PooledLibrary, payer: Lwp | null): void;
  /** LWPs of the pool this option holds out of it now (for reports). */
  readonly heldLwps: number;
}
