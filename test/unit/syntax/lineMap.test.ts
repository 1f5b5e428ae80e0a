import * as assert from 'node:assert/strict';
import { LineMap } from '../../../src/core/syntax/lineMap';

describe('LineMap', () => {
  it('maps offsets to positions across LF, CRLF and lone CR', () => {
    const text = 'ab\ncd\r\nef\rgh';
    const m = new LineMap(text);
    assert.equal(m.lineCount, 4);
    assert.deepEqual(m.position(0), { line: 0, character: 0 });
    assert.deepEqual(m.position(3), { line: 1, character: 0 });
    assert.deepEqual(m.position(5), { line: 1, character: 2 });
    assert.deepEqual(m.position(7), { line: 2, character: 0 });
    assert.deepEqual(m.position(10), { line: 3, character: 0 });
    assert.deepEqual(m.position(12), { line: 3, character: 2 });
  });
  it('clamps out-of-range offsets and positions', () => {
    const m = new LineMap('ab\ncd');
    assert.deepEqual(m.position(-5), { line: 0, character: 0 });
    assert.deepEqual(m.position(99), { line: 1, character: 2 });
    assert.equal(m.offsetAt(0, 99), 2, 'clamped before the line break');
    assert.equal(m.offsetAt(9, 0), 5);
    assert.equal(m.offsetAt(-1, 0), 0);
  });
  it('offsetAt is the inverse of position, CRLF included', () => {
    const text = 'x\r\n yz\r\n\r\nµs é 😀 end';
    const m = new LineMap(text);
    for (let o = 0; o <= text.length; o++) {
      if (text[o - 1] === '\r' && text[o] === '\n') continue; // between CR and LF is not a position
      const p = m.position(o);
      assert.equal(m.offsetAt(p.line, p.character), o, `offset ${o}`);
    }
  });
  it('counts UTF-16 code units', () => {
    const m = new LineMap('😀x');
    assert.deepEqual(m.position(2), { line: 0, character: 2 });
  });
  it('an empty text has one line', () => {
    const m = new LineMap('');
    assert.equal(m.lineCount, 1);
    assert.deepEqual(m.position(0), { line: 0, character: 0 });
  });
});
