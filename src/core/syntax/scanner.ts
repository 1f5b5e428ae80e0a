/**
 * The scanner (LANGUAGE.md §2): text → tokens, comments included (the
 * formatter and semantic tokens need them; the parser skips them).
 *
 * Offsets are UTF-16 offsets into the text as given: a leading BOM is skipped
 * but still counted, so positions match an editor that kept it. The scanner
 * never fails: a malformed piece becomes an `invalid` token (or a string /
 * comment token that is marked unterminated) plus one diagnostic.
 */
import type { Diagnostic } from '../diagnostic';
import { makeDiagnostic } from '../diagnostics/codes';
import { MAX_TOKENS } from '../limits';
import { STATUSES, UNITS, wordsOf } from '../language/registry';
import { RESERVED } from './keywords';
import { powerOfTwoAtLeast, withLength } from '../typed';

export type TokenKind =
  | 'word'
  /** Decimal integer, possibly negative: `4`, `-3`. */
  | 'int'
  /** Decimal with a fraction: `0.9`. */
  | 'number'
  /** A number immediately followed by letters: `5ms`, `2.5us`, and also bad units such as `5m` (the parser checks the unit). */
  | 'duration'
  | 'string'
  /** `1:1`, `N:1`, `M:N`. */
  | 'model'
  | 'lbrace'
  | 'rbrace'
  | 'star'
  | 'equals'
  | 'hash'
  | 'dot'
  | 'semicolon'
  /** `<`, `<=`, `>`, `>=`, `==`, `!=`. */
  | 'compare'
  | 'lineComment'
  | 'blockComment'
  | 'invalid'
  | 'eof';

export interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
  /**
   * words, numbers, durations, models, compare operators, invalid runs: the
   * source text (`µ` written as Greek mu is normalised to the micro sign);
   * strings: the decoded value. Absent for punctuation, comments and eof.
   */
  readonly text?: string;
  /** Set on a string or block comment that runs to the end of its line / the file. */
  readonly unterminated?: boolean;
}

export interface ScanResult {
  readonly tokens: Token[];
  readonly diagnostics: Diagnostic[];
}

const Ch = {
  Tab: 9,
  LF: 10,
  VT: 11,
  FF: 12,
  CR: 13,
  Space: 32,
  Bang: 33,
  Quote: 34,
  Hash: 35,
  Star: 42,
  Minus: 45,
  Dot: 46,
  Slash: 47,
  D0: 48,
  D1: 49,
  D9: 57,
  Colon: 58,
  Semi: 59,
  Lt: 60,
  Eq: 61,
  Gt: 62,
  A: 65,
  M: 77,
  N: 78,
  Z: 90,
  Backslash: 92,
  Underscore: 95,
  a: 97,
  z: 122,
  LBrace: 123,
  RBrace: 125,
  Nbsp: 0xa0,
  Micro: 0xb5,
  GreekMu: 0x3bc,
  Bom: 0xfeff,
} as const;

// Character classes of the ASCII range, one table lookup per character
// instead of a chain of comparisons (the scanner's inner loops run once per
// character of a multi-megabyte file).
const WORD_START = 1;
const WORD_PART = 2;
const DIGIT = 4;
const SPACE = 8;
/** Starts some token (anything else is part of an invalid run). */
const STARTS = 16;
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  let f = 0;
  if ((c >= Ch.a && c <= Ch.z) || (c >= Ch.A && c <= Ch.Z) || c === Ch.Underscore) f |= WORD_START | WORD_PART | STARTS;
  if (c >= Ch.D0 && c <= Ch.D9) f |= DIGIT | WORD_PART | STARTS;
  if (c === Ch.Space || c === Ch.Tab || c === Ch.LF || c === Ch.CR || c === Ch.VT || c === Ch.FF) f |= SPACE | STARTS;
  if ([Ch.Quote, Ch.LBrace, Ch.RBrace, Ch.Star, Ch.Eq, Ch.Hash, Ch.Dot, Ch.Semi, Ch.Lt, Ch.Gt, Ch.Slash, Ch.Bang, Ch.Minus].includes(c as never)) f |= STARTS;
  ASCII[c] = f;
}

