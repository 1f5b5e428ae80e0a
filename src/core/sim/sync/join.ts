/**
 * `join T`: waits for the instances of declaration T started so far (an
 * instance number at most the highest started when `join` ran) that have
 * not exited; returns at once when none is live. One JoinTarget per
 * declaration; an instance's exit releases it.
 *
 * Invariants: `process.liveInstances[decl]` counts the instances started and
 * not exited; each joiner's joinLeft counts the instances it still waits
 * for, and it is woken (by the exit that brings it to 0) exactly once.
 */
import type { Span } from '../../syntax/ast';
import { removeAt, Wait, type Cpu, type Lwp, type Process, type Thread } from '../entities';
import type { StuckThread } from '../result';
import { EntryPhase, passed, waitAtEntry, type SyncContext } from './context';

export class JoinTarget {
  private readonly joiners: Thread[] = [];

  constructor(
    private readonly process: Process,
    /** The declaration's index in its process. */
    readonly decl: number,
    private readonly cx: SyncContext,
  ) {}

  /** `join`: true when t goes on now. */
  acquire(c: Cpu, l: Lwp, t: Thread): boolean {
    if (t.phase === EntryPhase.Waiting) return waitAtEntry(this.cx, c, l, t, Wait.Join, -2 - this.decl, false);
    const live = this.process.liveInstances[this.decl];
    if (live === 0) return passed(t);
    // A joiner from this instant (an exit during its kernel entry releases it); the entry is paid after.
    t.joinLimit = this.process.startedInstances[this.decl];
    t.joinLeft = live;
    this.joiners.push(t);
    return waitAtEntry(this.cx, c, l, t, Wait.Join, -2 - this.decl, false);
  }

  /** Instance `exited` of this declaration exits on LWP l (which pays the joiners' wake-ups). */
  release(l: Lwp, exited: Thread): void {
    this.process.liveInstances[this.decl]--;
    const js = this.joiners;
    for (let i = 0; i < js.length; i++) {
      const j = js[i];
      if (exited.instance <= j.joinLimit && --j.joinLeft === 0) {
        removeAt(js, i--);
        j.pc++;
        j.phase = 0;
        this.cx.wake(j, l, true);
      }
    }
  }

  /** What joiner t waits for; `unfinished`: the threads still there. */
  describeWaiter(t: Thread, span: Span, unfinished: readonly Thread[]): StuckThread {
    const p = this.process;
    const awaited = unfinished.find((x) => x.process === p && x.decl.index === this.decl && x.instance <= t.joinLimit) ?? null;
    const name = `${p.ir.name}.${p.ir.threads[this.decl].name}`;
    return { thread: t.name, waitsFor: awaited ? `join ${name}: ${awaited.name} never exits` : `join ${name}`, kind: 'join', span, holder: awaited ? awaited.name : null, holderSpan: awaited ? stmtSpan(awaited) : null };
  }
}

/** A thread's current statement, or its declaration's name past the end. */
export function stmtSpan(t: Thread): Span {
  const i = t.code.instructions[t.pc];
  return i ? i.span : t.decl.nameSpan;
}
