/**
 * Thread bodies: resolves every name in a statement (recording references),
 * checks kinds, spawn/join rules and the static lock warnings, and compiles
 * the body into the flat instruction list documented in ./ir.ts.
 */
import { suggest } from '../diagnostics/suggest';
import { MAX_INSTRUCTIONS, MAX_REPEAT_COUNT, MAX_SPAWN_COUNT } from '../limits';
import { orWords, type SyncKind, type SyncStatementWord, type TimedStatementWord } from '../language/registry';
import { STATEMENT_BY_WORD } from '../syntax/keywords';
import type { Block, Name, Span, Stmt, SyncStmt } from '../syntax/ast';
import type { ProcessInfo } from './check';
import { fmt, type CheckContext, type Resolved, type SyncInfo, type ThreadInfo } from './context';
import type { Instr } from './ir';

/**
 * Per process index, per thread index: the compiled body. `syncIndex` maps a
 * sync object's index to its final one, below `syncCount`. With `ir` false
 * the bodies are checked exactly as they would be compiled (the same
 * diagnostics, the instruction cap included) but no instruction is built,
 * and every body is empty.
 */
export function compileThreads(checker: CheckContext, processes: readonly ProcessInfo[], kernel: Map<string, SyncInfo>, syncCount: number, syncIndex: (i: number) => number, ir = true): Map<number, Instr[][]> {
  const out = new Map<number, Instr[][]>();
  // One compiler for every thread, reset per thread: the instruction budget is shared by all.
  const c = new BodyCompiler(checker, kernel, syncIndex, ir, syncCount);
  for (const p of processes) {
    const codes: Instr[][] = [];
    c.spawnedSeen.clear();
    for (let i = 0; i < p.threadDecls.length; i++) {
      const t = p.threadDecls[i];
      const info = p.threadInfos[i];
      c.reset(p, info.index, info.name);
      if (t.body) c.block(t.body, false);
      else checker.incomplete = true;
      c.lockWarnings();
      codes.push(ir ? c.takeCode() : NO_CODE);
    }
    out.set(p.index, codes);
    for (const t of p.threads.values()) {
      if (t.spawned && !c.spawnedSeen.has(t.index)) {
        checker.report('neverSpawned', checker.decls.nameSpan(t.decl), [t.name]);
      }
    }
  }
  return out;
}

/** A `loop` instruction whose `end` is set once its body is compiled. */
type LoopBeingBuilt = { -readonly [K in keyof Extract<Instr, { op: 'loop' }>]: Extract<Instr, { op: 'loop' }>[K] };

/** The body of every thread when no IR is built. */
const NO_CODE: Instr[] = [];

function isSync(x: SyncInfo | ThreadInfo): x is SyncInfo {
  return 'kind' in x;
}

interface LockEvent {
  readonly op: 'lock' | 'unlock';
  readonly sync: number;
  readonly name: string;
  readonly span: Span;
  readonly inForever: boolean;
}

/** What a `lock` / `unlock` / `wait` / `post` that names the wrong kind of object should say instead (`arrive` on a non-barrier needs no hint: the message lists barriers). */
function kindHint(s: Stmt, actual: string): string {
  const name = s.kind === 'lock' || s.kind === 'unlock' || s.kind === 'wait' || s.kind === 'post' ? (s.target?.text ?? '') : '';
  if (actual === 'barrier' && name) return `a barrier is only arrived at: write 'arrive ${name}'`;
  switch (s.kind) {
    case 'lock':
      if (actual !== 'semaphore') return '';
      return s.body ? `a semaphore has no owner to lock it: write 'wait ${name}' before the block and 'post ${name}' after it` : `use 'wait ${name}' and 'post ${name}'`;
    case 'unlock':
      return actual === 'semaphore' ? `use 'post ${name}'` : '';
    case 'wait':
    case 'post':
      return actual === 'thread' ? '' : `use '${s.kind === 'wait' ? 'lock' : 'unlock'} ${name}'`;
    default:
      return '';
  }
}

