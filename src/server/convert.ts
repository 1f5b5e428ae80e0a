/** Core spans, severities and diagnostics → LSP shapes. Nothing else converts positions. */
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type Range } from 'vscode-languageserver';
import type { Diagnostic, Severity } from '../core/diagnostic';
import type { Span } from '../core/syntax/ast';
import type { LineMap } from '../core/syntax/lineMap';

export function toRange(lines: LineMap, span: Span): Range {
  return { start: lines.position(span.start), end: lines.position(span.end) };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(d: Diagnostic, lines: LineMap, uri: string): LspDiagnostic {
  const out: LspDiagnostic = { range: toRange(lines, d.span), severity: SEVERITY[d.severity], code: d.code, source: 'lwp', message: d.message };
  if (d.related?.length) out.relatedInformation = d.related.map((r) => ({ location: { uri, range: toRange(lines, r.span) }, message: r.message }));
  if (d.data) out.data = d.data;
  return out;
}
