/**
 * Drift between the language registry (src/core/language/registry.ts) and
 * everything derived from it: the glossary, the parser, the formatter, the
 * cursor context and completion, and the TextMate grammar. A word added to
 * the registry shows up in all of them, or a test here fails.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analyze';
import { getConcept } from '../../../src/core/concepts';
import { format } from '../../../src/core/format/format';
import {
  AFTER,
  ASK_ORDERS,
  COSTS,
  FILE_ITEMS,
  ITEMS,
  KERNEL_POLICIES,
  LIBRARY_POLICIES,
  MACHINE_ITEMS,
  METRICS,
  MODEL_OPTIONS,
  MODELS,
  PROCESS_ITEMS,
  POLICY_PARAMS,
  IS,
  STATEMENTS,
  STATUSES,
  SWITCH_VALUES,
  SYNC_KINDS,
  THREAD_FIELDS,
  THREAD_OPTIONS,
  UNITS,
  wordsOf,
  type BlockKind,
  type Statement,
  type Word,
} from '../../../src/core/language/registry';
import { COST_PRESET_WORDS } from '../../../src/core/language/costPresets';
import { RESERVED } from '../../../src/core/syntax/keywords';
import { parse } from '../../../src/core/syntax/parser';
import { analyzeDocument } from '../../../src/server/analysis';
import { complete } from '../../../src/server/completion';
import { hover } from '../../../src/server/hover';
import { grammarJson } from '../../../syntaxes/grammar';

const root = join(__dirname, '../../..');

/** Every entry of the registry that names a concept. */
const ENTRIES: readonly Word[] = [
  ...FILE_ITEMS,
  ...MACHINE_ITEMS,
  ...PROCESS_ITEMS,
  ...STATEMENTS,
  ...SYNC_KINDS,
  ...THREAD_OPTIONS,
  ...MODELS,
  ...MODEL_OPTIONS,
  ...KERNEL_POLICIES,
  ...LIBRARY_POLICIES,
  ...POLICY_PARAMS,
  AFTER,
  ...COSTS,
  ...METRICS,
  ...THREAD_FIELDS,
  ...STATUSES,
  IS,
];

/** What a statement's operand looks like in an example. */
function operandText(s: Statement): string {
  switch (s.operand) {
    case 'duration':
      return ' 1ms';
    case 'count':
      return ' 3';
    case 'sync':
      return ` ${s.of[0]}Object`;
    case 'thread':
      return ' kid';
    case 'none':
      return '';
  }
}

/** A process in which every statement has something to name. */
function processWith(body: string): string {
  const syncs = SYNC_KINDS.map((k) => `  ${k.word} ${k.word}Object${k.initialCount ? ' = 1' : ''}`).join('\n');
  return `process p {\n  model many-to-many lwps 2\n${syncs}\n  thread kid spawned { compute 1ms }\n  thread t {\n    ${body}\n  }\n}\n`;
}

/** The labels completion offers at the `|` in `text`. */
function labelsAt(text: string): string[] {
  const offset = text.indexOf('|');
  const source = text.slice(0, offset) + text.slice(offset + 1);
  return complete(analyzeDocument('file:///t.lwp', 1, source), offset).map((i) => i.label);
}

