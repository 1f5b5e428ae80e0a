import * as assert from 'node:assert/strict';
import { scan, scanWithDiagnostics } from '../../../src/core/syntax/scanner';
import { LineMap } from '../../../src/core/syntax/lineMap';

const kinds = (text: string) => scan(text).map((t) => (t.text !== undefined ? `${t.kind}:${t.text}` : t.kind));

describe('scanner', () => {
  it('scans words with hyphens, numbers, durations and punctuation', () => {
    assert.deepEqual(kinds('many-to-many web-worker x-1 * 4 = 2.5ms 0.9 -3 # . ; { }'), [
      'word:many-to-many', 'word:web-worker', 'word:x-1', 'star', 'int:4', 'equals', 'duration:2.5ms', 'number:0.9', 'int:-3', 'hash', 'dot', 'semicolon', 'lbrace', 'rbrace', 'eof',
    ]);
  });
  it('a trailing hyphen is not part of a word', () => {
    assert.deepEqual(kinds('a- b'), ['word:a', 'invalid:-', 'word:b', 'eof']);
  });
  it('scans the model shorthands 1:1, N:1 and M:N, and not N:1x', () => {
    assert.deepEqual(kinds('1:1 N:1 M:N'), ['model:1:1', 'model:N:1', 'model:M:N', 'eof']);
    assert.deepEqual(kinds('N:1x'), ['word:N', 'invalid::', 'duration:1x', 'eof']);
  });
  it('accepts µs with the micro sign and with Greek mu', () => {
    assert.deepEqual(kinds('3µs 4\u03bcs'), ['duration:3µs', 'duration:4µs', 'eof']);
  });
  it('keeps comments as tokens', () => {
    assert.deepEqual(kinds('a // x\n/* y */ b'), ['word:a', 'lineComment', 'blockComment', 'word:b', 'eof']);
  });
  it('compare operators', () => {
    assert.deepEqual(kinds('< <= > >= == !='), ['compare:<', 'compare:<=', 'compare:>', 'compare:>=', 'compare:==', 'compare:!=', 'eof']);
  });
  it('decodes strings with \\" and \\\\ escapes', () => {
    const t = scan('"a \\"b\\" \\\\ c"')[0];
    assert.equal(t.kind, 'string');
    assert.equal(t.text, 'a "b" \\ c');
  });
  it('an unterminated string stops at the end of its line', () => {
    const r = scanWithDiagnostics('"abc\nprocess');
    assert.equal(r.tokens[0].unterminated, true);
    assert.equal(r.tokens[0].end, 4);
    assert.equal(r.tokens[1].text, 'process');
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['LWP1001']);
  });
  it('an unterminated block comment runs to the end and is reported at its opening', () => {
    const r = scanWithDiagnostics('a /* b\n c');
    assert.deepEqual(r.diagnostics.map((d) => [d.code, d.span.start, d.span.end]), [['LWP1002', 2, 4]]);
    assert.deepEqual(r.tokens.map((t) => t.kind), ['word', 'blockComment', 'eof']);
  });
  it('a run of invalid characters is one token and one diagnostic', () => {
    const r = scanWithDiagnostics('a @@$% b');
    assert.deepEqual(r.tokens.map((t) => t.kind), ['word', 'invalid', 'word', 'eof']);
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.diagnostics[0].message, "unexpected character '@@$%': remove it");
  });
  it('skips a BOM but keeps offsets into the original text', () => {
    const text = '\ufeffprocess p';
    const toks = scan(text);
    assert.deepEqual([toks[0].start, toks[0].end], [1, 8]);
    assert.equal(text.slice(toks[1].start, toks[1].end), 'p');
  });
  it('CRLF: tokens and positions are right', () => {
    const text = 'process p {\r\n  thread t { compute 1ms }\r\n}\r\n';
    const toks = scan(text);
    const compute = toks.find((t) => t.text === 'compute')!;
    assert.deepEqual(new LineMap(text).position(compute.start), { line: 1, character: 13 });
  });
  it('tokens of 255 characters and more keep their offsets (their ends are stored apart)', () => {
    const word = 'w'.repeat(254);
    const longWord = 'v'.repeat(300);
    const comment = '/* ' + 'c'.repeat(70_000) + ' */';
    const str = '"' + 's'.repeat(400) + '"';
    const bad = '@'.repeat(255);
    const text = [word, longWord, comment, str, bad, '5ms'].join(' ');
    const toks = scan(text);
    assert.deepEqual(toks.map((t) => t.kind), ['word', 'word', 'blockComment', 'string', 'invalid', 'duration', 'eof']);
    let at = 0;
    [word, longWord, comment, str, bad, '5ms'].forEach((piece, i) => {
      assert.deepEqual([toks[i].start, toks[i].end], [at, at + piece.length], `token ${i}`);
      at += piece.length + 1;
    });
    assert.equal(toks[1].text, longWord);
    assert.deepEqual([toks[6].start, toks[6].end], [text.length, text.length]);
  });

  it('non-breaking spaces separate tokens', () => {
    assert.deepEqual(kinds('a\u00a0b'), ['word:a', 'word:b', 'eof']);
  });
});
