/**
 * The parser's implementation of the most numerous AST nodes (ast.ts):
 * statements, blocks, thread declarations and options, names and literals.
 *
 * Why: a 5 MB file has ~35,000 threads and ~320,000 statements, and every
 * object the parser keeps for them survives until the analysis is dropped,
 * so the young-generation collector copies each one (V8 cannot allocate
 * class instances directly in the old generation). As object literals, a
 * statement was its node, a span object, a keyword span object and a
 * literal node with a span of its own, plus a block node, a span and an
 * array per body. Now:
 *
 * - thread bodies are kept column-wise in a BodyTape (typed arrays, which
 *   the collector neither scans nor copies); `Block.stmts` makes the nodes
 *   on first read, and the checker reads the columns (BodyCompiler.tapeBlock);
 * - thread headers too: a ThreadNode is its offsets and an index into the
 *   tape, and makes its name, count, options and body on first read;
 * - a node keeps its offsets as numbers (`from`, `to`) and makes `span` (and
 *   `keyword`, which starts where the node starts and is as long as its
 *   keyword) on read, from prototype getters;
 * - every statement kind is one class with the same fields (unused ones
 *   `null`), so code that walks statements sees one hidden class, not eight;
 * - each class has its own `span` getter on purpose: one shared base class
 *   (`extends Located`) made the getter's call sites see six receiver shapes,
 *   and parse + check of a 10,000-line file took 11.1 ms instead of 6.1 ms
 *   (100 alternated pairs).
 *
 * What consumers see is unchanged: the interfaces of ast.ts are satisfied
 * (a getter is a readonly property). What differs from plain objects:
 * `span`, `keyword` and `Block.stmts` are not own enumerable properties
 * (`Object.keys`, spreads and `JSON.stringify` skip them, and structured
 * cloning loses them), each read of `span` returns a new Span object
 * (compare spans by their offsets, never by identity), and the nodes carry
 * their offsets as `from` / `to`. Nothing in the extension clones, spreads
 * or serialises the AST; the IR, which crosses threads, holds plain spans.
 */
import type { Block, DurationLit, IntLit, Name, Span, Stmt, ThreadDecl, ThreadOption } from './ast';
import { durationValue } from './literals';
import { K_DURATION, K_INT, type TokenStream } from './scanner';
import { withLength } from '../typed';

/** `name`, `m`, `worker`: a name with its offsets. */
export class NameNode implements Name {
  constructor(
    readonly text: string,
    readonly from: number,
    readonly to: number,
  ) {}
  get span(): Span {
    return { start: this.from, end: this.to };
  }
}

/** A duration literal (see DurationLit). */
export class DurationNode implements DurationLit {
  readonly kind = 'duration';
  constructor(
    readonly ns: number | null,
    readonly text: string,
    readonly from: number,
    readonly to: number,
  ) {}
  get span(): Span {
    return { start: this.from, end: this.to };
  }
}

/** A count or priority literal (see IntLit). */
export class IntNode implements IntLit {
  readonly kind = 'int';
  constructor(
    readonly value: number | null,
    readonly text: string,
    readonly from: number,
    readonly to: number,
  ) {}
  get span(): Span {
    return { start: this.from, end: this.to };
  }
}

type StmtKind = Stmt['kind'];

/**
 * Any statement. `K` is its kind, so that `new StmtNode('compute', …)` is
 * assignable to TimedStmt, `new StmtNode('lock', …)` to LockStmt, and so on;
 * the fields a kind does not use are `null`.
 */
export class StmtNode<K extends StmtKind> {
  constructor(
    readonly kind: K,
    readonly from: number,
    readonly to: number,
    /** `compute`, `syscall`, `io`, `sleep`. */
    readonly duration: DurationLit | null,
    /** `lock`, `unlock`, `wait`, `post`, `spawn`, `join`. */
    readonly target: Name | null,
    /** `spawn … * N`, `repeat N`. */
    readonly count: IntLit | null,
    /** `lock m { … }`, `repeat`, `forever`. */
    readonly body: Block | null,
  ) {}
  get span(): Span {
    return { start: this.from, end: this.to };
  }
  /** The statement's keyword: where the statement starts, as long as its kind (`compute` …). */
  get keyword(): Span {
    return { start: this.from, end: this.from + this.kind.length };
  }
}

