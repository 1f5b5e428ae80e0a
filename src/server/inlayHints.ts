/** After a run, each thread's finish time at the end of its declaration header. */
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver';
import { formatDuration } from '../core/units';
import type { LastRunResult } from '../shared/lsp-protocol';
import type { Analysis } from './analysis';

export function inlayHints(a: Analysis, run: LastRunResult, range: Range): InlayHint[] {
  const out: InlayHint[] = [];
  for (const item of a.file.items) {
    if (item.kind !== 'process' || !item.name) continue;
    for (const t of item.items) {
      if (t.kind !== 'thread' || !t.name) continue;
      const prefix = `${item.name.text}.${t.name.text}`;
      const rows = run.threads.filter((r) => r.id === prefix || r.id.startsWith(prefix + '#'));
      if (!rows.length) continue;
      const anchor = t.body ? t.body.span.start : t.name.span.end;
      const pos = a.lines.position(anchor);
      if (pos.line < range.start.line || pos.line > range.end.line) continue;
      const finishes = rows.map((r) => r.finish);
      const label = finishes.some((f) => f === null)
        ? `${finishes.filter((f) => f === null).length} of ${rows.length} never finish${rows.length === 1 ? 'es' : ''}`
        : rows.length === 1
          ? `finishes ${formatDuration(finishes[0]!)}`
          : `finish ${formatDuration(Math.min(...(finishes as number[])))}–${formatDuration(Math.max(...(finishes as number[])))}`;
      out.push({ position: pos, label: `${label} `, kind: InlayHintKind.Type, paddingRight: true, tooltip: run.truncated ? 'From the diagnostics run, stopped early.' : `From the last run (${run.status}).` });
    }
  }
  return out;
}
