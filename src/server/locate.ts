/** Which declarations enclose an offset, from the AST (hover and code actions use it to pick a word's meaning). */
import type { ExpectDecl, LwpFile, MachineItem, ModelName, ProcessDecl, ProcessItem, Span, ThreadDecl } from '../core/syntax/ast';

export interface Location {
  readonly process: ProcessDecl | null;
  readonly machineItem: MachineItem | null;
  readonly inMachine: boolean;
  readonly processItem: ProcessItem | null;
  /** The thread whose header (before its body) holds the offset. */
  readonly threadHeader: ThreadDecl | null;
  readonly thread: ThreadDecl | null;
  readonly expect: ExpectDecl | null;
}

export const within = (s: Span | null | undefined, o: number): boolean => !!s && o >= s.start && o <= s.end;

export function locate(file: LwpFile, offset: number): Location {
  let loc: { -readonly [K in keyof Location]: Location[K] } = { process: null, machineItem: null, inMachine: false, processItem: null, threadHeader: null, thread: null, expect: null };
  for (const item of file.items) {
    if (!within(item.span, offset)) continue;
    if (item.kind === 'machine') {
      loc = { ...loc, inMachine: true, machineItem: item.items.find((m) => within(m.span, offset)) ?? null };
    } else if (item.kind === 'process') {
      const pi = item.items.find((p) => within(p.span, offset)) ?? null;
      loc = { ...loc, process: item, processItem: pi };
      if (pi?.kind === 'thread') {
        loc.thread = pi;
        if (!pi.body || offset < pi.body.span.start) loc.threadHeader = pi;
      }
    } else if (item.kind === 'expect') loc.expect = item;
  }
  return loc;
}

/** The model a process declares (one-to-one when it declares none, as the checker defaults). */
export function modelOf(p: ProcessDecl | null): ModelName | undefined {
  if (!p) return undefined;
  for (const it of p.items) if (it.kind === 'model' && it.model) return it.model.text;
  return 'one-to-one';
}

export function findProcess(file: LwpFile, name: string | null): ProcessDecl | null {
  if (name === null) return null;
  for (const it of file.items) if (it.kind === 'process' && it.name?.text === name) return it;
  return null;
}

export function threadsOf(p: ProcessDecl | null): ThreadDecl[] {
  return p ? p.items.filter((i): i is ThreadDecl => i.kind === 'thread') : [];
}
