/**
 * "Why is this thread not running?" at any instant of a traced run: the
 * thread's state and its cause, then whom that cause waits for, following
 * the wait-for graph across both levels (user threads waiting on threads,
 * threads waiting for an LWP, LWPs blocked in the kernel by threads waiting
 * on threads…) to its root. A chain that comes back to a thread already in
 * it is a cycle: none of them can go on.
 *
 * Everything is read from the run's trace (lanes at the instant, lock
 * holders) and the scenario (names, source ranges, models); nothing is
 * re-simulated.
 */
import type { Instr, ProcessIR, Scenario, ThreadIR } from '../check/ir';
import { LineMap } from '../syntax/lineMap';
import { formatDuration } from '../units';
import { State, type RunResult } from '../sim/result';
import type { Cause, CpuAt, Explanation, LwpAt, SourceRef, Step } from './causes';
import { TraceAt } from './traceAt';

/** Longest chain followed (a wait-for chain longer than this is cut, saying so). */
const MAX_STEPS = 16;

const OVERHEAD_NAMES: Readonly<Record<number, string>> = {
  [State.OverheadModeSwitch]: 'a mode switch',
  [State.OverheadKernelSwitch]: 'a kernel switch',
  [State.OverheadAddressSpaceSwitch]: 'an address-space switch',
  [State.OverheadUserSwitch]: 'a user switch',
  [State.OverheadUserCreate]: 'a user-level thread creation',
  [State.OverheadKernelCreate]: 'a kernel thread creation',
  [State.OverheadUpcall]: 'an upcall',
};

interface Located {
  readonly instr: Instr;
  readonly process: number;
}

/** A traced run with its scenario and source text, ready to be asked about any instant. */
export class Explainer {
  readonly at: TraceAt;
  private readonly lines: LineMap;
  private readonly bySrc = new Map<number, Located>();
  private readonly byName = new Map<string, number>();

  constructor(
    readonly scenario: Scenario,
    readonly run: RunResult,
    readonly text: string,
  ) {
    this.at = new TraceAt(run);
    this.lines = new LineMap(text);
    scenario.processes.forEach((p) => {
      for (const d of p.threads) for (const ins of d.code) if (!this.bySrc.has(ins.span.start)) this.bySrc.set(ins.span.start, { instr: ins, process: p.index });
    });
    for (let i = 0; i < run.threads.count; i++) this.byName.set(run.threads.id[i], i);
  }

  /** Thread id by the name `lwp run` prints (`server.worker#3`), also without the process when that is unambiguous; -1 if none. */
  threadId(name: string): number {
    const exact = this.byName.get(name);
    if (exact !== undefined) return exact;
    const hits = this.run.threads.id.flatMap((id, i) => (id.endsWith('.' + name) ? [i] : []));
    return hits.length === 1 ? hits[0] : -1;
  }

  /** Names of every thread of the run, for "did you mean". */
  threadNames(): readonly string[] {
    return this.run.threads.id;
  }

