/**
 * `upcalls on [after D]` (scheduler activations, Anderson et al. 1991): when
 * a pool LWP blocks in the kernel — or, with a delay, once it has stayed
 * blocked for D — the kernel hands the process a fresh LWP (an upcall, paid
 * by the fresh LWP first thing); when the call completes, a second upcall on
 * the old LWP tells the library, which puts the thread back on its ready
 * queue, and the old LWP is discarded. A call that returns within the delay
 * is an ordinary unblock: no upcall.
 */
import type { Engine } from '../engine';
import { EventKind, State } from '../result';
import { Role, type Lwp, type Thread } from '../entities';
import type { PoolOption } from './poolOption';
import type { PooledLibrary } from './pool';

export class Upcalls implements PoolOption {
  readonly heldLwps = 0;

  constructor(
    private readonly sim: Engine,
    /** ns an LWP must stay blocked before the upcall (0: at the block). */
    private readonly delay: number,
  ) {}

  lwpBlocked(pool: PooledLibrary, l: Lwp, t: Thread): boolean {
    if (this.delay > 0) {
      pool.armDelay(this, l, this.delay);
      return false;
    }
    this.replace(pool, l, t);
    return true;
  }

  delayEnded(pool: PooledLibrary, l: Lwp): void {
    if (l.role !== Role.Pool) return;
    pool.blocked--;
    this.replace(pool, l, l.thread!);
  }

  /** The blocked LWP leaves the pool and a fresh one, paying the upcall, takes its place. */
  private replace(pool: PooledLibrary, l: Lwp, t: Thread): void {
    pool.leave(l, this);
    this.sim.counters.upcalls++;
    const fresh = pool.addPoolLwp(State.OverheadUpcall);
    this.sim.trace.event(this.sim.loop.now, EventKind.Upcall, fresh.lane, t.id);
    this.sim.kernel.makeRunnable(fresh);
  }

  lwpResumed(): void {}

  lwpUnblocked(_pool: PooledLibrary, l: Lwp): void {
    l.role = Role.Returning;
    this.sim.counters.upcalls++;
    if (this.sim.cost[State.OverheadUpcall] > 0) l.owe(State.OverheadUpcall);
    this.sim.trace.event(this.sim.loop.now, EventKind.Upcall, l.lane, l.thread ? l.thread.id : -1);
  }

  lwpReturned(pool: PooledLibrary, l: Lwp): void {
    const t = l.thread!;
    l.thread = null;
    l.role = Role.Dying;
    pool.makeReady(t, l);
  }

  threadsWaiting(): void {}
}