class BodyCompiler {
  /**
   * The current thread's instructions, `code[0]` to `code[codeLength - 1]`:
   * one array reused for every thread, each thread taking an exact-size copy
   * (`takeCode`), rather than a fresh array per thread grown by doubling.
   */
  private readonly code: Instr[] = [];
  private codeLength = 0;
  /** Explicit `lock` / `unlock` statements in source order, for the static lock warnings. */
  private readonly events: LockEvent[] = [];
  /**
   * Per sync object (by final index): the serial number of the last thread
   * that locks it anywhere (explicitly or with a body). "Does this thread
   * lock it" is then one comparison, and starting a thread is `serial++`
   * rather than clearing a set.
   */
  private readonly lockedBy: Int32Array;
  private serial = 0;
  /** Per sync object: the index in `events` of this thread's last `unlock` of it, valid where `unlockedBy` is this thread's serial (see `lockedBy`). */
  private readonly lastUnlock: Int32Array;
  private readonly unlockedBy: Int32Array;
  /** Indices of the current process's threads that some `spawn` names. */
  readonly spawnedSeen = new Set<number>();
  private left = MAX_INSTRUCTIONS;
  private reported = false;
  private p!: ProcessInfo;
  private threadIndex = -1;
  private threadName = '';

  constructor(
    private readonly checker: CheckContext,
    private readonly kernel: Map<string, SyncInfo>,
    private readonly syncIndex: (i: number) => number,
    /** Whether instructions are built (false: checked and counted only, see compileThreads). */
    private readonly ir: boolean,
    syncCount: number,
  ) {
    // One buffer for the three columns: one allocation per analysis, not three.
    const buf = new ArrayBuffer(12 * syncCount);
    this.lockedBy = new Int32Array(buf, 0, syncCount);
    this.lastUnlock = new Int32Array(buf, 4 * syncCount, syncCount);
    this.unlockedBy = new Int32Array(buf, 8 * syncCount, syncCount);
  }

  /** Starts compiling another thread (the instruction budget is shared by all). */
  reset(p: ProcessInfo, threadIndex: number, threadName: string): void {
    this.p = p;
    this.threadIndex = threadIndex;
    this.threadName = threadName;
    this.codeLength = 0;
    this.events.length = 0;
    this.serial++;
  }

  /** The current thread's instructions, as a new array of their exact length. */
  takeCode(): Instr[] {
    return this.code.slice(0, this.codeLength);
  }

  /**
   * Takes one instruction from the budget for statement `span`; whether to
   * build it and `emit` it (never when the IR is not wanted). Past the
   * budget, the first statement that does not fit is reported. Asked before
   * the instruction is made, so that a check without IR allocates nothing.
   */
  private room(span: Span): boolean {
    return this.roomAt(span.start, span.end);
  }

  /** `room` for the statement from `start` to `end` (no span made unless reported). */
  private roomAt(start: number, end: number): boolean {
    if (this.left <= 0) {
      if (!this.reported) {
        this.reported = true;
        this.checker.report('overCap', { start, end }, ['the number of compiled statements', `${fmt(MAX_INSTRUCTIONS)} statements (MAX_INSTRUCTIONS)`, "use 'repeat' instead of writing statements out"]);
      }
      return false;
    }
    this.left--;
    return this.ir;
  }

  /** Appends `i` (which `room` let in) to the current thread's code; returns it. */
  private emit<I extends Instr>(i: I): I {
    this.code[this.codeLength++] = i;
    return i;
  }

  /** What `name` denotes in this thread's process: a sync object (its own, then the kernel's) or a thread. */
  private lookup(name: string): SyncInfo | ThreadInfo | undefined {
    return this.p.syncs.get(name) ?? this.kernel.get(name) ?? this.p.threads.get(name);
  }

  private resolve(name: Name): Resolved | null {
    const x = this.lookup(name.text);
    if (x === undefined) return null;
    return isSync(x) ? { kind: 'sync', sync: x } : { kind: 'thread', thread: x };
  }

  /** The sync object `name` denotes if it is one of `kinds`, else null (nothing reported). */
  private syncOfKind(name: string, kinds: readonly SyncKind[]): SyncInfo | null {
    const x = this.lookup(name);
    return x !== undefined && isSync(x) && kinds.includes(x.kind) ? x : null;
  }

