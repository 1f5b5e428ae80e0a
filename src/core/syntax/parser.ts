/**
 * Recursive-descent parser for `.lwp` (LANGUAGE.md §3) with recovery. It
 * builds the plain tree of ./ast.ts directly; which words start which items,
 * and what each statement takes, come from the language registry
 * (language/registry.ts, via ./keywords.ts).
 *
 * Recovery follows TypeScript's `abortParsingListOrMoveToNextToken`: each
 * list (file items, machine items, costs, process items, statements) knows
 * which tokens start its elements; on a token it cannot use, the list ends
 * if an enclosing list can use it (a block missing its `}` closes at the next
 * `thread`/`process`), otherwise the token is skipped. Only the first token
 * of a run of skipped tokens is reported, and at most one error is reported
 * at any offset, so one mistake gives one error.
 *
 * Value parsers never consume a token that cannot be their value: `lock` at
 * the end of a line followed by `compute 1ms` reports "`lock` needs a name"
 * and leaves `compute` to be parsed as the next statement.
 */
import type { Diagnostic } from '../diagnostic';
import { CODES, didYouMean, makeDiagnostic, orList, type CodeKey, type DiagnosticExtras } from '../diagnostics/codes';
import { DiagnosticSink, type OmittedDiagnostics } from '../diagnostics/sink';
import { suggest } from '../diagnostics/suggest';
import { AFTER, ASK_ORDERS, COSTS, KERNEL_POLICIES, LIBRARY_POLICIES, MODEL_OPTIONS, MODELS, POLICY_PARAMS, SWITCH_VALUES, STATUSES, STATEMENTS, SYNC_KINDS, THREAD_FIELDS, THREAD_OPTIONS, UNITS, orWords, wordsOf, type Statement } from '../language/registry';
import { MAX_NESTING_DEPTH } from '../limits';
import { MAX_DURATION_NS, parseDuration } from '../units';
import type {
  Block,
  CompareOp,
  CostEntry,
  CostsItem,
  DurationLit,
  HandoffItem,
  ExpectComparison,
  AskDecl,
  AskQuestion,
  ExpectDecl,
  ExpectSubject,
  ThreadRef,
  IntLit,
  Keyword,
  KernelPolicyName,
  LwpFile,
  MachineDecl,
  MachineItem,
  ModelItem,
  ModelName,
  Name,
  NumberLit,
  PolicyParam,
  ProcessDecl,
  ProcessItem,
  Span,
  Stmt,
  SyncDecl,
  SyncKind,
  ThreadDecl,
  ThreadOption,
  TopItem,
} from './ast';
import {
  LIST_STARTERS,
  MACHINE_KEYWORDS,
  MACHINE_SET,
  MODEL_SHORTHANDS,
  MODEL_WORDS,
  POLICY_WORDS,
  PROCESS_KEYWORDS,
  PROCESS_SET,
  RESERVED,
  STATEMENT_BY_WORD,
  STATEMENT_KEYWORDS,
  STATEMENT_SET,
  SYNC_KIND_WORDS,
  THREAD_OPTION_WORDS,
  TOP_KEYWORDS,
  TOP_ONLY_SET,
  TOP_SET,
} from './keywords';
import { fastDuration } from './literals';
import { scanStream, type Token, type TokenKind, type TokenStream } from './scanner';

const ASK_ORDER_WORDS: readonly string[] = wordsOf(ASK_ORDERS);

export interface ParseResult {
  readonly file: LwpFile;
  /** The first MAX_DIAGNOSTICS_PER_FILE by position and the first error (see DiagnosticSink). */
  readonly diagnostics: Diagnostic[];
  /** Diagnostics counted but not stored. */
  readonly omitted: OmittedDiagnostics;
  /** Every token, comments included, ending with `eof`. */
  readonly tokens: readonly Token[];
}

const COST_WORDS: ReadonlySet<string> = new Set(wordsOf(COSTS));

type ListKind = 'top' | 'machine' | 'costs' | 'process' | 'block';

const WHERE_LIST_IS: Record<ListKind, string> = {
  top: 'at the top level',
  machine: "in 'machine { … }'",
  costs: "in 'costs { … }'",
  process: 'in a process',
  block: 'in a thread body',
};

export function parse(text: string): ParseResult {
  const r = parseStream(text);
  return withLazyTokens({ file: r.file, diagnostics: r.diagnostics, omitted: r.omitted }, r.stream);
}

/** parse() with the tokens left as the scanner's stream (for `analyze`, which passes them on lazily). */
export function parseStream(text: string): { readonly file: LwpFile; readonly diagnostics: Diagnostic[]; readonly omitted: OmittedDiagnostics; readonly stream: TokenStream } {
  const stream = scanStream(text);
  const sink = new DiagnosticSink();
  for (const d of stream.diagnostics) sink.push(d);
  const p = new Parser(text, stream, sink);
  const file = p.parseFile();
  return { file, diagnostics: sink.list(), omitted: sink.omitted, stream };
}

/**
 * `result` with a `tokens` property made from `stream` on first read (and
 * kept): most callers (the CLI, the simulator's worker) never read the token
 * list, so it is not built for them.
 */
export function withLazyTokens<T extends object>(result: T, stream: TokenStream): T & { readonly tokens: readonly Token[] } {
  let tokens: Token[] | null = null;
  return Object.defineProperty(result, 'tokens', {
    enumerable: true,
    configurable: true,
    get: () => (tokens ??= stream.toTokens()),
  }) as T & { readonly tokens: readonly Token[] };
}

