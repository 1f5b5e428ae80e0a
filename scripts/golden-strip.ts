/**
 * Behaviour fingerprints for refactoring: every observable answer of the core
 * and the language server's features, hashed per input text, so that a change
 * meant to keep behaviour can prove it did (byte for byte).
 *
 *   npx tsx scripts/golden.ts capture OUT.json      fingerprint the working tree
 *   npx tsx scripts/golden.ts compare A.json B.json  list every input and aspect that differs
 *   npx tsx scripts/golden.ts show NAME ASPECT       print one aspect of one input in full
 *
 * The corpus: every .lwp file of the repository, generated scenarios, and
 * deterministic mutations of each small file (token cuts, duplicates,
 * replacements, truncations, stray braces), so error recovery is covered as
 * well as valid files. Aspects: diagnostics, symbols, tokens, the Scenario IR,
 * the formatter's output, the server's document symbols, folding, semantic
 * tokens, code lenses, hovers, completions, definitions, references and quick
 * fixes at sampled offsets, and for valid files the simulation (traced:
 * every trace column, lanes, metrics, reports; traceless: metrics and thread
 * columns) and what the editor derives from it (findings, hover, inlay hints).
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyze } from '../src/core/analyze';
import { format } from '../src/core/format/format';
import { simulate } from '../src/core/sim/simulate';
import { analyzeDocument } from '../src/server/analysis';
import { codeActions } from '../src/server/codeActions';
import { codeLenses } from '../src/server/codeLens';
import { complete } from '../src/server/completion';
import { toLspDiagnostic } from '../src/server/convert';
import { hover } from '../src/server/hover';
import { inlayHints } from '../src/server/inlayHints';
import { definition, documentSymbols, foldingRanges, references } from '../src/server/navigation';
import { semanticTokens } from '../src/server/semanticTokens';
import { findings, summarize } from '../src/server/simFindings';
import { generateScenario } from '../test/support/scenarios';
import { mulberry32 as rng } from '../test/support/random';

const root = join(__dirname, '..');

function lwpFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.') || name === 'dist' || name === 'out') continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) lwpFiles(p, out);
    else if (name.endsWith('.lwp') && st.size < 2_000_000) out.push(p);
  }
  return out;
}

/** Word-ish pieces of a text with their offsets (no scanner: the corpus must not depend on the code under test). */
function pieces(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /"[^"\n]*"?|[A-Za-z_][\w:#.-]*|\d[\w.:]*|\/\/[^\n]*|\/\*|\*\/|\S/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

function mutants(name: string, text: string, n: number): [string, string][] {
  const r = rng([...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7));
  const ps = pieces(text);
  if (ps.length === 0) return [];
  const pick = () => ps[Math.floor(r() * ps.length)];
  const out: [string, string][] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 6;
    const p = pick();
    const q = pick();
    let t: string;
    if (k === 0) t = text.slice(0, p.start) + text.slice(p.end);
    else if (k === 1) t = text.slice(0, p.end) + ' ' + text.slice(p.start, p.end) + text.slice(p.end);
    else if (k === 2) t = text.slice(0, p.start) + text.slice(q.start, q.end) + text.slice(p.end);
    else if (k === 3) t = text.slice(0, Math.floor(r() * text.length));
    else if (k === 4) t = text.slice(0, p.start) + (r() < 0.5 ? '{' : '}') + text.slice(p.start);
    else t = text.slice(0, p.start) + ['/*', '"', '#', '@', '1:', '-', '*', '0ms', 'lwps'][Math.floor(r() * 9)] + text.slice(p.end);
    out.push([`${name}~${i}`, t]);
  }
  return out;
}

function corpus(): [string, string][] {
  const files = lwpFiles(root).sort();
  const out: [string, string][] = [];
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const name = relative(root, f);
    out.push([name, text]);
    if (text.length < 4000) out.push(...mutants(name, text, 60));
  }
  for (let i = 0; i < 400; i++) out.push([`random/${i}`, randomScenario(i)]);
  out.push(['generated/200', generateScenario(200)]);
  out.push(['generated/1000', generateScenario(1000)]);
  return out;
}

