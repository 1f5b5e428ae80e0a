/**
 * What a debugger shows at a point of a run, built from the paused engine:
 * the user threads with their statement nesting (stack frames), and the
 * machine, LWPs, threads, sync objects and metrics so far (variables). Plain
 * data: it is built once per stop and read by any client (the DAP adapter,
 * tests).
 *
 * Invariants: the view is a pure function of the engine's state (no
 * identity, no clock), so two stops at the same point give equal views;
 * spans are offsets into the scenario's text; thread ids are the engine's
 * (creation order); every time is formatted the way LANGUAGE.md writes
 * durations.
 */
import type { Instr, ThreadIR } from '../check/ir';
import type { Span } from '../syntax/ast';
import { formatDuration } from '../units';
import type { Engine } from '../sim/engine';
import { cpuTimes } from '../sim/metrics';
import { LwpStatus, Role, ThreadStatus, Wait, type Lwp, type Thread } from '../sim/entities';
import { State } from '../sim/result';

export interface Frame {
  readonly name: string;
  /** The statement's (or declaration's) source range, or null. */
  readonly span: Span | null;
}

export interface Variable {
  readonly name: string;
  readonly value: string;
  /** Its members, if it has any; may be built when first read (test `hasChildren` to know without building them). */
  readonly children?: readonly Variable[];
}

/** Whether `v` has members, without building them. */
export function hasChildren(v: Variable): boolean {
  return v instanceof LazyVariable || v.children !== undefined;
}

/**
 * A variable whose members are formatted from values taken at the stop only
 * when a client first reads them: a stop in a 10,000-thread run lists every
 * thread, and formatting eight members for each would be most of the stop's
 * time while a user expands a few.
 */
class LazyVariable implements Variable {
  private made: readonly Variable[] | null = null;
  constructor(
    readonly name: string,
    readonly value: string,
    private readonly make: () => readonly Variable[],
  ) {}

  get children(): readonly Variable[] {
    return (this.made ??= this.make());
  }

  toJSON(): Variable {
    return { name: this.name, value: this.value, children: this.children };
  }
}

/** A thread at a stop: its state in words now, its frames made when first read. */
class LazyThreadView implements ThreadView {
  private made: readonly Frame[] | null = null;
  constructor(
    readonly id: number,
    readonly name: string,
    readonly state: string,
    private readonly make: () => readonly Frame[],
  ) {}

  get frames(): readonly Frame[] {
    return (this.made ??= this.make());
  }

  toJSON(): ThreadView {
    return { id: this.id, name: this.name, state: this.state, frames: this.frames };
  }
}

/** What a thread's frames depend on, taken at the stop. */
interface FrameInputs {
  readonly status: number;
  readonly pc: number;
  /** The current compute or syscall has begun (its work left is shown). */
  readonly working: boolean;
  readonly workLeft: number;
  /** Iterations left of each counted loop around pc, innermost first; null if none. */
  readonly loopsLeft: readonly number[] | null;
}

/** The first line of each statement (statementText), made once per instruction for the views of a debugging session. */
export class StatementTexts {
  private readonly made = new Map<Instr, string>();
  constructor(
    private readonly text: string,
    private readonly syncName: (i: number) => string,
  ) {}

  of(ins: Instr): string {
    let s = this.made.get(ins);
    if (s === undefined) this.made.set(ins, (s = statementText(this.text, ins, this.syncName)));
    return s;
  }
}

export interface ThreadView {
  /** The engine's thread id. */
  readonly id: number;
  readonly name: string;
  /** `running on CPU 0`, `ready`, `waiting for mutex cache`, … */
  readonly state: string;
  /** Innermost first: the statement (with its remaining work), the blocks around it, the thread. */
  readonly frames: readonly Frame[];
}

export interface View {
  readonly time: number;
  readonly events: number;
  readonly threads: readonly ThreadView[];
  readonly scopes: readonly { readonly name: string; readonly variables: readonly Variable[] }[];
}

const ms = (ns: number): string => formatDuration(ns, 3);

const WAIT_WORD: Record<number, string> = { [Wait.Io]: 'io', [Wait.Sleep]: 'sleeping', [Wait.Mutex]: 'mutex', [Wait.Semaphore]: 'semaphore', [Wait.Join]: 'join', [Wait.Barrier]: 'barrier' };
const ROLE_WORD: Record<number, string> = { [Role.Pool]: 'pool', [Role.Direct]: 'direct', [Role.TakenFromPool]: 'taken by an upcall', [Role.Returning]: 'returning', [Role.Dying]: 'dying' };