/** What each statement's name operand must be, for errors: `the name of a mutex or spinlock`. */
const NAME_WANTED: ReadonlyMap<Statement, string> = new Map(STATEMENTS.map((s) => [s, s.operand === 'sync' ? `the name of a ${orWords(s.of)}` : 'the name of a thread']));

const FIELD_WORDS: readonly string[] = wordsOf(THREAD_FIELDS);

function isComment(kind: TokenKind): boolean {
  return kind === 'lineComment' || kind === 'blockComment';
}

class Parser {
  private pos = 0;
  /** The token at `pos` as an object, made when first asked for. */
  private cur: Token | null = null;
  private prevEnd = 0;
  /** Offsets that already have an error: one error per offset. */
  private readonly errorAt = new Set<number>();
  /** Inside a run of skipped tokens: only the first is reported. */
  private skipping = false;
  private readonly stack: ListKind[] = [];
  private depth = 0;
  private depthReported = false;
  /** Token index at which a list was last closed for a missing `}`: outer lists closing at the same token stay silent. */
  private unclosedAt = -1;

  constructor(
    private readonly text: string,
    private readonly tokens: TokenStream,
    readonly diagnostics: DiagnosticSink,
  ) {
    this.skipComments();
    // The scanner's errors are about tokens the parser would otherwise report again. Not an unterminated comment's:
    // the parser never sees comments, and its "expected `{`" at the end of the text may fall where the comment starts.
    for (const d of tokens.diagnostics) if (d.data?.['key'] !== 'unterminatedComment') this.errorAt.add(d.span.start);
  }

  // ---- token helpers -------------------------------------------------------

  /** The current token: never a comment (`pos` is always left on a significant token; the last token is `eof`). */
  private peek(): Token {
    return (this.cur ??= this.tokens.token(this.pos));
  }
  private next(): Token {
    const t = this.peek();
    this.advance();
    return t;
  }
  /** Steps past the current token (and the comments after it). */
  private advance(): void {
    const pos = this.pos;
    if (this.tokens.kind(pos) !== 'eof') {
      this.prevEnd = this.tokens.end(pos);
      this.pos = pos + 1;
      this.skipComments();
      this.cur = null;
    }
  }
  private kindHere(): TokenKind {
    return this.tokens.kind(this.pos);
  }
  private textHere(): string | undefined {
    return this.tokens.text(this.pos);
  }
  private spanHere(): Span {
    return { start: this.tokens.start(this.pos), end: this.tokens.end(this.pos) };
  }
  private skipComments(): void {
    while (isComment(this.tokens.kind(this.pos))) this.pos++;
  }
  private isWord(t: Token, w?: string): boolean {
    return t.kind === 'word' && (w === undefined || t.text === w);
  }
  private wordIn(t: Token, set: ReadonlySet<string>): boolean {
    return t.kind === 'word' && set.has(t.text!);
  }
  private span(start: number): Span {
    return { start, end: this.endFrom(start) };
  }
  /** The end of a node that starts at `start`: the end of the last token consumed (not before `start`). */
  private endFrom(start: number): number {
    return Math.max(start, this.prevEnd);
  }
  /** Where an error about a missing piece goes: the token `t`, or the end of the text before it at the end of the file. */
  private missingAt(t: Token): Span {
    return t.kind === 'eof' ? { start: this.prevEnd, end: this.prevEnd } : { start: t.start, end: t.end };
  }
  private report<K extends CodeKey>(key: K, span: Span, args: Parameters<(typeof CODES)[K]['message']>, extras?: DiagnosticExtras): void {
    if (this.errorAt.has(span.start)) return;
    this.errorAt.add(span.start);
    // Past the stored ones (a file of a million stray `}`): counted, not built.
    if (this.diagnostics.skip(span.start, extras?.severity ?? CODES[key].severity)) return;
    this.diagnostics.push(makeDiagnostic(key, span, args as never, extras));
  }
  private describe(t: Token): string {
    switch (t.kind) {
      case 'eof':
        return 'the end of the file';
      case 'string':
        return 'a string';
      case 'lbrace':
        return "'{'";
      case 'rbrace':
        return "'}'";
      case 'star':
        return "'*'";
      case 'equals':
        return "'='";
      case 'hash':
        return "'#'";
      case 'dot':
        return "'.'";
      case 'semicolon':
        return "';'";
      default:
        return "'" + (t.text ?? this.text.slice(t.start, t.end)) + "'";
    }
  }

  // ---- lists -----------------------------------------------------------------

  /** Whether a list enclosing the current one starts an element with `t`. */
  private outerCanUse(t: Token): boolean {
    if (t.kind !== 'word') return false;
    for (let i = this.stack.length - 2; i >= 0; i--) {
      const listKind = this.stack[i];
      if (listKind === 'top' && TOP_SET.has(t.text!)) return true;
      if (listKind === 'process' && PROCESS_SET.has(t.text!)) return true;
      if (listKind === 'machine' && MACHINE_SET.has(t.text!)) return true;
      if (listKind === 'block' && STATEMENT_SET.has(t.text!)) return true;
    }
    return false;
  }

