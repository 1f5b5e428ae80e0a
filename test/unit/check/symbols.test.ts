import * as assert from 'node:assert/strict';
import { analyze } from '../../../src/core/analyze';
import { referencesTo, symbolAt } from '../../../src/core/check/symbols';

describe('symbol table', () => {
  const text = 'mutex k\nprocess srv {\n  mutex m\n  thread w * 2 { lock m { compute 1ms } lock k unlock k }\n  thread main { spawn h join h }\n  thread h spawned { compute 1ms }\n}\nexpect srv.w#1.finish < 1s\n';
  const a = analyze(text);
  const at = (s: string, nth = 0) => {
    let i = -1;
    for (let k = 0; k <= nth; k++) i = text.indexOf(s, i + 1);
    return i;
  };

  it('lists every declaration with kind, container and spans', () => {
    assert.deepEqual(a.symbols.decls.map((d) => [d.name, d.kind, d.scope, d.container, text.slice(d.nameSpan.start, d.nameSpan.end)]), [
      ['k', 'mutex', 'kernel', null, 'k'],
      ['srv', 'process', 'file', null, 'srv'],
      ['m', 'mutex', 'process', 'srv', 'm'],
      ['w', 'thread', 'process', 'srv', 'w'],
      ['main', 'thread', 'process', 'srv', 'main'],
      ['h', 'thread', 'process', 'srv', 'h'],
    ]);
    const w = a.symbols.decls[3];
    assert.equal(text.slice(w.span.start, w.span.end), 'thread w * 2 { lock m { compute 1ms } lock k unlock k }');
    assert.equal(w.detail, '* 2');
    assert.equal(a.symbols.decls[1].detail, 'one-to-one');
  });

  it('resolves references, expectations included, to their declaration', () => {
    const refs = a.symbols.refs.map((r) => [text.slice(r.span.start, r.span.end), a.symbols.decls[r.decl].name, a.symbols.decls[r.decl].kind]);
    assert.deepEqual(refs, [
      ['m', 'm', 'mutex'],
      ['k', 'k', 'mutex'],
      ['k', 'k', 'mutex'],
      ['h', 'h', 'thread'],
      ['h', 'h', 'thread'],
      ['srv', 'srv', 'process'],
      ['w', 'w', 'thread'],
    ]);
  });

  it('finds the symbol at an offset and all its references', () => {
    const s = symbolAt(a.symbols, at('join h') + 5)!;
    assert.equal(s.decl.name, 'h');
    assert.equal(s.isDeclaration, false);
    const spans = referencesTo(a.symbols, s.decl.id);
    assert.deepEqual(spans.map((x) => x.start), [at('spawn h') + 6, at('join h') + 5, at('thread h') + 7]);
    assert.equal(symbolAt(a.symbols, at('compute')), null);
  });

  it('references come in source order when an expectation precedes what it names', () => {
    const b = analyze('expect p.t.finish < 1s\nprocess p { mutex m thread t { lock m { yield } } }\n');
    assert.deepEqual(b.symbols.refs.map((r) => [r.span.start, r.span.end, b.symbols.decls[r.decl].name]), [
      [7, 8, 'p'],
      [9, 10, 't'],
      [59, 60, 'm'],
    ]);
    assert.equal(b.symbols.refs, b.symbols.refs, 'built once and kept');
  });

  it('a duplicate is listed, marked, and references go to the first', () => {
    const b = analyze('process p { mutex m mutex m thread t { lock m { yield } } }');
    assert.deepEqual(b.symbols.decls.filter((d) => d.name === 'm').map((d) => d.duplicate), [false, true]);
    assert.equal(b.symbols.refs[0].decl, b.symbols.decls.find((d) => d.name === 'm' && !d.duplicate)!.id);
    assert.deepEqual(b.diagnostics[0].related!.map((r) => r.span.start), [18]);
  });
});
