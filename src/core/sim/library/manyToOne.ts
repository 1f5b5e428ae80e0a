/**
 * Many-to-one: every thread of the process is multiplexed on a pool of
 * exactly one LWP (`bound` does not apply).
 */
import type { Engine } from '../engine';
import type { Process } from '../entities';
import { PooledLibrary } from './pool';

export class ManyToOneLibrary extends PooledLibrary {
  constructor(sim: Engine, process: Process) {
    super(sim, process, 1);
  }

  isDirect(): boolean {
    return false;
  }
}
