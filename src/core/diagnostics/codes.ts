/**
 * The one table of diagnostic codes. Codes are stable (quick fixes, docs and
 * tests key on them): never renumber a row, only add rows.
 *
 *   LWP1xxx  lexical and syntax (scanner, parser)
 *   LWP2xxx  names and kinds (checker)
 *   LWP3xxx  models, units, caps, expectations (checker)
 *   LWP4xxx  simulator runtime diagnostics (added by the simulator)
 *   LWP5xxx  expectation failures (added by the simulator)
 *   LWP9xxx  teaching notes: not mistakes, explanations of what a statement does in its model
 *
 * Each row: the code, its severity, a short title (docs), a message builder
 * that says what to write instead, and `example`, a small `.lwp` text that
 * triggers it (used by the docs generator and by the test that walks this
 * table). To add a row, add one entry to CODES; `makeDiagnostic` picks up its
 * argument types from the message builder.
 */
import type { Diagnostic, RelatedInfo, Severity } from '../diagnostic';
import type { Span } from '../syntax/ast';

export interface CodeRow<A extends readonly unknown[] = readonly never[]> {
  readonly code: string;
  readonly severity: Severity;
  readonly title: string;
  readonly message: (...args: A) => string;
  /** A `.lwp` text that produces this code, or null when no static text can (runtime rows). */
  readonly example: string | null;
}

function row<A extends readonly unknown[]>(code: string, severity: Severity, title: string, message: (...args: A) => string, example: string | null): CodeRow<A> {
  return { code, severity, title, message, example };
}

/** `a, b or c` */
export function orList(items: readonly string[]): string {
  const q = items.map((i) => "'" + i + "'");
  if (q.length <= 1) return q.join('');
  return q.slice(0, -1).join(', ') + ' or ' + q[q.length - 1];
}

/** ` — did you mean 'x'?` or an empty string: the one wording, which makeDiagnostic reads back (SUGGESTION). */
export function didYouMean(suggestion: string | null): string {
  return suggestion ? ` — did you mean '${suggestion}'?` : '';
}

/** What didYouMean writes: makeDiagnostic puts the suggestion in `data.suggestion`, which the quick fix offers. */
const SUGGESTION = / — did you mean '([^']+)'\?/;

const P = 'process p {\n  thread t { compute 1ms }\n}\n';

