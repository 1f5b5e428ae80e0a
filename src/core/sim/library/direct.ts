/**
 * What every model does with a thread that has an LWP of its own (all
 * threads of one-to-one, bound threads of many-to-many): one formula, used by
 * both libraries.
 */
import { Role, ThreadStatus, type Thread } from '../entities';
import type { Kernel } from '../kernel/kernel';
import { State } from '../result';

/** The thread starts on a new LWP of its own, with its priority, which the kernel schedules. */
export function startOnOwnLwp(kernel: Kernel, t: Thread): void {
  const l = kernel.newLwp(t.process, Role.Direct, t.decl.priority, State.LwpRunnable);
  l.thread = t;
  l.lastThread = t;
  t.lwp = l;
  t.status = ThreadStatus.OnLwp;
  kernel.makeRunnable(l);
}
