/**
 * The pool options by the IR flag that enables them, in the order they are
 * asked (an option that takes a blocked LWP ends the round: with both on,
 * upcalls replace the LWP and SIGWAITING never sees it blocked).
 */
import type { ProcessIR } from '../../check/ir';
import type { Engine } from '../engine';
import type { PoolOption } from './poolOption';
import { Sigwaiting } from './sigwaiting';
import { Upcalls } from './upcalls';

export const POOL_OPTIONS: readonly { readonly enabled: (ir: ProcessIR) => boolean; readonly make: (sim: Engine) => PoolOption }[] = [
  { enabled: (ir) => ir.upcalls, make: (sim) => new Upcalls(sim) },
  { enabled: (ir) => ir.sigwaiting, make: (sim) => new Sigwaiting(sim) },
];

export function poolOptionsOf(sim: Engine, ir: ProcessIR): PoolOption[] {
  return POOL_OPTIONS.filter((o) => o.enabled(ir)).map((o) => o.make(sim));
}
