/** Renders diagnostics as `line:col code message` (1-based), the form the tests assert on. */
import { analyze } from '../../src/core/analyze';
import type { Diagnostic } from '../../src/core/diagnostic';
import { LineMap } from '../../src/core/syntax/lineMap';

export function render(text: string, diagnostics: readonly Diagnostic[]): string[] {
  const map = new LineMap(text);
  return diagnostics.map((d) => {
    const p = map.position(d.span.start);
    return `${p.line + 1}:${p.character + 1} ${d.code} ${d.message}`;
  });
}

/** Every diagnostic of `text`, rendered. */
export function diagnose(text: string): string[] {
  return render(text, analyze(text).diagnostics);
}

/** Every diagnostic range lies inside the document and is not inverted. */
export function rangesInside(text: string, diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.every((d) => d.span.start >= 0 && d.span.end >= d.span.start && d.span.end <= text.length && (d.related ?? []).every((r) => r.span.start >= 0 && r.span.end >= r.span.start && r.span.end <= text.length));
}
