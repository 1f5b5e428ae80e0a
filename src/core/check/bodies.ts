/**
 * Thread bodies: resolves every name in a statement (recording references),
 * checks kinds, spawn/join rules and the static lock warnings, and compiles
 * the body into the flat instruction list documented in ./ir.ts.
 */
import { suggest } from '../diagnostics/suggest';
import { MAX_INSTRUCTIONS, MAX_REPEAT_COUNT, MAX_SPAWN_COUNT } from '../limits';
import type { Block, Name, Span, Stmt, SyncKind } from '../syntax/ast';
import type { ProcessInfo } from './check';
import { fmt, type CheckContext, type Resolved, type SyncInfo } from './context';
import type { Instr } from './ir';

/** Per process index, per thread index: the compiled body. */
export function compileThreads(cx: CheckContext, processes: readonly ProcessInfo[], kernel: Map<string, SyncInfo>, syncIndex: (i: number) => number): Map<number, Instr[][]> {
  const out = new Map<number, Instr[][]>();
  const spawnedSeen = new Set<string>();
  const budget = { left: MAX_INSTRUCTIONS, reported: false };
  for (const p of processes) {
    const codes: Instr[][] = [];
    for (const t of p.threadDecls) {
      const info = p.threads.get(t.name!.text)!;
      const c = new BodyCompiler(cx, p, kernel, syncIndex, info.index, t.name!.text, spawnedSeen, budget);
      if (t.body) c.block(t.body, false);
      else cx.incomplete = true;
      c.lockWarnings();
      codes.push(c.code);
    }
    out.set(p.index, codes);
    for (const t of p.threads.values()) {
      if (t.spawned && !spawnedSeen.has(`${p.index}:${t.index}`)) {
        const d = cx.decls[t.decl];
        cx.report('neverSpawned', d.nameSpan, [t.name]);
      }
    }
  }
  return out;
}

const LOCKABLE: readonly SyncKind[] = ['mutex', 'spinlock'];

interface LockEvent {
  readonly op: 'lock' | 'unlock';
  readonly sync: number;
  readonly name: string;
  readonly span: Span;
  readonly inForever: boolean;
}

class BodyCompiler {
  readonly code: Instr[] = [];
  /** Explicit `lock` / `unlock` statements in source order, for the static lock warnings. */
  private readonly events: LockEvent[] = [];
  /** Syncs this thread locks anywhere (explicitly or with a body). */
  private readonly locked = new Set<number>();

  constructor(
    private readonly cx: CheckContext,
    private readonly p: ProcessInfo,
    private readonly kernel: Map<string, SyncInfo>,
    private readonly syncIndex: (i: number) => number,
    private readonly threadIndex: number,
    private readonly threadName: string,
    private readonly spawnedSeen: Set<string>,
    private readonly budget: { left: number; reported: boolean },
  ) {}

  private emit(i: Instr, span: Span): void {
    if (this.budget.left <= 0) {
      if (!this.budget.reported) {
        this.budget.reported = true;
        this.cx.report('overCap', span, ['the number of compiled statements', `${fmt(MAX_INSTRUCTIONS)} statements (MAX_INSTRUCTIONS)`, 'use `repeat` instead of writing statements out']);
      }
      return;
    }
    this.budget.left--;
    this.code.push(i);
  }

  private resolve(name: Name): Resolved | null {
    const s = this.p.syncs.get(name.text) ?? this.kernel.get(name.text);
    if (s) return { kind: 'sync', sync: s };
    const t = this.p.threads.get(name.text);
    if (t) return { kind: 'thread', thread: t };
    return null;
  }

  /** A sync object of one of `kinds`, or null (reported). */
  private sync(stmt: string, name: Name | null, kinds: readonly SyncKind[], hint: (actual: string) => string): SyncInfo | null {
    if (!name) {
      this.cx.incomplete = true;
      return null;
    }
    const r = this.resolve(name);
    const needs = kinds.length === 1 ? `a ${kinds[0]}` : 'a mutex or spinlock';
    if (!r) {
      const candidates = [...this.p.syncs.values(), ...this.kernel.values()].filter((s) => kinds.includes(s.kind)).map((s) => s.name);
      this.cx.report('unknownName', name.span, [kinds.length === 1 ? kinds[0] : 'mutex or spinlock', name.text, suggest(name.text, candidates), candidates], undefined, { name: name.text, kind: kinds[0] });
      return null;
    }
    this.cx.reference(name.span, r.kind === 'sync' ? r.sync.decl : r.thread.decl);
    const actual = r.kind === 'sync' ? r.sync.kind : 'thread';
    if (r.kind === 'thread' || !kinds.includes(r.sync.kind)) {
      this.cx.report('wrongKind', name.span, [stmt, needs, name.text, actual, hint(actual)]);
      return null;
    }
    return r.sync;
  }

  private thread(stmt: string, name: Name | null): { index: number; spawned: boolean; name: string } | null {
    if (!name) {
      this.cx.incomplete = true;
      return null;
    }
    const r = this.resolve(name);
    if (!r) {
      const candidates = [...this.p.threads.keys()];
      this.cx.report('unknownName', name.span, ['thread', name.text, suggest(name.text, candidates), candidates], undefined, { name: name.text, kind: 'thread' });
      return null;
    }
    if (r.kind === 'sync') {
      this.cx.reference(name.span, r.sync.decl);
      this.cx.report('wrongKind', name.span, [stmt, 'a thread of this process', name.text, r.sync.kind, '']);
      return null;
    }
    this.cx.reference(name.span, r.thread.decl);
    return { index: r.thread.index, spawned: r.thread.spawned, name: r.thread.name };
  }

