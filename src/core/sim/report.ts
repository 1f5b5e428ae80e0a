/**
 * Plain-language accounts of how a run ended: who is stuck on what in a
 * deadlock, and what was going on when a run hit its limit (LANGUAGE.md §9).
 */
import { formatDuration } from '../units';
import type { Engine } from './engine';
import { LwpStatus, ThrStatus, Wait, type Thr } from './entities';
import type { DeadlockReport, LimitReport, StuckThread } from './result';
import type { Span } from '../syntax/ast';

function stmtSpan(t: Thr): Span {
  const i = t.code[t.pc];
  return i ? i.span : t.decl.nameSpan;
}

/** Where a holder is, for "held by X" reports: its current statement, or the lock it took if it has exited. */
function holderSpan(h: Thr, heldAt: Span | null): Span {
  return h.status === ThrStatus.Exited ? (heldAt ?? h.decl.nameSpan) : stmtSpan(h);
}

function holderName(h: Thr): string {
  return h.status === ThrStatus.Exited ? `${h.name}, which has exited without unlocking it` : h.name;
}

/** What stops a thread from running, for spin reports. */
function whyCannotRun(h: Thr): string {
  if (h.status === ThrStatus.Exited) return 'it has exited without unlocking it';
  if (h.status === ThrStatus.Ready) return 'it has no LWP to run on';
  if (h.status === ThrStatus.Parked) return h.wait === Wait.Sleep ? 'it is asleep in the library' : 'it is parked in the library';
  const l = h.lwp;
  if (l === null) return 'it has no LWP';
  if (l.status === LwpStatus.Runnable) return 'its LWP is waiting for a CPU';
  if (l.status === LwpStatus.Blocked) return 'its LWP is blocked in the kernel';
  return 'it is running';
}

export function stuckThread(e: Engine, t: Thr): StuckThread {
  const span = stmtSpan(t);
  const ins = t.code[t.pc];
  if (t.status === ThrStatus.Ready) {
    const p = t.proc;
    const n = p.poolSize;
    const all = n === 1 ? `the only LWP of ${p.ir.name} is blocked in the kernel` : `all ${n} LWPs of ${p.ir.name} are blocked in the kernel`;
    return { thread: t.name, waitsFor: `an LWP: ${all}`, kind: 'lwp', span, holder: null, holderSpan: null };
  }
  if (ins && (ins.op === 'lock' || ins.op === 'wait')) {
    const s = e.syncs[ins.sync];
    const where = s.kernel ? 'kernel ' : '';
    if (s.ir.kind === 'semaphore') return { thread: t.name, waitsFor: `${where}semaphore ${s.ir.name} (count 0)`, kind: 'semaphore', span, holder: null, holderSpan: null };
    const h = s.holder;
    if (s.ir.kind === 'spinlock') {
      return { thread: t.name, waitsFor: h ? `spinlock ${s.ir.name} held by ${h.name}, which cannot run: ${whyCannotRun(h)}` : `spinlock ${s.ir.name}`, kind: 'spinlock', span, holder: h ? h.name : null, holderSpan: h ? holderSpan(h, s.heldAt) : null };
    }
    return { thread: t.name, waitsFor: h ? `${where}mutex ${s.ir.name} held by ${holderName(h)}` : `${where}mutex ${s.ir.name}`, kind: 'mutex', span, holder: h ? h.name : null, holderSpan: h ? holderSpan(h, s.heldAt) : null };
  }
  if (ins && ins.op === 'join') {
    const awaited = e.unfinishedThreads().find((x) => x.proc === t.proc && x.decl.index === ins.thread && x.instance <= t.joinLimit) ?? null;
    const name = `${t.proc.ir.name}.${t.proc.ir.threads[ins.thread].name}`;
    return { thread: t.name, waitsFor: awaited ? `join ${name}: ${awaited.name} never exits` : `join ${name}`, kind: 'join', span, holder: awaited ? awaited.name : null, holderSpan: awaited ? stmtSpan(awaited) : null };
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

export function limitReport(e: Engine, maxEvents: number, maxIntervals: number, caps: { threads: number; lwps: number }): LimitReport {
  const spinning: StuckThread[] = [];
  const unfinished = e.unfinishedThreads();
  for (const t of unfinished) {
    const ins = t.code[t.pc];
    if (!ins || ins.op !== 'lock') continue;
    const s = e.syncs[ins.sync];
    if (s.ir.kind !== 'spinlock' || s.holder === null || s.holder === t || s.spinners.indexOf(t) < 0) continue;
    const h = s.holder;
    if (h.status === ThrStatus.OnLwp && h.lwp !== null && h.lwp.status === LwpStatus.Running) continue;
    spinning.push(stuckThread(e, t));
  }
  const at = formatDuration(e.endTime);
  let why: string;
  switch (e.stop) {
    case 'events':
      why = `Stopped at ${at} after ${maxEvents.toLocaleString('en-US')} events, the event cap of one run: shorten the scenario (fewer iterations, a smaller \`limit\`)`;
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
      why = `Stopped at ${at}: ${t ? t.name + ' keeps executing' : 'the threads keep executing'} statements without simulated time passing (a loop whose body takes no time): give the loop some work, e.g. \`compute 1us\``;
      break;
    }
    default:
      why = `Reached the simulated-time limit of ${at} before every thread finished`;
  }
  const live = unfinished.length;
  const spin = spinning.length ? ` ${spinning.map((s) => `${s.thread} spins on ${s.waitsFor}`).join('; ')}.` : '';
  return { time: e.endTime, summary: `${why}; ${live} thread${live === 1 ? '' : 's'} still unfinished.${spin}`, spinning };
}
