/**
 * The TextMate grammar of `.lwp` (syntaxes/lwp.tmLanguage.json, the file VS
 * Code loads), built from readable pieces and from the language registry, so
 * that every keyword it colours is one the parser knows. `node
 * syntaxes/generate.mjs` writes the JSON; a test checks that the committed
 * file is what this builds.
 */
import { COST_PRESET_WORDS } from '../src/core/language/costPresets';
import {
  AFTER,
  ASK_ORDERS,
  COSTS,
  FILE_ITEMS,
  IS,
  KERNEL_POLICIES,
  LIBRARY_POLICIES,
  MACHINE_ITEMS,
  METRICS,
  MODEL_OPTIONS,
  MODELS,
  PROCESS_ITEMS,
  POLICY_PARAMS,
  STATEMENTS,
  STATUSES,
  SWITCH_VALUES,
  SYNC_KINDS,
  THREAD_OPTIONS,
  UNITS,
  wordsOf,
} from '../src/core/language/registry';

/** Word start: not inside another word (words may contain '-'). */
const B = '(?<![A-Za-z0-9_-])';
/** Word end. */
const E = '(?![A-Za-z0-9_-])';
/** A name. */
const W = '[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*';
const alternatives = (words: readonly string[]): string => words.join('|');
const kw = (words: readonly string[]): string => `${B}(?:${alternatives(words)})${E}`;

const SYNC = wordsOf(SYNC_KINDS);
const POLICIES = [...new Set([...wordsOf(KERNEL_POLICIES), ...wordsOf(LIBRARY_POLICIES)])];
const OPTION_WORDS = wordsOf(THREAD_OPTIONS);
const MODEL_WORDS = `(?:${alternatives(wordsOf(MODELS))})${E}|(?:${alternatives(MODELS.map((m) => m.shorthand))})(?![A-Za-z0-9_:])`;

/** Statements by how they colour: naming a sync object, naming a thread, loops, the rest. */
const STATEMENTS_NAMING_SYNC = STATEMENTS.filter((s) => s.operand === 'sync').map((s) => s.word);
const STATEMENTS_NAMING_THREAD = STATEMENTS.filter((s) => s.operand === 'thread').map((s) => s.word);
const LOOPS = STATEMENTS.filter((s) => s.body === 'required').map((s) => s.word);
const PLAIN_STATEMENTS = STATEMENTS.filter((s) => s.operand !== 'sync' && s.operand !== 'thread' && s.body !== 'required').map((s) => s.word);

/**
 * Words coloured as options: machine items without a block of their own or a
 * policy after them, the policy durations (`quantum`, `latency`, `granularity`), the model's options, the process's switches
 * (`upcalls on`) and the thread options.
 */
const SWITCHES = PROCESS_ITEMS.filter((i) => i.word === 'upcalls' || i.word === 'sigwaiting' || i.word === 'handoff').map((i) => i.word);
const OPTIONS = [...MACHINE_ITEMS.filter((i) => i.word !== 'scheduler').map((i) => i.word), ...wordsOf(POLICY_PARAMS), ...wordsOf(MODEL_OPTIONS), ...SWITCHES, AFTER.word, ...OPTION_WORDS];
/** Policies that are not also thread options (`priority` colours as an option). */
const POLICY_CONSTANTS = POLICIES.filter((p) => !OPTION_WORDS.includes(p));

/** Declarations by their keyword (the file's items, the thread). */
/** The parts of a subject in `ask` and `expect` lines: `process.thread#n.field` (ask's field is optional, expect's is not). */
const SUBJECT_CAPTURES = {
  1: { name: 'variable.other.process.lwp' },
  2: { name: 'punctuation.accessor.lwp' },
  3: { name: 'variable.function.thread.lwp' },
  4: { name: 'punctuation.separator.instance.lwp' },
  5: { name: 'constant.numeric.integer.lwp' },
  6: { name: 'punctuation.accessor.lwp' },
  7: { name: 'support.variable.field.lwp' },
};

const has = (word: string): string => {
  if (![...FILE_ITEMS, ...PROCESS_ITEMS].some((i) => i.word === word)) throw new Error(`grammar: \`${word}\` is not an item of the registry`);
  return word;
};

