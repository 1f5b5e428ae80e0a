/** Completion that knows where the cursor is (see context.ts), documented from the glossary. */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver';
import type { SymbolDecl, SymbolKind } from '../core/check/symbols';
import { getConcept, renderConcept } from '../core/concepts';
import { COST_PRESETS } from '../core/language/costPresets';
import {
  AFTER,
  COSTS,
  FILE_ITEMS,
  KERNEL_POLICIES,
  LIBRARY_POLICIES,
  MACHINE_ITEMS,
  METRICS,
  MODEL_OPTIONS,
  MODELS,
  PROCESS_ITEMS,
  POLICY_PARAMS,
  STATEMENTS,
  STATUSES,
  SWITCH_VALUES,
  SYNC_KINDS,
  THREAD_FIELDS,
  THREAD_OPTIONS,
  type ModelName,
  type Word,
  type PolicyEntry,
} from '../core/language/registry';
import type { Analysis } from './analysis';
import { cursorContext, type CursorContext } from './context';
import { findProcess, modelOf, threadsOf } from './locate';

/** Completion's words per place, all from the language registry. */
const isSyncKind = (w: Word): boolean => SYNC_KINDS.some((s) => s.word === w.word);
/** At the top level: the file's own items first, then the kernel's sync objects. */
const TOP: readonly Word[] = [...FILE_ITEMS.filter((w) => !isSyncKind(w)), ...FILE_ITEMS.filter(isSyncKind)];
/** After `model`: each model's name, then each shorthand. */
const MODEL_WORDS: readonly Word[] = [
  ...MODELS.map((m): Word => ({ word: m.word, concept: m.concept, ...('snippet' in m ? { snippet: m.snippet } : {}) })),
  ...MODELS.map((m): Word => ({ word: m.shorthand, concept: m.concept, ...('shorthandSnippet' in m ? { snippet: m.shorthandSnippet } : {}) })),
];
const LWPS = MODEL_OPTIONS[0];
/** After `costs`: each preset, documented with its values and source (concept `preset:NAME`). */
const PRESET_WORDS: readonly Word[] = COST_PRESETS.map((p) => ({ word: p.word, concept: `preset:${p.word}` }));
/** After `handoff` (and `upcalls on`, `sigwaiting on`): the delay. */
const AFTER_WORD: Word = { ...AFTER, snippet: 'after ${1:1ms}' };

function keyword(w: Word, model?: ModelName): CompletionItem {
  const c = w.concept === null ? undefined : getConcept(w.concept);
  const item: CompletionItem = { label: w.word, kind: CompletionItemKind.Keyword };
  if (c) {
    item.detail = c.summary;
    item.documentation = { kind: MarkupKind.Markdown, value: renderConcept(c, model) };
  }
  if (w.snippet) {
    item.insertText = w.snippet;
    item.insertTextFormat = InsertTextFormat.Snippet;
  }
  return item;
}

/** Completion's kind of each symbol: sync objects of every kind are variables. */
function symbolItemKind(kind: SymbolKind): CompletionItemKind {
  return kind === 'process' ? CompletionItemKind.Module : kind === 'thread' ? CompletionItemKind.Function : CompletionItemKind.Variable;
}

