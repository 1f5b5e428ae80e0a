/** Completion that knows where the cursor is (see context.ts), documented from the glossary. */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver/node';
import { METRIC_NAMES, THREAD_FIELDS } from '../core/check/ir';
import type { SymbolDecl, SymbolKind } from '../core/check/symbols';
import { findConcept, renderConcept, type ConceptCategory } from '../core/concepts';
import { COST_NAMES } from '../core/syntax/ast';
import type { Analysis } from './analysis';
import { cursorContext, type CursorContext } from './context';
import { findProcess, modelOf, threadsOf } from './locate';

const TOP = ['scenario', 'machine', 'process', 'expect', 'mutex', 'spinlock', 'semaphore'];
const MACHINE = ['cpus', 'scheduler', 'costs', 'limit'];
const PROCESS = ['model', 'upcalls', 'sigwaiting', 'scheduler', 'mutex', 'spinlock', 'semaphore', 'thread'];
const STATEMENTS = ['compute', 'syscall', 'io', 'sleep', 'yield', 'lock', 'unlock', 'wait', 'post', 'spawn', 'join', 'repeat', 'forever'];
const THREAD_OPTIONS = ['bound', 'priority', 'start', 'spawned'];
const MODELS = ['one-to-one', 'many-to-one', 'many-to-many', '1:1', 'N:1', 'M:N'];
const STATUS = ['completed', 'deadlock', 'limit'];

/** Snippet bodies for the words that are always followed by something. */
const SNIPPETS: Record<string, string> = {
  compute: 'compute ${1:1ms}',
  syscall: 'syscall ${1:10us}',
  io: 'io ${1:4ms}',
  sleep: 'sleep ${1:5ms}',
  repeat: 'repeat ${1:3} {\n\t$0\n}',
  forever: 'forever {\n\t$0\n}',
  thread: 'thread ${1:worker} {\n\t$0\n}',
  process: 'process ${1:name} {\n\tmodel ${2:one-to-one}\n\t$0\n}',
  machine: 'machine {\n\tcpus ${1:2}\n\t$0\n}',
  costs: 'costs { $0 }',
  cpus: 'cpus ${1:2}',
  limit: 'limit ${1:1s}',
  scenario: 'scenario "${1:title}"',
  'many-to-many': 'many-to-many lwps ${1:2}',
  'M:N': 'M:N lwps ${1:2}',
};

function keyword(word: string, prefer: readonly ConceptCategory[], model?: Parameters<typeof renderConcept>[1]): CompletionItem {
  const c = findConcept(word, prefer);
  const item: CompletionItem = { label: word, kind: CompletionItemKind.Keyword };
  if (c) {
    item.detail = c.summary;
    item.documentation = { kind: MarkupKind.Markdown, value: renderConcept(c, model) };
  }
  const snippet = SNIPPETS[word];
  if (snippet) {
    item.insertText = snippet;
    item.insertTextFormat = InsertTextFormat.Snippet;
  }
  return item;
}

const SYMBOL_KIND: Record<SymbolKind, CompletionItemKind> = {
  process: CompletionItemKind.Module,
  thread: CompletionItemKind.Function,
  mutex: CompletionItemKind.Variable,
  spinlock: CompletionItemKind.Variable,
  semaphore: CompletionItemKind.Variable,
};

function symbolItem(d: SymbolDecl): CompletionItem {
  return { label: d.name, kind: SYMBOL_KIND[d.kind], detail: `${d.kind}${d.detail ? ' ' + d.detail : ''}${d.container ? ` in ${d.container}` : ' (kernel)'}` };
}

/** Declarations visible from a process: its own threads or sync objects, plus kernel sync objects. */
function visible(a: Analysis, process: string | null, kinds: readonly SymbolKind[]): SymbolDecl[] {
  return a.symbols.decls.filter((d) => !d.duplicate && kinds.includes(d.kind) && (d.scope === 'kernel' || (d.scope === 'process' && d.container === process)));
}

export function complete(a: Analysis, offset: number): CompletionItem[] {
  const ctx = cursorContext(a.tokens(), offset);
  if (ctx.inTrivia) return [];
  return itemsFor(a, ctx);
}