  /** A sync object of one of `kinds` named by statement `s`, or null (reported). */
  private sync(s: Stmt, stmt: string, name: Name | null, kinds: readonly SyncKind[]): SyncInfo | null {
    if (!name) {
      this.checker.incomplete = true;
      return null;
    }
    // The common case, a sync object of the right kind, allocates nothing.
    const x = this.syncOfKind(name.text, kinds);
    if (x !== null) {
      this.checker.reference(name.span, x.decl);
      return x;
    }
    const r = this.resolve(name);
    const needs = `a ${orWords(kinds)}`;
    if (!r) {
      const candidates = [...this.p.syncs.values(), ...this.kernel.values()].filter((s) => kinds.includes(s.kind)).map((s) => s.name);
      this.checker.report('unknownName', name.span, [orWords(kinds), name.text, suggest(name.text, candidates), candidates], undefined, { name: name.text, kind: kinds[0] });
      return null;
    }
    this.checker.reference(name.span, r.kind === 'sync' ? r.sync.decl : r.thread.decl);
    const actual = r.kind === 'sync' ? r.sync.kind : 'thread';
    if (r.kind === 'thread' || !kinds.includes(r.sync.kind)) {
      this.checker.wrongKindRefs.add(name.span.start);
      this.checker.report('wrongKind', name.span, [stmt, needs, name.text, actual, kindHint(s, actual)]);
      return null;
    }
    return r.sync;
  }

  private thread(stmt: string, name: Name | null): ThreadInfo | null {
    if (!name) {
      this.checker.incomplete = true;
      return null;
    }
    const r = this.resolve(name);
    if (!r) {
      const candidates = [...this.p.threads.keys()];
      this.checker.report('unknownName', name.span, ['thread', name.text, suggest(name.text, candidates), candidates], undefined, { name: name.text, kind: 'thread' });
      return null;
    }
    if (r.kind === 'sync') {
      this.checker.reference(name.span, r.sync.decl);
      this.checker.report('wrongKind', name.span, [stmt, 'a thread of this process', name.text, r.sync.kind, '']);
      return null;
    }
    this.checker.reference(name.span, r.thread.decl);
    return r.thread;
  }

  private count(lit: { value: number | null; text: string; span: Span } | null, dflt: number, cap: number, what: string, capName: string): number {
    if (!lit) return dflt;
    if (lit.value === null) {
      this.checker.incomplete = true;
      return dflt;
    }
    if (lit.value > cap) {
      this.checker.report('overCap', lit.span, [`'${what}${lit.text}'`, `${fmt(cap)} (${capName})`, 'use a smaller count']);
      return dflt;
    }
    return lit.value;
  }

  block(b: Block, inForever: boolean): void {
    for (const s of b.stmts) this.stmt(s, inForever);
  }

  private closingBrace(b: Block): Span {
    const span = b.span;
    return { start: Math.max(span.start, span.end - 1), end: span.end };
  }

  /** The sync object kinds statement `s` may name (its registry entry's). */
  private kindsFor(s: SyncStmt): readonly SyncKind[] {
    return STATEMENT_BY_WORD.get(s.kind)?.of ?? [];
  }

  private stmt(s: Stmt, inForever: boolean): void {
    const span = s.span;
    const from = span.start;
    const to = span.end;
    switch (s.kind) {
      case 'yield':
        this.yieldAt(from, to);
        return;
      case 'lock': {
        const sy = this.sync(s, 'lock', s.target, this.kindsFor(s));
        const idx = this.syncOp('lock', sy, from, to, s.body !== null, inForever);
        if (s.body) {
          this.block(s.body, inForever);
          this.closeLock(idx, from, to, this.closingBrace(s.body));
        }
        return;
      }
      case 'unlock':
        this.syncOp('unlock', this.sync(s, 'unlock', s.target, this.kindsFor(s)), from, to, false, inForever);
        return;
      case 'spawn': {
        const t = this.thread('spawn', s.target);
        const n = this.count(s.count, 1, MAX_SPAWN_COUNT, '* ', 'MAX_SPAWN_COUNT');
        if (t) {
          if (!t.spawned) this.checker.report('spawnNotSpawned', s.target!.span, [t.name], undefined, { thread: t.name });
          this.spawnedSeen.add(t.index);
        }
        if (this.room(span)) this.emit({ op: 'spawn', thread: t?.index ?? -1, count: n, span });
        return;
      }
      case 'join': {
        const t = this.thread('join', s.target);
        if (t && t.index === this.threadIndex) this.checker.report('joinSelf', s.target!.span, [this.threadName]);
        if (this.room(span)) this.emit({ op: 'join', thread: t?.index ?? -1, span });
        return;
      }
      case 'repeat':
      case 'forever': {
        const n = s.kind === 'repeat' ? this.count(s.count, 0, MAX_REPEAT_COUNT, 'repeat ', 'MAX_REPEAT_COUNT') : null;
        if (s.kind === 'repeat' && !s.count) this.checker.incomplete = true;
        if (!s.body) {
          this.checker.incomplete = true;
          return;
        }
        const at = this.codeLength;
        const loop = this.openLoop(n, from, to);
        this.block(s.body, inForever || s.kind === 'forever');
        this.closeLoop(at, loop, from, to, this.closingBrace(s.body));
        return;
      }
      default:
        // The statements of the common shapes, whatever their keyword (language/registry.ts): a duration (`compute 5ms`)
        // or a sync object (`wait s`) is compiled to the instruction of the same name.
        if ('duration' in s) this.timed(s.kind, s.duration?.ns ?? null, from, to);
        else this.syncOp(s.kind, this.sync(s, s.kind, s.target, this.kindsFor(s)), from, to, false, inForever);
        return;
    }
  }

