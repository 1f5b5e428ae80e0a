/**
 * `upcalls on` (scheduler activations, Anderson et al. 1991): when a pool
 * LWP blocks in the kernel, the kernel hands the process a fresh LWP at once
 * (an upcall, paid by the fresh LWP first thing); when the call completes, a
 * second upcall on the old LWP tells the library, which puts the thread back
 * on its ready queue, and the old LWP is discarded.
 */
import type { Engine } from '../engine';
import { EventKind, State } from '../result';
import { Role, removeAt, type Lwp, type Thread } from '../entities';
import type { PoolOption } from './poolOption';
import type { PooledLibrary } from './pool';

export class Upcalls implements PoolOption {
  constructor(private readonly sim: Engine) {}

  lwpBlocked(pool: PooledLibrary, l: Lwp, t: Thread): boolean {
    l.role = Role.TakenFromPool;
    l.takenBy = this;
    const i = pool.lwps.indexOf(l);
    if (i >= 0) removeAt(pool.lwps, i);
    pool.poolSize--;
    this.sim.counters.upcalls++;
    const fresh = pool.addPoolLwp(State.OverheadUpcall);
    this.sim.trace.event(this.sim.loop.now, EventKind.Upcall, fresh.lane, t.id);
    this.sim.kernel.makeRunnable(fresh);
    return true;
  }

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
