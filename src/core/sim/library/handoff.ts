/**
 * `handoff after D` (LANGUAGE.md §5), modelled on Go's runtime: the pool's
 * `lwps N` are N run slots (Go's Ps, GOMAXPROCS). The pool proper — poolSize,
 * its parked and awake LWPs — is the slot holders, so the pool's own rules
 * keep at most N LWPs on user threads. An LWP blocked in the kernel keeps its
 * slot for D; still blocked then (Go's sysmon retaking the P of an M in a
 * system call), it leaves the pool and its slot goes to an idle LWP, or, for
 * a thread that no awake LWP will pick up, to a new LWP (`kernel-create`),
 * up to `max` LWPs in all. When its call returns, the LWP takes a free slot
 * (one held by a parked LWP counts: that LWP goes idle) and carries on with
 * its thread; with none, once on a CPU it puts the thread on the ready queue
 * and parks idle (Go's exitsyscall0: the G to the global run queue, stopm).
 *
 * Invariants: every LWP of the pool is a slot holder (in the pool), detached
 * (handed its slot off; blocked, or returning) or idle (parked, no slot);
 * idle LWPs exist only while every slot is held (poolSize === slots), so a
 * freed slot always goes to an idle LWP first.
 */
import type { Engine } from '../engine';
import { EventKind, State } from '../result';
import { Role, type Lwp, type Thread } from '../entities';
import type { PoolOption } from './poolOption';
import type { PooledLibrary } from './pool';

export class Handoff implements PoolOption {
  /** LWPs that handed their slot off and have not got one back (blocked, or returning). */
  private detached = 0;
  /** Idle LWPs (parked without a slot), longest idle first. */
  private readonly idle: Lwp[] = [];

  constructor(
    private readonly sim: Engine,
    /** ns a blocked LWP keeps its slot. */
    private readonly delay: number,
    /** Run slots: the pool's `lwps N`. */
    private readonly slots: number,
    /** Bound on every LWP of the pool (`max`), or null. */
    private readonly max: number | null,
  ) {}

  get heldLwps(): number {
    return this.detached + this.idle.length;
  }

  lwpBlocked(pool: PooledLibrary, l: Lwp, t: Thread): boolean {
    if (this.delay > 0) {
      pool.armDelay(this, l, this.delay);
      return false;
    }
    this.handOff(pool, l, t);
    return true;
  }

  delayEnded(pool: PooledLibrary, l: Lwp): void {
    if (l.role !== Role.Pool) return;
    pool.blocked--;
    this.handOff(pool, l, l.thread!);
  }

  private handOff(pool: PooledLibrary, l: Lwp, t: Thread): void {
    pool.leave(l, this);
    this.detached++;
    this.sim.counters.handoffs++;
    this.sim.trace.event(this.sim.loop.now, EventKind.Handoff, l.lane, t.id);
    while (pool.poolSize < this.slots && this.idle.length > 0) pool.adoptParked(this.idle.shift()!);
    // The monitor's timer wakes them: nobody pays.
    while (pool.wakeParked(null));
    this.threadsWaiting(pool);
  }

  lwpResumed(): void {}

  lwpUnblocked(pool: PooledLibrary, l: Lwp): void {
    if (!this.takeSlot(pool, l)) l.role = Role.Returning;
  }

  lwpReturned(pool: PooledLibrary, l: Lwp): void {
    // A slot may have come free while the LWP waited for a CPU.
    if (this.takeSlot(pool, l)) return;
    const t = l.thread!;
    l.thread = null;
    l.role = Role.TakenFromPool;
    this.detached--;
    this.idle.push(l);
    this.sim.kernel.park(l.cpu!, l);
    pool.makeReady(t, null);
  }

  /** A detached LWP gets a slot back, if one is free: it rejoins the pool with its thread (true). */
  private takeSlot(pool: PooledLibrary, l: Lwp): boolean {
    if (pool.poolSize >= this.slots) {
      const parked = pool.takeParked(this);
      if (parked === null) return false;
      this.idle.push(parked);
    }
    this.detached--;
    pool.rejoin(l);
    return true;
  }

  /** A slot no LWP holds and a thread no awake LWP will pick up: a new LWP for it, within `max`. */
  threadsWaiting(pool: PooledLibrary): void {
    while (pool.poolSize < this.slots && pool.ready.size > pool.seekers && (this.max === null || pool.poolSize + this.heldLwps < this.max)) {
      const l = pool.addPoolLwp(State.OverheadKernelCreate);
      this.sim.kernel.makeRunnable(l);
    }
  }
}
