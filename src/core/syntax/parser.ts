/**
 * Recursive-descent parser for `.lwp` (LANGUAGE.md §3) with recovery.
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
import { CODES, makeDiagnostic, orList, type CodeKey, type DiagnosticExtras } from '../diagnostics/codes';
import { suggest } from '../diagnostics/suggest';
import { MAX_NESTING_DEPTH } from '../limits';
import { MAX_DURATION_NS, parseDuration } from '../units';
import { fastDuration } from './literals';
import type {
  CostEntry,
  CostsItem,
  DurationLit,
  ExpectComparison,
  ExpectDecl,
  ExpectSubject,
  IntLit,
  Keyword,
  LwpFile,
  MachineDecl,
  MachineItem,
  ModelItem,
  ModelName,
  Name,
  NumberLit,
  ProcessDecl,
  ProcessItem,
  Span,
  SyncDecl,
  SyncKind,
  ThreadDecl,
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
  STATEMENT_KEYWORDS,
  STATEMENT_SET,
  THREAD_OPTIONS,
  TOP_KEYWORDS,
  TOP_ONLY_SET,
  TOP_SET,
  UNIT_WORDS,
} from './keywords';
import { BodyTape, DurationNode, IntNode, NameNode, STMT_CODES, ThreadNode } from './nodes';
import { EOF_KIND, isCommentKind, K_DURATION, K_INT, K_LBRACE, K_RBRACE, K_SEMICOLON, K_STAR, K_WORD, scanStream, type Token, type TokenStream } from './scanner';

export interface ParseResult {
  readonly file: LwpFile;
  readonly diagnostics: Diagnostic[];
  /** Every token, comments included, ending with `eof`. */
  readonly tokens: readonly Token[];
}

type Ctx = 'top' | 'machine' | 'costs' | 'process' | 'block';

const CTX_WHERE: Record<Ctx, string> = {
  top: 'at the top level',
  machine: 'in `machine { … }`',
  costs: 'in `costs { … }`',
  process: 'in a process',
  block: 'in a thread body',
};

export function parse(text: string): ParseResult {
  const r = parseStream(text);
  return withLazyTokens({ file: r.file, diagnostics: r.diagnostics }, r.stream);
}

/** parse() with the tokens left as the scanner's compact stream (for `analyze`, which passes them on lazily). */
export function parseStream(text: string): { readonly file: LwpFile; readonly diagnostics: Diagnostic[]; readonly stream: TokenStream } {
  const stream = scanStream(text);
  const p = new Parser(text, stream, stream.diagnostics);
  const file = p.parseFile();
  return { file, diagnostics: p.diagnostics, stream };
}

/**
 * `result` with a `tokens` property made from `stream` on first read (and
 * kept): most callers (the CLI, the simulator's worker, this bench) never read
 * the token list, so its ~30,000 objects per 10,000 lines are not built for
 * them. A data property once read, so later reads cost nothing.
 */
export function withLazyTokens<T extends object>(result: T, stream: TokenStream): T & { readonly tokens: readonly Token[] } {
  let tokens: Token[] | null = null;
  return Object.defineProperty(result, 'tokens', {
    enumerable: true,
    configurable: true,
    get: () => (tokens ??= stream.toTokens()),
  }) as T & { readonly tokens: readonly Token[] };
}

/** Examples for "needs a value" errors, as constants: built per statement they were a string per statement of every file. */
const STMT_EXAMPLES = { compute: 'compute 5ms', syscall: 'syscall 5ms', io: 'io 5ms', sleep: 'sleep 5ms', lock: 'lock m', unlock: 'unlock m', wait: 'wait s', post: 'post s', join: 'join worker' } as const;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

class Parser {
  private readonly toks: TokenStream;
  private pos = 0;
  /**
   * The token at `pos` as an object, made when first asked for: the hot paths
   * (thread bodies) read the stream's columns (`kindHere`, `textHere`) and
   * make only the spans the AST keeps.
   */
  private cur: Token | null = null;
  private prevEnd = 0;
  /** Offsets that already have an error: one error per offset. */
  private readonly errorAt = new Set<number>();
  /** Inside a run of skipped tokens: only the first is reported. */
  private skipping = false;
  private readonly stack: Ctx[] = [];
  private depth = 0;
  private depthReported = false;
  /**
   * Elements of the lists being parsed, innermost last, from `pending[0]` to
   * `pending[pendingTop - 1]`; each list takes an exact-size copy of its own
   * when it ends (`listed`), except a block, whose elements are statement
   * indices copied into the tape (`listedBlock`). Pushing into a fresh array
   * per list instead grew each one through a 17-slot backing store and left
   * the old ones as garbage.
   */
  private readonly pending: (TopItem | MachineItem | CostEntry | ProcessItem | number)[] = [];
  private pendingTop = 0;
  /** The elements of the list `list` last parsed; read it right after the call. */
  private listed: (TopItem | MachineItem | CostEntry | ProcessItem | number)[] = [];
  /** The statements and blocks of thread bodies (see BodyTape). */
  private readonly tape: BodyTape;
  /** The tape index of the block whose statements `list('block', …)` last parsed (its offsets are set by `block`). */
  private listedBlock = -1;
  /** Token index at which a list was last closed for a missing `}`: outer lists closing at the same token stay silent. */
  private unclosedAt = -1;