function isWordStart(c: number): boolean {
  return c < 128 && (ASCII[c] & WORD_START) !== 0;
}
function isWordPart(c: number): boolean {
  return c < 128 && (ASCII[c] & WORD_PART) !== 0;
}
function isDigit(c: number): boolean {
  return c >= Ch.D0 && c <= Ch.D9;
}
function isSpace(c: number): boolean {
  return c < 128 ? (ASCII[c] & SPACE) !== 0 : c === Ch.Nbsp;
}
/** Characters that may be part of a unit suffix (`ms`, `µs`, and bad ones such as `m2`). */
function isUnitPart(c: number): boolean {
  return c < 128 ? (ASCII[c] & WORD_PART) !== 0 : c === Ch.Micro || c === Ch.GreekMu;
}
/** Characters that start some token (anything else is part of an invalid run). */
function startsToken(c: number): boolean {
  return c < 128 ? (ASCII[c] & STARTS) !== 0 : c === Ch.Nbsp;
}

/** Token kinds by their code in TokenStream's kind column. */
const KIND_NAMES: readonly TokenKind[] = ['word', 'int', 'number', 'duration', 'string', 'model', 'lbrace', 'rbrace', 'star', 'equals', 'hash', 'dot', 'semicolon', 'compare', 'lineComment', 'blockComment', 'invalid', 'eof'];
const K_WORD = 0;
const K_INT = 1;
const K_NUMBER = 2;
const K_DURATION = 3;
const K_STRING = 4;
const K_MODEL = 5;
const K_LBRACE = 6;
const K_RBRACE = 7;
const K_STAR = 8;
const K_EQUALS = 9;
const K_HASH = 10;
const K_DOT = 11;
const K_SEMICOLON = 12;
const K_COMPARE = 13;
const K_LINE_COMMENT = 14;
const K_BLOCK_COMMENT = 15;
const K_INVALID = 16;
const K_EOF = 17;

/** A token length of LONG means the token's end is kept in `longEnds`. */
const LONG = 255;

/**
 * The tokens of one scan. Readers see tokens by index (`kind(i)`,
 * `start(i)`, `end(i)`, `text(i)`) or as Token objects (`token(i)`,
 * `toTokens()`); how they are stored is this class's business.
 *
 * They are stored column-wise (a kind code, a start, a one-byte length and a
 * text id per token, in typed arrays), not as an object per token: a large
 * file has over a million tokens, and the columns cost a few bytes each and
 * nothing to the garbage collector. See docs/performance.md.
 */
export class TokenStream {
  #count = 0;
  #kinds: Uint8Array;
  #starts: Int32Array;
  /** Token lengths; LONG for a token of LONG characters or more, whose end is then in `#longEnds`. */
  #lengths: Uint8Array;
  /** The ends of the (rare) tokens too long for `#lengths`: long strings, comments, invalid runs. */
  readonly #longEnds = new Map<number, number>();
  /** Per token: 0 for no text, else 1 + an index into `strings`. */
  #textIds: Int32Array;
  /** The distinct texts (interned words, numbers, durations) and the other texts, in order of first use. */
  readonly strings: string[] = [];
  /** Indices of unterminated string / block-comment tokens (rare). */
  readonly #unterminated = new Set<number>();
  readonly diagnostics: Diagnostic[] = [];

  constructor(capacity: number) {
    this.#kinds = new Uint8Array(capacity);
    this.#starts = new Int32Array(capacity);
    this.#lengths = new Uint8Array(capacity);
    this.#textIds = new Int32Array(capacity);
  }

  /** How many tokens there are, the final `eof` included. */
  get count(): number {
    return this.#count;
  }

  push(kind: number, start: number, end: number, text: string | undefined): void {
    this.pushId(kind, start, end, text === undefined ? 0 : this.strings.push(text));
  }

