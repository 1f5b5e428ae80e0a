/**
 * The parser's keyword tables, derived from the language registry
 * (language/registry.ts), grouped by the list they start an element of. The
 * parser uses the groups for recovery: a keyword that an enclosing list can
 * use ends the current list (e.g. `thread` after a thread body missing its
 * `}`).
 */
import {
  AFTER,
  FILE_ITEMS,
  IS,
  KERNEL_POLICIES,
  LIBRARY_POLICIES,
  MACHINE_ITEMS,
  MODEL_OPTIONS,
  MODELS,
  PROCESS_ITEMS,
  POLICY_PARAMS,
  STATEMENTS,
  SWITCH_VALUES,
  SYNC_KINDS,
  THREAD_OPTIONS,
  wordsOf,
  type ModelName,
  type Statement,
} from '../language/registry';

/** Items of the file. */
export const TOP_KEYWORDS: readonly string[] = wordsOf(FILE_ITEMS);
/** Items that only the file has: a list nested anywhere stops at them. */
export const TOP_ONLY_KEYWORDS: readonly string[] = TOP_KEYWORDS.filter((w) => !PROCESS_ITEMS.some((i) => i.word === w));
export const MACHINE_KEYWORDS: readonly string[] = wordsOf(MACHINE_ITEMS);
export const PROCESS_KEYWORDS: readonly string[] = wordsOf(PROCESS_ITEMS);
export const STATEMENT_KEYWORDS: readonly string[] = wordsOf(STATEMENTS);
export const THREAD_OPTION_WORDS: readonly string[] = wordsOf(THREAD_OPTIONS);
export const MODEL_WORDS: readonly string[] = wordsOf(MODELS);
export const MODEL_SHORTHANDS: ReadonlyMap<string, ModelName> = new Map(MODELS.map((m) => [m.shorthand, m.word]));
/** Policy words: the kernel's and the libraries' are the same words. */
export const POLICY_WORDS: readonly string[] = [...new Set([...wordsOf(KERNEL_POLICIES), ...wordsOf(LIBRARY_POLICIES)])];
export const SYNC_KIND_WORDS: readonly string[] = wordsOf(SYNC_KINDS);

/** The registry entry of each statement keyword: the parser's statement dispatch. */
export const STATEMENT_BY_WORD: ReadonlyMap<string, Statement> = new Map(STATEMENTS.map((s) => [s.word, s]));

/** Every reserved word: none of them can name a process, thread or sync object. */
export const RESERVED: ReadonlySet<string> = new Set<string>([
  ...TOP_KEYWORDS,
  ...MACHINE_KEYWORDS,
  ...PROCESS_KEYWORDS,
  ...STATEMENT_KEYWORDS,
  ...THREAD_OPTION_WORDS,
  ...MODEL_WORDS,
  ...POLICY_WORDS,
  ...wordsOf(POLICY_PARAMS),
  ...wordsOf(MODEL_OPTIONS),
  ...SWITCH_VALUES,
  AFTER.word,
  IS.word,
]);

/** Words that start an element of some list: never taken as a name during recovery. */
export const LIST_STARTERS: ReadonlySet<string> = new Set<string>([...TOP_KEYWORDS, ...MACHINE_KEYWORDS, ...PROCESS_KEYWORDS, ...STATEMENT_KEYWORDS]);

export const TOP_SET: ReadonlySet<string> = new Set<string>(TOP_KEYWORDS);
export const TOP_ONLY_SET: ReadonlySet<string> = new Set<string>(TOP_ONLY_KEYWORDS);
export const MACHINE_SET: ReadonlySet<string> = new Set<string>(MACHINE_KEYWORDS);
export const PROCESS_SET: ReadonlySet<string> = new Set<string>(PROCESS_KEYWORDS);
export const STATEMENT_SET: ReadonlySet<string> = new Set<string>(STATEMENT_KEYWORDS);