/** A thread declaration's header: its name, count and options. */
export interface ThreadHeader {
  readonly name: Name | null;
  readonly count: IntLit | null;
  readonly options: readonly ThreadOption[];
}

/** What a thread declaration holds besides its offsets (the parts of ThreadDecl a reader asks for). */
export interface ThreadParts extends ThreadHeader {
  readonly body: Block | null;
}

/**
 * `thread NAME [* N] OPTION* { … }`: thread `index` of a BodyTape, whose
 * columns hold its name, count, options and body. Its parts become nodes on
 * the first read of any of them and are kept (later reads return the same
 * nodes); a 5 MB file declares ~40,000 threads, and as a node with a name,
 * a count, an options array, an option node, a literal and a block each (all
 * surviving until the analysis is dropped) a header was ~400 bytes the
 * young-generation collector copied twice. The checker reads them with
 * `threadHeaderOf` and `threadBodyOf`, which keep nothing.
 */
export class ThreadNode implements ThreadDecl {
  readonly kind = 'thread';
  readonly #tape: BodyTape;
  readonly #index: number;
  #parts: ThreadParts | null = null;

  constructor(
    readonly from: number,
    readonly to: number,
    tape: BodyTape,
    index: number,
  ) {
    this.#tape = tape;
    this.#index = index;
  }
  get span(): Span {
    return { start: this.from, end: this.to };
  }
  /** The `thread` keyword, where the declaration starts. */
  get keyword(): Span {
    return { start: this.from, end: this.from + 6 };
  }
  get name(): Name | null {
    return this.#kept().name;
  }
  get count(): IntLit | null {
    return this.#kept().count;
  }
  get options(): readonly ThreadOption[] {
    return this.#kept().options;
  }
  get body(): Block | null {
    return this.#kept().body;
  }
  /** The header as new nodes, not kept, unless the parts already are (see threadHeaderOf). */
  freshHeader(): ThreadHeader {
    return this.#parts ?? this.#tape.threadHeader(this.#index);
  }
  /** The body as a new node, not kept, unless the parts are (see threadBodyOf). */
  freshBody(): Block | null {
    return this.#parts ? this.#parts.body : this.#tape.threadBody(this.#index);
  }
  #kept(): ThreadParts {
    return (this.#parts ??= this.#tape.threadParts(this.#index));
  }
}

/**
 * The header of `t` for a single pass (the checker's): a parser-made thread
 * builds it anew and keeps none of it, so that it is garbage as soon as the
 * pass is done; any other ThreadDecl is its own header.
 */
export function threadHeaderOf(t: ThreadDecl): ThreadHeader {
  return t instanceof ThreadNode ? t.freshHeader() : t;
}

/** The body of `t` for a single pass, as threadHeaderOf. */
export function threadBodyOf(t: ThreadDecl): Block | null {
  return t instanceof ThreadNode ? t.freshBody() : t.body;
}

/** A thread option; `value` is the literal of `priority N` / `start D`, null for `bound` and `spawned`. */
export class OptionNode<K extends ThreadOption['kind'], V extends IntLit | DurationLit | null> {
  constructor(
    readonly kind: K,
    readonly from: number,
    readonly to: number,
    readonly value: V,
  ) {}
  get span(): Span {
    return { start: this.from, end: this.to };
  }
}

/** Thread option kinds by their code in BodyTape.optKind. */
const OPTION_KINDS: readonly ThreadOption['kind'][] = ['bound', 'spawned', 'priority', 'start'];

/** The options of a thread that has none: one shared (frozen) empty list rather than one per thread. */
const NO_OPTIONS: readonly ThreadOption[] = Object.freeze([]);

/** Statement kinds by their code in BodyTape.kinds. */
export const STMT_KINDS: readonly StmtKind[] = [
  'compute',
  'syscall',
  'io',
  'sleep',
  'yield',
  'lock',
  'unlock',
  'wait',
  'post',
  'spawn',
  'join',
  'repeat',
  'forever',
];
/** The code of each statement keyword (its index in STMT_KINDS). */
export const STMT_CODES: ReadonlyMap<string, number> = new Map(STMT_KINDS.map((k, i) => [k, i]));