  /** push() with the text given as its id (see `#textIds`). */
  pushId(kind: number, start: number, end: number, textId: number): void {
    const i = this.#count;
    if (i === this.#kinds.length) this.#grow();
    this.#kinds[i] = kind;
    this.#starts[i] = start;
    const length = end - start;
    if (length < LONG) this.#lengths[i] = length;
    else {
      this.#lengths[i] = LONG;
      this.#longEnds.set(i, end);
    }
    this.#textIds[i] = textId;
    this.#count = i + 1;
  }

  /** Marks the token about to be pushed as unterminated. */
  markUnterminated(): void {
    this.#unterminated.add(this.#count);
  }

  /** The kind of token `i`. */
  kind(i: number): TokenKind {
    return KIND_NAMES[this.#kinds[i]];
  }

  /** The start offset of token `i`. */
  start(i: number): number {
    return this.#starts[i];
  }

  /** The end offset of token `i`. */
  end(i: number): number {
    const length = this.#lengths[i];
    return length < LONG ? this.#starts[i] + length : this.#longEnds.get(i)!;
  }

  /** The text of token `i` (see `Token.text`). */
  text(i: number): string | undefined {
    const id = this.#textIds[i];
    return id === 0 ? undefined : this.strings[id - 1];
  }

  #grow(): void {
    const cap = this.#kinds.length * 2;
    this.#kinds = withLength(this.#kinds, cap);
    this.#starts = withLength(this.#starts, cap);
    this.#lengths = withLength(this.#lengths, cap);
    this.#textIds = withLength(this.#textIds, cap);
  }

  /** Token `i` as an object; every token has every field, so all share one shape. */
  token(i: number): Token {
    return { kind: KIND_NAMES[this.#kinds[i]], start: this.#starts[i], end: this.end(i), text: this.text(i), unterminated: this.#unterminated.size > 0 && this.#unterminated.has(i) ? true : undefined };
  }

  toTokens(): Token[] {
    const out = new Array<Token>(this.#count);
    for (let i = 0; i < this.#count; i++) out[i] = this.token(i);
    return out;
  }
}

/**
 * The texts of one scan, each kept once: a file says `compute` thousands of
 * times, and one shared string per spelling saves an allocation per token.
 * Open addressing on a hash
 * computed from the source characters, so a repeated spelling is found without
 * slicing it out first. Keywords are seeded, so their tokens carry the
 * program's own (internalized) keyword strings.
 */
class Interner {
  private keys: string[];
  private hashes: Int32Array;
  /** Per slot: the text's id in `strings` (see TokenStream.textIds). */
  private ids: Int32Array;
  private size = 0;
  private mask: number;

  constructor(
    capacity: number,
    private readonly strings: string[],
  ) {
    this.keys = new Array<string>(capacity).fill('');
    this.hashes = new Int32Array(capacity);
    this.ids = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (const k of SEEDS) this.add(k, hashOf(k, 0, k.length));
  }

  /** The id (see TokenStream.textIds) of the string equal to `text.slice(start, end)`; `h` is hashOf(text, start, end). */
  get(text: string, start: number, end: number, h: number): number {
    const len = end - start;
    let i = h & this.mask;
    for (;;) {
      const k = this.keys[i];
      if (k.length === 0) break;
      if (this.hashes[i] === h && k.length === len && sameChars(k, text, start, len)) return this.ids[i];
      i = (i + 1) & this.mask;
    }
    return this.add(text.slice(start, end), h);
  }

  private add(s: string, h: number): number {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    let i = h & this.mask;
    while (this.keys[i].length !== 0) i = (i + 1) & this.mask;
    this.keys[i] = s;
    this.hashes[i] = h;
    this.size++;
    return (this.ids[i] = this.strings.push(s));
  }

  private grow(): void {
    const keys = this.keys;
    const hashes = this.hashes;
    const ids = this.ids;
    this.keys = new Array<string>(keys.length * 2).fill('');
    this.hashes = new Int32Array(keys.length * 2);
    this.ids = new Int32Array(keys.length * 2);
    this.mask = keys.length * 2 - 1;
    for (let j = 0; j < keys.length; j++) {
      const k = keys[j];
      if (k.length === 0) continue;
      let i = hashes[j] & this.mask;
      while (this.keys[i].length !== 0) i = (i + 1) & this.mask;
      this.keys[i] = k;
      this.hashes[i] = hashes[j]!;
      this.ids[i] = ids[j]!;
    }
  }
}

function hashOf(text: string, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}

function sameChars(k: string, text: string, start: number, len: number): boolean {
  for (let j = 0; j < len; j++) if (k.charCodeAt(j) !== text.charCodeAt(start + j)) return false;
  return true;
}

const SEEDS: readonly string[] = [...RESERVED, ...wordsOf(STATUSES), ...UNITS];

/** Tokens of `text`, comments included, ending with one `eof` token. */
export function scan(text: string): Token[] {
  return scanStream(text).toTokens();
}

export function scanWithDiagnostics(text: string): ScanResult {
  const s = scanStream(text);
  return { tokens: s.toTokens(), diagnostics: s.diagnostics };
}

/** The tokens of `text` as a compact stream (see TokenStream), with the scanner's diagnostics. */
export function scanStream(text: string): TokenStream {
  const n = text.length;
  // Room for a token per 4 characters (typical files have one per 6), so that the columns rarely grow.
  const tokens = new TokenStream(Math.max(64, ((n / 4) | 0) + 16));
  const diagnostics = tokens.diagnostics;
  let i = n > 0 && text.charCodeAt(0) === Ch.Bom ? 1 : 0;
  // Room for a distinct text per ~128 characters at half load, so that big files rarely rehash.
  const interner = new Interner(Math.max(1024, powerOfTwoAtLeast(n >> 6)), tokens.strings);

  while (i < n) {
    if (tokens.count >= MAX_TOKENS) {
      diagnostics.push(makeDiagnostic('overCap', { start: i, end: Math.min(n, i + 1) }, ['the number of tokens in this file', `${MAX_TOKENS.toLocaleString('en-US')} tokens (MAX_TOKENS)`, 'the rest of the file is ignored; split the scenario']));
      break;
    }
    const c = text.charCodeAt(i);
    const start = i;
    if (isSpace(c)) {
      i++;
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      continue;
    }
    if (isWordStart(c)) {
      i++;
      for (;;) {
        while (i < n && isWordPart(text.charCodeAt(i))) i++;
        if (i + 1 < n && text.charCodeAt(i) === Ch.Minus && isWordPart(text.charCodeAt(i + 1))) i += 2;
        else break;
      }
      // Model shorthands `N:1` and `M:N`.
      if (i - start === 1 && i + 2 <= n && text.charCodeAt(i) === Ch.Colon && (i + 2 >= n || !isWordPart(text.charCodeAt(i + 2)))) {
        const next = text.charCodeAt(i + 1);
        if ((c === Ch.N && next === Ch.D1) || (c === Ch.M && next === Ch.N)) {
          i += 2;
          tokens.push(K_MODEL, start, i, c === Ch.N ? 'N:1' : 'M:N');
          continue;
        }
      }
      tokens.pushId(K_WORD, start, i, interner.get(text, start, i, hashOf(text, start, i)));
      continue;
    }
    if (isDigit(c) || (c === Ch.Minus && i + 1 < n && isDigit(text.charCodeAt(i + 1)))) {
      // `1:1`
      if (c === Ch.D1 && i + 2 < n && text.charCodeAt(i + 1) === Ch.Colon && text.charCodeAt(i + 2) === Ch.D1 && (i + 3 >= n || !isWordPart(text.charCodeAt(i + 3)))) {
        i += 3;
        tokens.push(K_MODEL, start, i, '1:1');
        continue;
      }
      i++;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      let kind = K_INT;
      if (i + 1 < n && text.charCodeAt(i) === Ch.Dot && isDigit(text.charCodeAt(i + 1))) {
        i += 2;
        while (i < n && isDigit(text.charCodeAt(i))) i++;
        kind = K_NUMBER;
      }
      let mu = false;
      if (i < n && isUnitPart(text.charCodeAt(i))) {
        for (; i < n; i++) {
          const u = text.charCodeAt(i);
          if (!isUnitPart(u)) break;
          if (u === Ch.GreekMu) mu = true;
        }
        kind = K_DURATION;
      }
      if (mu) tokens.push(kind, start, i, text.slice(start, i).replace(/\u03bc/g, '\u00b5'));
      else tokens.pushId(kind, start, i, interner.get(text, start, i, hashOf(text, start, i)));
      continue;
    }
    switch (c) {
      case Ch.Quote: {
        i++;
        let value = '';
        let closed = false;
        let segStart = i;
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d === Ch.Quote) {
            value += text.slice(segStart, i);
            i++;
            closed = true;
            break;
          }
          if (d === Ch.LF || d === Ch.CR) break;
          if (d === Ch.Backslash && i + 1 < n) {
            const e = text.charCodeAt(i + 1);
            value += text.slice(segStart, i);
            if (e === Ch.Quote || e === Ch.Backslash) {
              value += text[i + 1];
              i += 2;
            } else if (e === Ch.LF || e === Ch.CR) {
              i++;
              segStart = i;
              continue;
            } else {
              diagnostics.push(makeDiagnostic('invalidEscape', { start: i, end: i + 2 }, [text[i + 1]]));
              value += text.slice(i, i + 2);
              i += 2;
            }
            segStart = i;
            continue;
          }
          i++;
        }
        if (!closed) {
          value += text.slice(segStart, i);
          diagnostics.push(makeDiagnostic('unterminatedString', { start, end: i }, []));
          tokens.markUnterminated();
          tokens.push(K_STRING, start, i, value);
        } else tokens.push(K_STRING, start, i, value);
        continue;
      }
      case Ch.Slash: {
        const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
        if (next === Ch.Slash) {
          i += 2;
          while (i < n && text.charCodeAt(i) !== Ch.LF && text.charCodeAt(i) !== Ch.CR) i++;
          tokens.push(K_LINE_COMMENT, start, i, undefined);
          continue;
        }
        if (next === Ch.Star) {
          const close = text.indexOf('*/', i + 2);
          if (close < 0) {
            i = n;
            // Only the opening `/*` is marked: the rest of the file may be long.
            diagnostics.push(makeDiagnostic('unterminatedComment', { start, end: start + 2 }, []));
            tokens.markUnterminated();
            tokens.push(K_BLOCK_COMMENT, start, i, undefined);
          } else {
            i = close + 2;
            tokens.push(K_BLOCK_COMMENT, start, i, undefined);
          }
          continue;
        }
        break;
      }
      case Ch.LBrace:
        tokens.push(K_LBRACE, start, ++i, undefined);
        continue;
      case Ch.RBrace:
        tokens.push(K_RBRACE, start, ++i, undefined);
        continue;
      case Ch.Star:
        tokens.push(K_STAR, start, ++i, undefined);
        continue;
      case Ch.Hash:
        tokens.push(K_HASH, start, ++i, undefined);
        continue;
      case Ch.Dot:
        tokens.push(K_DOT, start, ++i, undefined);
        continue;
      case Ch.Semi:
        tokens.push(K_SEMICOLON, start, ++i, undefined);
        continue;
      case Ch.Eq:
        if (i + 1 < n && text.charCodeAt(i + 1) === Ch.Eq) {
          i += 2;
          tokens.push(K_COMPARE, start, i, '==');
        } else tokens.push(K_EQUALS, start, ++i, undefined);
        continue;
      case Ch.Lt:
      case Ch.Gt: {
        i += i + 1 < n && text.charCodeAt(i + 1) === Ch.Eq ? 2 : 1;
        tokens.push(K_COMPARE, start, i, c === Ch.Lt ? (i - start === 2 ? '<=' : '<') : i - start === 2 ? '>=' : '>');
        continue;
      }
      case Ch.Bang:
        if (i + 1 < n && text.charCodeAt(i + 1) === Ch.Eq) {
          i += 2;
          tokens.push(K_COMPARE, start, i, '!=');
          continue;
        }
        break;
      default:
        break;
    }
    // An invalid run: this character and every following one that starts no token.
    i++;
    while (i < n && !startsToken(text.charCodeAt(i))) i++;
    const bad = text.slice(start, i);
    tokens.push(K_INVALID, start, i, bad);
    diagnostics.push(makeDiagnostic('invalidCharacter', { start, end: i }, [bad.length > 20 ? bad.slice(0, 20) + '…' : bad]));
  }
  tokens.push(K_EOF, n, n, undefined);
  return tokens;
}
