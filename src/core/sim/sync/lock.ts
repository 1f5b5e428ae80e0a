/**
 * What mutexes and spinlocks share: an owner, where it took the lock, and
 * the runtime error of unlocking a lock one does not hold.
 */
import type { SyncIR } from '../../check/ir';
import { makeDiagnostic } from '../../diagnostics/codes';
import type { Span } from '../../syntax/ast';
import type { Cpu, Lwp, Thread } from '../entities';
import type { StuckThread } from '../result';
import type { SyncContext } from './context';
import type { SyncObject, SyncState } from './syncObject';

export abstract class Lock implements SyncObject {
  holder: Thread | null = null;
  /** Span of the holder's `lock` (for reports). */
  heldAt: Span | null = null;
  readonly kernel: boolean;

  constructor(
    readonly ir: SyncIR,
    protected readonly cx: SyncContext,
  ) {
    this.kernel = ir.process === -1;
  }

  abstract acquire(c: Cpu, l: Lwp, t: Thread): boolean;
  abstract release(l: Lwp, t: Thread): boolean;
  abstract describeWaiter(t: Thread, span: Span): StuckThread;
  abstract inspect(): SyncState;

  heldBy(t: Thread): Span | null {
    return this.holder === t ? this.heldAt : null;
  }

  /** t takes the lock at its current statement (its `lock`). */
  protected take(t: Thread): void {
    this.holder = t;
    this.heldAt = t.code.instructions[t.pc].span;
    t.held++;
    this.cx.lockHolder(this.ir.index, t);
  }

  /** The lock is free again. */
  protected free(): void {
    this.holder = null;
    this.heldAt = null;
    this.cx.lockHolder(this.ir.index, null);
  }

  /** `unlock` by a thread that does not hold the lock: reported (LWP4001), skipped. True when that was the case. */
  protected releaseNotHeld(t: Thread): boolean {
    if (this.holder === t) return false;
    const span = t.code.instructions[t.pc].span;
    t.phase = 0;
    t.pc++;
    const holder = this.holder;
    this.cx.report(`u${span.start}`, () => makeDiagnostic('unlockNotHeld', span, [t.name, this.ir.name, holder ? holder.name : null]));
    return true;
  }
}
