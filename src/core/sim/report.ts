/**
 * Plain-language accounts of how a run ended: who is stuck on what in a
 * deadlock, and what was going on when a run hit its limit (LANGUAGE.md §9).
 * What a thread waits for on a sync object is the object's to say
 * (SyncObject.describeWaiter); this file says the rest.
 */
import { formatDuration } from '../units';
import { Op } from './code';
import type { Engine } from './engine';
import { LwpStatus, ThreadStatus, Wait, type Thread } from './entities';
import type { DeadlockReport, LimitReport, StuckThread } from './result';
import type { Span } from '../syntax/ast';
import { Spinlock } from './sync/spinlock';
import { stmtSpan } from './sync/join';

/** Where a holder is, for "held by X" reports: its current statement, or the lock it took if it has exited. */
export function holderSpan(h: Thread, heldAt: Span | null): Span {
  return h.status === ThreadStatus.Exited ? (heldAt ?? h.decl.nameSpan) : stmtSpan(h);
}

export function holderName(h: Thread): string {
  return h.status === ThreadStatus.Exited ? `${h.name}, which has exited without unlocking it` : h.name;
}

/** What stops a thread from running, for spin reports. */
export function whyCannotRun(h: Thread): string {
  if (h.status === ThreadStatus.Exited) return 'it has exited without unlocking it';
  if (h.status === ThreadStatus.Ready) return 'it has no LWP to run on';
  if (h.status === ThreadStatus.Parked) return h.wait === Wait.Sleep ? 'it is asleep in the library' : 'it is parked in the library';
  const l = h.lwp;
  if (l === null) return 'it has no LWP';
  if (l.status === LwpStatus.Runnable) return 'its LWP is waiting for a CPU';
  if (l.status === LwpStatus.Blocked) return 'its LWP is blocked in the kernel';
  return 'it is running';
}

export function stuckThread(e: Engine, t: Thread): StuckThread {
  const span = stmtSpan(t);
  if (t.status === ThreadStatus.Ready) {
    const p = t.process;
    const n = p.library.poolLwps;
    const all = n === 1 ? `the only LWP of ${p.ir.name} is blocked in the kernel` : `all ${n} LWPs of ${p.ir.name} are blocked in the kernel`;
    return { thread: t.name, waitsFor: `an LWP: ${all}`, kind: 'lwp', span, holder: null, holderSpan: null };
  }
  const code = t.code;
  if (t.pc < code.ops.length) {
    const op = code.ops[t.pc];
    if (op === Op.acquire) return e.syncs[code.operand[t.pc]].describeWaiter(t, span);
    if (op === Op.join) return t.process.joins[code.operand[t.pc]].describeWaiter(t, span, e.unfinishedThreads());
  }
  return { thread: t.name, waitsFor: 'something that never happens', kind: 'other', span, holder: null, holderSpan: null };
}

export function deadlockReport(e: Engine): DeadlockReport {
  const stuck = e.unfinishedThreads().map((t) => stuckThread(e, t));
  const head = stuck
    .slice(0, 4)
    .map((s) => `${s.thread} waits for ${s.waitsFor}`)
    .join('; ');
  const more = stuck.length > 4 ? `; and ${stuck.length - 4} more` : '';
  return { time: e.endTime, stuck, summary: `Deadlock at ${formatDuration(e.endTime)}: ${stuck.length} thread${stuck.length === 1 ? '' : 's'} can never run again. ${head}${more}.` };
}

export function limitReport(e: Engine, { maxEvents, maxSteps, maxIntervals }: { maxEvents: number; maxSteps: number; maxIntervals: number }, caps: { threads: number; lwps: number }): LimitReport {
  const spinning: StuckThread[] = [];
  const unfinished = e.unfinishedThreads();
  for (const t of unfinished) {
    const code = t.code;
    if (t.pc >= code.ops.length || code.ops[t.pc] !== Op.acquire) continue;
    const s = e.syncs[code.operand[t.pc]];
    if (s instanceof Spinlock && s.spinsInVain(t)) spinning.push(stuckThread(e, t));
  }
  const at = formatDuration(e.endTime);
  let why: string;
  switch (e.stop) {
    case 'events':
      why = `Stopped at ${at} after ${maxEvents.toLocaleString('en-US')} events, the event cap of one run: shorten the scenario (fewer iterations, a smaller 'limit')`;
      break;
    case 'steps':
      why = `Stopped at ${at} after ${maxSteps.toLocaleString('en-US')} steps (statements executed and scheduling decisions), the step cap of one run: shorten the scenario (fewer iterations, a smaller 'limit')`;
      break;
    case 'cancelled':
      why = `Cancelled at ${at} (simulated) after ${e.events.toLocaleString('en-US')} events`;
      break;
    case 'trace':
      why = `Stopped at ${at}: the trace reached ${maxIntervals.toLocaleString('en-US')} intervals, the cap of one run: shorten the scenario`;
      break;
    case 'threads':
      why = `Stopped at ${at}: ${caps.threads.toLocaleString('en-US')} thread instances exist, the cap of one run: spawn fewer threads`;
      break;
    case 'lwps':
      why = `Stopped at ${at}: ${caps.lwps.toLocaleString('en-US')} LWPs were created, the cap of one run`;
      break;
    case 'zero-time': {
      const t = e.zeroTimeThread;
      why = `Stopped at ${at}: ${t ? t.name + ' keeps executing' : 'the threads keep executing'} statements without simulated time passing (a loop whose body takes no time): give the loop some work, e.g. 'compute 1us'`;
      break;
    }
    default:
      why = `Reached the simulated-time limit of ${at} before every thread finished`;
  }
  const live = unfinished.length;
  const spin = spinning.length ? ` ${spinning.map((s) => `${s.thread} spins on ${s.waitsFor}`).join('; ')}.` : '';
  return { time: e.endTime, summary: `${why}; ${live} thread${live === 1 ? '' : 's'} still unfinished.${spin}`, spinning };
}
