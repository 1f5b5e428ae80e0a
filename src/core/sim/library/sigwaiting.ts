/**
 * `sigwaiting on [after D]` (Solaris 2): when every LWP of the pool is
 * blocked in the kernel while threads are ready, the kernel signals the
 * process, which adds an LWP to the pool (paying `kernel-create` on it), up
 * to `max` if given. With a delay, an LWP counts as blocked for the signal
 * only once it has stayed blocked for D (`longBlocked`); one that returns
 * first never counted.
 */
import type { Engine } from '../engine';
import { EventKind, State } from '../result';
import { Role, type Lwp } from '../entities';
import type { PoolOption } from './poolOption';
import type { PooledLibrary } from './pool';

export class Sigwaiting implements PoolOption {
  readonly heldLwps = 0;
  /** With a delay: pool LWPs blocked for at least the delay (entries that left the pool are dropped when counted). */
  private readonly longBlocked = new Set<Lwp>();

  constructor(
    private readonly sim: Engine,
    /** ns an LWP must stay blocked before it counts (0: at once). */
    private readonly delay: number,
  ) {}

  lwpBlocked(pool: PooledLibrary, l: Lwp): boolean {
    if (this.delay > 0) pool.armDelay(this, l, this.delay);
    return false;
  }

  delayEnded(pool: PooledLibrary, l: Lwp): void {
    if (l.role !== Role.Pool) return;
    this.longBlocked.add(l);
    this.threadsWaiting(pool);
  }

  lwpResumed(_pool: PooledLibrary, l: Lwp): void {
    if (this.delay > 0) this.longBlocked.delete(l);
  }

  lwpUnblocked(_pool: PooledLibrary, l: Lwp): void {
    throw new Error(`sigwaiting takes no LWP (LWP ${l.id})`);
  }

  lwpReturned(_pool: PooledLibrary, l: Lwp): void {
    throw new Error(`sigwaiting takes no LWP (LWP ${l.id})`);
  }

  threadsWaiting(pool: PooledLibrary): void {
    if (pool.ready.size === 0 || this.blockedLwps(pool) < pool.poolSize) return;
    const ir = pool.process.ir;
    if (ir.maxLwps !== null && pool.poolSize >= ir.maxLwps) return;
    this.sim.counters.sigwaiting++;
    const l = pool.addPoolLwp(State.OverheadKernelCreate);
    this.sim.trace.event(this.sim.loop.now, EventKind.Sigwaiting, l.lane, ir.index);
    this.sim.kernel.makeRunnable(l);
  }

  /** The pool's LWPs that count as blocked for the signal. */
  private blockedLwps(pool: PooledLibrary): number {
    if (this.delay === 0) return pool.blocked;
    // An option taking an LWP (upcalls) does not tell this one: drop it here.
    for (const l of this.longBlocked) if (l.role !== Role.Pool) this.longBlocked.delete(l);
    return this.longBlocked.size;
  }
}
