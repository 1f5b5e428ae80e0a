/** Quick fixes for the common diagnostics, keyed on the diagnostic's `data.key` (the row of core/diagnostics/codes.ts). */
import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic, type TextEdit } from 'vscode-languageserver';
import { suggest } from '../core/diagnostics/suggest';
import type { ProcessDecl } from '../core/syntax/ast';
import type { Analysis } from './analysis';
import { toRange } from './convert';
import { locate, threadsOf } from './locate';

type Data = Readonly<Record<string, string | number | boolean>>;

function dataOf(d: LspDiagnostic): Data {
  return d.data !== null && typeof d.data === 'object' ? (d.data as Data) : {};
}

function fix(a: Analysis, title: string, diagnostic: LspDiagnostic, edits: TextEdit[], preferred = false): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: preferred, edit: { changes: { [a.uri]: edits } } };
}

/** Indentation of the line holding `offset`. */
function indentAt(a: Analysis, offset: number): string {
  const start = a.lines.lineStart(a.lines.position(offset).line);
  return /^[ \t]*/.exec(a.text.slice(start, start + 200))![0];
}

/** Insert a new line `text` into a process, after its model line if any, else as its first item. */
function insertIntoProcess(a: Analysis, p: ProcessDecl, text: string, afterModel: boolean): TextEdit | null {
  if (!p.body) return null;
  const anchor = (afterModel ? p.items.find((i) => i.kind === 'model') : undefined) ?? p.items.find((i) => i.kind === 'thread');
  if (anchor) {
    const indent = indentAt(a, anchor.span.start);
    if (afterModel && anchor.kind === 'model') {
      const pos = a.lines.position(anchor.span.end);
      const eol = a.lines.offsetAt(pos.line, Number.MAX_SAFE_INTEGER);
      return { range: toRange(a.lines, { start: eol, end: eol }), newText: `\n${indent}${text}` };
    }
    const lineStart = a.lines.lineStart(a.lines.position(anchor.span.start).line);
    return { range: toRange(a.lines, { start: lineStart, end: lineStart }), newText: `${indent}${text}\n` };
  }
  const at = p.body.start + 1;
  return { range: toRange(a.lines, { start: at, end: at }), newText: `\n  ${text}` };
}

export function codeActions(a: Analysis, diagnostics: readonly LspDiagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    const data = dataOf(d);
    const key = data['key'];
    const start = a.lines.offsetAt(d.range.start.line, d.range.start.character);
    const end = a.lines.offsetAt(d.range.end.line, d.range.end.character);
    const loc = locate(a.file, start);
    // Every "did you mean": the suggestion (data.suggestion, set by makeDiagnostic) replaces the misspelt word.
    // unknownName finds its own below, among the names in scope.
    const suggestion = data['suggestion'];
    if (typeof suggestion === 'string' && key !== 'unknownName') out.push(fix(a, `Change to '${suggestion}'`, d, [{ range: d.range, newText: suggestion }], true));
    switch (key) {
      case 'spawnNotSpawned': {
        const t = threadsOf(loc.process).find((x) => x.name?.text === data['thread']);
        if (!t?.name) break;
        const after = [t.name.span, t.count?.span, ...t.options.map((o) => o.span)].filter((s) => !!s).reduce((m, s) => (s.end > m ? s.end : m), 0);
        out.push(fix(a, `Declare '${t.name.text}' as 'spawned'`, d, [{ range: toRange(a.lines, { start: after, end: after }), newText: ' spawned' }], true));
        break;
      }
      case 'maxWithoutSigwaiting':
      case 'deadlocked': {
        if (!loc.process) break;
        if (key === 'deadlocked' && (data['kind'] !== 'lwp' || loc.process.items.some((i) => i.kind === 'sigwaiting' && i.value?.text === 'on'))) break;
        // `handoff` excludes `sigwaiting on` (LWP3031): the fix would be an error.
        if (loc.process.items.some((i) => i.kind === 'handoff')) break;
        const e = insertIntoProcess(a, loc.process, 'sigwaiting on', true);
        if (e) out.push(fix(a, "Add 'sigwaiting on' (grow the LWP pool when every LWP is blocked)", d, [e], true));
        break;
      }
      case 'unknownName': {
        const name = String(data['name'] ?? '');
        const kind = String(data['kind'] ?? '');
        if (!name || !loc.process) break;
        const candidates = a.symbols.decls
          .filter((s) => (kind === 'thread' ? s.kind === 'thread' : s.kind !== 'thread' && s.kind !== 'process') && (s.container === loc.process?.name?.text || s.scope === 'kernel'))
          .map((s) => s.name);
        const better = suggest(name, candidates);
        if (better) out.push(fix(a, `Change to '${better}'`, d, [{ range: d.range, newText: better }], true));
        if (kind === 'mutex' || kind === 'semaphore') {
          const e = insertIntoProcess(a, loc.process, `${kind} ${name}`, false);
          if (e) out.push(fix(a, `Declare ${kind} '${name}' in process ${loc.process.name?.text ?? ''}`, d, [e], !better));
        }
        break;
      }
      case 'durationNeedsUnit': {
        const units = ['ms', 'us', 'ns', 's'];
        units.forEach((u, i) => out.push(fix(a, `Add the unit: '${a.text.slice(start, end)}${u}'`, d, [{ range: toRange(a.lines, { start: end, end }), newText: u }], i === 0)));
        break;
      }
      default:
        break;
    }
  }
  return out;
}
