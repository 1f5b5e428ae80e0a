/**
 * `sigwaiting on` (Solaris 2): when every LWP of the pool is blocked in the
 * kernel while threads are ready, the kernel signals the process, which adds
 * an LWP to the pool (paying `kernel-create` on it), up to `max` if given.
 */
import type { Engine } from '../engine';
import { EventKind, State } from '../result';
import type { Lwp } from '../entities';
import type { PoolOption } from './poolOption';
import type { PooledLibrary } from './pool';

export class Sigwaiting implements PoolOption {
  constructor(private readonly sim: Engine) {}

  lwpBlocked(): boolean {
    return false;
  }

  lwpUnblocked(_pool: PooledLibrary, l: Lwp): void {
    throw new Error(`sigwaiting takes no LWP (LWP ${l.id})`);
  }

  lwpReturned(_pool: PooledLibrary, l: Lwp): void {
    throw new Error(`sigwaiting takes no LWP (LWP ${l.id})`);
  }

  threadsWaiting(pool: PooledLibrary): void {
    if (pool.ready.size === 0 || pool.blocked < pool.poolSize) return;
    const ir = pool.process.ir;
    if (ir.maxLwps !== null && pool.poolSize >= ir.maxLwps) return;
    this.sim.counters.sigwaiting++;
    const l = pool.addPoolLwp(State.OverheadKernelCreate);
    this.sim.trace.event(this.sim.loop.now, EventKind.Sigwaiting, l.lane, ir.index);
    this.sim.kernel.makeRunnable(l);
  }
}