  /**
   * Parses `element*` up to the `}` that closes `open` (already consumed;
   * null for a body whose `{` is missing and already reported). `element`
   * parses one element at the current token, or returns null when the token
   * starts none. Returns the elements and the end offset of the list, past
   * its `}` when present.
   */
  private list<T>(listKind: ListKind, open: Span | null, element: () => T | null): { readonly items: T[]; readonly end: number } {
    this.stack.push(listKind);
    // Returned as exact-size copies (`items.slice()`): an array grown by `push` keeps room for 17 elements, and most
    // lists are short and live as long as the tree.
    const items: T[] = [];
    try {
      for (;;) {
        const k = this.kindHere();
        if (k === 'rbrace') {
          if (listKind === 'top') {
            // A `}` at the top level closes nothing: report it and go on.
            this.report('unmatchedBrace', this.next(), []);
            continue;
          }
          const end = this.tokens.end(this.pos);
          this.advance();
          this.skipping = false;
          return { items: items.slice(), end };
        }
        if (k === 'eof') {
          this.unclosed(open, 'at the end of the file');
          return { items: items.slice(), end: this.prevEnd };
        }
        if (k === 'semicolon') {
          this.advance();
          continue;
        }
        const el = element();
        if (el !== null) {
          items.push(el);
          this.skipping = false;
          continue;
        }
        const t = this.peek();
        if (this.outerCanUse(t)) {
          this.unclosed(open, `before '${t.text!}'`);
          return { items: items.slice(), end: this.prevEnd };
        }
        if (t.kind === 'lbrace') {
          if (!this.skipping) {
            if (listKind === 'block') this.report('strayBlock', t, []);
            else this.unexpectedAt(listKind, t);
          }
          this.skipBalanced();
          this.skipping = true;
          continue;
        }
        if (!this.skipping) this.unexpectedAt(listKind, t);
        this.skipping = true;
        this.next();
      }
    } finally {
      this.stack.pop();
    }
  }

  private unclosed(open: Span | null, before: string): void {
    if (open === null || this.unclosedAt === this.pos) return;
    this.unclosedAt = this.pos;
    this.report('unclosedBlock', open, [before]);
  }