/** Columns before the first allocation (`allocStmts` copies their contents: none). */
const NO_U8: Uint8Array = new Uint8Array(0);
const NO_I32: Int32Array = new Int32Array(0);
const NO_F64: Float64Array = new Float64Array(0);

/**
 * The statements of every thread body of one file, column-wise: no object
 * per statement, block or operand until someone reads `Block.stmts`. A 5 MB
 * file has ~350,000 statements; as nodes (a statement, its literal or name,
 * a block and its array per body) they were over half of what `analyze`
 * kept alive, and the young-generation collector copied all of it. Here they
 * are typed arrays, which the collector never scans or copies.
 *
 * Operands are stored as the index of the token they were made of, so their
 * text is the token's (interned) text and their offsets the token's; a
 * literal that is not exactly one token (`5 ms`, reported) is kept as the
 * object the parser made, in `odd`. The value of a one-token operand (a
 * duration's ns, a count) is not stored: it is a function of the token, and
 * is computed again, as the parser computed it, when the node is made.
 *
 * `Block.stmts` is built once per block on first read and kept (see
 * BlockNode). The checker reads the columns themselves
 * (BodyCompiler.tapeBlock) and makes a node only for a statement it reports
 * on; thread headers are here too (see ThreadNode).
 */
export class BodyTape {
  /** Statements: `kinds[i]` (STMT_KINDS index), offsets, operands, body block (-1 for none). */
  count = 0;
  kinds = NO_U8;
  from = NO_I32;
  to = NO_I32;
  /** The operand (duration, target name or `repeat` count): a token index; -1 for none; -2 - i for entry i of its odd list (`oddDurations` …). */
  operand = NO_I32;
  body = NO_I32;
  /** The statements of the blocks, block by block (see `blockFirst`): each statement is in one block, so as many slots as statements. */
  children = NO_I32;
  childCount = 0;
  /** The count of each `spawn NAME * N` (statement index → literal): spawns are few. */
  readonly spawnCounts = new Map<number, IntLit>();
  /** Blocks: offsets and their statements, `children[blockFirst[b]]` … for `blockLength[b]` statements. */
  blocks = 0;
  blockFrom = NO_I32;
  blockTo = NO_I32;
  blockFirst = NO_I32;
  blockLength = NO_I32;
  /** Operands that are not exactly one token, by kind. */
  readonly oddDurations: DurationLit[] = [];
  readonly oddCounts: IntLit[] = [];
  readonly oddNames: Name[] = [];
  /**
   * Thread headers (see ThreadNode): name, count and body as operand codes
   * (as `operand`) and a block index, the count's value (NaN for none), and
   * their options, `thOptFirst[i]` … `thOptEnd[i] - 1` in the option columns.
   */
  threads = 0;
  thName = NO_I32;
  thCount = NO_I32;
  thCountValue = NO_F64;
  thOptFirst = NO_I32;
  thOptEnd = NO_I32;
  thBody = NO_I32;
  /** Thread options: kind (OPTION_KINDS index), offsets, value as an operand code and as a number (NaN for none). */
  options = 0;
  optKind = NO_U8;
  optFrom = NO_I32;
  optTo = NO_I32;
  optValue = NO_I32;
  optNum = NO_F64;

  constructor(
    readonly tokens: TokenStream,
    capacity: number,
  ) {
    this.allocStmts(Math.max(16, capacity));
    this.allocBlocks(Math.max(8, capacity >> 1));
  }

  /**
   * The code of operand `lit`, made by the parser from the token at index
   * `at` (see `operand`). The test is exact: anything else (`5 ms`) is kept
   * as the object itself, in `odd` (the odd list of its kind).
   */
  operandCode<T extends DurationLit | IntLit | Name>(lit: T | null, at: number, odd: T[]): number {
    if (lit === null) return -1;
    const t = this.tokens;
    const span = lit.span;
    if (at < t.count && t.starts[at] === span.start && t.end(at) === span.end && t.text(at) === lit.text) return at;
    return -2 - (odd.push(lit) - 1);
  }