describe('language registry', () => {
  it('names a glossary concept for every word that has one, and the concept explains that word', () => {
    for (const e of ENTRIES) {
      if (e.concept === null) continue;
      const c = getConcept(e.concept);
      assert.ok(c, `\`${e.word}\`: no concept \`${e.concept}\``);
      assert.ok(c.words.includes(e.word), `concept \`${e.concept}\` does not list \`${e.word}\``);
    }
    for (const m of MODELS) assert.ok(getConcept(m.concept)!.words.includes(m.shorthand), `concept \`${m.concept}\` does not list \`${m.shorthand}\``);
  });

  it('gives a snippet to every statement that needs a value or a body, so completion leaves a placeholder for it', () => {
    for (const s of STATEMENTS) {
      const needs = s.operand === 'duration' || s.operand === 'count' || s.body === 'required';
      if (needs) assert.ok(s.snippet?.startsWith(s.word + ' '), `\`${s.word}\` has no snippet`);
    }
  });

  it('reserves every keyword, so none can name a process, thread or sync object', () => {
    const keywords = [...wordsOf(FILE_ITEMS), ...wordsOf(MACHINE_ITEMS), ...wordsOf(PROCESS_ITEMS), ...wordsOf(STATEMENTS), ...wordsOf(THREAD_OPTIONS), ...wordsOf(MODELS), ...wordsOf(MODEL_OPTIONS), ...wordsOf(KERNEL_POLICIES), ...wordsOf(LIBRARY_POLICIES), ...wordsOf(POLICY_PARAMS), ...SWITCH_VALUES, AFTER.word, IS.word];
    assert.deepEqual([...RESERVED].sort(), [...new Set(keywords)].sort());
  });

  it('parses every statement as its entry says, and checks it without an error', () => {
    for (const s of STATEMENTS) {
      const body = s.body === 'none' ? '' : ' { compute 1ms }';
      const text = processWith(`${s.word}${operandText(s)}${s.times ? ' * 2' : ''}${body}`);
      const a = analyze(text);
      assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error'), [], `\`${s.word}\`:\n${text}`);
      const p = a.file.items[0];
      assert.ok(p.kind === 'process');
      const thread = p.items.find((i) => i.kind === 'thread' && i.name?.text === 't');
      assert.ok(thread?.kind === 'thread');
      const stmt = thread.body!.stmts[0];
      assert.equal(stmt.kind, s.word);
      if (s.body !== 'none') assert.ok('body' in stmt && stmt.body !== null && stmt.body.stmts.length === 1, `\`${s.word}\` lost its body`);
    }
  });

  it('rejects a name of the wrong kind after each statement that names a sync object', () => {
    for (const s of STATEMENTS) {
      if (s.operand !== 'sync') continue;
      const wrong = SYNC_KINDS.find((k) => !(s.of as readonly string[]).includes(k.word))!;
      const codes = analyze(processWith(`${s.word} ${wrong.word}Object`)).diagnostics.map((d) => d.code);
      assert.ok(codes.includes('LWP2004'), `\`${s.word} ${wrong.word}Object\`: ${codes.join(', ')}`);
    }
  });

  it('the formatter indents the contents of every block an item opens, and breaks a line before each item there', () => {
    const header = (place: BlockKind, w: string): string => {
      if (place === 'body') return w + operandText(STATEMENTS.find((s) => s.word === w)!);
      return w === 'process' || w === 'thread' ? `${w} x` : w;
    };
    /** An item of each block kind, and the text of two items on one line. */
    const inside: Record<BlockKind, string> = {
      top: 'mutex a mutex b',
      machine: 'cpus 2 limit 1s',
      costs: `${COSTS[0].word} 1us ${COSTS[1].word} 2us`,
      process: 'mutex a mutex b',
      body: 'compute 1ms yield',
    };
    /** A path of items from the top level to a block of each kind. */
    const path: Record<Exclude<BlockKind, 'top'>, string[]> = { machine: ['machine'], costs: ['machine', 'costs'], process: ['process x'], body: ['process x', 'thread x'] };
    for (const place of ['top', 'machine', 'process', 'body'] as const) {
      for (const item of ITEMS[place]) {
        if (!item.opens) continue;
        const outer = place === 'top' ? [] : path[place];
        const heads = [...outer, header(place, item.word)];
        const text = heads.map((h) => h + ' {\n').join('') + inside[item.opens] + '\n' + '}\n'.repeat(heads.length);
        const lines = format(text).split('\n');
        const indent = '  '.repeat(heads.length);
        const [first, second] = inside[item.opens].split(/ (?=mutex|limit|yield|kernel-switch)/);
        assert.ok(lines.includes(indent + first) && lines.includes(indent + second), `\`${item.word}\` opens \`${item.opens}\`:\n${format(text)}`);
      }
    }
  });

  it('completion offers exactly the registry’s words in each place', () => {
    const inProcess = (line: string) => `process p {\n  model many-to-many lwps 2\n  mutex m\n  ${line}\n}\n`;
    const sortedSet = (xs: readonly string[]) => [...new Set(xs)].sort();
    assert.deepEqual(sortedSet(labelsAt('|')), sortedSet(wordsOf(FILE_ITEMS)));
    assert.deepEqual(labelsAt('machine {\n  |\n}\n'), wordsOf(MACHINE_ITEMS));
    assert.deepEqual(labelsAt('machine {\n  costs { | }\n}\n'), wordsOf(COSTS));
    assert.deepEqual(labelsAt('machine {\n  scheduler |\n}\n'), wordsOf(KERNEL_POLICIES));
    assert.deepEqual(labelsAt(inProcess('|')), wordsOf(PROCESS_ITEMS));
    assert.deepEqual(labelsAt(inProcess('scheduler |')), wordsOf(LIBRARY_POLICIES));
    assert.deepEqual(labelsAt(inProcess('upcalls |')), [...SWITCH_VALUES]);
    assert.deepEqual(labelsAt('process p {\n  model |\n}\n'), [...wordsOf(MODELS), ...MODELS.map((m) => m.shorthand)]);
    assert.deepEqual(labelsAt(inProcess('thread t |')), wordsOf(THREAD_OPTIONS));
    assert.deepEqual(labelsAt(inProcess('thread t {\n    |\n  }')), wordsOf(STATEMENTS));
    for (const s of STATEMENTS) {
      if (s.operand === 'sync') assert.deepEqual(labelsAt(inProcess(`thread t {\n    ${s.word} |\n  }`)), (s.of as readonly string[]).includes('mutex') ? ['m'] : [], s.word);
    }
    assert.deepEqual(sortedSet(labelsAt('process p { thread t { compute 1ms } }\nexpect |')), sortedSet([...wordsOf(METRICS), 'p']));
    assert.deepEqual(labelsAt('process p { thread t { compute 1ms } }\nexpect p.t.|'), wordsOf(THREAD_FIELDS));
    assert.deepEqual(labelsAt('process p { thread t { compute 1ms } }\nexpect status is |'), wordsOf(STATUSES));
    // A status is a word alone: `is limit`, never the machine's `limit 1s`.
    const isText = 'process p { thread t { compute 1ms } }\nexpect status is ';
    const statuses = complete(analyzeDocument('file:///t.lwp', 1, isText), isText.length);
    assert.deepEqual(statuses.map((i) => i.insertText ?? i.label), wordsOf(STATUSES));
  });

  it('barriers: `arrive` completes only barriers (kernel first), and both words hover with what they do in the process’s model', () => {
    const text = 'barrier k = 2\nprocess p {\n  model 1:1\n  mutex m\n  barrier b = 2\n  thread t * 2 {\n    arrive |\n  }\n}\n';
    assert.deepEqual(labelsAt(text), ['k', 'b']);
    const source = text.replace('|', 'b');
    const a = analyzeDocument('file:///t.lwp', 1, source);
    const hoverText = (needle: string) => {
      const h = hover(a, source.indexOf(needle), null);
      return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
    };
    assert.match(hoverText('arrive'), /Arrive at barrier `b`: wait until its N threads have arrived/);
    assert.match(hoverText('arrive'), /A waiting LWP blocks in the kernel; the last arriver does not wait/);
    assert.match(hoverText('barrier b'), /the N-th releases them all and the barrier starts its next round/);
  });

  it('the committed TextMate grammar is what syntaxes/grammar.ts builds (run node syntaxes/generate.mjs)', () => {
    assert.equal(readFileSync(join(root, 'syntaxes/lwp.tmLanguage.json'), 'utf8'), grammarJson());
  });

  it('hand-off delays: completion offers `after` after `handoff` and `upcalls on`, and both words hover with what they do', () => {
    const proc = (item: string) => `process p {\n  model many-to-many lwps 2\n  ${item}\n  thread t { io 1ms }\n}\n`;
    assert.deepEqual(labelsAt(proc('handoff |')), ['after']);
    assert.deepEqual(labelsAt(proc('upcalls on |')), ['after', ...wordsOf(PROCESS_ITEMS)]);
    const source = proc('handoff after 1ms');
    const a = analyzeDocument('file:///t.lwp', 1, source);
    const hoverText = (needle: string) => (hover(a, source.indexOf(needle) + 1, null)!.contents as { value: string }).value;
    assert.match(hoverText('handoff'), /GOMAXPROCS/);
    assert.match(hoverText('after'), /A call that returns first \(even at exactly D\)/);
  });

  it('the grammar colours exactly the registry’s words', () => {
    const grammar = grammarJson();
    // Every alternation of plain words in the grammar's patterns.
    const found = new Set<string>();
    for (const m of grammar.matchAll(/\((?:\?:)?((?:[A-Za-z0-9µ:-]+\|)+[A-Za-z0-9µ:-]+|[a-z][a-z-]+)\)/g)) for (const w of m[1].split('|')) found.add(w);
    const registry = new Set<string>([
      ...RESERVED,
      ...MODELS.map((m) => m.shorthand),
      ...wordsOf(COSTS),
      ...wordsOf(METRICS),
      ...wordsOf(STATUSES),
      ...wordsOf(ASK_ORDERS),
      ...UNITS,
      ...COST_PRESET_WORDS,
    ]);
    // `status`… are matched inside `expect` only; `#` and field names are matched by shape, not by word.
    assert.deepEqual([...found].filter((w) => !registry.has(w)).sort(), []);
    assert.deepEqual([...registry].filter((w) => !found.has(w)).sort(), []);
  });

  it('the parser keeps one node shape per statement kind: every statement of an example file is a plain object', () => {
    const { file } = parse(processWith(STATEMENTS.map((s) => `${s.word}${operandText(s)}${s.body === 'none' ? '' : ' { compute 1ms }'}`).join('\n    ')));
    const p = file.items[0];
    assert.ok(p.kind === 'process');
    const t = p.items.find((i) => i.kind === 'thread' && i.name?.text === 't');
    assert.ok(t?.kind === 'thread' && t.body);
    assert.deepEqual(t.body.stmts.map((s) => s.kind), wordsOf(STATEMENTS));
    // Plain data: a structured clone keeps every field.
    assert.deepEqual(structuredClone(t), t);
  });
});