  /** Threads alive at `time` and not running then: the ones a "why?" is about. */
  waitingAt(time: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.run.threads.count; i++) {
      const a = this.at.threadAt(i, time);
      if (a !== null && a.state !== State.Absent && a.state !== State.ThreadExited && a.state !== State.ThreadRunning) out.push(i);
    }
    return out;
  }

  /** The causal chain behind thread `thread`'s state at `time`. */
  explain(thread: number, time: number): Explanation {
    const t = Math.max(0, Math.min(time, this.at.end));
    const steps: Step[] = [];
    const seen = new Set<number>();
    let cycle = false;
    let cut = false;
    let back = -1;
    // A cycle is certainly a deadlock when each link was the only way on
    // (a lock's holder, any thread a join waits for); where one of several
    // threads could free the waiter (a semaphore's posters), it is a cycle of waits only.
    let sure = true;
    let id = thread;
    for (;;) {
      seen.add(id);
      const { step, next } = this.step(id, t);
      steps.push(step);
      const n = next.find((x) => x !== id);
      if (next.length > 1 && step.cause.kind !== 'join') sure = false;
      if (n === undefined) break;
      if (seen.has(n)) {
        cycle = true;
        back = n;
        break;
      }
      if (steps.length >= MAX_STEPS) {
        cut = true;
        break;
      }
      id = n;
    }
    const name = this.name(thread);
    const ended = this.run.status === 'deadlock' ? 'in a deadlock' : this.run.status === 'limit' ? 'at its limit' : '';
    const head = time > this.at.end ? `The run ended ${ended ? ended + ' ' : ''}at ${ms(this.at.end)}; this is how it ended.` : '';
    let verdict = '';
    if (cycle) {
      const spins = steps.some((s) => s.cause.kind === 'lock' && s.cause.spinning);
      const final = t >= this.at.end && this.run.status !== 'completed';
      const why = spins ? 'these threads spin for ever (none can take the lock)' : sure || final ? 'none of these threads can ever go on (a deadlock)' : 'these threads wait on one another';
      verdict = `That leads back to ${this.name(back)}: a cycle, so ${why}.`;
    }
    if (cut) verdict = `(The chain goes on beyond ${MAX_STEPS} threads.)`;
    const text = [head, ...steps.map((s) => s.text), verdict].filter((x) => x !== '').join(' ');
    return { time: t, thread, name, steps, cycle, preface: head, verdict, text };
  }

  // ---------------------------------------------------------------------------
  // One thread at one instant

  private step(id: number, t: number): { step: Step; next: number[] } {
    const a = this.at.threadAt(id, t);
    const name = this.name(id);
    const when = `At ${ms(t)}`;
    const refs: SourceRef[] = [];
    const mk = (cause: Cause, text: string, next: number[] = []): { step: Step; next: number[] } => ({
      step: { thread: id, name, state: a?.state ?? State.Absent, since: a?.since ?? 0, until: a?.until ?? this.at.end, cause, text, refs },
      next,
    });
    if (a === null || a.state === State.Absent) {
      const d = this.decl(id);
      const start = d !== null && !d.spawned && d.start > t ? `: it starts at ${ms(d.start)}` : d?.spawned ? ': it is spawned later, by a `spawn`' : '';
      return mk({ kind: 'not-started' }, `${when} ${name} has not started${start}.`);
    }
    const stmt = this.stmt(a.src, refs);
    switch (a.state) {
      case State.ThreadExited:
        return mk({ kind: 'exited', at: a.since }, `${when} ${name} has exited (at ${ms(a.since)}).`);
      case State.ThreadRunning:
        return mk(...this.running(name, t, a.detail, stmt));
      case State.ThreadReady:
        if (a.detail >= 0) return mk(...this.cpusTaken(name, t, a.detail, `is ready, on its own LWP ${a.detail}, since ${ms(a.since)}`));
        return mk(...this.noLwp(name, t, id, a.since, refs));
      case State.ThreadStalled:
        return mk(...this.cpusTaken(name, t, a.detail, `is on LWP ${a.detail}${stmt}, but the kernel has not put that LWP on a CPU since ${ms(a.since)} (the library thinks ${name} runs)`));
      case State.ThreadSleeping: {
        const direct = this.isDirect(id);
        if (direct) {
          const lwp = this.lwpOf(id, t);
          return mk({ kind: 'kernel-call', lwp, until: a.until }, `${when} ${name} sleeps in the kernel${stmt} since ${ms(a.since)}, until ${ms(a.until)}; its LWP${lwp >= 0 ? ' ' + lwp : ''} sleeps with it.`);
        }
        return mk({ kind: 'library-sleep', until: a.until }, `${when} ${name} sleeps on the thread library's timer${stmt} since ${ms(a.since)}, until ${ms(a.until)}; its LWP is free to run other threads meanwhile.`);
      }
      case State.ThreadSpinning:
        return mk(...this.waitOnSync(name, t, this.syncAt(a.src), a.since, stmt, refs, true, false));
      case State.ThreadBlockedKernel:
      case State.ThreadBlockedSync: {
        const inKernel = a.state === State.ThreadBlockedKernel;
        if (a.detail >= 0) return mk(...this.waitOnSync(name, t, a.detail, a.since, stmt, refs, false, inKernel));
        if (a.detail <= -2) return mk(...this.join(id, name, t, -2 - a.detail, a.since, stmt, inKernel));
        const lwp = this.lwpOf(id, t);
        const p = this.proc(id);
        let effect = '';
        if (p !== null && !this.isDirect(id)) {
          effect =
            p.model === 'many-to-one'
              ? ` In many-to-one that blocks the whole process: ${p.name}'s only LWP is in the kernel, so none of its threads can run until then.`
              : p.upcalls
                ? ` With upcalls the kernel handed ${p.name} a fresh LWP when this one blocked, so the pool still runs other threads.`
                : ` Until then ${p.name}'s pool has one LWP fewer for its other threads.`;
        }
        return mk({ kind: 'kernel-call', lwp, until: a.until }, `${when} ${name} is blocked in the kernel${stmt} since ${ms(a.since)}, until ${ms(a.until)}; its LWP${lwp >= 0 ? ' ' + lwp : ''} is blocked with it.${effect}`);
      }
      default:
        return mk({ kind: 'unknown' }, `${when} ${name} is in a state this explanation does not know (${a.state}).`);
    }
  }

  private running(name: string, t: number, lwp: number, stmt: string): [Cause, string] {
    let cpu = -1;
    let cpuState: number = State.CpuUser;
    for (const c of this.at.cpuLane.keys()) {
      const ca = this.at.cpuAt(c, t);
      if (ca !== null && ca.detail === lwp && ca.state !== State.CpuIdle) {
        cpu = c;
        cpuState = ca.state;
        break;
      }
    }
    const over = OVERHEAD_NAMES[cpuState];
    const doing = over !== undefined ? `; the CPU is paying ${over} for it` : cpuState === State.CpuKernel ? ', in kernel mode' : '';
    return [{ kind: 'running', lwp, cpu, cpuState }, `At ${ms(t)} ${name} is running${stmt} on LWP ${lwp}${cpu >= 0 ? ` on CPU ${cpu}` : ''}${doing}.`];
  }

  /** A ready thread of a pool: every LWP blocked in the kernel, or the LWPs carry others. */
  private noLwp(name: string, t: number, id: number, since: number, refs: SourceRef[]): [Cause, string, number[]] {
    const pi = this.run.threads.process[id];
    const p = this.scenario.processes[pi];
    const lwps: LwpAt[] = [];
    for (const l of this.at.lwpsOf.get(pi) ?? []) {
      const la = this.at.lwpAt(l, t);
      if (la === null || la.state === State.Absent) continue;
      if (la.detail >= 0 && this.isDirect(la.detail)) continue; // a bound thread's own LWP is not the pool's
      lwps.push({ lwp: l, state: la.state, thread: la.detail, since: la.since, until: la.until, src: la.src });
    }
    const when = `At ${ms(t)} ${name} has been ready since ${ms(since)}`;
    const blocked = lwps.filter((l) => l.state === State.LwpBlocked);
    if (lwps.length > 0 && blocked.length === lwps.length) {
      const from = Math.max(...blocked.map((l) => l.since));
      const all = lwps.length === 1 ? `the only LWP of ${p.name} has` : `all ${lwps.length} LWPs of ${p.name} have`;
      const each = blocked.map((l) => `LWP ${l.lwp} by ${this.name(l.thread)}${this.stmt(l.src, refs)}${this.blockEnd(l)}`).join('; ');
      const help: string[] = [];
      if (p.model === 'many-to-many') {
        if (!p.sigwaiting) help.push("with 'sigwaiting on' the kernel would signal the process and the library would create another LWP");
        else if (p.maxLwps !== null) help.push(`'sigwaiting on' cannot add more: the pool is at its 'max ${p.maxLwps}'`);
        if (!p.upcalls) help.push("with 'upcalls on' the kernel would hand the process a fresh LWP at each block");
      } else if (p.model === 'many-to-one') help.push('many-to-one has one LWP only: one-to-one or many-to-many would give the thread an LWP of its own');
      const helps = help.length ? ` ${cap(help.join('; '))}.` : '';
      // Follow the blocked LWPs whose wait has no end of its own (a lock, a join…): that is where a deadlock across both levels closes.
      const untimed = blocked.filter((l) => this.isUntimedBlock(l.thread, t)).map((l) => l.thread);
      return [{ kind: 'no-lwp', process: pi, lwps }, `${when} but has no LWP: ${all} been blocked in the kernel since ${ms(from)} — ${each}.${helps}`, untimed];
    }
    const parked = lwps.filter((l) => l.state === State.LwpParked);
    const taken = lwps
      .filter((l) => l.state !== State.LwpParked)
      .map((l) => `LWP ${l.lwp} ${l.state === State.LwpBlocked ? `is blocked in the kernel with ${this.name(l.thread)}` : l.thread >= 0 ? `carries ${this.name(l.thread)}${l.state === State.LwpRunnable ? ' (waiting for a CPU)' : ''}` : l.state === State.LwpRunnable ? 'waits for a CPU' : 'is running'}`);
    const policy = p.scheduler.policy === 'fifo' ? `${p.name}'s library scheduler is fifo: a thread keeps its LWP until it blocks, yields or exits` : p.scheduler.policy === 'priority' ? `${p.name}'s library runs its highest-priority ready thread first` : `${p.name}'s library switches threads every ${ms(p.scheduler.quantum)} (round-robin)`;
    const wake = parked.length ? ` LWP ${parked[0].lwp} is parked and is being woken to take it at this instant.` : '';
    // A spinning thread on the pool's LWPs may be waiting for this very thread (it holds the lock): follow it.
    const spinners = lwps.filter((l) => l.thread >= 0 && this.at.threadAt(l.thread, t)?.state === State.ThreadSpinning).map((l) => l.thread);
    return [{ kind: 'lwps-busy', process: pi, lwps }, `${when}, waiting in ${p.name}'s ready queue for an LWP: ${taken.join('; ') || 'it has none yet'}. ${policy}.${wake}`, spinners];
  }

  /** Its LWP is runnable and not on a CPU: what the CPUs run instead, and why they come first. */
  private cpusTaken(name: string, t: number, lwp: number, what: string): [Cause, string, number[]] {
    const mine = this.lwpPriority(lwp, t);
    const cpus: CpuAt[] = [];
    for (const c of [...this.at.cpuLane.keys()].sort((x, y) => x - y)) {
      const ca = this.at.cpuAt(c, t);
      if (ca === null) continue;
      const l = ca.state === State.CpuIdle ? -1 : ca.detail;
      const la = l >= 0 ? this.at.lwpAt(l, t) : null;
      const th = la !== null && la.detail >= 0 ? la.detail : -1;
      cpus.push({ cpu: c, state: ca.state, lwp: l, thread: th, priority: l >= 0 ? this.lwpPriority(l, t) : 0 });
    }
    const pol = this.scenario.kernel.policy;
    const each = cpus
      .map((c) => {
        if (c.lwp < 0) return `CPU ${c.cpu} is idle at this instant (the kernel dispatches it now)`;
        const who = c.thread >= 0 ? ` (${this.name(c.thread)})` : '';
        let why: string;
        if (pol === 'priority' && c.priority > mine) why = `priority ${c.priority}, higher than ${mine}`;
        else if (pol === 'priority' && c.priority === mine) why = `the same priority ${c.priority}, dispatched before it`;
        else if (pol === 'priority') why = `priority ${c.priority}: it is preempted at once`;
        else if (pol === 'fifo') why = 'dispatched before it; fifo lets it keep the CPU until it blocks or exits';
        else why = `dispatched before it; round-robin gives it the CPU until its ${ms(this.scenario.kernel.quantum)} quantum ends`;
        const over = OVERHEAD_NAMES[c.state];
        return `CPU ${c.cpu} by LWP ${c.lwp}${who}, ${why}${over ? `, paying ${over}` : c.state === State.CpuSpin ? ', spinning' : ''}`;
      })
      .join('; ');
    const n = cpus.length === 1 ? 'the only CPU is' : `all ${cpus.length} CPUs are`;
    const spinners = cpus.filter((c) => c.state === State.CpuSpin && c.thread >= 0).map((c) => c.thread);
    return [{ kind: 'cpus-taken', lwp, priority: mine, cpus }, `At ${ms(t)} ${name} ${what}: ${n} taken — ${each}.`, spinners];
  }

  private waitOnSync(name: string, t: number, sync: number, since: number, stmt: string, refs: SourceRef[], spinning: boolean, inKernel: boolean): [Cause, string, number[]] {
    const s = this.scenario.syncs[sync];
    const when = `At ${ms(t)} ${name}`;
    if (s === undefined) return [{ kind: 'unknown' }, `${when} waits${stmt} since ${ms(since)}.`, []];
    const decl = this.ref(s.span.start, s.span.end, refs);
    const kernelWord = s.process === -1 ? 'kernel ' : '';
    const how = spinning ? 'spins' : inKernel ? 'is blocked in the kernel' : 'is parked by the thread library (its LWP runs other threads meanwhile)';
    if (s.kind === 'mutex' || s.kind === 'spinlock') {
      const h = this.at.holderAt(sync, t);
      const holder = h?.thread ?? -1;
      const cause: Cause = { kind: 'lock', sync, holder, heldSince: h?.since ?? t, spinning, inKernel };
      if (holder < 0) return [cause, `${when} ${how}${stmt} on ${kernelWord}${s.kind} ${s.name} (${decl}) since ${ms(since)}; it was freed at this very instant and is being handed over.`, []];
      const exited = this.at.threadAt(holder, t)?.state === State.ThreadExited;
      const burn = spinning ? ', burning its CPU' : '';
      return [cause, `${when} ${how}${stmt} on ${kernelWord}${s.kind} ${s.name} (${decl}) since ${ms(since)}${burn}: ${this.name(holder)} holds it (since ${ms(h!.since)})${exited ? ' and has exited without unlocking it' : ''}.`, exited ? [] : [holder]];
    }
    if (s.kind === 'semaphore') {
      const posters = this.postersOf(sync);
      const from = posters.length ? `; units come from 'post ${s.name}' in ${posters.join(', ')}` : `; no thread ever posts it`;
      return [{ kind: 'semaphore', sync, inKernel }, `${when} ${how}${stmt} on ${kernelWord}semaphore ${s.name} (${decl}) since ${ms(since)}: it has no unit left${from}.`, this.aliveUsers(sync, 'post', t, [])];
    }
    // A barrier: who has arrived (waits on it now).
    const arrived: number[] = [];
    for (let i = 0; i < this.run.threads.count; i++) {
      const x = this.at.threadAt(i, t);
      if (x !== null && (x.state === State.ThreadBlockedKernel || x.state === State.ThreadBlockedSync) && x.detail === sync) arrived.push(i);
    }
    return [{ kind: 'barrier', sync, arrived, of: s.initial, inKernel }, `${when} ${how}${stmt} at ${kernelWord}barrier ${s.name} (${decl}) since ${ms(since)}: ${arrived.length} of ${s.initial} have arrived (${arrived.map((x) => this.name(x)).join(', ')}); it opens when the ${ordinal(s.initial)} arrives.`, this.aliveUsers(sync, 'arrive', t, arrived)];
  }

  private join(id: number, name: string, t: number, decl: number, since: number, stmt: string, inKernel: boolean): [Cause, string, number[]] {
    const pi = this.run.threads.process[id];
    const awaited: number[] = [];
    for (let i = 0; i < this.run.threads.count; i++) if (this.run.threads.process[i] === pi && this.run.threads.thread[i] === decl && this.at.alive(i, t)) awaited.push(i);
    const how = inKernel ? 'is blocked in the kernel' : 'is parked by the thread library';
    const names = awaited.map((x) => this.name(x));
    return [{ kind: 'join', awaited, inKernel }, `At ${ms(t)} ${name} ${how}${stmt} since ${ms(since)}, waiting for ${names.length ? names.join(', ') + (names.length === 1 ? ' to exit' : ' to exit') : 'nothing (it returns at this instant)'}.`, awaited];
  }

  // ---------------------------------------------------------------------------
  // Helpers

  private name(id: number): string {
    return this.run.threads.id[id] ?? `thread ${id}`;
  }

  private decl(id: number): ThreadIR | null {
    const p = this.scenario.processes[this.run.threads.process[id]];
    return p?.threads[this.run.threads.thread[id]] ?? null;
  }

  private proc(id: number): ProcessIR | null {
    return this.scenario.processes[this.run.threads.process[id]] ?? null;
  }

  /** One-to-one, or bound: every block of the thread is a kernel block of its own LWP. */
  private isDirect(id: number): boolean {
    const p = this.proc(id);
    const d = this.decl(id);
    return p !== null && d !== null && (p.model === 'one-to-one' || d.bound);
  }

  /** The LWP a thread is on at t (from its lane's detail while on one, else from the LWP lanes), or -1. */
  private lwpOf(id: number, t: number): number {
    for (const l of this.at.lwpsOf.get(this.run.threads.process[id]) ?? []) {
      const la = this.at.lwpAt(l, t);
      if (la !== null && la.state !== State.Absent && la.detail === id) return l;
    }
    return -1;
  }

  /** An LWP's kernel priority: its thread's for a direct thread, 0 for a pool LWP. */
  private lwpPriority(lwp: number, t: number): number {
    const la = this.at.lwpAt(lwp, t);
    if (la === null || la.detail < 0 || !this.isDirect(la.detail)) return 0;
    return this.decl(la.detail)?.priority ?? 0;
  }

  /** The thread is blocked at t on something with no end of its own (a lock, semaphore, barrier or join). */
  private isUntimedBlock(id: number, t: number): boolean {
    const a = this.at.threadAt(id, t);
    return a !== null && (a.state === State.ThreadBlockedKernel || a.state === State.ThreadBlockedSync) && a.detail !== -1;
  }

  private blockEnd(l: LwpAt): string {
    return this.isUntimedBlock(l.thread, l.since) || l.until >= this.at.end ? '' : ` until ${ms(l.until)}`;
  }

  /** The sync object named by the statement at source offset `src` (a spinner's `lock`). */
  private syncAt(src: number): number {
    const ins = this.bySrc.get(src)?.instr;
    return ins !== undefined && 'sync' in ins ? ins.sync : -1;
  }

  /** Threads alive at t whose code has \`op sync\` (who could post or arrive), but those in `except`. */
  private aliveUsers(sync: number, op: 'post' | 'arrive', t: number, except: readonly number[]): number[] {
    const out: number[] = [];
    const cols = this.run.threads;
    for (let i = 0; i < cols.count; i++) {
      if (except.includes(i) || !this.at.alive(i, t)) continue;
      const d = this.decl(i);
      if (d !== null && d.code.some((ins) => ins.op === op && ins.sync === sync)) out.push(i);
    }
    return out;
  }

  /** Declarations whose code posts semaphore `sync`, as `process.thread (line N)`. */
  private postersOf(sync: number): string[] {
    const out: string[] = [];
    for (const p of this.scenario.processes)
      for (const d of p.threads) {
        const post = d.code.find((i) => i.op === 'post' && i.sync === sync);
        if (post) out.push(`${p.name}.${d.name} (line ${this.lines.position(post.span.start).line + 1})`);
      }
    return out;
  }

  /** ` in \`io 3ms\` (line 35)` for the statement at `src`, recording its range; '' when there is none. */
  private stmt(src: number, refs: SourceRef[]): string {
    const at = this.bySrc.get(src);
    if (src < 0 || at === undefined) return '';
    return ` in '${this.snippet(at.instr.span.start, at.instr.span.end)}' (${this.ref(at.instr.span.start, at.instr.span.end, refs)})`;
  }

  /** `line N`, recording the range. */
  private ref(start: number, end: number, refs: SourceRef[]): string {
    const line = this.lines.position(start).line + 1;
    if (!refs.some((r) => r.start === start && r.end === end)) refs.push({ start, end, line, text: this.snippet(start, end) });
    return `line ${line}`;
  }

  /** A statement's text on one line: up to its block or line end, at most 48 characters. */
  private snippet(start: number, end: number): string {
    let s = this.text.slice(start, Math.min(end, start + 200));
    const cut = s.search(/[{\r\n]/);
    if (cut >= 0) s = s.slice(0, cut);
    s = s.trim();
    return s.length > 48 ? s.slice(0, 47) + '…' : s;
  }
}

function ms(ns: number): string {
  return formatDuration(ns);
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${s}`;
}