  /**
   * Appends a thread header: its name and count as the parser made them from
   * the tokens at `nameAt` / `countAt`, its options (those added by
   * `addOption` since `firstOption`, which was `options` before the first),
   * and its body (a block index, -1 for none); returns its index (see
   * ThreadNode).
   */
  addThread(name: Name | null, nameAt: number, count: IntLit | null, countAt: number, firstOption: number, body: number): number {
    const i = this.threads;
    if (i === this.thName.length) {
      // Room for a thread per 16 tokens (a dense file has one per ~26): no growth, typically.
      const n = Math.max(16, i === 0 ? this.tokens.count >> 4 : i * 2);
      this.thName = withLength(this.thName, n);
      this.thCount = withLength(this.thCount, n);
      this.thCountValue = withLength(this.thCountValue, n);
      this.thOptFirst = withLength(this.thOptFirst, n);
      this.thOptEnd = withLength(this.thOptEnd, n);
      this.thBody = withLength(this.thBody, n);
    }
    this.thName[i] = this.operandCode(name, nameAt, this.oddNames);
    this.thCount[i] = this.operandCode(count, countAt, this.oddCounts);
    this.thCountValue[i] = count === null || count.value === null ? NaN : count.value;
    this.thOptFirst[i] = firstOption;
    this.thOptEnd[i] = this.options;
    this.thBody[i] = body;
    this.threads = i + 1;
    return i;
  }

  /**
   * Appends an option of the thread being parsed (see addThread): its kind,
   * offsets and, for `priority` and `start`, the literal the parser made
   * from the token at `valueAt`.
   */
  addOption(kind: ThreadOption['kind'], from: number, to: number, value: IntLit | DurationLit | null, valueAt: number): void {
    const j = this.options;
    if (j === this.optKind.length) {
      const n = Math.max(16, j === 0 ? this.tokens.count >> 4 : j * 2);
      this.optKind = withLength(this.optKind, n);
      this.optFrom = withLength(this.optFrom, n);
      this.optTo = withLength(this.optTo, n);
      this.optValue = withLength(this.optValue, n);
      this.optNum = withLength(this.optNum, n);
    }
    this.optKind[j] = OPTION_KINDS.indexOf(kind);
    this.optFrom[j] = from;
    this.optTo[j] = to;
    if (value === null) {
      this.optValue[j] = -1;
      this.optNum[j] = NaN;
    } else if (value.kind === 'int') {
      this.optValue[j] = this.operandCode(value, valueAt, this.oddCounts);
      this.optNum[j] = value.value === null ? NaN : value.value;
    } else {
      this.optValue[j] = this.operandCode(value, valueAt, this.oddDurations);
      this.optNum[j] = value.ns === null ? NaN : value.ns;
    }
    this.options = j + 1;
  }

  /** The parts of thread `i` as new nodes. */
  threadParts(i: number): ThreadParts {
    const h = this.threadHeader(i);
    return { name: h.name, count: h.count, options: h.options, body: this.threadBody(i) };
  }

  /** The header of thread `i` as new nodes. */
  threadHeader(i: number): ThreadHeader {
    const first = this.thOptFirst[i];
    const end = this.thOptEnd[i];
    let options = NO_OPTIONS;
    if (end > first) {
      // Sized up front: pushing onto `[]` gives a 17-slot backing store, and most threads with options have one.
      const list = new Array<ThreadOption>(end - first);
      for (let j = first; j < end; j++) {
        const from = this.optFrom[j];
        const to = this.optTo[j];
        switch (OPTION_KINDS[this.optKind[j]]) {
          case 'bound':
            list[j - first] = new OptionNode('bound', from, to, null);
            break;
          case 'spawned':
            list[j - first] = new OptionNode('spawned', from, to, null);
            break;
          case 'priority':
            list[j - first] = new OptionNode('priority', from, to, this.keptInt(this.optValue[j], this.optNum[j]));
            break;
          case 'start':
            list[j - first] = new OptionNode('start', from, to, this.keptDuration(this.optValue[j], this.optNum[j]));
            break;
        }
      }
      options = list;
    }
    return { name: this.name(this.thName[i]), count: this.keptInt(this.thCount[i], this.thCountValue[i]), options };
  }

