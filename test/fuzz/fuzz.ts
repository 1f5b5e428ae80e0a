/**
 * The fuzz suite (issue 13): seeded random and mutated `.lwp` files through
 * the real `lwp check` and `lwp run` (bin/lwp.js, dist/cli.js) and the real
 * language server over LSP (dist/server.js), asserting no crash, a bounded
 * time per input, bounded memory (each process runs under a heap cap, so a
 * blow-up is a crash), and that the server's diagnostics of a document equal
 * `lwp check`'s. Deterministic: the same seed makes the same inputs. Run small
 * by `npx mocha` (test/cli/fuzz.test.ts), large by `npm run fuzz`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { visible } from '../../src/cli/visible';
import { analyze } from '../../src/core/analyze';
import { teachingNotes } from '../../src/core/concepts/teaching';
import { LineMap } from '../../src/core/syntax/lineMap';
import { buildOnce, LspClient, ROOT } from '../lsp/harness';
import { mulberry32 as rng } from '../support/random';

/** Heap cap of every process under test, MB: more means a leak or a blow-up, and Node aborts (a crash). */
export const HEAP_MB = 512;
/** Wall-clock bound per input and command, ms (the simulator's own caps end a run long before). */
export const TIME_MS = 90_000;

const WORDS = [
  'scenario "x"', 'machine', 'cpus 2', 'cpus 0', 'scheduler round-robin', 'quantum 1ms', 'limit 10ms', 'process p', 'process q', 'model 1:1', 'model N:1', 'model M:N',
  'lwps 2', 'thread t', 'thread u * 3', 'compute 1ms', 'compute 0ns', 'io 2ms', 'sleep 1us', 'yield', 'syscall 5us', 'mutex m', 'spinlock s', 'semaphore k = 1',
  'lock m', 'lock s', 'unlock m', 'wait k', 'post k', 'spawn t', 'join t', 'repeat 3', 'repeat 3000000', 'forever', 'expect', 'costs', 'upcalls on', 'sigwaiting on',
  '{', '}', '{', '}', '(', ')', '*', '=', '"', '/*', '*/', '//', '\n', ' ', '  ', '\t', '1', '99999999999999999999', '1.5ms', '-1', 'é', '\u0000', '\u001b[31m',
];

/** A file of random words: mostly nonsense, sometimes almost a scenario. */
export function randomFile(r: () => number): string {
  const n = 1 + Math.floor(r() * 80);
  let s = '';
  for (let i = 0; i < n; i++) s += WORDS[Math.floor(r() * WORDS.length)] + (r() < 0.7 ? ' ' : '\n');
  return s;
}

/** A valid file with a few random edits: deleted, duplicated, swapped or inserted runs of characters. */
export function mutate(text: string, r: () => number): string {
  let s = text;
  const edits = 1 + Math.floor(r() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(r() * (s.length + 1));
    const len = Math.floor(r() * 12);
    switch (Math.floor(r() * 4)) {
      case 0:
        s = s.slice(0, at) + s.slice(at + len);
        break;
      case 1:
        s = s.slice(0, at) + s.slice(at, at + len) + s.slice(at);
        break;
      case 2:
        s = s.slice(0, at) + WORDS[Math.floor(r() * WORDS.length)] + ' ' + s.slice(at);
        break;
      default: {
        const other = Math.floor(r() * (s.length + 1));
        s = s.slice(0, at) + s.slice(other, other + len) + s.slice(at + len);
      }
    }
  }
  return s;
}

export function examples(): string[] {
  const dir = join(ROOT, 'examples');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.lwp'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

/** `count` inputs from `seed`: half random, half mutated examples. */
export function inputs(seed: number, count: number): string[] {
  const r = rng(seed);
  const base = examples();
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(i % 2 === 0 ? randomFile(r) : mutate(base[Math.floor(r() * base.length)], r));
  return out;
}

export interface CliOutcome {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
  readonly ms: number;
}

export function lwp(args: readonly string[]): CliOutcome {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, join(ROOT, 'bin/lwp.js'), ...args], { encoding: 'utf8', timeout: TIME_MS, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.error ? null : r.status, out: r.stdout ?? '', err: r.stderr ?? '', ms: performance.now() - t0 };
}

