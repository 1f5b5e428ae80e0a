/** Hovers: threading concepts from the glossary, run results on names, durations in other units. */
import { MarkupKind, type Hover } from 'vscode-languageserver';
import { symbolAt, type SymbolDecl } from '../core/check/symbols';
import { findConcept, getConcept, renderConcept, type ConceptCategory } from '../core/concepts';
import type { Token } from '../core/syntax/scanner';
import { durationInAllUnits, formatDuration, parseDuration } from '../core/units';
import type { LastRunResult } from '../shared/lsp-protocol';
import type { Analysis } from './analysis';
import { toRange } from './convert';
import { locate, modelOf, type Location } from './locate';

export function tokenAt(tokens: readonly Token[], offset: number): Token | null {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid];
    if (t.end < offset) lo = mid + 1;
    else if (t.start > offset) hi = mid - 1;
    else {
      // At a boundary between two tokens prefer the one that starts here.
      const next = tokens[mid + 1];
      if (t.end === offset && next && next.start === offset && next.kind !== 'eof') return next;
      return t.kind === 'eof' ? null : t;
    }
  }
  return null;
}

/** The categories a word may mean where it stands, most fitting first. */
function categoriesAt(loc: Location): ConceptCategory[] {
  if (loc.expect) return ['metric', 'result'];
  if (loc.machineItem?.kind === 'costs') return ['cost', 'machine'];
  if (loc.machineItem?.kind === 'kernelScheduler') return ['kernel-policy', 'machine'];
  if (loc.inMachine) return ['machine', 'kernel-policy'];
  if (loc.processItem?.kind === 'userScheduler') return ['user-policy', 'option'];
  if (loc.threadHeader) return ['option', 'entity'];
  if (loc.thread) return ['statement', 'sync'];
  if (loc.process) return ['model', 'option', 'sync', 'entity'];
  return ['machine', 'entity', 'sync', 'model'];
}

export function hover(a: Analysis, offset: number, run: LastRunResult | null): Hover | null {
  const sym = symbolAt(a.symbols, offset);
  if (sym) return { contents: { kind: MarkupKind.Markdown, value: symbolHover(sym.decl, run) }, range: toRange(a.lines, sym.span) };
  const t = tokenAt(a.tokens(), offset);
  if (!t) return null;
  const range = toRange(a.lines, t);
  if (t.kind === 'duration' && t.text) {
    const d = parseDuration(t.text);
    if (!d.ok) return null;
    return { contents: { kind: MarkupKind.Markdown, value: `**${t.text}** = ${durationInAllUnits(d.ns)}` }, range };
  }
  if ((t.kind === 'word' || t.kind === 'model') && t.text) {
    const loc = locate(a.file, offset);
    const c = findConcept(t.text, categoriesAt(loc));
    if (!c) return null;
    const model = loc.process ? (a.scenario?.processes.find((p) => p.name === loc.process?.name?.text)?.model ?? modelOf(loc.process)) : undefined;
    let value = renderConcept(c, model);
    // `costs linux`: the keyword's hover also shows the preset it loads.
    const item = loc.machineItem;
    if (item?.kind === 'costs' && item.preset !== null && t.start === item.keyword.start) {
      const preset = getConcept(`preset:${item.preset.text}`);
      if (preset) value += '\n\n---\n\n' + renderConcept(preset, model);
    }
    return { contents: { kind: MarkupKind.Markdown, value }, range };
  }
  return null;
}

function symbolHover(d: SymbolDecl, run: LastRunResult | null): string {
  const head = `**${d.kind} ${d.container ? `${d.container}.` : ''}${d.name}**${d.detail ? ` \`${d.detail}\`` : ''}${d.scope === 'kernel' ? ' — a kernel object shared by all processes' : ''}`;
  const out = [head];
  const c = findConcept(d.kind === 'thread' ? 'thread' : d.kind, d.kind === 'thread' ? ['entity'] : d.kind === 'process' ? ['entity'] : ['sync']);
  if (c) out.push('', c.summary);
  if (run && (d.kind === 'thread' || d.kind === 'process')) out.push('', ...runLines(d, run));
  else if (!run && (d.kind === 'thread' || d.kind === 'process')) out.push('', '*No run yet: results appear here after the simulation.*');
  return out.join('\n');
}

const fmt = (ns: number | null): string => (ns === null ? 'never' : formatDuration(ns));

function runLines(d: SymbolDecl, run: LastRunResult): string[] {
  const status = `Last run (${run.status}${run.truncated ? ', stopped early' : ''}):`;
  if (d.kind === 'process') {
    const p = run.processes.find((x) => x.name === d.name);
    if (!p) return [];
    return [status, '', `finish ${fmt(p.finish)} · model ${p.model} · at most ${p.maxLwps} LWP${p.maxLwps === 1 ? '' : 's'}`];
  }
  const prefix = `${d.container}.${d.name}`;
  const rows = run.threads.filter((t) => t.id === prefix || t.id.startsWith(prefix + '#'));
  if (!rows.length) return [status, '', 'no instance ran'];
  const shown = rows.slice(0, 16);
  return [
    status,
    '',
    '| thread | finish | running | ready | blocked |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...shown.map((r) => `| ${r.id} | ${fmt(r.finish)} | ${fmt(r.running)} | ${fmt(r.ready)} | ${fmt(r.blocked)} |`),
    ...(rows.length > shown.length ? [`| … ${rows.length - shown.length} more | | | | |`] : []),
  ];
}