  /** The body of thread `i` as a new node. */
  threadBody(i: number): Block | null {
    return this.block(this.thBody[i]);
  }

  /** The count or priority literal of operand `code`, its value (NaN for null) kept in a column (`thCountValue`, `optNum`). */
  private keptInt(code: number, value: number): IntLit | null {
    if (code === -1) return null;
    if (code < -1) return this.oddCounts[-2 - code];
    const t = this.tokens;
    return new IntNode(value !== value ? null : smallInt(value), t.text(code)!, t.starts[code], t.end(code));
  }

  /** The duration literal of operand `code`, its ns (NaN for null) kept in `optNum`. */
  private keptDuration(code: number, ns: number): DurationLit | null {
    if (code === -1) return null;
    if (code < -1) return this.oddDurations[-2 - code];
    const t = this.tokens;
    return new DurationNode(ns !== ns ? null : smallInt(ns), t.text(code)!, t.starts[code], t.end(code));
  }

  /** Appends a statement of kind `STMT_KINDS[code]`; returns its index. */
  addStmt(code: number, from: number, to: number, operand: number, body: number): number {
    const i = this.count;
    if (i === this.kinds.length) this.allocStmts(i * 2);
    this.kinds[i] = code;
    this.from[i] = from;
    this.to[i] = to;
    this.operand[i] = operand;
    this.body[i] = body;
    this.count = i + 1;
    return i;
  }

  /** Appends a block holding statements `list[first]` … `list[end - 1]` (statement indices); returns its index. Its offsets are set by `setBlockSpan`. */
  addBlock(list: readonly unknown[], first: number, end: number): number {
    const b = this.blocks;
    if (b === this.blockFrom.length) this.allocBlocks(b * 2);
    const n = end - first;
    for (let k = 0; k < n; k++) this.children[this.childCount + k] = list[first + k] as number;
    this.blockFirst[b] = this.childCount;
    this.blockLength[b] = n;
    this.childCount += n;
    this.blocks = b + 1;
    return b;
  }

  /** Sets the offsets of block `b`; returns `b`. */
  setBlockSpan(b: number, from: number, to: number): number {
    this.blockFrom[b] = from;
    this.blockTo[b] = to;
    return b;
  }

  /** The statements of block `b` as new nodes. */
  statements(b: number): Stmt[] {
    const n = this.blockLength[b];
    const first = this.blockFirst[b];
    const out = new Array<Stmt>(n);
    for (let k = 0; k < n; k++) out[k] = this.stmt(this.children[first + k]);
    return out;
  }

  /** Statement `i` as a node (a new one on every call). */
  stmt(i: number): Stmt {
    const kind = STMT_KINDS[this.kinds[i]];
    const from = this.from[i];
    const to = this.to[i];
    switch (kind) {
      case 'compute':
      case 'syscall':
      case 'io':
      case 'sleep':
        return new StmtNode(kind, from, to, this.duration(this.operand[i]), null, null, null);
      case 'yield':
        return new StmtNode(kind, from, to, null, null, null, null);
      case 'lock':
        return new StmtNode(kind, from, to, null, this.name(this.operand[i]), null, this.block(this.body[i]));
      case 'unlock':
      case 'wait':
      case 'post':
      case 'join':
        return new StmtNode(kind, from, to, null, this.name(this.operand[i]), null, null);
      case 'spawn':
        return new StmtNode(kind, from, to, null, this.name(this.operand[i]), this.spawnCounts.get(i) ?? null, null);
      case 'repeat':
        return new StmtNode(kind, from, to, null, null, this.int(this.operand[i]), this.block(this.body[i]));
      case 'forever':
        return new StmtNode(kind, from, to, null, null, null, this.block(this.body[i]));
    }
  }

  private block(b: number): Block | null {
    return b < 0 ? null : new BlockNode(this, b);
  }

  /** The ns of the duration of one-token operand `code` (>= 0), as its DurationLit would have them (`duration(code).ns`). */
  durationNs(code: number): number | null {
    const t = this.tokens;
    const ns = t.kinds[code] === K_DURATION ? durationValue(t.text(code)!) : null;
    return ns === null ? null : smallInt(ns);
  }

