/**
 * Many-to-many: threads multiplexed on a pool of `lwps N` LWPs, with the
 * pool options (upcalls, SIGWAITING); a `bound` thread has an LWP of its own
 * outside the pool, as in one-to-one.
 */
import type { ThreadIR } from '../../check/ir';
import type { Engine } from '../engine';
import type { Process } from '../entities';
import { PooledLibrary } from './pool';

export class ManyToManyLibrary extends PooledLibrary {
  constructor(sim: Engine, process: Process) {
    super(sim, process, Math.max(0, process.ir.lwps));
  }

  isDirect(decl: ThreadIR): boolean {
    return decl.bound;
  }
}