function processModel(a: Analysis, name: string | null): 'one-to-one' | 'many-to-one' | 'many-to-many' | undefined {
  return a.scenario?.processes.find((p) => p.name === name)?.model ?? modelOf(findProcess(a.file, name));
}

function itemsFor(a: Analysis, ctx: CursorContext): CompletionItem[] {
  const [head, ...rest] = ctx.item;
  const last = ctx.item[ctx.item.length - 1];
  const lastWord = last?.kind === 'word' ? last.text : last?.kind === 'compare' ? '<op>' : last?.kind === 'dot' ? '.' : undefined;
  const model = processModel(a, ctx.process);

  if (head?.text === 'expect') return expectItems(a, ctx);
  switch (lastWord) {
    case 'model':
      return MODELS.map((m) => keyword(m, ['model']));
    case 'scheduler':
      return ['round-robin', 'fifo', 'priority'].map((p) => keyword(p, ctx.block === 'machine' ? ['kernel-policy'] : ['user-policy']));
    case 'round-robin':
    case 'priority':
      if (head?.text === 'scheduler') return [keyword('quantum', ['machine'])];
      break;
    case 'upcalls':
    case 'sigwaiting':
      return [
        { label: 'on', kind: CompletionItemKind.EnumMember },
        { label: 'off', kind: CompletionItemKind.EnumMember },
      ];
    case 'lock':
    case 'unlock':
      return visible(a, ctx.process, ['mutex', 'spinlock']).map(symbolItem);
    case 'wait':
    case 'post':
      return visible(a, ctx.process, ['semaphore']).map(symbolItem);
    case 'spawn':
    {
      const spawned = new Set(threadsOf(findProcess(a.file, ctx.process)).filter((t) => t.options.some((o) => o.kind === 'spawned')).map((t) => t.name?.text));
      return visible(a, ctx.process, ['thread']).filter((d) => spawned.has(d.name)).map(symbolItem);
    }
    case 'join':
      return visible(a, ctx.process, ['thread']).map(symbolItem);
    default:
      break;
  }
  if (lastWord === 'many-to-many' || last?.text === 'M:N') return [keyword('lwps', ['option'])];
  switch (ctx.block) {
    case 'top':
      return rest.length === 0 ? TOP.map((w) => keyword(w, ['machine', 'entity', 'sync'])) : [];
    case 'machine':
      return MACHINE.map((w) => keyword(w, ['machine']));
    case 'costs':
      return COST_NAMES.map((w) => keyword(w, ['cost']));
    case 'process':
      return PROCESS.map((w) => keyword(w, ['option', 'entity', 'sync'], model));
    case 'thread-header':
      return THREAD_OPTIONS.map((w) => keyword(w, ['option'], model));
    case 'body':
      return STATEMENTS.map((w) => keyword(w, ['statement'], model));
    default:
      return [];
  }
}

/** `expect |`, `expect p.|`, `expect p.t.|`, `expect status is |`. */
function expectItems(a: Analysis, ctx: CursorContext): CompletionItem[] {
  const toks = ctx.item.slice(1);
  const last = toks[toks.length - 1];
  if (last?.kind === 'word' && last.text === 'is') return STATUS.map((w) => keyword(w, ['result']));
  if (toks.length === 0)
    return [
      ...METRIC_NAMES.map((m) => ({ ...keyword(m, ['metric']), kind: CompletionItemKind.Property })),
      ...a.symbols.decls.filter((d) => d.kind === 'process' && !d.duplicate).map(symbolItem),
    ];
  if (last?.kind !== 'dot') return [];
  const dots = toks.filter((t) => t.kind === 'dot').length;
  if (dots === 1) {
    const proc = toks[0]?.text ?? null;
    return a.symbols.decls.filter((d) => d.kind === 'thread' && d.container === proc && !d.duplicate).map(symbolItem);
  }
  if (dots === 2) return THREAD_FIELDS.map((f) => ({ ...keyword(f, ['metric']), kind: CompletionItemKind.Field }));
  return [];
}