  /** The duration literal of operand `code`; a one-token one has the value the parser gave it (Parser.duration: null unless a valid duration token). */
  private duration(code: number): DurationLit | null {
    if (code === -1) return null;
    if (code < -1) return this.oddDurations[-2 - code];
    const t = this.tokens;
    return new DurationNode(this.durationNs(code), t.text(code)!, t.starts[code], t.end(code));
  }

  /** The count literal of operand `code`; a one-token one has the value the parser gave it (Parser.count: null unless a non-negative integer token). */
  private int(code: number): IntLit | null {
    if (code === -1) return null;
    if (code < -1) return this.oddCounts[-2 - code];
    const t = this.tokens;
    const text = t.text(code)!;
    const value = t.kinds[code] === K_INT && text.charCodeAt(0) !== 45 /* - */ ? Number(text) : null;
    return new IntNode(value === null ? null : smallInt(value), text, t.starts[code], t.end(code));
  }

  private name(code: number): Name | null {
    if (code === -1) return null;
    if (code < -1) return this.oddNames[-2 - code];
    const t = this.tokens;
    return new NameNode(t.text(code)!, t.starts[code], t.end(code));
  }

  /**
   * (Re)allocates the statement columns (and `children`) for `n` statements,
   * keeping what they hold. All in one buffer: each typed array is an
   * allocation outside the JS heap that costs microseconds, which shows on
   * small files analysed on every keystroke.
   */
  private allocStmts(n: number): void {
    const buf = new ArrayBuffer(n * 21);
    this.from = moved(this.from, buf, 0, n);
    this.to = moved(this.to, buf, 4 * n, n);
    this.operand = moved(this.operand, buf, 8 * n, n);
    this.body = moved(this.body, buf, 12 * n, n);
    this.children = moved(this.children, buf, 16 * n, n);
    const kinds = new Uint8Array(buf, 20 * n, n);
    kinds.set(this.kinds);
    this.kinds = kinds;
  }

  /** (Re)allocates the block columns for `n` blocks, keeping what they hold (one buffer, as `allocStmts`). */
  private allocBlocks(n: number): void {
    const buf = new ArrayBuffer(n * 16);
    this.blockFrom = moved(this.blockFrom, buf, 0, n);
    this.blockTo = moved(this.blockTo, buf, 4 * n, n);
    this.blockFirst = moved(this.blockFirst, buf, 8 * n, n);
    this.blockLength = moved(this.blockLength, buf, 12 * n, n);
  }
}

/** A column of `n` Int32s at `offset` in `buf`, holding the values of `old`. */
function moved(old: Int32Array, buf: ArrayBuffer, offset: number, n: number): Int32Array {
  const a = new Int32Array(buf, offset, n);
  a.set(old);
  return a;
}

/**
 * `v` retagged as a small integer when it is one: V8 may keep an integer
 * computed in floating point (a duration's ns) as a double, and a double
 * stored in an object field is a separate heap number (the IR would keep
 * one per timed statement); `v | 0` makes it a small integer again.
 */
function smallInt(v: number): number {
  return (v | 0) === v ? v | 0 : v;
}

/**
 * `{ stmt* }`, from `{` to `}` inclusive: block `index` of a BodyTape. Its
 * statements become nodes on the first read of `stmts` and are kept, so
 * later reads return the same nodes.
 */
export class BlockNode implements Block {
  readonly kind = 'block';
  readonly #tape: BodyTape;
  readonly #index: number;
  #stmts: readonly Stmt[] | null = null;

  constructor(tape: BodyTape, index: number) {
    this.#tape = tape;
    this.#index = index;
  }
  get span(): Span {
    return { start: this.#tape.blockFrom[this.#index], end: this.#tape.blockTo[this.#index] };
  }
  get stmts(): readonly Stmt[] {
    return (this.#stmts ??= this.#tape.statements(this.#index));
  }
  /** The tape that holds `b` and its index there, for a reader of the columns (the checker). Static: not a property of the node. */
  static tapeOf(b: BlockNode): BodyTape {
    return b.#tape;
  }
  static indexOf(b: BlockNode): number {
    return b.#index;
  }
}