  /** Skips a `{ … }` group without recursion; stops early at a file-level keyword, which an outer list will use. */
  private skipBalanced(): void {
    let depth = 0;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof') return;
      if (t.kind === 'lbrace') depth++;
      else if (t.kind === 'rbrace') {
        depth--;
        if (depth <= 0) {
          this.next();
          return;
        }
      } else if (depth > 0 && this.wordIn(t, TOP_ONLY_SET)) return;
      this.next();
    }
  }

  // ---- values ---------------------------------------------------------------

  /** A duration after `kw` (`compute 5ms`). Never consumes a token that is not a number. */
  private duration(kw: Span, kwText: string, example: string): DurationLit | null {
    if (this.kindHere() === 'duration') {
      const start = this.tokens.start(this.pos);
      const end = this.tokens.end(this.pos);
      const text = this.textHere()!;
      this.advance();
      return this.durationLit(start, end, text, kwText, example);
    }
    const t = this.peek();
    if (t.kind === 'int' || t.kind === 'number') {
      this.next();
      let end = t.end;
      const u = this.peek();
      // `5 ms`: take the unit along so it does not become a second error.
      if (u.kind === 'word' && (UNITS as readonly string[]).includes(u.text!)) end = this.next().end;
      this.report('durationNeedsUnit', { start: t.start, end }, [t.text!.replace(/^-/, '')]);
      return { kind: 'duration', ns: null, text: this.text.slice(t.start, end), span: { start: t.start, end } };
    }
    this.report('needsValue', kw, [kwText, 'a duration', example]);
    return null;
  }

  private durationLit(start: number, end: number, text: string, kwText: string, example: string): DurationLit {
    const span: Span = { start, end };
    const fast = fastDuration(text);
    if (fast >= 0) return { kind: 'duration', ns: fast, text, span };
    if (text.startsWith('-')) {
      this.report('badNumber', span, [kwText, text, 'a duration of 0 or more', example]);
      return { kind: 'duration', ns: null, text, span };
    }
    const r = parseDuration(text);
    if (r.ok) return { kind: 'duration', ns: r.ns, text, span };
    if (r.reason === 'fraction') this.report('subNanosecond', span, [text]);
    else if (r.reason === 'overflow') this.report('durationOverflow', span, [text, `${MAX_DURATION_NS.toLocaleString('en-US')}ns (about ${Math.floor(MAX_DURATION_NS / 86_400e9)} days)`]);
    else {
      const unit = /^-?[\d.]+(.*)$/.exec(text)?.[1] ?? text;
      this.report('unknownUnit', span, [unit, text]);
    }
    return { kind: 'duration', ns: null, text, span };
  }

  /** A count (or, with `signed`, a priority) after `kw`. */
  private count(kw: Span, kwText: string, example: string, signed = false): IntLit | null {
    const what = signed ? 'an integer' : 'a count (a whole number, 0 or more)';
    if (this.kindHere() === 'int') {
      const span = this.spanHere();
      const text = this.textHere()!;
      this.advance();
      if (!signed && text.startsWith('-')) {
        this.report('badNumber', span, [kwText, text, what, example]);
        return { kind: 'int', value: null, text, span };
      }
      return { kind: 'int', value: Number(text), text, span };
    }
    const t = this.peek();
    if (t.kind === 'number' || t.kind === 'duration') {
      this.next();
      this.report('badNumber', t, [kwText, t.text!, what, example]);
      return { kind: 'int', value: null, text: t.text!, span: { start: t.start, end: t.end } };
    }
    this.report('needsValue', kw, [kwText, signed ? 'an integer priority' : 'a count', example]);
    return null;
  }

  /**
   * A name after `kw`. A reserved word is taken as the name (with an error)
   * only when it cannot start the next element of some list.
   */
  private name(kw: Span, kwText: string, what: string, example: string): Name | null {
    if (this.kindHere() === 'word') {
      const text = this.textHere()!;
      if (!RESERVED.has(text)) {
        const name: Name = { text, span: this.spanHere() };
        this.advance();
        return name;
      }
      if (!LIST_STARTERS.has(text)) {
        const t = this.next();
        this.report('expected', t, [`${what} after '${kwText}', but '${t.text!}' is a reserved keyword: choose another name`]);
        return { text: t.text!, span: { start: t.start, end: t.end } };
      }
    }
    this.report('needsValue', kw, [kwText, what, example]);
    return null;
  }

  private keywordOf<T extends string>(t: Token, text: T): Keyword<T> {
    return { text, span: { start: t.start, end: t.end } };
  }

  /** `on` / `off` after `upcalls` or `sigwaiting`. */
  private onOff(kw: Token): Keyword<'on' | 'off'> | null {
    const t = this.peek();
    const value = SWITCH_VALUES.find((v) => this.isWord(t, v));
    if (value !== undefined) return this.keywordOf(this.next(), value);
    if (t.kind === 'word' && !LIST_STARTERS.has(t.text!)) {
      this.next();
      this.report('unknownKeyword', t, [`value for '${kw.text!}'`, t.text!, SWITCH_VALUES, suggest(t.text!, SWITCH_VALUES)]);
      return null;
    }
    this.report('needsValue', kw, [kw.text!, "'on' or 'off'", `${kw.text!} on`]);
    return null;
  }

  /**
   * `round-robin [quantum D] | fifo | priority [quantum D] | fair [latency D] [granularity D]`:
   * any of the policy durations, in any order (the checker rejects one the policy does not take, and repeats).
   */
  private policy<P extends string>(kw: Token, policies: readonly { readonly word: P }[]): { policy: Keyword<P> | null; params: PolicyParam[] } {
    const t = this.peek();
    let policy: Keyword<P> | null = null;
    const known = t.kind === 'word' ? policies.find((p) => p.word === t.text) : undefined;
    if (known !== undefined) policy = this.keywordOf(this.next(), known.word);
    else if (t.kind === 'word' && !LIST_STARTERS.has(t.text!) && !POLICY_PARAMS.some((p) => p.word === t.text)) {
      this.next();
      this.report('unknownKeyword', t, ['scheduling policy', t.text!, POLICY_WORDS, suggest(t.text!, POLICY_WORDS)]);
    } else this.report('needsValue', kw, ['scheduler', `a policy (${orList(POLICY_WORDS)})`, 'scheduler round-robin quantum 10ms']);
    const params: PolicyParam[] = [];
    for (;;) {
      const q = this.peek();
      const param = q.kind === 'word' ? POLICY_PARAMS.find((p) => p.word === q.text) : undefined;
      if (param === undefined) break;
      this.next();
      params.push({ name: { text: param.word, span: { start: q.start, end: q.end } }, value: this.duration(q, param.word, param.example) });
    }
    return { policy, params };
  }

  // ---- file ------------------------------------------------------------------

  parseFile(): LwpFile {
    const { items } = this.list('top', null, () => this.topItem());
    return { kind: 'file', span: { start: 0, end: this.text.length }, items };
  }

  private unexpectedAt(listKind: ListKind, t: Token): void {
    const where = WHERE_LIST_IS[listKind];
    const w = t.kind === 'word' ? t.text! : null;
    let hint: string;
    if (listKind === 'top') {
      if (w && PROCESS_SET.has(w)) hint = `'${w}' belongs inside a process: 'process NAME { ${w} … }'`;
      else if (w && STATEMENT_SET.has(w)) hint = `'${w}' is a statement: put it in a thread body, 'process NAME { thread T { ${w} … } }'`;
      else if (w && MACHINE_SET.has(w)) hint = `'${w}' belongs in 'machine { ${w} … }'`;
      else hint = `a file holds ${orList(TOP_KEYWORDS)} items` + (w ? didYouMean(suggest(w, TOP_KEYWORDS)) : '');
    } else if (listKind === 'machine') {
      if (w && STATEMENT_SET.has(w)) hint = `'${w}' is a statement: put it in a thread body`;
      else if (w && PROCESS_SET.has(w)) hint = `'${w}' belongs inside a process`;
      else hint = `a machine holds ${orList(MACHINE_KEYWORDS)}` + (w ? didYouMean(suggest(w, MACHINE_KEYWORDS)) : '');
    } else if (listKind === 'costs') {
      hint = "write a cost name and a duration, e.g. 'kernel-switch 5us'";
    } else if (listKind === 'process') {
      if (w && STATEMENT_SET.has(w)) hint = `'${w}' is a statement: put it in a thread body, 'thread T { ${w} … }'`;
      else if (w && MACHINE_SET.has(w)) hint = `'${w}' belongs in 'machine { ${w} … }'`;
      else hint = `a process holds ${orList(PROCESS_KEYWORDS)}` + (w ? didYouMean(suggest(w, PROCESS_KEYWORDS)) : '');
    } else {
      if (w && MACHINE_SET.has(w)) {
        this.report('unexpected', t, [`'${w}'`, where, `'${w}' belongs in 'machine { ${w} … }'`]);
        return;
      }
      if (w) {
        this.report('unknownStatement', t, [w, suggest(w, STATEMENT_KEYWORDS), `a statement is one of ${orList(STATEMENT_KEYWORDS)}`]);
        return;
      }
      hint = "expected a statement such as 'compute 1ms'";
    }
    this.report('unexpected', t, [this.describe(t), where, hint]);
  }

  private topItem(): TopItem | null {
    const t = this.peek();
    if (t.kind !== 'word') return null;
    switch (t.text) {
      case 'scenario': {
        this.next();
        const keyword: Span = { start: t.start, end: t.end };
        const s = this.peek();
        if (s.kind === 'string') {
          this.next();
          return { kind: 'scenario', span: this.span(t.start), keyword, title: s.text!, titleSpan: { start: s.start, end: s.end } };
        }
        this.report('needsValue', t, ['scenario', 'a title in quotes', 'scenario "Two workers"']);
        return { kind: 'scenario', span: this.span(t.start), keyword, title: null, titleSpan: null };
      }
      case 'machine':
        return this.machine();
      case 'process':
        return this.process();
      case 'expect':
        return this.expect();
      case 'ask':
        return this.ask();
      default:
        return SYNC_KIND_WORDS.includes(t.text!) ? this.syncDecl() : null;
    }
  }

  /** `{` after a header, or an `expected` error; returns the brace's span or null. */
  private openBrace(what: string): Span | null {
    const t = this.peek();
    if (t.kind === 'lbrace') {
      this.next();
      return { start: t.start, end: t.end };
    }
    this.report('expected', this.missingAt(t), [`'{' to begin ${what}`]);
    return null;
  }

  private machine(): MachineDecl {
    const kw = this.next();
    let items: MachineItem[] = [];
    const open = this.openBrace("the machine, e.g. 'machine { cpus 2 }'");
    if (open) items = this.list('machine', open, () => this.machineItem()).items;
    return { kind: 'machine', span: this.span(kw.start), keyword: { start: kw.start, end: kw.end }, items };
  }

  private machineItem(): MachineItem | null {
    const t = this.peek();
    if (t.kind !== 'word') return null;
    const keyword: Span = { start: t.start, end: t.end };
    switch (t.text) {
      case 'cpus': {
        this.next();
        const count = this.count(t, 'cpus', 'cpus 4');
        return { kind: 'cpus', span: this.span(t.start), keyword, count };
      }
      case 'scheduler': {
        this.next();
        const { policy, params } = this.policy<KernelPolicyName>(t, KERNEL_POLICIES);
        return { kind: 'kernelScheduler', span: this.span(t.start), keyword, policy, params };
      }
      case 'limit': {
        this.next();
        const value = this.duration(t, 'limit', 'limit 10s');
        return { kind: 'limit', span: this.span(t.start), keyword, value };
      }
      case 'costs':
        return this.costs();
      default:
        return null;
    }
  }

  /** `costs { … }`, `costs NAME` or `costs NAME { … }` (the checker knows the presets' names). */
  private costs(): CostsItem {
    const kw = this.next();
    let entries: CostEntry[] = [];
    let preset: Name | null = null;
    const p = this.peek();
    // A cost's name here is a missing `{`, not a preset.
    if (p.kind === 'word' && !LIST_STARTERS.has(p.text!) && !COST_WORDS.has(p.text!)) {
      this.next();
      preset = { text: p.text!, span: { start: p.start, end: p.end } };
    }
    if (preset === null || this.peek().kind === 'lbrace') {
      const open = this.openBrace("the costs, e.g. 'costs { kernel-switch 5us }'");
      if (open) entries = this.list('costs', open, () => this.costEntry()).items;
    }
    return { kind: 'costs', span: this.span(kw.start), keyword: { start: kw.start, end: kw.end }, preset, entries };
  }

  private costEntry(): CostEntry | null {
    const t = this.peek();
    if (t.kind !== 'word' || LIST_STARTERS.has(t.text!)) return null;
    this.next();
    const value = this.duration(t, t.text!, `${t.text!} 5us`);
    return { span: this.span(t.start), name: { text: t.text!, span: { start: t.start, end: t.end } }, value };
  }

  private syncDecl(): SyncDecl {
    const kw = this.next();
    const entry = SYNC_KINDS.find((s) => s.word === kw.text)!;
    const syncKind: SyncKind = entry.word;
    const name = this.name(kw, syncKind, 'a name', `${syncKind} m`);
    let initial: IntLit | null = null;
    const eq = this.peek();
    if (entry.initialCount && eq.kind === 'equals') {
      this.next();
      initial = this.count(eq, '=', entry.example);
    }
    return { kind: 'sync', syncKind, span: this.span(kw.start), keyword: { start: kw.start, end: kw.end }, name, initial };
  }

  private process(): ProcessDecl {
    const kw = this.next();
    const keyword: Span = { start: kw.start, end: kw.end };
    const name = this.name(kw, 'process', 'a name', 'process server { … }');
    const t = this.peek();
    let bodyStart = t.start;
    let open: Span | null = null;
    if (t.kind === 'lbrace') {
      this.next();
      open = { start: t.start, end: t.end };
    } else {
      this.report('expected', this.missingAt(t), [`'{' to begin process${name ? " '" + name.text + "'" : ''}`]);
      bodyStart = this.prevEnd;
      // Go on with the items if they follow; a `}` or the next file item ends them.
      if (!this.wordIn(t, PROCESS_SET)) return { kind: 'process', span: this.span(kw.start), keyword, name, body: null, items: [] };
    }
    const { items, end } = this.list('process', open, () => this.processItem());
    return { kind: 'process', span: this.span(kw.start), keyword, name, body: { start: bodyStart, end }, items };
  }

  private processItem(): ProcessItem | null {
    if (this.kindHere() !== 'word') return null;
    const w = this.textHere()!;
    switch (w) {
      case 'model':
        return this.model();
      case 'upcalls':
      case 'sigwaiting': {
        const t = this.next();
        const value = this.onOff(t);
        let afterKeyword: Span | null = null;
        let after: DurationLit | null = null;
        const a = this.peek();
        if (value?.text === 'on' && this.isWord(a, AFTER.word)) {
          this.next();
          afterKeyword = { start: a.start, end: a.end };
          after = this.duration(afterKeyword, AFTER.word, `${w} on after 2ms`);
        }
        return { kind: w, span: this.span(t.start), keyword: { start: t.start, end: t.end }, value, afterKeyword, after };
      }
      case 'handoff':
        return this.handoff();
      case 'scheduler': {
        const t = this.next();
        const { policy, params } = this.policy(t, LIBRARY_POLICIES);
        return { kind: 'userScheduler', span: this.span(t.start), keyword: { start: t.start, end: t.end }, policy, params };
      }
      case 'thread':
        return this.thread();
      default:
        return SYNC_KIND_WORDS.includes(w) ? this.syncDecl() : null;
    }
  }

  /** `handoff after D`; a delay written without `after` is reported and taken. */
  private handoff(): HandoffItem {
    const t = this.next();
    const keyword: Span = { start: t.start, end: t.end };
    let afterKeyword: Span | null = null;
    let after: DurationLit | null = null;
    const a = this.peek();
    if (this.isWord(a, AFTER.word)) {
      this.next();
      afterKeyword = { start: a.start, end: a.end };
      after = this.duration(afterKeyword, AFTER.word, AFTER.example);
    } else if (a.kind === 'duration') {
      this.report('expected', a, [`'after' before the delay, e.g. '${AFTER.example}'`]);
      after = this.duration(keyword, 'handoff', AFTER.example);
    } else this.report('needsValue', t, ['handoff', "'after' and a delay", AFTER.example]);
    return { kind: 'handoff', span: this.span(t.start), keyword, afterKeyword, after };
  }

  private model(): ModelItem {
    const kw = this.next();
    const keyword: Span = { start: kw.start, end: kw.end };
    let model: ModelItem['model'] = null;
    const t = this.peek();
    const shorthand = t.kind === 'model' ? MODEL_SHORTHANDS.get(t.text!) : undefined;
    const word = t.kind === 'word' ? MODELS.find((m) => m.word === t.text)?.word : undefined;
    const [lwpsWord, maxWord] = MODEL_OPTIONS;
    if (shorthand !== undefined || word !== undefined) {
      this.next();
      const name: ModelName = shorthand ?? word!;
      model = { text: name, span: { start: t.start, end: t.end }, written: t.text! };
    } else if (t.kind === 'word' && !LIST_STARTERS.has(t.text!) && t.text !== lwpsWord.word) {
      this.next();
      const valid = [...MODEL_WORDS, ...MODEL_SHORTHANDS.keys()];
      this.report('unknownKeyword', t, ['model', t.text!, valid, suggest(t.text!, valid)]);
    } else this.report('needsValue', kw, ['model', "a threading model ('one-to-one', 'many-to-one' or 'many-to-many lwps N')", 'model many-to-many lwps 4']);
    let lwps: IntLit | null = null;
    let lwpsKeyword: Span | null = null;
    let max: IntLit | null = null;
    let maxKeyword: Span | null = null;
    for (;;) {
      const o = this.peek();
      if (this.isWord(o, lwpsWord.word) && !lwpsKeyword) {
        this.next();
        lwpsKeyword = { start: o.start, end: o.end };
        lwps = this.count(o, lwpsWord.word, lwpsWord.example);
      } else if (this.isWord(o, maxWord.word) && !maxKeyword) {
        this.next();
        maxKeyword = { start: o.start, end: o.end };
        max = this.count(o, maxWord.word, maxWord.example);
      } else break;
    }
    return { kind: 'model', span: this.span(kw.start), keyword, model, lwps, lwpsKeyword, max, maxKeyword };
  }

  private thread(): ThreadDecl {
    const kw = this.next();
    const keyword: Span = { start: kw.start, end: kw.end };
    const name = this.name(keyword, 'thread', 'a name', 'thread worker { compute 1ms }');
    let count: IntLit | null = null;
    if (this.kindHere() === 'star') {
      const star = this.spanHere();
      this.advance();
      count = this.count(star, '*', 'thread worker * 4 { … }');
    } else if (this.kindHere() === 'int') {
      const star = this.next();
      this.report('expected', star, [`'*' before the number of instances: 'thread ${name?.text ?? 'worker'} * ${star.text!}'`]);
      count = { kind: 'int', value: null, text: star.text!, span: { start: star.start, end: star.end } };
    }
    const options: ThreadOption[] = [];
    for (;;) {
      if (this.kindHere() !== 'word') break;
      const word = this.textHere()!;
      if (LIST_STARTERS.has(word)) break;
      const at = this.spanHere();
      this.advance();
      const option = THREAD_OPTIONS.find((o) => o.word === word);
      if (option === undefined) {
        this.report('unknownKeyword', at, ['thread option', word, THREAD_OPTIONS.map((o) => o.usage), suggest(word, THREAD_OPTION_WORDS)]);
        continue;
      }
      switch (option.word) {
        case 'bound':
        case 'spawned':
          options.push({ kind: option.word, span: at });
          break;
        case 'priority': {
          const value = this.count(at, option.word, option.example, true);
          options.push({ kind: 'priority', span: this.span(at.start), value });
          break;
        }
        case 'start': {
          const value = this.duration(at, option.word, option.example);
          options.push({ kind: 'start', span: this.span(at.start), value });
          break;
        }
      }
    }
    let body: Block | null = null;
    if (this.kindHere() === 'lbrace') body = this.block();
    else {
      const b = this.peek();
      const tn = name ? ` '${name.text}'` : '';
      this.report('expected', this.missingAt(b), [`'{' to begin the body of thread${tn}, e.g. 'thread ${name?.text ?? 'worker'} { compute 1ms }'`]);
      // `thread t compute 1ms }`: parse the statements that follow as its body.
      if (this.wordIn(b, STATEMENT_SET)) body = this.block();
    }
    return { kind: 'thread', span: this.span(kw.start), keyword, name, count, options, body };
  }

  // ---- statements --------------------------------------------------------------

  /**
   * A `{ stmt* }` block at the current token (or, when the `{` is missing and
   * reported, the statements that follow).
   */
  private block(): Block {
    const openPos = this.pos;
    const here = this.spanHere();
    const open = this.kindHere() === 'lbrace' ? here : null;
    if (open) this.advance();
    const start = here.start;
    if (this.depth >= MAX_NESTING_DEPTH) {
      if (!this.depthReported) {
        this.depthReported = true;
        this.report('overCap', here, ['the nesting of this block', `${MAX_NESTING_DEPTH} nested blocks (MAX_NESTING_DEPTH)`, 'its contents are ignored; flatten the body']);
      }
      if (open) {
        this.pos = openPos;
        this.cur = null;
        this.skipBalanced();
      }
      return { kind: 'block', span: this.span(start), stmts: [] };
    }
    this.depth++;
    try {
      const { items, end } = this.list('block', open, () => this.statement());
      return { kind: 'block', span: { start, end: Math.max(start, end) }, stmts: items };
    } finally {
      this.depth--;
    }
  }

  /** A statement at the current token, or null when the token starts none; what follows its keyword is its registry entry's. */
  private statement(): Stmt | null {
    if (this.kindHere() !== 'word') return null;
    const entry = STATEMENT_BY_WORD.get(this.textHere()!);
    if (entry === undefined) return null;
    const keyword = this.spanHere();
    const start = keyword.start;
    this.advance();
    // Each operand is parsed before the statement's end is taken, so that the span covers it.
    switch (entry.operand) {
      case 'duration': {
        const duration = this.duration(keyword, entry.word, entry.example);
        return { kind: entry.word, span: this.span(start), keyword, duration };
      }
      case 'sync': {
        const target = this.name(keyword, entry.word, NAME_WANTED.get(entry)!, entry.example);
        const body = entry.body === 'optional' && this.kindHere() === 'lbrace' ? this.block() : null;
        return { kind: entry.word, span: this.span(start), keyword, target, body };
      }
      case 'thread': {
        const target = this.name(keyword, entry.word, NAME_WANTED.get(entry)!, entry.example);
        let count: IntLit | null = null;
        if (entry.times && this.kindHere() === 'star') {
          const star = this.spanHere();
          this.advance();
          count = this.count(star, '*', entry.example);
        }
        return { kind: entry.word, span: this.span(start), keyword, target, count };
      }
      case 'count': {
        const count = this.count(keyword, entry.word, entry.example);
        const body = this.loopBody(entry);
        return { kind: entry.word, span: this.span(start), keyword, count, body };
      }
      case 'none':
        if (entry.body === 'required') {
          const body = this.loopBody(entry);
          return { kind: entry.word, span: this.span(start), keyword, count: null, body };
        }
        return { kind: entry.word, span: this.span(start), keyword };
    }
  }

  /** The body a loop requires, or null (reported) when no `{` follows. */
  private loopBody(entry: Statement): Block | null {
    if (this.kindHere() === 'lbrace') return this.block();
    const b = this.peek();
    this.report('expected', this.missingAt(b), [`'{' to begin the body of '${entry.word}', e.g. '${entry.example}'`]);
    return null;
  }

  // ---- expectations --------------------------------------------------------------

  private expect(): ExpectDecl {
    const kw = this.next();
    const subject = this.subject(kw);
    let comparison: ExpectComparison | null = null;
    if (subject) {
      const t = this.peek();
      if (t.kind === 'compare') {
        this.next();
        const op = this.keywordOf(t, t.text as CompareOp);
        let value: DurationLit | NumberLit | null = null;
        const v = this.peek();
        if (v.kind === 'duration') {
          this.next();
          value = this.durationLit(v.start, v.end, v.text!, t.text!, 'makespan < 40ms');
        }
        else if (v.kind === 'int' || v.kind === 'number') {
          this.next();
          value = { kind: 'number', value: Number(v.text), text: v.text!, span: { start: v.start, end: v.end } };
        } else if (v.kind === 'word' && subject.kind === 'metric' && subject.name.text === 'status' && !TOP_SET.has(v.text!)) {
          this.next(); // `status == completed`: the checker says to use `is`.
        } else this.report('needsValue', t, [t.text!, 'a number or a duration', `expect makespan ${t.text!} 40ms`]);
        comparison = { kind: 'compare', span: this.span(t.start), op, value };
      } else if (this.isWord(t, 'is')) {
        this.next();
        const w = this.peek();
        let word: Name | null = null;
        // Any word but a file item (`limit` is a machine keyword and a status).
        if (w.kind === 'word' && !TOP_SET.has(w.text!)) {
          this.next();
          word = { text: w.text!, span: { start: w.start, end: w.end } };
        } else this.report('needsValue', t, ['is', `a status (${orList(wordsOf(STATUSES))})`, 'expect status is completed']);
        comparison = { kind: 'is', span: this.span(t.start), keyword: { start: t.start, end: t.end }, word };
      } else {
        this.report('expected', this.missingAt(t), ["a comparison after the subject: '<', '<=', '>', '>=', '==', '!=' and a value, or 'is' and a status"]);
      }
    }
    return { kind: 'expect', span: this.span(kw.start), keyword: { start: kw.start, end: kw.end }, subject, comparison };
  }

  // ---- questions ------------------------------------------------------------------

  private ask(): AskDecl {
    const kw = this.next();
    const keyword: Span = { start: kw.start, end: kw.end };
    let question: AskQuestion | null = null;
    const t = this.peek();
    if (t.kind === 'word' && ASK_ORDER_WORDS.includes(t.text!)) {
      this.next();
      const threads: ThreadRef[] = [];
      for (;;) {
        const r = this.peek();
        if (r.kind !== 'word' || TOP_SET.has(r.text!)) break;
        const ref = this.threadRef(t.text!);
        if (ref === null) break;
        threads.push(ref);
      }
      if (threads.length === 0) this.report('needsValue', t, [t.text!, "the threads to compare, each as 'process.thread' or 'process.thread#n'", `ask ${t.text!} server.worker#1 server.watchdog`]);
      question = { kind: 'order', span: this.span(t.start), which: { text: t.text!, span: { start: t.start, end: t.end } }, threads };
    } else {
      const subject = this.subject(kw, 'ask', 'ask makespan');
      if (subject) question = { kind: 'subject', subject };
    }
    let prompt: string | null = null;
    let promptSpan: Span | null = null;
    const s = this.peek();
    if (s.kind === 'string') {
      this.next();
      prompt = s.text!;
      promptSpan = { start: s.start, end: s.end };
    }
    return { kind: 'ask', span: this.span(kw.start), keyword, question, prompt, promptSpan };
  }

  /** `process.thread[#n]` of an `ask first|last` list; reports and returns null when it is not one. */
  private threadRef(which: string): ThreadRef | null {
    const p = this.next();
    const process: Name = { text: p.text!, span: { start: p.start, end: p.end } };
    const dot = this.peek();
    if (dot.kind !== 'dot') {
      this.report('expected', this.missingAt(dot), [`'.' and a thread name after '${p.text!}': threads are named with their process, e.g. 'ask ${which} ${p.text!}.worker'`]);
      return null;
    }
    this.next();
    const rest = this.threadAfterDot(process, dot, '');
    return rest && { span: this.span(p.start), process, ...rest };
  }

  /**
   * After `process.` (the dot just taken): the thread name and an optional
   * `#n`, the examples in errors ending with `tail` (`.finish` in `expect`).
   * Reports and returns null when no thread name follows.
   */
  private threadAfterDot(process: Name, dot: Token, tail: string): { thread: Name; instance: IntLit | null } | null {
    const th = this.peek();
    if (th.kind !== 'word') {
      this.report('expected', th.kind === 'eof' ? dot : th, [`a thread name after '${process.text}.', e.g. '${process.text}.worker${tail}'`]);
      return null;
    }
    this.next();
    const thread: Name = { text: th.text!, span: { start: th.start, end: th.end } };
    let instance: IntLit | null = null;
    const h = this.peek();
    if (h.kind === 'hash') {
      this.next();
      instance = this.count(h, '#', `${process.text}.${thread.text}#1${tail}`);
    }
    return { thread, instance };
  }

  private subject(kw: Token, word = 'expect', example = 'expect makespan < 40ms'): ExpectSubject | null {
    const t = this.peek();
    // Metrics such as `upcalls` are also process keywords: only a file item ends the subject.
    if (t.kind !== 'word' || TOP_SET.has(t.text!)) {
      this.report('needsValue', kw, [word, "a metric or 'process.thread.field'", example]);
      return null;
    }
    this.next();
    const first: Name = { text: t.text!, span: { start: t.start, end: t.end } };
    if (this.peek().kind !== 'dot') return { kind: 'metric', span: first.span, name: first };
    const dot = this.next();
    const rest = this.threadAfterDot(first, dot, '.finish');
    if (rest === null) return null;
    const { thread, instance } = rest;
    let field: Name | null = null;
    const d2 = this.peek();
    if (d2.kind === 'dot') {
      this.next();
      const f = this.peek();
      if (f.kind === 'word') {
        this.next();
        field = { text: f.text!, span: { start: f.start, end: f.end } };
      } else this.report('expected', f.kind === 'eof' ? d2 : f, [`a field after '.': ${orList(FIELD_WORDS)}`]);
    } else this.report('expected', this.missingAt(d2), [`a field: '${first.text}.${thread.text}.finish' (fields: ${FIELD_WORDS.join(', ')})`]);
    return { kind: 'threadField', span: this.span(t.start), process: first, thread, instance, field };
  }
}