function symbolItem(d: SymbolDecl): CompletionItem {
  return { label: d.name, kind: symbolItemKind(d.kind), detail: `${d.kind}${d.detail ? ' ' + d.detail : ''}${d.container ? ` in ${d.container}` : ' (kernel)'}` };
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

function processModel(a: Analysis, name: string | null): ModelName | undefined {
  return a.scenario?.processes.find((p) => p.name === name)?.model ?? modelOf(findProcess(a.file, name));
}

function itemsFor(a: Analysis, ctx: CursorContext): CompletionItem[] {
  const [head, ...rest] = ctx.item;
  const last = ctx.item[ctx.item.length - 1];
  const lastWord = last?.kind === 'word' ? last.text : last?.kind === 'compare' ? '<op>' : last?.kind === 'dot' ? '.' : undefined;
  const model = processModel(a, ctx.process);

  if (head?.text === 'expect' || head?.text === 'ask') return expectItems(a, ctx);
  switch (lastWord) {
    case 'model':
      return MODEL_WORDS.map((m) => keyword(m));
    case 'scheduler':
      return (ctx.block === 'machine' ? KERNEL_POLICIES : LIBRARY_POLICIES).map((p) => keyword(p));
    case 'upcalls':
    case 'sigwaiting':
      return SWITCH_VALUES.map((v) => ({ label: v, kind: CompletionItemKind.EnumMember }));
    case 'handoff':
      return [keyword(AFTER_WORD, model)];
    case 'costs':
      if (ctx.block === 'machine') return PRESET_WORDS.map((w) => ({ ...keyword(w), kind: CompletionItemKind.Constant }));
      break;
    default:
      break;
  }
  // `upcalls on |`: a delay may follow, or the next item.
  if (lastWord === 'on' && ctx.block === 'process' && (head?.text === 'upcalls' || head?.text === 'sigwaiting')) return [keyword(AFTER_WORD, model), ...PROCESS_ITEMS.map((w) => keyword(w, model))];
  // After a scheduler's policy: the durations it takes; after one of them, those not written yet, then the block's items.
  let durations: CompletionItem[] = [];
  if (head?.text === 'scheduler') {
    const policies: readonly PolicyEntry[] = ctx.block === 'machine' ? KERNEL_POLICIES : LIBRARY_POLICIES;
    const policy = policies.find((p) => rest.some((t) => t.kind === 'word' && t.text === p.word));
    if (policy !== undefined && (lastWord === policy.word || last?.kind === 'duration')) {
      durations = POLICY_PARAMS.filter((p) => policy.params.includes(p.word) && !rest.some((t) => t.text === p.word)).map((p) => keyword(p));
      if (lastWord === policy.word && durations.length > 0) return durations;
    }
  }
  const statement = STATEMENTS.find((s) => s.word === lastWord);
  if (statement !== undefined && statement.operand === 'sync') return visible(a, ctx.process, statement.of).map(symbolItem);
  if (statement !== undefined && statement.operand === 'thread') {
    const threads = visible(a, ctx.process, ['thread']);
    if (!statement.times) return threads.map(symbolItem);
    // `spawn` starts only threads declared `spawned`.
    const spawned = new Set(threadsOf(findProcess(a.file, ctx.process)).filter((t) => t.options.some((o) => o.kind === 'spawned')).map((t) => t.name?.text));
    return threads.filter((d) => spawned.has(d.name)).map(symbolItem);
  }
  if (MODELS.some((m) => m.pool && (lastWord === m.word || last?.text === m.shorthand))) return [keyword(LWPS)];
  switch (ctx.block) {
    case 'top':
      return rest.length === 0 ? TOP.map((w) => keyword(w)) : [];
    case 'machine':
      return [...durations, ...MACHINE_ITEMS.map((w) => keyword(w))];
    case 'costs':
      return COSTS.map((w) => keyword(w));
    case 'process':
      return [...durations, ...PROCESS_ITEMS.map((w) => keyword(w, model))];
    case 'thread-header':
      return THREAD_OPTIONS.map((w) => keyword(w, model));
    case 'body':
      return STATEMENTS.map((w) => keyword(w, model));
    default:
      return [];
  }
}

/** `expect |`, `expect p.|`, `expect p.t.|`, `expect status is |`. */
function expectItems(a: Analysis, ctx: CursorContext): CompletionItem[] {
  const toks = ctx.item.slice(1);
  const last = toks[toks.length - 1];
  if (last?.kind === 'word' && last.text === 'is') return STATUSES.map((w) => keyword(w));
  if (toks.length === 0)
    return [
      ...METRICS.map((m) => ({ ...keyword(m), kind: CompletionItemKind.Property })),
      ...a.symbols.decls.filter((d) => d.kind === 'process' && !d.duplicate).map(symbolItem),
    ];
  if (last?.kind !== 'dot') return [];
  const dots = toks.filter((t) => t.kind === 'dot').length;
  if (dots === 1) {
    const proc = toks[0]?.text ?? null;
    return a.symbols.decls.filter((d) => d.kind === 'thread' && d.container === proc && !d.duplicate).map(symbolItem);
  }
  if (dots === 2) return THREAD_FIELDS.map((f) => ({ ...keyword(f), kind: CompletionItemKind.Field }));
  return [];
}