export const CODES = {
  // ---- LWP1xxx: lexical and syntax -------------------------------------
  unterminatedString: row('LWP1001', 'error', 'Unterminated string', () => 'unterminated string: close it with \'"\' on the same line', 'scenario "Two threads\n' + P),
  unterminatedComment: row('LWP1002', 'error', 'Unterminated block comment', () => "unterminated comment: close it with '*/'", P + '/* notes'),
  invalidCharacter: row('LWP1003', 'error', 'Invalid character', (ch: string) => `unexpected character '${ch}': remove it`, P + '@'),
  invalidEscape: row('LWP1004', 'error', 'Invalid escape in a string', (esc: string) => `unknown escape '\\${esc}' in a string: only '\\"' and '\\\\' are allowed`, 'scenario "a\\tb"\n' + P),
  expected: row('LWP1005', 'error', 'Something is missing', (what: string) => `expected ${what}`, 'process p {\n  thread t compute 1ms }\n}\n'),
  needsValue: row('LWP1006', 'error', 'A keyword lacks its value', (keyword: string, what: string, example: string) => `'${keyword}' needs ${what}, e.g. '${example}'`, 'process p {\n  model many-to-many lwps\n  thread t { compute 1ms }\n}\n'),
  unknownStatement: row('LWP1007', 'error', 'Unknown statement', (word: string, suggestion: string | null, hint: string) => `unknown statement '${word}'${suggestion ? didYouMean(suggestion) : ': ' + hint}`, 'process p {\n  thread t { comput 2ms }\n}\n'),
  unexpected: row('LWP1008', 'error', 'Unexpected token', (found: string, where: string, hint: string) => `unexpected ${found} ${where}: ${hint}`, 'process p {\n  cpus 2\n  thread t { compute 1ms }\n}\n'),
  unclosedBlock: row('LWP1009', 'error', 'Block never closed', (before: string) => `this '{' is never closed: add '}' ${before}`, 'process p {\n  thread t {\n    compute 1ms\n\nprocess q {\n  thread u { compute 1ms }\n}\n'),
  unmatchedBrace: row('LWP1010', 'error', 'Unmatched closing brace', () => "this '}' closes nothing: remove it", P + '}\n'),
  unknownKeyword: row('LWP1011', 'error', 'Unknown option', (what: string, word: string, valid: readonly string[], suggestion: string | null) => `unknown ${what} '${word}': use ${orList(valid)}${didYouMean(suggestion)}`, 'process p {\n  model many-to-few\n  thread t { compute 1ms }\n}\n'),
  strayBlock: row('LWP1012', 'error', 'Block without a statement', () => "a block must follow 'repeat N', 'forever' or 'lock NAME': add one of them before '{'", 'process p {\n  thread t { { compute 1ms } }\n}\n'),
  badNumber: row('LWP1013', 'error', 'Wrong kind of number', (keyword: string, found: string, what: string, example: string) => `'${keyword}' needs ${what}, not '${found}', e.g. '${example}'`, 'machine { cpus 2.5 }\n' + P),

  // ---- LWP2xxx: names and kinds ----------------------------------------
  unknownName: row('LWP2001', 'error', 'Unknown name', (what: string, name: string, suggestion: string | null, valid: readonly string[]) => `no ${what} named '${name}'${suggestion ? didYouMean(suggestion) : valid.length ? ` (declared: ${orList(valid.slice(0, 12))}${valid.length > 12 ? ', …' : ''})` : ': declare it first'}`, 'process p {\n  mutex cache\n  thread t { lock cahce { compute 1ms } }\n}\n'),
  duplicateName: row('LWP2002', 'error', 'Duplicate name', (what: string, name: string, scope: string) => `${what} '${name}' is already declared ${scope}: rename one of them`, 'process p {\n  mutex m\n  mutex m\n  thread t { compute 1ms }\n}\n'),
  shadowsKernel: row('LWP2003', 'error', 'Name shadows a kernel object', (name: string, kernelKind: string) => `'${name}' is already the name of a kernel ${kernelKind} declared at top level: pick another name`, 'mutex m\nprocess p {\n  mutex m\n  thread t { lock m { compute 1ms } }\n}\n'),
  wrongKind: row('LWP2004', 'error', 'Wrong kind of object', (stmt: string, needs: string, name: string, actual: string, hint: string) => `'${stmt}' needs ${needs}, but '${name}' is a ${actual}${hint ? ': ' + hint : ''}`, 'process p {\n  semaphore s = 1\n  thread t { lock s { compute 1ms } }\n}\n'),
  spawnNotSpawned: row('LWP2005', 'error', 'Spawn of a thread not declared `spawned`', (name: string) => `'${name}' is not declared 'spawned', so it already starts on its own: add 'spawned' to 'thread ${name}' to start it only with 'spawn'`, 'process p {\n  thread main { spawn w }\n  thread w { compute 1ms }\n}\n'),
  neverSpawned: row('LWP2006', 'warning', '`spawned` thread never spawned', (name: string) => `thread '${name}' is declared 'spawned' but no thread spawns it, so it never runs: add 'spawn ${name}' to a thread, or remove 'spawned'`, 'process p {\n  thread main { compute 1ms }\n  thread w spawned { compute 1ms }\n}\n'),
  startOnSpawned: row('LWP2007', 'warning', '`start` on a spawned thread', (name: string) => `'start' has no effect on '${name}': a 'spawned' thread starts when a thread spawns it; remove 'start'`, 'process p {\n  thread main { spawn w }\n  thread w spawned start 1ms { compute 1ms }\n}\n'),
  unlockNeverLocked: row('LWP2008', 'warning', 'Unlock of a lock this thread never takes', (name: string) => `this thread never locks '${name}', so 'unlock ${name}' will fail at run time (a mutex is unlocked only by its holder): lock it first, or use 'lock ${name} { … }'`, 'process p {\n  mutex m\n  thread t { unlock m }\n}\n'),
  exitsHolding: row('LWP2009', 'warning', 'Thread can exit holding a lock', (name: string) => `the thread can exit still holding '${name}': add 'unlock ${name}' after it, or write 'lock ${name} { … }'`, 'process p {\n  mutex m\n  thread t { lock m  compute 1ms }\n}\n'),
  unknownCost: row('LWP2010', 'error', 'Unknown cost name', (name: string, valid: readonly string[], suggestion: string | null) => `unknown cost '${name}': costs are ${orList(valid)}${didYouMean(suggestion)}`, 'machine {\n  costs { kernel-swtich 5us }\n}\n' + P),
  joinSelf: row('LWP2011', 'error', 'A thread joins itself', (name: string) => `'${name}' joins itself and would wait forever: join another thread`, 'process p {\n  thread t { join t }\n}\n'),
  barrierCount: row('LWP2012', 'error', 'Barrier without a count', (name: string, found: string | null) => `${found === null ? `barrier '${name}' needs the number of threads each round waits for` : `barrier '${name}' must wait for at least 1 thread, not ${found}`}: write 'barrier ${name} = 2'`, 'process p {\n  barrier b\n  thread t * 2 { arrive b }\n}\n'),
  barrierNeverOpens: row('LWP2013', 'warning', 'Barrier that can never open', (name: string, count: number, arriving: number) => `barrier '${name}' waits for ${count} threads each round, but only ${arriving} thread instance${arriving === 1 ? '' : 's'} ever arrive${arriving === 1 ? 's' : ''} at it, so it never opens and they wait forever: lower the count to ${arriving} or add threads that 'arrive ${name}'`, 'process p {\n  barrier b = 3\n  thread t * 2 { arrive b }\n}\n'),
  unknownCostPreset: row('LWP2014', 'error', 'Unknown cost preset', (name: string, valid: readonly string[], suggestion: string | null) => `unknown cost preset '${name}': presets are ${orList(valid)}${didYouMean(suggestion)}`, 'machine {\n  costs linx\n}\n' + P),

  // ---- LWP3xxx: models, units, caps, expectations -----------------------
  durationNeedsUnit: row('LWP3001', 'error', 'Duration without a unit', (num: string) => `a duration needs a unit: write '${num}ms' (units: ns, us, µs, ms, s)`, 'process p {\n  thread t { compute 5 }\n}\n'),
  unknownUnit: row('LWP3002', 'error', 'Unknown unit', (unit: string, text: string) => `unknown unit '${unit}' in '${text}': use ns, us, µs, ms or s`, 'process p {\n  thread t { compute 5m }\n}\n'),
  subNanosecond: row('LWP3003', 'error', 'Sub-nanosecond duration', (text: string) => `'${text}' is not a whole number of nanoseconds: times are counted in whole ns`, 'process p {\n  thread t { compute 1.5ns }\n}\n'),
  durationOverflow: row('LWP3004', 'error', 'Duration too large', (text: string, max: string) => `'${text}' is too long: the largest duration is ${max}`, 'process p {\n  thread t { compute 9999999999999999s }\n}\n'),
  zeroQuantum: row('LWP3005', 'error', 'Zero quantum', () => "a quantum must be longer than 0: e.g. 'quantum 10ms'", 'machine { scheduler round-robin quantum 0ms }\n' + P),
  overCap: row('LWP3006', 'error', 'Over a cap', (what: string, cap: string, hint: string) => `${what} is over the cap of ${cap}: ${hint}`, 'process p {\n  thread t * 100000000 { compute 1ms }\n}\n'),
  boundManyToOne: row('LWP3007', 'error', '`bound` in many-to-one', () => "'bound' is impossible in many-to-one (the process has exactly one LWP): remove 'bound' or use 'model many-to-many lwps N'", 'process p {\n  model many-to-one\n  thread t bound { compute 1ms }\n}\n'),
  boundOneToOne: row('LWP3008', 'warning', '`bound` is redundant in one-to-one', () => "'bound' is redundant in one-to-one: every thread already has its own LWP", 'process p {\n  model one-to-one\n  thread t bound { compute 1ms }\n}\n'),
  needsManyToMany: row('LWP3009', 'error', 'Option only for many-to-many', (option: string, model: string) => `'${option}' applies only to many-to-many, but this process is ${model}: remove it or use 'model many-to-many lwps N'`, 'process p {\n  model many-to-one\n  upcalls on\n  thread t { compute 1ms }\n}\n'),
  zeroLwps: row('LWP3010', 'error', 'Empty LWP pool', () => "a many-to-many pool needs at least one LWP: e.g. 'lwps 2'", 'process p {\n  model many-to-many lwps 0\n  thread t { compute 1ms }\n}\n'),
  maxBelowLwps: row('LWP3011', 'error', '`max` below `lwps`', (max: number, lwps: number) => `'max ${max}' is below the pool size 'lwps ${lwps}': 'max' must be at least ${lwps}`, 'process p {\n  model many-to-many lwps 4 max 2\n  sigwaiting on\n  thread t { compute 1ms }\n}\n'),
  lwpsWrongModel: row('LWP3012', 'error', '`lwps` on a model without a pool', (option: string, model: string) => `'${option}' applies only to many-to-many; ${model} has no LWP pool: remove it or write 'model many-to-many lwps N'`, 'process p {\n  model one-to-one lwps 2\n  thread t { compute 1ms }\n}\n'),
  schedulerNoEffect: row('LWP3013', 'warning', 'User scheduler in one-to-one', () => "a thread-library 'scheduler' has no effect in one-to-one: the kernel schedules every thread; remove it", 'process p {\n  model one-to-one\n  scheduler priority\n  thread t { compute 1ms }\n}\n'),
  duplicateItem: row('LWP3014', 'error', 'Item given twice', (item: string, where: string) => `'${item}' is already given ${where}: keep only one`, 'machine { cpus 2 }\nmachine { cpus 4 }\n' + P),
  missingProcess: row('LWP3015', 'error', 'No process', () => "a scenario needs at least one process: add 'process NAME { thread T { compute 1ms } }'", 'machine { cpus 2 }\n'),
  zeroCpus: row('LWP3016', 'error', 'No CPU', () => "a machine needs at least one CPU: e.g. 'cpus 1'", 'machine { cpus 0 }\n' + P),
  maxWithoutSigwaiting: row('LWP3017', 'warning', '`max` without `sigwaiting on` or `handoff`', () => "'max' has no effect without 'sigwaiting on' or 'handoff after D': only they add LWPs to the pool; add one or remove 'max'", 'process p {\n  model many-to-many lwps 2 max 4\n  thread t { compute 1ms }\n}\n'),
  missingLwps: row('LWP3018', 'error', 'many-to-many without a pool size', (written: string) => `'${written}' needs a pool size: write 'model ${written} lwps 2'`, 'process p {\n  model M:N\n  thread t { compute 1ms }\n}\n'),
  quantumNoEffect: row('LWP3019', 'error', '`quantum` with a FIFO policy', (policy: string) => `'${policy}' has no quantum (it runs a thread until it blocks or yields): remove 'quantum', or use 'round-robin quantum D'`, 'machine { scheduler fifo quantum 5ms }\n' + P),
  unknownMetric: row('LWP3020', 'error', 'Unknown metric', (name: string, valid: readonly string[], suggestion: string | null) => `unknown metric '${name}': metrics are ${orList(valid)}${didYouMean(suggestion)}`, P + 'expect makespam < 10ms\n'),
  unknownSubjectProcess: row('LWP3021', 'error', 'Unknown process in an expectation', (name: string, valid: readonly string[], suggestion: string | null) => `no process named '${name}': processes are ${orList(valid)}${didYouMean(suggestion)}`, P + 'expect q.t.finish < 10ms\n'),
  unknownSubjectThread: row('LWP3022', 'error', 'Unknown thread in an expectation', (name: string, process: string, valid: readonly string[], suggestion: string | null) => `process '${process}' has no thread named '${name}': its threads are ${orList(valid)}${didYouMean(suggestion)}`, P + 'expect p.u.finish < 10ms\n'),
  unknownField: row('LWP3023', 'error', 'Unknown thread field', (name: string, valid: readonly string[], suggestion: string | null) => `unknown thread field '${name}': fields are ${orList(valid)}${didYouMean(suggestion)}`, P + 'expect p.t.end < 10ms\n'),
  valueKindMismatch: row('LWP3024', 'error', 'Duration compared with a number (or the reverse)', (subject: string, isDuration: boolean) => (isDuration ? `'${subject}' is a duration: compare it with a duration such as '40ms'` : `'${subject}' is a plain number: compare it with a number such as '0.9' or '3', without a unit`), P + 'expect makespan < 40\n'),
  isOnlyStatus: row('LWP3025', 'error', '`is` used with a subject other than `status`', (subject: string) => `'is' works only with 'status' (e.g. 'expect status is completed'): compare '${subject}' with <, <=, >, >=, == or !=`, P + 'expect makespan is completed\n'),
  unknownStatus: row('LWP3026', 'error', 'Unknown run status', (word: string, suggestion: string | null) => `a run ends 'completed', 'deadlock' or 'limit', not '${word}'${didYouMean(suggestion)}`, P + 'expect status is done\n'),
  statusNeedsIs: row('LWP3027', 'error', '`status` compared with an operator', () => "compare 'status' with 'is', e.g. 'expect status is completed'", P + 'expect status == 1\n'),
  instanceOutOfRange: row('LWP3028', 'error', 'Thread instance out of range', (thread: string, index: number, count: number) => (count === 1 ? `'${thread}' has a single instance: write '${thread}' without '#${index}'` : `'${thread}' has ${count} instances: '#${index}' is out of range (use #1 to #${count})`), P + 'expect p.t#2.finish < 10ms\n'),
  badInstanceIndex: row('LWP3029', 'error', 'Instance index 0', (thread: string) => `instances are numbered from 1: write '${thread}#1'`, 'process p {\n  thread t * 2 { compute 1ms }\n}\nexpect p.t#0.finish < 10ms\n'),
  askNeedsInstance: row('LWP3033', 'error', 'A question about a thread with several instances', (thread: string, count: number | null) => `'${thread}' has ${count === null ? 'an instance per spawn' : `${count} instances`}: ask about one of them, e.g. '${thread}#1'`, 'process p {\n  thread t * 2 { compute 1ms }\n}\nask p.t.finish\n'),
  askNeedsTwo: row('LWP3034', 'error', '`ask first` or `ask last` with fewer than two threads', (which: string) => `'ask ${which}' compares threads: name at least two, e.g. 'ask ${which} p.a p.b'`, 'process p {\n  thread t { compute 1ms }\n}\nask first p.t\n'),
  tooLarge: row('LWP3030', 'error', 'File too large', (size: string, cap: string) => `the file is ${size}, over the cap of ${cap}: split the scenario`, null),
  handoffExcludes: row('LWP3031', 'error', '`handoff` with `upcalls on` or `sigwaiting on`', (option: string) => `'handoff after D' and '${option}' cannot both be on: each is a different answer to an LWP blocked in the kernel; keep one`, 'process p {\n  model many-to-many lwps 2\n  handoff after 20us\n  upcalls on\n  thread t { compute 1ms }\n}\n'),
  policyParamNoEffect: row('LWP3041', 'error', 'A scheduler duration its policy does not take', (policy: string, param: string, takes: readonly string[]) => `'${policy}' takes no '${param}'${takes.length ? `: it takes ${orList(takes)}` : ''} — e.g. ${policy === 'fair' ? "'scheduler fair latency 6ms granularity 750us'" : `'scheduler ${policy} quantum 10ms'`}`, 'machine { scheduler fair quantum 5ms }\n' + P),
  zeroPolicyParam: row('LWP3042', 'error', 'Zero latency or granularity', (param: string, example: string) => `a ${param} must be longer than 0: e.g. '${example}'`, 'machine { scheduler fair latency 0ms }\n' + P),
  granularityOverLatency: row('LWP3043', 'error', 'Fair granularity longer than its latency', (granularity: string, latency: string, defaultLatency: boolean) => `a granularity of ${granularity} is longer than the ${defaultLatency ? 'default ' : ''}latency of ${latency}: every slice would be the granularity — shorten it or raise 'latency'`, 'machine { scheduler fair granularity 10ms }\n' + P),

  // ---- LWP4xxx: simulator runtime (src/core/sim) -------------------------
  unlockNotHeld: row('LWP4001', 'error', 'Unlock of a lock the thread does not hold', (thread: string, name: string, holder: string | null) => `${thread} unlocks '${name}' but ${holder ? `${holder} holds it` : 'nobody holds it'}: the unlock is skipped; only the holder may unlock (lock it first, or use 'lock ${name} { … }')`, null),
  exitedHolding: row('LWP4002', 'warning', 'Thread exited holding a lock', (thread: string, name: string) => `${thread} exited holding '${name}', so no other thread can take it: unlock it before the thread ends, or write 'lock ${name} { … }'`, null),
  deadlocked: row('LWP4003', 'error', 'Deadlock', (thread: string, waitsFor: string) => `deadlock: ${thread} waits here forever for ${waitsFor}`, null),
  limitReached: row('LWP4004', 'warning', 'Run stopped at a limit', (summary: string) => summary, null),
  spinsForever: row('LWP4005', 'warning', 'Spinning on a lock whose holder cannot run', (thread: string, waitsFor: string) => `${thread} spins here on ${waitsFor}`, null),

  // ---- LWP5xxx: expectation failures (src/core/sim/expect.ts) -----------
  expectFailed: row('LWP5001', 'error', 'Expectation failed', (text: string, actual: string) => `${text} — got ${actual}`, null),

  // ---- LWP9xxx: teaching notes (src/core/concepts/teaching.ts) ----------
  ioBlocksProcess: row(
    'LWP9001',
    'warning',
    "'io' blocks a many-to-one process",
    (all: string) => `'io' blocks ${all} of this process: many-to-one has a single LWP, and it is blocked in the kernel until the call returns`,
    null,
  ),
  spinManyToOne: row(
    'LWP9002',
    'warning',
    'Spinning in a many-to-one process',
    (lock: string) => `spinning on '${lock}' holds the process's only LWP: if another thread of this process holds it, that thread cannot run to free it`,
    null,
  ),
  ioShrinksPool: row(
    'LWP9003',
    'info',
    "'io' shrinks a many-to-many pool",
    (lwps: number) => `'io' takes its LWP with it: the pool of ${lwps} runs one LWP short until the call returns ('upcalls on' or 'sigwaiting on' replace it)`,
    null,
  ),
  priorityIgnored: row(
    'LWP9004',
    'warning',
    'A thread priority the kernel ignores',
    (thread: string, priority: number, policy: string) =>
      `'priority ${priority}' has no effect on '${thread}': the thread has an LWP of its own, and the kernel's '${policy}' policy ignores priorities (write 'scheduler priority' in 'machine' to honour it)`,
    null,
  ),
} as const;