  constructor(
    private readonly text: string,
    all: TokenStream,
    readonly diagnostics: Diagnostic[],
  ) {
    // Comments are stepped over in place (see `next`) rather than filtered
    // into a second array: a 5 MB file has over a million tokens.
    this.toks = all;
    // About one statement per 3 tokens in thread bodies; the tape grows if there are more.
    this.tape = new BodyTape(all, (all.count / 3) | 0);
    this.skipComments();
    for (const d of diagnostics) this.errorAt.add(d.span.start);
  }

  // ---- token helpers -------------------------------------------------------

  /** The current token: never a comment (`pos` is always left on a significant token; the last token is `eof`). */
  private peek(): Token {
    return (this.cur ??= this.toks.token(this.pos));
  }
  private next(): Token {
    const t = this.peek();
    this.advance();
    return t;
  }
  /** next() without making the token object. */
  private advance(): void {
    const pos = this.pos;
    if (this.toks.kinds[pos] !== EOF_KIND) {
      this.prevEnd = this.toks.end(pos);
      this.pos = pos + 1;
      this.skipComments();
      this.cur = null;
    }
  }
  /** Kind code (scanner's K_*) of the current token. */
  private kindHere(): number {
    return this.toks.kinds[this.pos];
  }
  private textHere(): string | undefined {
    return this.toks.text(this.pos);
  }
  /** A plain span of the current token. */
  private spanHere(): Span {
    return { start: this.toks.starts[this.pos], end: this.toks.end(this.pos) };
  }
  private skipComments(): void {
    while (isCommentKind(this.toks.kinds[this.pos])) this.pos++;
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
  private report<K extends CodeKey>(key: K, span: Span, args: Parameters<(typeof CODES)[K]['message']>, extras?: DiagnosticExtras): void {
    if (this.errorAt.has(span.start)) return;
    this.errorAt.add(span.start);
    this.diagnostics.push(makeDiagnostic(key, span, args as never, extras));
  }
  private describe(t: Token): string {
    switch (t.kind) {
      case 'eof':
        return 'the end of the file';
      case 'string':
        return 'a string';
      case 'lbrace':
        return '`{`';
      case 'rbrace':
        return '`}`';
      case 'star':
        return '`*`';
      case 'equals':
        return '`=`';
      case 'hash':
        return '`#`';
      case 'dot':
        return '`.`';
      case 'semicolon':
        return '`;`';
      default:
        return '`' + (t.text ?? this.text.slice(t.start, t.end)) + '`';
    }
  }

  // ---- lists -----------------------------------------------------------------

  /** Whether a list enclosing the current one starts an element with `t`. */
  private outerCanUse(t: Token): boolean {
    if (t.kind !== 'word') return false;
    for (let i = this.stack.length - 2; i >= 0; i--) {
      const ctx = this.stack[i];
      if (ctx === 'top' && TOP_SET.has(t.text!)) return true;
      if (ctx === 'process' && PROCESS_SET.has(t.text!)) return true;
      if (ctx === 'machine' && MACHINE_SET.has(t.text!)) return true;
      if (ctx === 'block' && STATEMENT_SET.has(t.text!)) return true;
    }
    return false;
  }

  /**
   * Parses `element*` up to the `}` that closes `open` (already consumed;
   * null for a body whose `{` is missing and already reported). Returns the
   * end offset of the list, past its `}` when present.
   */
  private list(ctx: Ctx, open: Span | null): number {
    this.stack.push(ctx);
    const base = this.pendingTop;
    try {
      for (;;) {
        const k = this.kindHere();
        if (k === K_RBRACE) {
          if (ctx === 'top') {
            // A `}` at the top level closes nothing: report it and go on.
            this.report('unmatchedBrace', this.next(), []);
            continue;
          }
          const end = this.toks.end(this.pos);
          this.advance();
          this.skipping = false;
          return end;
        }
        if (k === EOF_KIND) {
          this.unclosed(open, 'at the end of the file');
          return this.prevEnd;
        }
        if (k === K_SEMICOLON) {
          this.advance();
          continue;
        }
        const el = this.element(ctx);
        if (el !== null) {
          this.pending[this.pendingTop++] = el;
          this.skipping = false;
          continue;
        }
        const t = this.peek();
        if (this.outerCanUse(t)) {
          this.unclosed(open, `before \`${t.text!}\``);
          return this.prevEnd;
        }
        if (t.kind === 'lbrace') {
          if (!this.skipping) {
            if (ctx === 'block') this.report('strayBlock', t, []);
            else this.unexpectedAt(ctx, t);
          }
          this.skipBalanced();
          this.skipping = true;
          continue;
        }
        if (!this.skipping) this.unexpectedAt(ctx, t);
        this.skipping = true;
        this.next();
      }
    } finally {
      this.stack.pop();
      if (ctx === 'block') this.listedBlock = this.tape.addBlock(this.pending, base, this.pendingTop);
      else this.listed = this.pending.slice(base, this.pendingTop);
      this.pendingTop = base;
    }
  }

  /** The next element of a `ctx` list, or null when the current token cannot start one. A switch rather than a closure per list: thread bodies are many and small. */
  private element(ctx: Ctx): TopItem | MachineItem | CostEntry | ProcessItem | number | null {
    switch (ctx) {
      case 'top':
        return this.topItem();
      case 'machine':
        return this.machineItem();
      case 'costs':
        return this.costEntry();
      case 'process':
        return this.processItem();
      case 'block':
        return this.stmt();
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
    if (this.kindHere() === K_DURATION) {
      const start = this.toks.starts[this.pos];
      const end = this.toks.end(this.pos);
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
      if (u.kind === 'word' && (UNIT_WORDS as readonly string[]).includes(u.text!)) end = this.next().end;
      this.report('durationNeedsUnit', { start: t.start, end }, [t.text!.replace(/^-/, '')]);
      return new DurationNode(null, this.text.slice(t.start, end), t.start, end);
    }
    this.report('needsValue', kw, [kwText, 'a duration', example]);
    return null;
  }

  private durationLit(start: number, end: number, text: string, kwText: string, example: string): DurationLit {
    const fast = fastDuration(text);
    if (fast >= 0) return new DurationNode(fast, text, start, end);
    const t: Span = { start, end };
    if (text.startsWith('-')) {
      this.report('badNumber', t, [kwText, text, 'a duration of 0 or more', example]);
      return new DurationNode(null, text, start, end);
    }
    const r = parseDuration(text);
    if (r.ok) return new DurationNode(r.ns, text, start, end);
    if (r.reason === 'fraction') this.report('subNanosecond', t, [text]);
    else if (r.reason === 'overflow') this.report('durationOverflow', t, [text, `${MAX_DURATION_NS.toLocaleString('en-US')}ns (about ${Math.floor(MAX_DURATION_NS / 86_400e9)} days)`]);
    else {
      const unit = /^-?[\d.]+(.*)$/.exec(text)?.[1] ?? text;
      this.report('unknownUnit', t, [unit, text]);
    }
    return new DurationNode(null, text, start, end);
  }

  /** A count (or, with `signed`, a priority) after `kw`. */
  private count(kw: Span, kwText: string, example: string, signed = false): IntLit | null {
    const what = signed ? 'an integer' : 'a count (a whole number, 0 or more)';
    if (this.kindHere() === K_INT) {
      const start = this.toks.starts[this.pos];
      const end = this.toks.end(this.pos);
      const text = this.textHere()!;
      this.advance();
      if (!signed && text.startsWith('-')) {
        this.report('badNumber', { start, end }, [kwText, text, what, example]);
        return new IntNode(null, text, start, end);
      }
      return new IntNode(Number(text), text, start, end);
    }
    const t = this.peek();
    if (t.kind === 'number' || t.kind === 'duration') {
      this.next();
      this.report('badNumber', t, [kwText, t.text!, what, example]);
      return new IntNode(null, t.text!, t.start, t.end);
    }
    this.report('needsValue', kw, [kwText, signed ? 'an integer priority' : 'a count', example]);
    return null;
  }

  /**
   * A name after `kw`. A reserved word is taken as the name (with an error)
   * only when it cannot start the next element of some list.
   */
  private name(kw: Span, kwText: string, what: string, example: string): Name | null {
    if (this.kindHere() === K_WORD) {
      const text = this.textHere()!;
      if (!RESERVED.has(text)) {
        const name = new NameNode(text, this.toks.starts[this.pos], this.toks.end(this.pos));
        this.advance();
        return name;
      }
      if (!LIST_STARTERS.has(text)) {
        const t = this.next();
        this.report('expected', t, [`${what} after \`${kwText}\`, but \`${t.text!}\` is a reserved keyword: choose another name`]);
        return new NameNode(t.text!, t.start, t.end);
      }
    }
    this.report('needsValue', kw, [kwText, what, example]);
    return null;
  }

  private keywordOf<T extends string>(t: Token): Keyword<T> {
    return { text: t.text as T, span: { start: t.start, end: t.end } };
  }

  /** `on` / `off` after `upcalls` or `sigwaiting`. */
  private onOff(kw: Token): Keyword<'on' | 'off'> | null {
    const t = this.peek();
    if (this.isWord(t, 'on') || this.isWord(t, 'off')) return this.keywordOf<'on' | 'off'>(this.next());
    if (t.kind === 'word' && !LIST_STARTERS.has(t.text!)) {
      this.next();
      this.report('unknownKeyword', t, [`value for \`${kw.text!}\``, t.text!, ['on', 'off'], suggest(t.text!, ['on', 'off'])]);
      return null;
    }
    this.report('needsValue', kw, [kw.text!, '`on` or `off`', `${kw.text!} on`]);
    return null;
  }

  /** `round-robin [quantum D] | fifo | priority [quantum D]` (the checker rejects a quantum on fifo). */
  private policy(kw: Token): { policy: Keyword<'round-robin' | 'fifo' | 'priority'> | null; quantum: DurationLit | null } {
    const t = this.peek();
    let policy: Keyword<'round-robin' | 'fifo' | 'priority'> | null = null;
    if (t.kind === 'word' && (POLICY_WORDS as readonly string[]).includes(t.text!)) policy = this.keywordOf(this.next());
    else if (t.kind === 'word' && !LIST_STARTERS.has(t.text!) && t.text !== 'quantum') {
      this.next();
      this.report('unknownKeyword', t, ['scheduling policy', t.text!, POLICY_WORDS, suggest(t.text!, POLICY_WORDS)]);
    } else this.report('needsValue', kw, ['scheduler', 'a policy (`round-robin`, `fifo` or `priority`)', 'scheduler round-robin quantum 10ms']);
    let quantum: DurationLit | null = null;
    const q = this.peek();
    if (this.isWord(q, 'quantum')) {
      this.next();
      quantum = this.duration(q, 'quantum', 'quantum 10ms');
    }
    return { policy, quantum };
  }

  // ---- file ------------------------------------------------------------------

  parseFile(): LwpFile {
    this.list('top', null);
    const items = this.listed as TopItem[];
    return { kind: 'file', span: { start: 0, end: this.text.length }, items };
  }

  private unexpectedAt(ctx: Ctx, t: Token): void {
    const where = CTX_WHERE[ctx];
    const w = t.kind === 'word' ? t.text! : null;
    let hint: string;
    if (ctx === 'top') {
      if (w && PROCESS_SET.has(w)) hint = `\`${w}\` belongs inside a process: \`process NAME { ${w} … }\``;
      else if (w && STATEMENT_SET.has(w)) hint = `\`${w}\` is a statement: put it in a thread body, \`process NAME { thread T { ${w} … } }\``;
      else if (w && MACHINE_SET.has(w)) hint = `\`${w}\` belongs in \`machine { ${w} … }\``;
      else hint = `a file holds ${orList(TOP_KEYWORDS)} items` + (w ? didYouMeanText(suggest(w, TOP_KEYWORDS)) : '');
    } else if (ctx === 'machine') {
      if (w && STATEMENT_SET.has(w)) hint = `\`${w}\` is a statement: put it in a thread body`;
      else if (w && PROCESS_SET.has(w)) hint = `\`${w}\` belongs inside a process`;
      else hint = `a machine holds ${orList(MACHINE_KEYWORDS)}` + (w ? didYouMeanText(suggest(w, MACHINE_KEYWORDS)) : '');
    } else if (ctx === 'costs') {
      hint = 'write a cost name and a duration, e.g. `kernel-switch 5us`';
    } else if (ctx === 'process') {
      if (w && STATEMENT_SET.has(w)) hint = `\`${w}\` is a statement: put it in a thread body, \`thread T { ${w} … }\``;
      else if (w && MACHINE_SET.has(w)) hint = `\`${w}\` belongs in \`machine { ${w} … }\``;
      else hint = `a process holds ${orList(PROCESS_KEYWORDS)}` + (w ? didYouMeanText(suggest(w, PROCESS_KEYWORDS)) : '');
    } else {
      if (w && MACHINE_SET.has(w)) {
        this.report('unexpected', t, [`\`${w}\``, where, `\`${w}\` belongs in \`machine { ${w} … }\``]);
        return;
      }
      if (w) {
        this.report('unknownStatement', t, [w, suggest(w, STATEMENT_KEYWORDS), `a statement is one of ${orList(STATEMENT_KEYWORDS)}`]);
        return;
      }
      hint = 'expected a statement such as `compute 1ms`';
    }
    this.report('unexpected', t, [this.describe(t), where, hint]);
  }

  private topItem(): TopItem | null {
    const t = this.peek();
    if (t.kind !== 'word') return null;
    switch (t.text) {
      case 'scenario': {
        this.next();
        const s = this.peek();
        if (s.kind === 'string') {
          this.next();
          return { kind: 'scenario', span: this.span(t.start), keyword: t, title: s.text!, titleSpan: { start: s.start, end: s.end } };
        }
        this.report('needsValue', t, ['scenario', 'a title in quotes', 'scenario "Two workers"']);
        return { kind: 'scenario', span: this.span(t.start), keyword: t, title: null, titleSpan: null };
      }
      case 'machine':
        return this.machine();
      case 'mutex':
      case 'spinlock':
      case 'semaphore':
        return this.syncDecl();
      case 'process':
        return this.process();
      case 'expect':
        return this.expect();
      default:
        return null;
    }
  }

  /** `{` after a header, or an `expected` error; returns the brace token or null. */
  private openBrace(what: string): Token | null {
    const t = this.peek();
    if (t.kind === 'lbrace') return this.next();
    this.report('expected', t.kind === 'eof' ? { start: this.prevEnd, end: this.prevEnd } : t, [`\`{\` to begin ${what}`]);
    return null;
  }

  private machine(): MachineDecl {
    const kw = this.next();
    let items: MachineItem[] = [];
    const open = this.openBrace('the machine, e.g. `machine { cpus 2 }`');
    if (open) {
      this.list('machine', open);
      items = this.listed as MachineItem[];
    }
    return { kind: 'machine', span: this.span(kw.start), keyword: kw, items };
  }

  private machineItem(): MachineItem | null {
    const t = this.peek();
    if (t.kind !== 'word') return null;
    switch (t.text) {
      case 'cpus': {
        this.next();
        const count = this.count(t, 'cpus', 'cpus 4');
        return { kind: 'cpus', span: this.span(t.start), keyword: t, count };
      }
      case 'scheduler': {
        this.next();
        const { policy, quantum } = this.policy(t);
        return { kind: 'kernelScheduler', span: this.span(t.start), keyword: t, policy, quantum };
      }
      case 'limit': {
        this.next();
        const value = this.duration(t, 'limit', 'limit 10s');
        return { kind: 'limit', span: this.span(t.start), keyword: t, value };
      }
      case 'costs':
        return this.costs();
      default:
        return null;
    }
  }

  private costs(): CostsItem {
    const kw = this.next();
    let entries: CostEntry[] = [];
    const open = this.openBrace('the costs, e.g. `costs { kernel-switch 5us }`');
    if (open) {
      this.list('costs', open);
      entries = this.listed as CostEntry[];
    }
    return { kind: 'costs', span: this.span(kw.start), keyword: kw, entries };
  }

  private costEntry(): CostEntry | null {
    const t = this.peek();
    if (t.kind !== 'word' || LIST_STARTERS.has(t.text!)) return null;
    this.next();
    const value = this.duration(t, t.text!, `${t.text!} 5us`);
    return { span: this.span(t.start), name: new NameNode(t.text!, t.start, t.end), value };
  }

  private syncDecl(): SyncDecl {
    const kw = this.next();
    const syncKind = kw.text as SyncKind;
    const name = this.name(kw, syncKind, 'a name', `${syncKind} m`);
    let initial: IntLit | null = null;
    const eq = this.peek();
    if (syncKind === 'semaphore' && eq.kind === 'equals') {
      this.next();
      initial = this.count(eq, '=', 'semaphore s = 1');
    }
    return { kind: 'sync', syncKind, span: this.span(kw.start), keyword: kw, name, initial };
  }

  private process(): ProcessDecl {
    const kw = this.next();
    const name = this.name(kw, 'process', 'a name', 'process server { … }');
    const t = this.peek();
    let bodyStart = t.start;
    let open: Token | null = null;
    if (t.kind === 'lbrace') open = this.next();
    else {
      this.report('expected', t.kind === 'eof' ? { start: this.prevEnd, end: this.prevEnd } : t, [`\`{\` to begin process${name ? ' `' + name.text + '`' : ''}`]);
      bodyStart = this.prevEnd;
      // Go on with the items if they follow; a `}` or the next file item ends them.
      if (!this.wordIn(t, PROCESS_SET)) return { kind: 'process', span: this.span(kw.start), keyword: kw, name, body: null, items: [] };
    }
    const end = this.list('process', open);
    const items = this.listed as ProcessItem[];
    return { kind: 'process', span: this.span(kw.start), keyword: kw, name, body: { start: bodyStart, end }, items };
  }

  private processItem(): ProcessItem | null {
    // Read from the token columns: a process may hold thousands of threads.
    if (this.kindHere() !== K_WORD) return null;
    const w = this.textHere();
    switch (w) {
      case 'model':
        return this.model();
      case 'upcalls':
      case 'sigwaiting': {
        const t = this.next();
        const value = this.onOff(t);
        return { kind: w, span: this.span(t.start), keyword: t, value };
      }
      case 'scheduler': {
        const t = this.next();
        const { policy, quantum } = this.policy(t);
        return { kind: 'userScheduler', span: this.span(t.start), keyword: t, policy, quantum };
      }
      case 'mutex':
      case 'spinlock':
      case 'semaphore':
        return this.syncDecl();
      case 'thread':
        return this.thread();
      default:
        return null;
    }
  }

  private model(): ModelItem {
    const kw = this.next();
    const item: Mutable<ModelItem> = { kind: 'model', span: kw, keyword: kw, model: null, lwps: null, lwpsKeyword: null, max: null, maxKeyword: null };
    const t = this.peek();
    if (t.kind === 'model' || (t.kind === 'word' && (MODEL_WORDS as readonly string[]).includes(t.text!))) {
      this.next();
      const name: ModelName = t.kind === 'model' ? MODEL_SHORTHANDS[t.text!] : (t.text as ModelName);
      item.model = { text: name, span: { start: t.start, end: t.end }, written: t.text! };
    } else if (t.kind === 'word' && !LIST_STARTERS.has(t.text!) && t.text !== 'lwps') {
      this.next();
      const valid = [...MODEL_WORDS, ...Object.keys(MODEL_SHORTHANDS)];
      this.report('unknownKeyword', t, ['model', t.text!, valid, suggest(t.text!, valid)]);
    } else this.report('needsValue', kw, ['model', 'a threading model (`one-to-one`, `many-to-one` or `many-to-many lwps N`)', 'model many-to-many lwps 4']);
    for (;;) {
      const o = this.peek();
      if (this.isWord(o, 'lwps') && !item.lwpsKeyword) {
        this.next();
        item.lwpsKeyword = { start: o.start, end: o.end };
        item.lwps = this.count(o, 'lwps', 'lwps 4');
      } else if (this.isWord(o, 'max') && !item.maxKeyword) {
        this.next();
        item.maxKeyword = { start: o.start, end: o.end };
        item.max = this.count(o, 'max', 'max 8');
      } else break;
    }
    item.span = this.span(kw.start);
    return item;
  }

  private thread(): ThreadDecl {
    const kw = this.spanHere();
    this.advance();
    // The header goes to the tape (see ThreadNode): the literals made here
    // are short-lived, the tape keeps the tokens they were made of.
    const nameAt = this.pos;
    const name = this.name(kw, 'thread', 'a name', 'thread worker { compute 1ms }');
    let count: IntLit | null = null;
    let countAt = -1;
    if (this.kindHere() === K_STAR) {
      const star = this.spanHere();
      this.advance();
      countAt = this.pos;
      count = this.count(star, '*', 'thread worker * 4 { … }');
    } else if (this.kindHere() === K_INT) {
      const star = this.next();
      this.report('expected', star, [`\`*\` before the number of instances: \`thread ${name?.text ?? 'worker'} * ${star.text!}\``]);
      count = new IntNode(null, star.text!, star.start, star.end);
    }
    // Options are read from the token columns and go straight to the tape: a file has thousands of thread headers.
    const tape = this.tape;
    const firstOption = tape.options;
    for (;;) {
      if (this.kindHere() !== K_WORD) break;
      const ot = this.textHere()!;
      if (LIST_STARTERS.has(ot)) break;
      const from = this.toks.starts[this.pos];
      const to = this.toks.end(this.pos);
      this.advance();
      const valueAt = this.pos;
      switch (ot) {
        case 'bound':
        case 'spawned':
          tape.addOption(ot, from, to, null, -1);
          break;
        case 'priority': {
          const value = this.count({ start: from, end: to }, 'priority', 'priority 10', true);
          tape.addOption('priority', from, this.endFrom(from), value, valueAt);
          break;
        }
        case 'start': {
          const value = this.duration({ start: from, end: to }, 'start', 'start 5ms');
          tape.addOption('start', from, this.endFrom(from), value, valueAt);
          break;
        }
        default:
          this.report('unknownKeyword', { start: from, end: to }, ['thread option', ot, ['bound', 'priority N', 'start D', 'spawned'], suggest(ot, THREAD_OPTIONS)]);
      }
    }
    let body = -1;
    if (this.kindHere() === K_LBRACE) body = this.block();
    else {
      const b = this.peek();
      const tn = name ? ` \`${name.text}\`` : '';
      this.report('expected', b.kind === 'eof' ? { start: this.prevEnd, end: this.prevEnd } : b, [`\`{\` to begin the body of thread${tn}, e.g. \`thread ${name?.text ?? 'worker'} { compute 1ms }\``]);
      // `thread t compute 1ms }`: parse the statements that follow as its body.
      if (this.wordIn(b, STATEMENT_SET)) body = this.block();
    }
    const index = tape.addThread(name, nameAt, count, countAt, firstOption, body);
    return new ThreadNode(kw.start, this.endFrom(kw.start), this.tape, index);
  }

  // ---- statements --------------------------------------------------------------

  /**
   * A `{ stmt* }` block at the current token (or, when the `{` is missing and
   * reported, the statements that follow), as its index in the tape.
   */
  private block(): number {
    const openPos = this.pos;
    const here = this.spanHere();
    const open = this.kindHere() === K_LBRACE ? here : null;
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
      return this.tape.setBlockSpan(this.tape.addBlock(this.pending, 0, 0), start, this.endFrom(start));
    }
    this.depth++;
    try {
      const end = this.list('block', open);
      return this.tape.setBlockSpan(this.listedBlock, start, Math.max(start, end));
    } finally {
      this.depth--;
    }
  }

  /** A statement at the current token, appended to the tape (its index), or null when the token starts none. */
  private stmt(): number | null {
    if (this.kindHere() !== K_WORD) return null;
    const w = this.textHere()!;
    // One lookup: whether `w` starts a statement, and its code in the tape.
    const code = STMT_CODES.get(w);
    if (code === undefined) return null;
    const kwPos = this.pos;
    const start = this.toks.starts[kwPos];
    this.advance();
    const tape = this.tape;
    // Each operand is parsed before the statement's end is taken, so that the span covers it.
    // An operand is recorded as the token it was made of (`at`: where the operand began).
    // The common operand, one valid token, is recorded without making its node
    // (or the keyword's span, which only error reports need): the tape keeps
    // neither, and a 5 MB file has ~320,000 statements.
    const at = this.pos;
    switch (w) {
      case 'compute':
      case 'syscall':
      case 'io':
      case 'sleep': {
        // What `duration` returns for a valid duration token, without the node.
        const ns = this.kindHere() === K_DURATION ? fastDuration(this.textHere()!) : -1;
        if (ns >= 0) {
          this.advance();
          return tape.addStmt(code, start, this.endFrom(start), at, -1);
        }
        const d = this.duration(this.spanAt(kwPos), w, STMT_EXAMPLES[w]);
        return tape.addStmt(code, start, this.endFrom(start), tape.operandCode(d, at, tape.oddDurations), -1);
      }
      case 'yield':
        return tape.addStmt(code, start, this.endFrom(start), -1, -1);
      case 'lock':
      case 'unlock':
      case 'wait':
      case 'post':
      case 'join': {
        let target: number;
        if (this.plainNameHere()) {
          this.advance();
          target = at;
        } else {
          const name = this.name(this.spanAt(kwPos), w, w === 'wait' || w === 'post' ? 'the name of a semaphore' : w === 'join' ? 'the name of a thread' : 'the name of a mutex or spinlock', STMT_EXAMPLES[w]);
          target = tape.operandCode(name, at, tape.oddNames);
        }
        const body = w === 'lock' && this.kindHere() === K_LBRACE ? this.block() : -1;
        return tape.addStmt(code, start, this.endFrom(start), target, body);
      }
      case 'spawn': {
        const target = this.name(this.spanAt(kwPos), 'spawn', 'the name of a thread', 'spawn worker * 2');
        let count: IntLit | null = null;
        if (this.kindHere() === K_STAR) {
          const s = this.spanHere();
          this.advance();
          count = this.count(s, '*', 'spawn worker * 2');
        }
        const i = tape.addStmt(code, start, this.endFrom(start), tape.operandCode(target, at, tape.oddNames), -1);
        if (count !== null) tape.spawnCounts.set(i, count);
        return i;
      }
      case 'repeat': {
        // What `count` returns for a valid count token, without the node.
        if (this.kindHere() === K_INT && this.textHere()!.charCodeAt(0) !== 45 /* - */) {
          this.advance();
          const body = this.loopBody('repeat');
          return tape.addStmt(code, start, this.endFrom(start), at, body);
        }
        const count = this.count(this.spanAt(kwPos), 'repeat', 'repeat 3 { compute 1ms }');
        const body = this.loopBody('repeat');
        return tape.addStmt(code, start, this.endFrom(start), tape.operandCode(count, at, tape.oddCounts), body);
      }
      case 'forever': {
        const body = this.loopBody('forever');
        return tape.addStmt(code, start, this.endFrom(start), -1, body);
      }
      default:
        return null;
    }
  }

  /** A plain span of token `i`. */
  private spanAt(i: number): Span {
    return { start: this.toks.starts[i], end: this.toks.end(i) };
  }

  /** Whether the current token is a name that `name()` takes without a word of complaint (a word, not reserved). */
  private plainNameHere(): boolean {
    return this.kindHere() === K_WORD && !RESERVED.has(this.textHere()!);
  }

  private loopBody(kw: string): number {
    if (this.kindHere() === K_LBRACE) return this.block();
    const b = this.peek();
    this.report('expected', b.kind === 'eof' ? { start: this.prevEnd, end: this.prevEnd } : b, [`\`{\` to begin the body of \`${kw}\`, e.g. \`${kw === 'repeat' ? 'repeat 3' : kw} { compute 1ms }\``]);
    return -1;
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
        const op = this.keywordOf<'<' | '<=' | '>' | '>=' | '==' | '!='>(t);
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
          word = new NameNode(w.text!, w.start, w.end);
        } else this.report('needsValue', t, ['is', 'a status (`completed`, `deadlock` or `limit`)', 'expect status is completed']);
        comparison = { kind: 'is', span: this.span(t.start), keyword: { start: t.start, end: t.end }, word };
      } else {
        this.report('expected', t.kind === 'eof' ? { start: this.prevEnd, end: this.prevEnd } : t, ['a comparison after the subject: `<`, `<=`, `>`, `>=`, `==`, `!=` and a value, or `is` and a status']);
      }
    }
    return { kind: 'expect', span: this.span(kw.start), keyword: kw, subject, comparison };
  }

  private subject(kw: Token): ExpectSubject | null {
    const t = this.peek();
    // Metrics such as `upcalls` are also process keywords: only a file item ends the subject.
    if (t.kind !== 'word' || TOP_SET.has(t.text!)) {
      this.report('needsValue', kw, ['expect', 'a metric or `process.thread.field`', 'expect makespan < 40ms']);
      return null;
    }
    this.next();
    const first: Name = new NameNode(t.text!, t.start, t.end);
    if (this.peek().kind !== 'dot') return { kind: 'metric', span: first.span, name: first };
    const dot = this.next();
    const th = this.peek();
    if (th.kind !== 'word') {
      this.report('expected', th.kind === 'eof' ? dot : th, [`a thread name after \`${first.text}.\`, e.g. \`${first.text}.worker.finish\``]);
      return null;
    }
    this.next();
    const thread: Name = new NameNode(th.text!, th.start, th.end);
    let instance: IntLit | null = null;
    const h = this.peek();
    if (h.kind === 'hash') {
      this.next();
      instance = this.count(h, '#', `${first.text}.${thread.text}#1.finish`);
    }
    let field: Name | null = null;
    const d2 = this.peek();
    if (d2.kind === 'dot') {
      this.next();
      const f = this.peek();
      if (f.kind === 'word') {
        this.next();
        field = new NameNode(f.text!, f.start, f.end);
      } else this.report('expected', f.kind === 'eof' ? d2 : f, ['a field after `.`: `start`, `finish`, `running`, `ready` or `blocked`']);
    } else this.report('expected', d2.kind === 'eof' ? { start: this.prevEnd, end: this.prevEnd } : d2, [`a field: \`${first.text}.${thread.text}.finish\` (fields: start, finish, running, ready, blocked)`]);
    return { kind: 'threadField', span: this.span(t.start), process: first, thread, instance, field };
  }
}

function didYouMeanText(s: string | null): string {
  return s ? ` — did you mean \`${s}\`?` : '';
}
