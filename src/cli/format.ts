/**
 * What `lwp run`, `compare` and `test` share: reading and checking a file,
 * printing diagnostics the way `lwp check` does, the JSON shape of a run
 * (LANGUAGE.md §10/§12) and the text summary.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../core/analyze';
import type { Scenario } from '../core/check/ir';
import type { Diagnostic } from '../core/diagnostic';
import { capDiagnostics } from '../core/diagnostics/cap';
import { makeDiagnostic } from '../core/diagnostics/codes';
import { threadRows, type RunResult, type StuckThread } from '../core/sim/result';
import { formatNumber } from '../core/sim/expect';
import type { ModelName, Span } from '../core/syntax/ast';
import { LineMap } from '../core/syntax/lineMap';
import { formatDuration } from '../core/units';
import type { CliIO } from './io';
import { readSourceBounded, tooLargeMessage } from './source';

export interface Loaded {
  readonly file: string;
  readonly text: string;
  readonly lines: LineMap;
  /** null when the file has errors (already printed). */
  readonly scenario: Scenario | null;
  readonly diagnostics: readonly Diagnostic[];
}

/** `file:line:col` of an offset, 1-based. */
export function where(file: string, lines: LineMap, offset: number): string {
  const p = lines.position(offset);
  return `${file}:${p.line + 1}:${p.character + 1}`;
}

export function diagnosticLine(file: string, lines: LineMap, d: Diagnostic): string {
  return `${where(file, lines, d.span.start)}: ${d.severity}: ${d.message}`;
}

/** Reads and analyzes a file; prints its errors and warnings to `print` (at most MAX_DIAGNOSTICS_PER_FILE). Returns null if unreadable (reported). */
export function loadFile(file: string, io: CliIO, cmd: string, print: (text: string) => void): Loaded | null {
  let read;
  try {
    read = readSourceBounded(file);
  } catch (e) {
    io.stderr(`lwp ${cmd}: cannot read ${file}: ${errorReason(e)}\n`);
    return null;
  }
  if (read.kind === 'tooLarge') {
    // The same positioned LWP3030 as `lwp check`: the file has an error, nothing is simulated.
    const lines = new LineMap('');
    const d = makeDiagnostic('tooLarge', { start: 0, end: 0 }, ['', '']);
    const diagnostic = { ...d, message: tooLargeMessage(read) };
    print(diagnosticLine(file, lines, diagnostic) + '\n');
    return { file, text: '', lines, scenario: null, diagnostics: [diagnostic] };
  }
  const text = read.text;
  const a = analyze(text);
  const lines = new LineMap(text);
  for (const d of capDiagnostics(a.diagnostics, undefined, a.omitted.total)) if (d.severity === 'error' || d.severity === 'warning') print(diagnosticLine(file, lines, d) + '\n');
  return { file, text, lines, scenario: a.scenario, diagnostics: a.diagnostics };
}

export function errorReason(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return e instanceof Error ? e.message : String(e);
}

/**
 * Files named on the command line, directories searched for `*.lwp` (sorted,
 * hidden and node_modules skipped). A path that cannot be read — named, or a
 * folder met on the way — is reported on stderr and counted in `unreadable`;
 * the rest are still collected.
 */
export function collectLwpFiles(args: readonly string[], io: CliIO, cmd: string): { files: string[]; unreadable: number } {
  const files: string[] = [];
  let unreadable = 0;
  const cannot = (path: string, e: unknown): void => {
    io.stderr(`lwp ${cmd}: cannot read ${path}: ${errorReason(e)}\n`);
    unreadable++;
  };
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      cannot(dir, e);
      return;
    }
    for (const ent of entries.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))) {
      const p = join(dir, ent.name);
      if (ent.isDirectory() && !ent.name.startsWith('.') && ent.name !== 'node_modules') walk(p);
      else if (ent.isFile() && ent.name.endsWith('.lwp')) files.push(p);
    }
  };
  for (const arg of args) {
    let isDir: boolean;
    try {
      isDir = statSync(arg).isDirectory();
    } catch (e) {
      cannot(arg, e);
      continue;
    }
    if (!isDir) {
      files.push(arg);
      continue;
    }
    const before = files.length;
    walk(arg);
    if (files.length === before) io.stderr(`lwp ${cmd}: no .lwp files in ${arg}\n`);
  }
  return { files, unreadable };
}

const MODEL_WORDS: Readonly<Record<string, ModelName>> = {
  'one-to-one': 'one-to-one',
  '1:1': 'one-to-one',
  'many-to-one': 'many-to-one',
  'N:1': 'many-to-one',
  'many-to-many': 'many-to-many',
  'M:N': 'many-to-many',
};

export function parseModel(word: string): ModelName | null {
  return MODEL_WORDS[word] ?? null;
}

export const MODEL_CHOICES = 'one-to-one (1:1), many-to-one (N:1) or many-to-many (M:N)';

/** A positive integer option value, or null. */
export function parseCount(v: string | undefined): number | null {
  if (v === undefined || !/^\d+$/.test(v)) return null;
  const n = Number(v);
  return n >= 1 && n <= 1_024 ? n : null;
}