export type CodeKey = keyof typeof CODES;
type ArgsOf<K extends CodeKey> = (typeof CODES)[K] extends CodeRow<infer A> ? A : never;

export interface DiagnosticExtras {
  readonly related?: readonly RelatedInfo[];
  readonly data?: Readonly<Record<string, string | number | boolean>>;
  /** Override the row's severity (rarely: a row's severity is its contract). */
  readonly severity?: Severity;
}

/** Builds a Diagnostic from a row of the table. */
export function makeDiagnostic<K extends CodeKey>(key: K, span: Span, args: ArgsOf<K>, extras?: DiagnosticExtras): Diagnostic {
  const r = CODES[key] as unknown as CodeRow<ArgsOf<K>>;
  const d: { -readonly [P in keyof Diagnostic]: Diagnostic[P] } = {
    code: r.code,
    severity: extras?.severity ?? r.severity,
    message: r.message(...args),
    span: { start: span.start, end: span.end },
  };
  if (extras?.related && extras.related.length) d.related = extras.related.map((r) => ({ span: { start: r.span.start, end: r.span.end }, message: r.message }));
  if (extras?.data) d.data = { ...extras.data, key };
  else d.data = { key };
  // Every "did you mean" offers its quick fix: the suggestion replaces the diagnostic's span.
  const suggestion = SUGGESTION.exec(d.message);
  if (suggestion) d.data = { ...d.data, suggestion: suggestion[1] };
  return d;
}

/** Every row, for docs and the test that walks the table. */
export function allCodes(): readonly (CodeRow<readonly never[]> & { readonly key: string })[] {
  return Object.entries(CODES).map(([key, r]) => ({ ...(r as unknown as CodeRow<readonly never[]>), key }));
}

/** The row of a code such as `LWP2001`, or undefined. */
export function codeRow(code: string): (CodeRow<readonly never[]> & { readonly key: string }) | undefined {
  return allCodes().find((r) => r.code === code);
}