  // ---- emitters (a statement from `from` to `to`) ----

  /** `compute`/`syscall`/`io`/`sleep` of `ns` (null: the literal was invalid, reported by the parser). */
  private timed(op: TimedStatementWord, ns: number | null, from: number, to: number): void {
    if (ns === null) this.checker.incomplete = true;
    else if (this.roomAt(from, to)) this.emit({ op, ns, span: { start: from, end: to } });
  }

  private yieldAt(from: number, to: number): void {
    if (this.roomAt(from, to)) this.emit({ op: 'yield', span: { start: from, end: to } });
  }

  /**
   * `lock` (with a body: its opening, closed by `closeLock`), `unlock`, or
   * another statement naming `sy` (null: unresolved, already reported); records
   * explicit locks and unlocks for the lock warnings. Returns the sync
   * object's final index (-1 if unresolved).
   */
  private syncOp(op: SyncStatementWord, sy: SyncInfo | null, from: number, to: number, hasBody: boolean, inForever: boolean): number {
    const idx = sy ? this.syncIndex(sy.index) : -1;
    if (op === 'lock') {
      if (sy) this.lockedBy[idx] = this.serial;
      if (this.roomAt(from, to)) this.emit({ op: 'lock', sync: idx, span: { start: from, end: to } });
      if (!hasBody && sy) this.events.push({ op: 'lock', sync: idx, name: sy.name, span: { start: from, end: to }, inForever });
    } else if (op === 'unlock') {
      if (sy) this.events.push({ op: 'unlock', sync: idx, name: sy.name, span: { start: from, end: to }, inForever });
      if (this.roomAt(from, to)) this.emit({ op: 'unlock', sync: idx, implicit: false, span: { start: from, end: to } });
    } else if (this.roomAt(from, to)) this.emit({ op, sync: idx, span: { start: from, end: to } });
    return idx;
  }

  /** The implicit `unlock` at the closing brace `close` of a `lock` block. */
  private closeLock(idx: number, from: number, to: number, close: Span): void {
    if (this.roomAt(from, to)) this.emit({ op: 'unlock', sync: idx, implicit: true, span: close });
  }

  /** A loop's opening instruction (`count` null: forever), given its `end` by `closeLoop`; null when not emitted. */
  private openLoop(count: number | null, from: number, to: number): LoopBeingBuilt | null {
    return this.roomAt(from, to) ? this.emit<LoopBeingBuilt>({ op: 'loop', count, end: -1, span: { start: from, end: to } }) : null;
  }

  /** The loop's `next` at its closing brace `close`; `at` is where the loop instruction is (if the cap let it in, nothing follows it). */
  private closeLoop(at: number, loop: LoopBeingBuilt | null, from: number, to: number, close: Span): void {
    if (this.roomAt(from, to)) this.emit({ op: 'next', loop: at, span: close });
    if (loop) loop.end = this.codeLength;
  }

  /** `unlock` of a lock this thread never takes; a `lock` with no `unlock` after it (outside `forever`). */
  lockWarnings(): void {
    const events = this.events;
    if (events.length === 0) return;
    const serial = this.serial;
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      if (e.op === 'unlock') {
        this.lastUnlock[e.sync] = i;
        this.unlockedBy[e.sync] = serial;
      }
    }
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      if (e.op === 'unlock' && this.lockedBy[e.sync] !== serial) this.checker.report('unlockNeverLocked', e.span, [e.name]);
      if (e.op === 'lock' && !e.inForever && (this.unlockedBy[e.sync] === serial ? this.lastUnlock[e.sync] : -1) < i) this.checker.report('exitsHolding', e.span, [e.name]);
    }
  }
}
