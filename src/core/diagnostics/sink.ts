/**
 * Where the front end (scanner, parser, checker) puts its diagnostics. A file
 * of four million stray `}` has four million of them; only the first
 * MAX_DIAGNOSTICS_PER_FILE by position are ever shown (cap.ts), so the sink
 * stores those — and the first error, which the cap shows when none of them
 * is an error — and only counts the rest, by severity. Exact whatever the
 * order of reports: every diagnostic it drops has at least `keep` stored ones
 * before it. A reporter asks `skip` first, so that a diagnostic past the cut
 * is not even built.
 */
import type { Diagnostic, Severity } from '../diagnostic';
import { MAX_DIAGNOSTICS_PER_FILE } from './cap';

/** Diagnostics counted but not stored, by severity. */
export interface OmittedDiagnostics {
  total: number;
  error: number;
  warning: number;
  info: number;
  hint: number;
}

export function noneOmitted(): OmittedDiagnostics {
  return { total: 0, error: 0, warning: 0, info: 0, hint: 0 };
}

export class DiagnosticSink {
  private items: Diagnostic[] = [];
  /** Once `keep` are stored: the start of the last of the first `keep` by position; a later start is only counted. */
  private threshold = Infinity;
  private firstError: Diagnostic | null = null;
  private blocking = 0;
  private listed = false;
  readonly omitted: OmittedDiagnostics = noneOmitted();

  constructor(private readonly keep: number = MAX_DIAGNOSTICS_PER_FILE) {}

  get hasError(): boolean {
    return this.firstError !== null;
  }

  /** An error that stops the run: any error but those that drop only their own expectation; an omitted error counts (it was never looked at). */
  get hasBlockingError(): boolean {
    return this.blocking > 0;
  }

  /** True when a diagnostic at `start` would not be stored: it is counted as omitted, and the caller need not build it. */
  skip(start: number, severity: Severity): boolean {
    if (start <= this.threshold) return false;
    if (severity === 'error' && (this.firstError === null || start <= this.firstError.span.start)) return false;
    if (severity === 'error') this.blocking++;
    this.count(severity);
    return true;
  }

  push(d: Diagnostic): void {
    if (d.severity === 'error' && d.data?.['expectationOnly'] !== true) this.blocking++;
    if (d.severity === 'error' && (this.firstError === null || byPosition(d, this.firstError) < 0)) this.firstError = d;
    if (d.span.start > this.threshold) {
      this.count(d.severity);
      return;
    }
    this.items.push(d);
    if (this.items.length >= 2 * this.keep) this.trim();
  }

  /** The stored diagnostics by position: the first `keep`, then the first error if it is not among them. */
  list(): Diagnostic[] {
    if (this.listed) return this.items;
    this.listed = true;
    if (this.items.length > this.keep) this.trim();
    else this.items.sort(byPosition);
    const e = this.firstError;
    if (e !== null && this.items.length === this.keep && !this.items.includes(e)) {
      // It was counted when dropped: stored after all, it is no longer omitted.
      this.items.push(e);
      this.omitted.total--;
      this.omitted[e.severity]--;
    }
    return this.items;
  }

  private trim(): void {
    const items = this.items.sort(byPosition);
    for (let i = this.keep; i < items.length; i++) this.count(items[i].severity);
    items.length = this.keep;
    this.threshold = items[this.keep - 1].span.start;
  }

  private count(severity: Severity): void {
    this.omitted.total++;
    this.omitted[severity]++;
  }
}

export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code);
}
