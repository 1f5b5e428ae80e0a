import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { format } from '../../../src/core/format/format';
import { scan } from '../../../src/core/syntax/scanner';

const tokensOf = (text: string): string[] => scan(text).map((t) => `${t.kind}:${t.text ?? ''}`);

describe('format', () => {
  it('lays out a scenario in the canonical style, keeping comments and one-line blocks', () => {
    const src = [
      '// header',
      'scenario "S"',
      'machine { cpus 2',
      '  costs { kernel-switch 5us  user-switch 200ns } }',
      '',
      '',
      '',
      'process server { // trailing',
      '   model many-to-many lwps 2  sigwaiting on',
      ' mutex cache',
      'thread w * 4 bound priority -1 {',
      'repeat 3 { compute 2ms',
      'io 4ms /* blocks */ lock cache { compute 500us } } }',
      '}',
      'expect server . w # 2 . blocked==0ns',
      'expect cpuUtilization>=0.9;expect status is completed',
    ].join('\n');
    assert.equal(
      format(src),
      [
        '// header',
        'scenario "S"',
        'machine {',
        '  cpus 2',
        '  costs { kernel-switch 5us user-switch 200ns }',
        '}',
        '',
        'process server { // trailing',
        '  model many-to-many lwps 2',
        '  sigwaiting on',
        '  mutex cache',
        '  thread w * 4 bound priority -1 {',
        '    repeat 3 {',
        '      compute 2ms',
        '      io 4ms /* blocks */',
        '      lock cache { compute 500us }',
        '    }',
        '  }',
        '}',
        'expect server.w#2.blocked == 0ns',
        'expect cpuUtilization >= 0.9;',
        'expect status is completed',
        '',
      ].join('\n'),
    );
  });

  it('lays out barriers and arrive like the other sync objects and statements', () => {
    const src = 'barrier   k=2\nprocess p { model 1:1 barrier b  =  3\nthread w * 3 { repeat 2 { compute 1ms arrive b } arrive   k } }\n';
    assert.equal(format(src), 'barrier k = 2\nprocess p {\n  model 1:1\n  barrier b = 3\n  thread w * 3 { repeat 2 { compute 1ms arrive b } arrive k }\n}\n');
  });

  it('expands costs written over several lines, one entry per line', () => {
    assert.equal(format('machine {\n costs { mode-switch 1us upcall 2us\n } }\n'), 'machine {\n  costs {\n    mode-switch 1us\n    upcall 2us\n  }\n}\n');
  });

  it('only re-indents a file that does not parse, keeping its line breaks', () => {
    assert.equal(format('process p {\n thread t {\ncomput 2ms\n   @@ 5 ms\n'), 'process p {\n  thread t {\n    comput 2ms\n    @@ 5 ms\n');
  });

  it('keeps an unterminated string and what follows it apart', () => {
    const src = 'scenario "open\nprocess p { thread t { compute 1ms } }';
    assert.equal(format(src), 'scenario "open\nprocess p { thread t { compute 1ms } }\n');
  });

  it('formats an empty file to nothing', () => {
    assert.equal(format(''), '');
    assert.equal(format('  \n\n'), '');
  });

  const fragments = [
    'scenario', 'machine', 'process', 'thread', 'expect', 'model', 'costs', 'cpus', 'compute', 'io', 'lock', 'repeat', 'forever', 'priority',
    'mutex', 'many-to-many', 'lwps', 'M:N', '1:1', 'N:1', 'p', 'web-1', 'kernel-switch', '2', '-3', '0.9', '2.5ms', '5µs', '5μs', '3m',
    '{', '}', '{', '}', ';', '.', '#', '*', '=', '==', '<=', '<', '!=', '!', '-', '/', ':', '@', '"s\\"q"', '"open', '// c', '/* b */',
    '/* x\ny */', '/* open', ' ', ' ', '  ', '\n', '\n', '\n\n', '\r\n', '\t',
  ];
  const soup = fc.array(fc.constantFrom(...fragments), { maxLength: 60 }).map((parts) => parts.join(''));
  const mixed = fc.oneof(soup, fc.string({ maxLength: 80 }));

  it('is idempotent (property)', () => {
    fc.assert(fc.property(mixed, (src) => { const once = format(src); assert.equal(format(once), once); }), { numRuns: 2000 });
  });

  it('never changes the token sequence (property)', () => {
    fc.assert(fc.property(mixed, (src) => { assert.deepEqual(tokensOf(format(src)), tokensOf(src)); }), { numRuns: 2000 });
  });
});
