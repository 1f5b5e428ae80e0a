/**
 * One-to-one: every thread has its own LWP, created when it starts and
 * destroyed at its exit; the kernel schedules them all. Nothing is
 * multiplexed, so the library-side operations are never asked for.
 */
import type { Engine } from '../engine';
import type { Lwp, Thread } from '../entities';
import { startOnOwnLwp } from './direct';
import type { ThreadLibrary } from './library';

export class OneToOneLibrary implements ThreadLibrary {
  readonly poolSize = 0;
  constructor(private readonly sim: Engine) {}
  start(): void {}
  isDirect(): boolean {
    return true;
  }
  threadStarted(t: Thread): void {
    startOnOwnLwp(this.sim.kernel, t);
  }
  makeReady(): void {
    throw new Error('one-to-one: no thread is multiplexed');
  }
  assign(): boolean {
    return false;
  }
  preemptionPoint(): boolean {
    return false;
  }
  quantumExpired(): boolean {
    return false;
  }
  yieldThread(): boolean {
    return false;
  }
  park(): void {
    throw new Error('one-to-one: no thread is multiplexed');
  }
  lwpBlocked(): void {}
  lwpUnblocked(): void {}
  lwpReturned(l: Lwp): void {
    throw new Error(`one-to-one: LWP ${l.id} cannot be returning`);
  }
  lwpDestroyed(): void {}
  poolTimer(l: Lwp): void {
    throw new Error(`one-to-one: LWP ${l.id} has no pool`);
  }
  readonly poolLwps = 0;
}
