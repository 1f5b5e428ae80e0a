/**
 * The pool options by the IR fields that enable them, in the order they are
 * asked (an option that takes a blocked LWP ends the round: with both on,
 * upcalls replace the LWP and SIGWAITING never sees it blocked; `handoff`
 * excludes the other two, the checker says so). A pool has at most four
 * options: PoolTimer events carry the option's index in two bits.
 */
import type { ProcessIR } from '../../check/ir';
import type { Engine } from '../engine';
import { Handoff } from './handoff';
import type { PoolOption } from './poolOption';
import { Sigwaiting } from './sigwaiting';
import { Upcalls } from './upcalls';

export const POOL_OPTIONS: readonly { readonly enabled: (ir: ProcessIR) => boolean; readonly make: (sim: Engine, ir: ProcessIR) => PoolOption }[] = [
  { enabled: (ir) => ir.upcalls, make: (sim, ir) => new Upcalls(sim, ir.upcallsAfter) },
  { enabled: (ir) => ir.sigwaiting, make: (sim, ir) => new Sigwaiting(sim, ir.sigwaitingAfter) },
  { enabled: (ir) => ir.handoff !== null, make: (sim, ir) => new Handoff(sim, ir.handoff!, ir.lwps, ir.maxLwps) },
];

export function poolOptionsOf(sim: Engine, ir: ProcessIR): PoolOption[] {
  return POOL_OPTIONS.filter((o) => o.enabled(ir)).map((o) => o.make(sim, ir));
}