export function lwpGrammar(): object {
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'LWP',
    scopeName: 'source.lwp',
    fileTypes: ['lwp'],
    patterns: [{ include: '#comments' }, { include: '#expect' }, { include: '#ask' }, { include: '#declarations' }, { include: '#statements' }, { include: '#keywords' }, { include: '#literals' }, { include: '#punctuation' }],
    repository: {
      comments: {
        patterns: [
          { name: 'comment.line.double-slash.lwp', begin: '//', beginCaptures: { 0: { name: 'punctuation.definition.comment.lwp' } }, end: '$' },
          { name: 'comment.block.lwp', begin: '/\\*', beginCaptures: { 0: { name: 'punctuation.definition.comment.begin.lwp' } }, end: '\\*/', endCaptures: { 0: { name: 'punctuation.definition.comment.end.lwp' } } },
        ],
      },
      string: {
        name: 'string.quoted.double.lwp',
        begin: '"',
        beginCaptures: { 0: { name: 'punctuation.definition.string.begin.lwp' } },
        end: '"|$',
        endCaptures: { 0: { name: 'punctuation.definition.string.end.lwp' } },
        patterns: [{ name: 'constant.character.escape.lwp', match: '\\\\["\\\\]' }, { name: 'invalid.illegal.escape.lwp', match: '\\\\.' }],
      },
      declarations: {
        patterns: [
          { match: `${B}(${has('scenario')})${E}`, captures: { 1: { name: 'storage.type.scenario.lwp' } } },
          { match: `${B}(${has('machine')})${E}`, captures: { 1: { name: 'storage.type.machine.lwp' } } },
          { match: `${B}(${has('process')})${E}(?:\\s+(${W}))?`, captures: { 1: { name: 'storage.type.process.lwp' }, 2: { name: 'entity.name.type.process.lwp' } } },
          { match: `${B}(${has('thread')})${E}(?:\\s+(${W}))?`, captures: { 1: { name: 'storage.type.thread.lwp' }, 2: { name: 'entity.name.function.thread.lwp' } } },
          { match: `${B}(${alternatives(SYNC)})${E}(?:\\s+(${W}))?`, captures: { 1: { name: 'storage.type.sync.lwp' }, 2: { name: 'entity.name.variable.sync.lwp' } } },
          { match: `${B}(${has('model')})${E}(?:\\s+(${MODEL_WORDS}))?`, captures: { 1: { name: 'keyword.other.model.lwp' }, 2: { name: 'constant.language.model.lwp' } } },
          { match: `${B}(${has('scheduler')})${E}(?:\\s+(${alternatives(POLICIES)})${E})?`, captures: { 1: { name: 'keyword.other.scheduler.lwp' }, 2: { name: 'constant.language.policy.lwp' } } },
        ],
      },
      statements: {
        patterns: [
          { match: `${B}(${alternatives(STATEMENTS_NAMING_SYNC)})${E}(?:\\s+(${W}))?`, captures: { 1: { name: 'keyword.control.statement.lwp' }, 2: { name: 'variable.other.sync.lwp' } } },
          { match: `${B}(${alternatives(STATEMENTS_NAMING_THREAD)})${E}(?:\\s+(${W}))?`, captures: { 1: { name: 'keyword.control.statement.lwp' }, 2: { name: 'variable.function.thread.lwp' } } },
          { match: kw(PLAIN_STATEMENTS), name: 'keyword.control.statement.lwp' },
          { match: kw(LOOPS), name: 'keyword.control.loop.lwp' },
        ],
      },
      keywords: {
        patterns: [
          { match: `${B}(?:${MODEL_WORDS})`, name: 'constant.language.model.lwp' },
          { match: kw(POLICY_CONSTANTS), name: 'constant.language.policy.lwp' },
          { match: kw(wordsOf(COSTS)), name: 'support.constant.cost.lwp' },
          // A preset's name is a word only right after `costs` (it is not reserved).
          { match: `${B}(costs)${E}\\s+(${alternatives(COST_PRESET_WORDS)})${E}`, captures: { 1: { name: 'keyword.other.option.lwp' }, 2: { name: 'support.constant.cost-preset.lwp' } } },
          { match: kw(SWITCH_VALUES), name: 'constant.language.boolean.lwp' },
          { match: kw(OPTIONS), name: 'keyword.other.option.lwp' },
        ],
      },
      literals: {
        patterns: [
          { include: '#string' },
          {
            match: `(?<![A-Za-z0-9_.-])(\\d+(?:\\.\\d+)?)(${alternatives(UNITS)})(?![A-Za-z0-9_-])`,
            name: 'constant.numeric.duration.lwp',
            captures: { 2: { name: 'keyword.other.unit.lwp' } },
          },
          { match: '(?<![A-Za-z0-9_.-])-?\\d+\\.\\d+(?![A-Za-z0-9_.])', name: 'constant.numeric.float.lwp' },
          { match: '(?<![A-Za-z0-9_.-])-?\\d+(?![A-Za-z0-9_.])', name: 'constant.numeric.integer.lwp' },
        ],
      },
      punctuation: {
        patterns: [
          { match: '\\{', name: 'punctuation.section.block.begin.lwp' },
          { match: '\\}', name: 'punctuation.section.block.end.lwp' },
          { match: ';', name: 'punctuation.terminator.statement.lwp' },
          { match: '\\*', name: 'keyword.operator.count.lwp' },
          { match: '=', name: 'keyword.operator.assignment.lwp' },
        ],
      },
      ask: {
        begin: `${B}(${has('ask')})${E}`,
        beginCaptures: { 1: { name: 'keyword.other.ask.lwp' } },
        end: '$',
        name: 'meta.ask.lwp',
        patterns: [
          { include: '#comments' },
          { match: `${B}(${alternatives(wordsOf(ASK_ORDERS))})${E}`, captures: { 1: { name: 'keyword.operator.order.lwp' } } },
          {
            match: `(${W})(\\.)(${W})(?:(#)(\\d+))?(?:(\\.)(${W}))?`,
            captures: SUBJECT_CAPTURES,
          },
          { match: kw(wordsOf(METRICS)), name: 'support.variable.metric.lwp' },
          { include: '#literals' },
        ],
      },
      expect: {
        begin: `${B}(${has('expect')})${E}`,
        beginCaptures: { 1: { name: 'keyword.other.expect.lwp' } },
        end: '$',
        name: 'meta.expect.lwp',
        patterns: [
          { include: '#comments' },
          {
            match: `(${W})(\\.)(${W})(?:(#)(\\d+))?(\\.)(${W})`,
            captures: SUBJECT_CAPTURES,
          },
          { match: '<=|>=|==|!=|<|>', name: 'keyword.operator.comparison.lwp' },
          { match: `${B}(${IS.word})${E}(?:\\s+(${alternatives(wordsOf(STATUSES))})${E})?`, captures: { 1: { name: 'keyword.operator.is.lwp' }, 2: { name: 'constant.language.status.lwp' } } },
          { match: kw(wordsOf(METRICS)), name: 'support.variable.metric.lwp' },
          { include: '#literals' },
        ],
      },
    },
  };
}

/** The grammar as the bytes of syntaxes/lwp.tmLanguage.json. */
export function grammarJson(): string {
  return JSON.stringify(lwpGrammar(), null, 2) + '\n';
}