function stuckJson(s: StuckThread, file: string, lines: LineMap): Record<string, unknown> {
  const pos = (sp: Span) => {
    const p = lines.position(sp.start);
    return { line: p.line + 1, column: p.character + 1, span: sp };
  };
  return { thread: s.thread, waitsFor: s.waitsFor, kind: s.kind, at: { file, ...pos(s.span) }, holder: s.holder, holderAt: s.holderSpan ? { file, ...pos(s.holderSpan) } : null };
}

/** The one JSON object of `lwp run --json` (times in ns). */
export function runJson(r: RunResult, file: string, lines: LineMap, model: string | null = null): Record<string, unknown> {
  return {
    ...(model !== null ? { model } : {}),
    status: r.status,
    makespan: r.makespan,
    metrics: r.metrics,
    threads: threadRows(r.threads).map((t) => ({ id: t.id, start: t.start, finish: t.finish, running: t.running, ready: t.ready, blocked: t.blocked })),
    processes: r.processes,
    deadlock: r.deadlock ? { time: r.deadlock.time, summary: r.deadlock.summary, stuck: r.deadlock.stuck.map((s) => stuckJson(s, file, lines)) } : null,
    limit: r.limit ? { time: r.limit.time, summary: r.limit.summary, spinning: r.limit.spinning.map((s) => stuckJson(s, file, lines)) } : null,
    expectations: r.expectations.map((x) => ({ text: x.text, passed: x.passed, actual: x.actual, line: lines.position(x.span.start).line + 1 })),
    events: r.events,
  };
}

export function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}
function padL(s: string, n: number): string {
  return s.length >= n ? s : ' '.repeat(n - s.length) + s;
}

/** Columns laid out as a plain-text table (first column left-aligned, the rest right-aligned). */
export function table(rows: readonly (readonly string[])[]): string {
  const w: number[] = [];
  for (const r of rows) r.forEach((c, i) => (w[i] = Math.max(w[i] ?? 0, c.length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? pad(c, w[i]) : padL(c, w[i]))).join('  ').trimEnd()).join('\n') + '\n';
}

/** The text summary of `lwp run`. */
export function runSummary(r: RunResult, title: string | null, file: string, lines: LineMap): string {
  const m = r.metrics;
  const out: string[] = [];
  out.push(`${title ? `${title} — ` : ''}${r.status} in ${formatDuration(r.makespan)}`);
  out.push(`CPU utilization ${pct(m.cpuUtilization)}   useful work ${formatDuration(m.usefulWork)}   overhead ${formatDuration(m.overhead)}   spinning ${formatDuration(m.spinTime)}`);
  out.push(`switches: ${m.kernelSwitches} kernel, ${m.userSwitches} user, ${m.modeSwitches} mode`);
  // Hand-offs only where they happened: the line stays within 80 columns for the other runs.
  out.push(`upcalls ${m.upcalls}   SIGWAITING ${m.sigwaiting}   ${m.handoffs > 0 ? `hand-offs ${m.handoffs}   ` : ''}LWPs created ${m.lwpsCreated}   threads created ${m.threadsCreated}`);
  if (r.deadlock) {
    out.push('', wrap(r.deadlock.summary, 80));
    for (const s of r.deadlock.stuck) out.push(`  ${where(file, lines, s.span.start)}: ${s.thread} waits for ${s.waitsFor}`);
  }
  if (r.limit) {
    out.push('', wrap(r.limit.summary, 80));
    for (const s of r.limit.spinning) out.push(`  ${where(file, lines, s.span.start)}: ${s.thread} spins on ${s.waitsFor}`);
  }
  out.push('');
  const rows: string[][] = [['thread', 'start', 'finish', 'running', 'ready', 'blocked']];
  const shown = threadRows(r.threads, (i) => i < 40);
  for (const t of shown) rows.push([t.id, formatDuration(t.start), t.finish === null ? '—' : formatDuration(t.finish), formatDuration(t.running), formatDuration(t.ready), formatDuration(t.blocked)]);
  let s = out.join('\n') + '\n' + table(rows);
  if (r.threads.count > shown.length) s += `… and ${r.threads.count - shown.length} more threads (--json lists them all)\n`;
  const prows: string[][] = [['process', 'model', 'finish', 'max LWPs']];
  for (const p of r.processes) prows.push([p.name, p.model, p.finish === null ? '—' : formatDuration(p.finish), String(p.maxLwps)]);
  s += '\n' + table(prows);
  return s;
}

/** Word-wraps a paragraph to `width` columns (words longer than a line stay whole). */
export function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const w of text.split(/\s+/)) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** A metric value as the compare table shows it. */
export function metricCell(name: string, v: number | string): string {
  if (typeof v === 'string') return v;
  if (name === 'cpuUtilization') return pct(v);
  if (name === 'makespan' || name === 'usefulWork' || name === 'overhead' || name === 'spinTime') return formatDuration(v);
  return formatNumber(v);
}