/** The first line of a statement's source, without an opening brace: `lock cache`, `repeat 3`. */
export function statementText(text: string, ins: Instr, syncName: (i: number) => string): string {
  if (ins.op === 'unlock' && ins.implicit) return `unlock ${syncName(ins.sync)} (end of its block)`;
  if (ins.op === 'next') return 'end of repeat';
  const line = text.slice(ins.span.start, ins.span.end).split(/\r?\n/)[0];
  return line.replace(/\s*\{.*$/, '').trim();
}

export class ViewBuilder {
  private readonly syncName = (i: number): string => this.e.sc.syncs[i].name;
  private readonly texts: StatementTexts;

  constructor(
    private readonly e: Engine,
    text: string,
    texts?: StatementTexts,
  ) {
    this.texts = texts ?? new StatementTexts(text, this.syncName);
  }

  build(): View {
    const e = this.e;
    // Exited threads are counted, not listed: a server that spawns forever
    // has exited hundreds of thousands of them 1 M events in.
    const threads: ThreadView[] = [];
    let exited = 0;
    for (let id = 0; id < e.threads.length; id++) {
      if (e.threads[id] === undefined) exited++;
      else threads.push(this.thread(id));
    }
    return {
      time: e.now,
      events: e.events,
      threads,
      scopes: [
        { name: 'Machine', variables: this.machine() },
        { name: 'LWPs', variables: this.lwps() },
        { name: 'Threads', variables: [...threads.map((t) => this.threadVariable(t)), { name: 'exited', value: `${exited} thread${exited === 1 ? '' : 's'}` }] },
        { name: 'Sync objects', variables: this.syncs() },
        { name: 'Metrics so far', variables: this.metrics() },
      ],
    };
  }

  /** A live (or not yet started) thread: its state now, its frames in words when first read. */
  private thread(id: number): ThreadView {
    const e = this.e;
    const t = e.threads[id];
    const name = e.threadName(id);
    if (t === undefined) throw new Error(`thread ${id} has exited`);
    const inputs = this.frameInputs(t);
    const decl = t.decl;
    const own = t.name;
    return new LazyThreadView(id, name, this.stateOf(t), () => this.framesFrom(decl, own, inputs));
  }

  stateOf(t: Thread): string {
    switch (t.status) {
      case ThreadStatus.NotStarted:
        return `not started (starts at ${ms(t.decl.start)})`;
      case ThreadStatus.Ready:
        return 'ready (waiting for an LWP)';
      case ThreadStatus.Exited:
        return 'exited';
      case ThreadStatus.Parked:
        return this.waiting(t, false);
    }
    const l = t.lwp!;
    if (l.status === LwpStatus.Running && l.cpu !== null) return `${l.cpu.segmentState === State.CpuSpin ? 'spinning' : 'running'} on CPU ${l.cpu.id} (LWP ${l.id})`;
    if (l.status === LwpStatus.Blocked) return this.waiting(t, true);
    return `stalled: LWP ${l.id} waits for a CPU`;
  }

  private waiting(t: Thread, kernel: boolean): string {
    const where = kernel ? 'blocked in the kernel' : 'parked';
    const ins = t.code.instructions[t.pc] as Instr | undefined;
    switch (t.wait) {
      case Wait.Io:
        return 'blocked in the kernel (io)';
      case Wait.Sleep:
        return kernel ? 'sleeping (blocked in the kernel)' : 'sleeping';
      case Wait.Join:
        return `${where}: joining ${ins !== undefined && ins.op === 'join' ? t.process.ir.threads[ins.thread].name : '?'}`;
      case Wait.Mutex:
      case Wait.Semaphore:
      case Wait.Barrier:
        return `${where}: waiting for ${WAIT_WORD[t.wait]} ${ins !== undefined && 'sync' in ins ? this.syncName(ins.sync) : '?'}`;
    }
    return where;
  }

  /** The statement nesting of t, innermost first. */
  frames(t: Thread): Frame[] {
    return this.framesFrom(t.decl, t.name, this.frameInputs(t));
  }

  /** What t's frames depend on, read from the engine now (the words come later: framesFrom). */
  private frameInputs(t: Thread): FrameInputs {
    const code = t.decl.code;
    const pc = t.pc;
    let loopsLeft: number[] | null = null;
    for (let i = pc - 1; i >= 0; i--) {
      const ins = code[i];
      if (ins.op === 'loop' && ins.count !== null && pc < ins.end) (loopsLeft ??= []).push(t.loops?.[i] ?? 0);
    }
    return { status: t.status, pc, working: t.phase > 0, workLeft: this.workLeft(t), loopsLeft };
  }

  private framesFrom(decl: ThreadIR, name: string, f: FrameInputs): Frame[] {
    const code = decl.code;
    const pc = f.pc;
    const out: Frame[] = [];
    if (f.status !== ThreadStatus.NotStarted && pc < code.length) {
      const ins = code[pc];
      let text = this.texts.of(ins);
      if ((ins.op === 'compute' || ins.op === 'syscall') && f.working) text += ` — ${ms(f.workLeft)} left`;
      out.push({ name: text, span: ins.span });
    }
    let loop = 0;
    for (let i = pc - 1; i >= 0; i--) {
      const ins = code[i];
      if (ins.op === 'loop' && pc < ins.end) {
        const head = this.texts.of(ins);
        if (ins.count === null) out.push({ name: `${head} (forever)`, span: ins.span });
        else out.push({ name: `${head}: iteration ${ins.count - (f.loopsLeft?.[loop++] ?? 0) + 1} of ${ins.count}`, span: ins.span });
      } else if (ins.op === 'lock' && unlockAfter(code, i) > pc) {
        out.push({ name: `lock ${this.syncName(ins.sync)} (held)`, span: ins.span });
      }
    }
    out.push({ name: `thread ${name}${f.status === ThreadStatus.NotStarted ? ' (not started)' : ''}`, span: decl.nameSpan });
    return out;
  }

  private workLeft(t: Thread): number {
    const c = t.lwp?.cpu;
    if (c && c.segmentActive && c.segmentIsWork && t.workLeft !== Infinity) return Math.max(0, t.workLeft - (this.e.now - c.segmentStart));
    return t.workLeft;
  }

  private machine(): Variable[] {
    const e = this.e;
    const cpus = e.kernel.cpus.map((c): Variable => {
      const l = c.lwp;
      if (l === null) return { name: `CPU ${c.id}`, value: 'idle' };
      const t = l.thread;
      return { name: `CPU ${c.id}`, value: `LWP ${l.id} (${l.process.ir.name})${t ? ` · ${t.name}` : ''} · ${STATE_WORD[c.segmentState] ?? 'busy'}` };
    });
    return [{ name: 'time', value: ms(e.now) }, { name: 'events', value: String(e.events) }, { name: 'status', value: e.stop === 'none' ? 'running' : e.stop }, ...cpus];
  }

  private lwps(): Variable[] {
    const out: Variable[] = [];
    for (const l of this.e.kernel.lwps) if (l !== undefined) out.push(this.lwp(l));
    return out;
  }

  private lwp(l: Lwp): Variable {
    const t = l.thread;
    const state = l.status === LwpStatus.Running ? `running on CPU ${l.cpu?.id ?? '?'}` : l.status === LwpStatus.Runnable ? 'runnable (waits for a CPU)' : l.status === LwpStatus.Blocked ? 'blocked in the kernel' : l.status === LwpStatus.Parked ? 'parked (idle in its pool)' : 'destroyed';
    const thread = t ? t.name : 'none';
    const role = l.role;
    const priority = l.priority;
    return new LazyVariable(`LWP ${l.id} (${l.process.ir.name})`, `${state}${t ? ` · ${t.name}` : ''}`, () => [
      { name: 'state', value: state },
      { name: 'thread', value: thread },
      { name: 'role', value: ROLE_WORD[role] ?? String(role) },
      { name: 'priority', value: String(priority) },
    ]);
  }

  private threadVariable(v: ThreadView): Variable {
    const e = this.e;
    const t = e.threads[v.id];
    const tr = e.trace;
    // The values are read now, at the stop; only their words wait for a reader.
    const time = (cat: number): number => (t !== undefined ? tr.threadTimeSoFar(t, cat, e.now) : 0);
    const running = time(0);
    const ready = time(1);
    const blocked = time(2);
    const started = e.records.started[v.id];
    const lwp = t?.lwp ? t.lwp.id : -1;
    const held = t?.held ?? 0;
    return new LazyVariable(v.name, v.state, () => [
      { name: 'state', value: v.state },
      { name: 'statement', value: v.frames[0].name },
      { name: 'LWP', value: lwp >= 0 ? `LWP ${lwp}` : 'none' },
      { name: 'started', value: started >= 0 ? ms(started) : 'not yet' },
      { name: 'running so far', value: ms(running) },
      { name: 'ready so far', value: ms(ready) },
      { name: 'blocked so far', value: ms(blocked) },
      { name: 'locks held', value: String(held) },
    ]);
  }

  private syncs(): Variable[] {
    const e = this.e;
    return e.syncs.map((s): Variable => {
      const st = s.inspect();
      const owner = s.ir.process === -1 ? 'kernel' : e.sc.processes[s.ir.process].name;
      const parts: string[] = [];
      if (s.ir.kind === 'mutex' || s.ir.kind === 'spinlock') parts.push(st.holder ? `held by ${st.holder.name}` : 'free');
      if (s.ir.kind === 'semaphore') parts.push(`count ${st.count ?? 0}`);
      if (s.ir.kind === 'barrier') parts.push(`${st.count ?? 0} of ${s.ir.initial} arrived`);
      parts.push(`${st.waiters.length} ${s.ir.kind === 'spinlock' ? 'spinning' : 'waiting'}`);
      const children: Variable[] = [{ name: 'kind', value: `${s.kernel ? 'kernel ' : ''}${s.ir.kind}` }];
      if (s.ir.kind === 'mutex' || s.ir.kind === 'spinlock') children.push({ name: 'holder', value: st.holder ? st.holder.name : 'none' });
      if (st.count !== null) children.push({ name: s.ir.kind === 'barrier' ? 'arrived' : 'count', value: String(st.count) });
      children.push({ name: 'waiters', value: st.waiters.length ? st.waiters.map((w) => w.name).join(', ') : 'none' });
      return { name: `${s.ir.name} (${owner} ${s.ir.kind})`, value: parts.join(' · '), children };
    });
  }

  private metrics(): Variable[] {
    const e = this.e;
    const tr = e.trace;
    const now = e.now;
    const { idle, useful, overhead, spin } = cpuTimes(e, (lane, cat) => tr.timeSoFar(lane, cat, now));
    const total = e.kernel.cpus.length * now;
    const k = e.counters;
    return [
      { name: 'time', value: ms(now) },
      { name: 'cpu-utilization', value: total > 0 ? `${(((total - idle) / total) * 100).toFixed(1)}%` : '0%' },
      { name: 'useful-work', value: ms(useful) },
      { name: 'overhead', value: ms(overhead) },
      { name: 'spin-time', value: ms(spin) },
      { name: 'kernel-switches', value: String(k.kernelSwitches) },
      { name: 'user-switches', value: String(k.userSwitches) },
      { name: 'mode-switches', value: String(k.modeSwitches) },
      { name: 'upcalls', value: String(k.upcalls) },
      { name: 'sigwaiting', value: String(k.sigwaiting) },
      { name: 'lwps-created', value: String(k.lwpsCreated) },
      { name: 'threads-created', value: String(k.threadsCreated) },
    ];
  }
}

/** What a CPU segment is, in words (Machine scope). */
const STATE_WORD: Partial<Record<number, string>> = {
  [State.CpuUser]: 'user work',
  [State.CpuKernel]: 'kernel work',
  [State.CpuSpin]: 'spinning',
  [State.OverheadModeSwitch]: 'mode switch',
  [State.OverheadKernelSwitch]: 'kernel switch',
  [State.OverheadAddressSpaceSwitch]: 'address-space switch',
  [State.OverheadUserSwitch]: 'user switch',
  [State.OverheadUserCreate]: 'creating a thread',
  [State.OverheadKernelCreate]: 'creating an LWP',
  [State.OverheadUpcall]: 'upcall',
};

/** Where the `lock` at `i` is released: its block's implicit unlock or the next `unlock` of the same object at its depth (code.length if never). */
function unlockAfter(code: readonly Instr[], i: number): number {
  const lock = code[i];
  if (lock.op !== 'lock') return -1;
  let depth = 0;
  for (let j = i + 1; j < code.length; j++) {
    const ins = code[j];
    if (ins.op === 'lock' && ins.sync === lock.sync) depth++;
    else if (ins.op === 'unlock' && ins.sync === lock.sync) {
      if (depth === 0) return j;
      depth--;
    }
  }
  return code.length;
}