/** A random valid scenario: every model, kernel policy, statement and sync kind, small enough to run to its end. */
function randomScenario(seed: number): string {
  const r = rng(seed * 7919 + 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const d = () => `${int(0, 30) * 100}us`;
  const lines: string[] = ['machine {', `  cpus ${int(1, 4)}`, `  ${pick(['scheduler fifo', 'scheduler round-robin quantum 1ms', 'scheduler priority', 'scheduler priority quantum 500us', 'scheduler round-robin quantum 10ms'])}`];
  lines.push(`  ${pick(['', 'costs { mode-switch 0ns kernel-switch 0ns user-switch 0ns user-create 0ns kernel-create 0ns upcall 0ns }', 'costs { mode-switch 1us kernel-switch 7us user-switch 3us upcall 5us kernel-create 11us user-create 2us address-space-switch 4us }'])}`, '  limit 2s', '}');
  lines.push(`semaphore ksem = ${int(0, 2)}`, 'mutex km', 'spinlock ks');
  const procs = int(1, 3);
  for (let p = 0; p < procs; p++) {
    const model = pick(['one-to-one', 'many-to-one', 'many-to-many', 'many-to-many']);
    lines.push(`process p${p} {`, `  model ${model}${model === 'many-to-many' ? ` lwps ${int(1, 3)}${r() < 0.3 ? ` max ${int(3, 5)}` : ''}` : ''}`);
    if (model === 'many-to-many' && r() < 0.4) lines.push('  upcalls on');
    if (model === 'many-to-many' && r() < 0.4) lines.push('  sigwaiting on');
    if (model !== 'one-to-one' && r() < 0.5) lines.push(`  ${pick(['scheduler fifo', 'scheduler round-robin quantum 1ms', 'scheduler priority'])}`);
    lines.push('  mutex m', '  spinlock s', `  semaphore sem = ${int(0, 2)}`);
    const simple = () =>
      pick([
        `compute ${d()}`, `syscall ${d()}`, `io ${d()}`, `sleep ${d()}`, 'yield', `lock m { compute ${d()} }`, `lock s { compute ${d()} }`,
        `lock km { syscall ${d()} }`, `lock ks { compute ${d()} }`, 'post sem', 'wait sem', 'post ksem', 'wait ksem',
      ]);
    const body = (): string => Array.from({ length: int(1, 5) }, () => (r() < 0.2 ? `repeat ${int(0, 3)} { ${simple()} ${simple()} }` : simple())).join('\n    ');
    const threads = int(1, 3);
    for (let t = 0; t < threads; t++) {
      const opts = [r() < 0.3 ? `priority ${int(-2, 3)}` : '', model === 'many-to-many' && r() < 0.25 ? 'bound' : '', r() < 0.2 ? 'start 1ms' : ''].filter(Boolean).join(' ');
      lines.push(`  thread t${t}${r() < 0.5 ? ` * ${int(1, 3)}` : ''} ${opts} {`, `    ${body()}`, '  }');
    }
    if (r() < 0.5) lines.push(`  thread kid spawned { ${body()} }`, `  thread boss { spawn kid * ${int(1, 3)}  ${r() < 0.7 ? 'join kid' : ''} ${simple()} }`);
    lines.push('}');
  }
  return lines.join('\n') + '\n';
}

const hash = (v: unknown): string => createHash('sha256').update(typeof v === 'string' ? v : JSON.stringify(v, replacer)).digest('hex').slice(0, 16);
function replacer(_k: string, v: unknown): unknown {
  if ((_k === "upcallsAfter" || _k === "sigwaitingAfter" || _k === "handoffs") && v === 0) return undefined;
  if (_k === "handoff" && v === null) return undefined;
  if (typeof v === 'string') return v.replace("'sigwaiting', 'handoff', 'scheduler'", "'sigwaiting', 'scheduler'").replace("'sigwaiting', 'handoffs', 'lwpsCreated'", "'sigwaiting', 'lwpsCreated'").replace("'max' has no effect without 'sigwaiting on' or 'handoff after D': only they add LWPs to the pool; add one or remove 'max'", "'max' has no effect without 'sigwaiting on': the pool only grows through SIGWAITING; add 'sigwaiting on' or remove 'max'");
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (v instanceof Map) return [...v.entries()];
  if (v instanceof Set) return [...v.values()];
  return v;
}

const TRACE_COLS = ['start', 'end', 'lane', 'state', 'detail', 'src'] as const;
const EVENT_COLS = ['eventTime', 'eventKind', 'eventLane', 'eventArg'] as const;

/** Every aspect of one input, as values (not yet hashed). */
function aspects(text: string): Record<string, () => unknown> {
  const out: Record<string, () => unknown> = {};
  const a = analyze(text);
  out.diagnostics = () => a.diagnostics;
  out.symbols = () => a.symbols;
  out.tokens = () => a.tokens;
  out.scenario = () => a.scenario;
  out.format = () => {
    try {
      return format(text);
    } catch (e) {
      return `throws ${(e as Error).message}`;
    }
  };
  const doc = analyzeDocument('file:///g.lwp', 1, text);
  out['lsp.documentSymbols'] = () => documentSymbols(doc);
  out['lsp.folding'] = () => foldingRanges(doc);
  out['lsp.semanticTokens'] = () => semanticTokens(doc).data; // not resultId: a counter across calls
  out['lsp.codeLenses'] = () => codeLenses(doc);
  out['lsp.codeActions'] = () => codeActions(doc, doc.diagnostics.map((d) => toLspDiagnostic(d, doc.lines, doc.uri)));
  const r = rng(text.length * 2654435761);
  const offsets = [0, text.length];
  const n = Math.min(24, Math.max(4, text.length >> 6));
  for (let i = 0; i < n; i++) offsets.push(Math.floor(r() * (text.length + 1)));
  if (text.length < 20_000) {
    out['lsp.hover'] = () => offsets.map((o) => hover(doc, o, null));
    out['lsp.completion'] = () => offsets.map((o) => complete(doc, o));
    out['lsp.definition'] = () => offsets.map((o) => definition(doc, o));
    out['lsp.references'] = () => offsets.map((o) => references(doc, o, true));
  }
  if (a.scenario) {
    const sc = a.scenario;
    const traced = simulate(sc, { maxEvents: 300_000 });
    out['sim.metrics'] = () => [traced.status, traced.makespan, traced.metrics, traced.threads, traced.processes, traced.events];
    out['sim.reports'] = () => [traced.deadlock, traced.limit, traced.expectations, traced.diagnostics];
    out['sim.lanes'] = () => traced.trace.lanes;
    out['sim.trace'] = () => {
      const t = traced.trace;
      const cols: Record<string, number[]> = {};
      for (const c of TRACE_COLS) cols[c] = Array.from(t[c].subarray(0, t.count));
      for (const c of EVENT_COLS) cols[c] = Array.from(t[c].subarray(0, t.eventCount));
      return [t.count, t.eventCount, t.endTime, cols];
    };
    const bare = simulate(sc, { maxEvents: 300_000, recordTrace: false });
    out['sim.traceless'] = () => [bare.status, bare.makespan, bare.metrics, bare.threads, bare.processes, bare.events, bare.deadlock, bare.limit, bare.expectations, bare.diagnostics, bare.trace.count, bare.trace.lanes.length];
    const sum = summarize(bare, 1, false);
    out['lsp.findings'] = () => findings(bare, false);
    out['lsp.summary'] = () => sum;
    if (text.length < 20_000) {
      out['lsp.hoverRun'] = () => offsets.map((o) => hover(doc, o, sum));
      out['lsp.inlay'] = () => inlayHints(doc, sum, { start: { line: 0, character: 0 }, end: { line: doc.lines.position(text.length).line + 1, character: 0 } });
    }
  }
  return out;
}

function capture(outFile: string): void {
  const t0 = Date.now();
  const result: Record<string, Record<string, string>> = {};
  let n = 0;
  for (const [name, text] of corpus()) {
    const row: Record<string, string> = {};
    try {
      for (const [k, f] of Object.entries(aspects(text))) {
        try {
          row[k] = hash(f());
        } catch (e) {
          row[k] = `throws ${(e as Error).message}`;
        }
      }
    } catch (e) {
      row.analyze = `throws ${(e as Error).message}`;
    }
    result[name] = row;
    n++;
  }
  writeFileSync(outFile, JSON.stringify(result, null, 0));
  console.log(`golden: ${n} inputs fingerprinted in ${((Date.now() - t0) / 1000).toFixed(1)} s → ${outFile}`);
}

function compareFiles(aFile: string, bFile: string): number {
  const a = JSON.parse(readFileSync(aFile, 'utf8')) as Record<string, Record<string, string>>;
  const b = JSON.parse(readFileSync(bFile, 'utf8')) as Record<string, Record<string, string>>;
  let diffs = 0;
  const byAspect = new Map<string, number>();
  for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const ra = a[name] ?? {};
    const rb = b[name] ?? {};
    for (const k of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
      if (ra[k] !== rb[k]) {
        diffs++;
        byAspect.set(k, (byAspect.get(k) ?? 0) + 1);
        if (diffs <= 40) console.log(`differs: ${name}  ${k}  (${ra[k] ?? 'absent'} → ${rb[k] ?? 'absent'})`);
      }
    }
  }
  console.log(`golden: ${Object.keys(b).length} inputs, ${diffs} differences${diffs ? ' by aspect: ' + [...byAspect].map(([k, v]) => `${k} ${v}`).join(', ') : ''}`);
  return diffs ? 1 : 0;
}

function show(name: string, aspect: string): void {
  const text = corpus().find(([n]) => n === name)?.[1];
  if (text === undefined) throw new Error(`no input named ${name}`);
  const f = aspects(text)[aspect];
  if (!f) throw new Error(`no aspect ${aspect} for ${name}`);
  console.log('--- text ---\n' + text + '\n--- ' + aspect + ' ---');
  console.log(JSON.stringify(f(), replacer, 1));
}

const [cmd, x, y] = process.argv.slice(2);
if (cmd === 'capture' && x) capture(x);
else if (cmd === 'compare' && x && y) process.exitCode = compareFiles(x, y);
else if (cmd === 'show' && x && y) show(x, y);
else {
  console.error('usage: golden.ts capture OUT.json | compare A.json B.json | show NAME ASPECT');
  process.exitCode = 2;
}