/** What is wrong with one command's outcome: a crash, a hang, an undocumented exit status or a stack trace. */
function problem(what: string, o: CliOutcome, allowed: readonly number[]): string | null {
  if (o.code === null) return `${what}: no answer within ${TIME_MS} ms`;
  if (!allowed.includes(o.code)) return `${what}: exit ${o.code}\n${o.err.slice(0, 2000)}`;
  if (/\n\s+at .+:\d+:\d+\)?\n/.test(o.err)) return `${what}: a stack trace on stderr\n${o.err.slice(0, 2000)}`;
  return null;
}

/** `lwp check`'s diagnostics as `line:col severity message` (1-based, as it prints them). */
function checkLines(out: string, file: string): string[] {
  const prefix = file + ':';
  return out
    .split('\n')
    .filter((l) => l.startsWith(prefix))
    .map((l) => {
      const m = /^(\d+):(\d+): (error|warning): ([\s\S]*)$/.exec(l.slice(prefix.length));
      return m ? `${m[1]}:${m[2]} ${m[3]} ${m[4]}` : l;
    });
}

export interface FuzzReport {
  readonly inputs: number;
  readonly failures: string[];
  readonly slowestMs: number;
}

/** Runs `texts` through lwp check, lwp run and the language server; returns every failure found (none is the pass). */
export async function fuzz(texts: readonly string[], log: (line: string) => void = () => {}): Promise<FuzzReport> {
  buildOnce();
  const dir = mkdtempSync(join(tmpdir(), 'lwp-fuzz-'));
  const failures: string[] = [];
  let slowestMs = 0;
  const { client } = await LspClient.start([process.execPath, `--max-old-space-size=${HEAP_MB}`, join(ROOT, 'dist/server.js'), '--stdio'], { debounceMs: 0, simulateDelayMs: 0 });
  try {
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i];
      const file = join(dir, `f${i}.lwp`);
      writeFileSync(file, text);
      const fail = (why: string) => failures.push(`input ${i} (${file}, kept):\n${why}`);
      const check = lwp(['check', file]);
      const run = lwp(['run', file]);
      slowestMs = Math.max(slowestMs, check.ms, run.ms);
      const p1 = problem('lwp check', check, [0, 1]);
      const p2 = problem('lwp run', run, [0, 1, 3]);
      if (p1) fail(p1);
      if (p2) fail(p2);
      // The server's diagnostics for the document (errors and warnings, as lwp check prints them) equal lwp check's.
      const uri = pathToFileURL(file).href;
      await client.open(uri, text, 1);
      const t0 = performance.now();
      try {
        const published = await client.diagnosticsFor(uri, 1);
        slowestMs = Math.max(slowestMs, performance.now() - t0);
        const fromServer = published.diagnostics
          .filter((d) => d.severity === 1 || d.severity === 2)
          .filter((d) => !String(d.source ?? '').includes('simulation'))
          // lwp check shows control characters as escapes (a file must not drive the terminal): so does this side.
          .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity === 1 ? 'error' : 'warning'} ${visible(typeof d.message === 'string' ? d.message : d.message.value)}`);
        // The server adds its teaching notes to what lwp check reports.
        const scenario = analyze(text).scenario;
        const lines = new LineMap(text);
        const notes = (scenario ? teachingNotes(scenario) : [])
          .filter((d) => d.severity === 'error' || d.severity === 'warning')
          .map((d) => {
            const p = lines.position(d.span.start);
            return `${p.line + 1}:${p.character + 1} ${d.severity} ${visible(d.message)}`;
          });
        const fromCli = [...checkLines(check.out, file), ...notes].sort();
        fromServer.sort();
        if (JSON.stringify(fromServer) !== JSON.stringify(fromCli)) fail(`the server and lwp check differ:\nserver: ${fromServer.join('\n        ')}\ncli:    ${fromCli.join('\n        ')}`);
      } catch (err) {
        fail(`language server: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (client.child.exitCode !== null) {
        fail(`the language server exited (${client.child.exitCode}): ${client.stderr.slice(-2000)}`);
        break;
      }
      if (failures.length === 0) rmSync(file);
      log(`${i + 1}/${texts.length}${failures.length ? ` — ${failures.length} failures` : ''}`);
    }
  } finally {
    await client.stop();
    if (failures.length === 0) rmSync(dir, { recursive: true, force: true });
  }
  return { inputs: texts.length, failures, slowestMs };
}
