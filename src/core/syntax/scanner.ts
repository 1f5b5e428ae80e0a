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

function isWordStart(c: number): boolean {
  return (c >= Ch.a && c <= Ch.z) || (c >= Ch.A && c <= Ch.Z) || c === Ch.Underscore;
}
function isWordPart(c: number): boolean {
  return isWordStart(c) || (c >= Ch.D0 && c <= Ch.D9);
}
function isDigit(c: number): boolean {
  return c >= Ch.D0 && c <= Ch.D9;
}
function isSpace(c: number): boolean {
  return c === Ch.Space || c === Ch.Tab || c === Ch.LF || c === Ch.CR || c === Ch.VT || c === Ch.FF || c === Ch.Nbsp;
}
/** Characters that may be part of a unit suffix (`ms`, `µs`, and bad ones such as `m2`). */
function isUnitPart(c: number): boolean {
  return isWordPart(c) || c === Ch.Micro || c === Ch.GreekMu;
}
/** Characters that start some token (anything else is part of an invalid run). */
function startsToken(c: number): boolean {
  return (
    isSpace(c) ||
    isWordStart(c) ||
    isDigit(c) ||
    c === Ch.Quote ||
    c === Ch.LBrace ||
    c === Ch.RBrace ||
    c === Ch.Star ||
    c === Ch.Eq ||
    c === Ch.Hash ||
    c === Ch.Dot ||
    c === Ch.Semi ||
    c === Ch.Lt ||
    c === Ch.Gt ||
    c === Ch.Slash ||
    c === Ch.Bang ||
    c === Ch.Minus
  );
}

/** Tokens of `text`, comments included, ending with one `eof` token. */
export function scan(text: string): Token[] {
  return scanWithDiagnostics(text).tokens;
}

export function scanWithDiagnostics(text: string): ScanResult {
  const tokens: Token[] = [];
  const diagnostics: Diagnostic[] = [];
  const n = text.length;
  let i = n > 0 && text.charCodeAt(0) === Ch.Bom ? 1 : 0;

  while (i < n) {
    if (tokens.length >= MAX_TOKENS) {
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
          tokens.push({ kind: 'model', start, end: i, text: text.slice(start, i) });
          continue;
        }
      }
      tokens.push({ kind: 'word', start, end: i, text: text.slice(start, i) });
      continue;
    }
    if (isDigit(c) || (c === Ch.Minus && i + 1 < n && isDigit(text.charCodeAt(i + 1)))) {
      // `1:1`
      if (c === Ch.D1 && i + 2 < n && text.charCodeAt(i + 1) === Ch.Colon && text.charCodeAt(i + 2) === Ch.D1 && (i + 3 >= n || !isWordPart(text.charCodeAt(i + 3)))) {
        i += 3;
        tokens.push({ kind: 'model', start, end: i, text: '1:1' });
        continue;
      }
      i++;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      let kind: TokenKind = 'int';
      if (i + 1 < n && text.charCodeAt(i) === Ch.Dot && isDigit(text.charCodeAt(i + 1))) {
        i += 2;
        while (i < n && isDigit(text.charCodeAt(i))) i++;
        kind = 'number';
      }
      if (i < n && isUnitPart(text.charCodeAt(i))) {
        while (i < n && isUnitPart(text.charCodeAt(i))) i++;
        kind = 'duration';
      }
      let t = text.slice(start, i);
      if (kind === 'duration' && t.includes('\u03bc')) t = t.replace(/\u03bc/g, '\u00b5');
      tokens.push({ kind, start, end: i, text: t });
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
          tokens.push({ kind: 'string', start, end: i, text: value, unterminated: true });
        } else tokens.push({ kind: 'string', start, end: i, text: value });
        continue;
      }
      case Ch.Slash: {
        const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
        if (next === Ch.Slash) {
          i += 2;
          while (i < n && text.charCodeAt(i) !== Ch.LF && text.charCodeAt(i) !== Ch.CR) i++;
          tokens.push({ kind: 'lineComment', start, end: i });
          continue;
        }
        if (next === Ch.Star) {
          const close = text.indexOf('*/', i + 2);
          if (close < 0) {
            i = n;
            // Only the opening `/*` is marked: the rest of the file may be long.
            diagnostics.push(makeDiagnostic('unterminatedComment', { start, end: start + 2 }, []));
            tokens.push({ kind: 'blockComment', start, end: i, unterminated: true });
          } else {
            i = close + 2;
            tokens.push({ kind: 'blockComment', start, end: i });
          }
          continue;
        }
        break;
      }
      case Ch.LBrace:
        tokens.push({ kind: 'lbrace', start, end: ++i });
        continue;
      case Ch.RBrace:
        tokens.push({ kind: 'rbrace', start, end: ++i });
        continue;
      case Ch.Star:
        tokens.push({ kind: 'star', start, end: ++i });
        continue;
      case Ch.Hash:
        tokens.push({ kind: 'hash', start, end: ++i });
        continue;
      case Ch.Dot:
        tokens.push({ kind: 'dot', start, end: ++i });
        continue;
      case Ch.Semi:
        tokens.push({ kind: 'semicolon', start, end: ++i });
        continue;
      case Ch.Eq:
        if (i + 1 < n && text.charCodeAt(i + 1) === Ch.Eq) {
          i += 2;
          tokens.push({ kind: 'compare', start, end: i, text: '==' });
        } else tokens.push({ kind: 'equals', start, end: ++i });
        continue;
      case Ch.Lt:
      case Ch.Gt: {
        i += i + 1 < n && text.charCodeAt(i + 1) === Ch.Eq ? 2 : 1;
        tokens.push({ kind: 'compare', start, end: i, text: text.slice(start, i) });
        continue;
      }
      case Ch.Bang:
        if (i + 1 < n && text.charCodeAt(i + 1) === Ch.Eq) {
          i += 2;
          tokens.push({ kind: 'compare', start, end: i, text: '!=' });
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
    tokens.push({ kind: 'invalid', start, end: i, text: bad });
    diagnostics.push(makeDiagnostic('invalidCharacter', { start, end: i }, [bad.length > 20 ? bad.slice(0, 20) + '…' : bad]));
  }
  tokens.push({ kind: 'eof', start: n, end: n });
  return { tokens, diagnostics };
}