  private count(lit: { value: number | null; text: string; span: Span } | null, dflt: number, cap: number, what: string, capName: string): number {
    if (!lit) return dflt;
    if (lit.value === null) {
      this.cx.incomplete = true;
      return dflt;
    }
    if (lit.value > cap) {
      this.cx.report('overCap', lit.span, [`\`${what}${lit.text}\``, `${fmt(cap)} (${capName})`, 'use a smaller count']);
      return dflt;
    }
    return lit.value;
  }

  block(b: Block, inForever: boolean): void {
    for (const s of b.stmts) this.stmt(s, inForever);
  }

  private closingBrace(b: Block): Span {
    return { start: Math.max(b.span.start, b.span.end - 1), end: b.span.end };
  }

  private stmt(s: Stmt, inForever: boolean): void {
    switch (s.kind) {
      case 'compute':
      case 'syscall':
      case 'io':
      case 'sleep':
        if (s.duration?.ns == null) this.cx.incomplete = true;
        else this.emit({ op: s.kind, ns: s.duration.ns, span: s.span }, s.span);
        return;
      case 'yield':
        this.emit({ op: 'yield', span: s.span }, s.span);
        return;
      case 'lock': {
        const sy = this.sync('lock', s.target, LOCKABLE, (actual) =>
          actual === 'semaphore' ? (s.body ? `a semaphore has no owner to lock it: write \`wait ${s.target!.text}\` before the block and \`post ${s.target!.text}\` after it` : `use \`wait ${s.target!.text}\` and \`post ${s.target!.text}\``) : '',
        );
        const idx = sy ? this.syncIndex(sy.index) : -1;
        if (sy) this.locked.add(idx);
        this.emit({ op: 'lock', sync: idx, span: s.span }, s.span);
        if (s.body) {
          this.block(s.body, inForever);
          this.emit({ op: 'unlock', sync: idx, implicit: true, span: this.closingBrace(s.body) }, s.span);
        } else if (sy) this.events.push({ op: 'lock', sync: idx, name: sy.name, span: s.span, inForever });
        return;
      }
      case 'unlock': {
        const sy = this.sync('unlock', s.target, LOCKABLE, (actual) => (actual === 'semaphore' ? `use \`post ${s.target!.text}\`` : ''));
        const idx = sy ? this.syncIndex(sy.index) : -1;
        if (sy) this.events.push({ op: 'unlock', sync: idx, name: sy.name, span: s.span, inForever });
        this.emit({ op: 'unlock', sync: idx, implicit: false, span: s.span }, s.span);
        return;
      }
      case 'wait':
      case 'post': {
        const sy = this.sync(s.kind, s.target, ['semaphore'], (actual) => (actual === 'thread' ? '' : `use \`${s.kind === 'wait' ? 'lock' : 'unlock'} ${s.target!.text}\``));
        this.emit({ op: s.kind, sync: sy ? this.syncIndex(sy.index) : -1, span: s.span }, s.span);
        return;
      }
      case 'spawn': {
        const t = this.thread('spawn', s.target);
        const n = this.count(s.count, 1, MAX_SPAWN_COUNT, '* ', 'MAX_SPAWN_COUNT');
        if (t) {
          if (!t.spawned) this.cx.report('spawnNotSpawned', s.target!.span, [t.name], undefined, { thread: t.name });
          this.spawnedSeen.add(`${this.p.index}:${t.index}`);
        }
        this.emit({ op: 'spawn', thread: t?.index ?? -1, count: n, span: s.span }, s.span);
        return;
      }
      case 'join': {
        const t = this.thread('join', s.target);
        if (t && t.index === this.threadIndex) this.cx.report('joinSelf', s.target!.span, [this.threadName]);
        this.emit({ op: 'join', thread: t?.index ?? -1, span: s.span }, s.span);
        return;
      }
      case 'repeat':
      case 'forever': {
        const n = s.kind === 'repeat' ? this.count(s.count, 0, MAX_REPEAT_COUNT, 'repeat ', 'MAX_REPEAT_COUNT') : null;
        if (s.kind === 'repeat' && !s.count) this.cx.incomplete = true;
        if (!s.body) {
          this.cx.incomplete = true;
          return;
        }
        const at = this.code.length;
        this.emit({ op: 'loop', count: n, end: -1, span: s.span }, s.span);
        this.block(s.body, inForever || s.kind === 'forever');
        this.emit({ op: 'next', loop: at, span: this.closingBrace(s.body) }, s.span);
        if (this.code[at]) this.code[at] = { op: 'loop', count: n, end: this.code.length, span: s.span };
        return;
      }
    }
  }

  /** `unlock` of a lock this thread never takes; a `lock` with no `unlock` after it (outside `forever`). */
  lockWarnings(): void {
    const lastUnlock = new Map<number, number>();
    this.events.forEach((e, i) => {
      if (e.op === 'unlock') lastUnlock.set(e.sync, i);
    });
    this.events.forEach((e, i) => {
      if (e.op === 'unlock' && !this.locked.has(e.sync)) this.cx.report('unlockNeverLocked', e.span, [e.name]);
      if (e.op === 'lock' && !e.inForever && (lastUnlock.get(e.sync) ?? -1) < i) this.cx.report('exitsHolding', e.span, [e.name]);
    });
  }
}
