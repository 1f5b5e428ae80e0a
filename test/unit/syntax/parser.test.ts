import * as assert from 'node:assert/strict';
import { analyze } from '../../../src/core/analyze';
import { MAX_NESTING_DEPTH } from '../../../src/core/limits';
import type { ForeverStmt, LockStmt, ProcessDecl, RepeatStmt, Span, Stmt, ThreadDecl } from '../../../src/core/syntax/ast';
import { parse } from '../../../src/core/syntax/parser';
import { parseDuration } from '../../../src/core/units';
import { diagnose } from '../../support/diagnostics';
import { FIRST_EXAMPLE, generateBigScenario, generateScenario } from '../../support/scenarios';

describe('parser', () => {
  it('statement operands have the values of their literals, null for an invalid one', () => {
    const cases: [string, number | null][] = [
      ['compute 1.5ms', 1_500_000],
      ['compute 3000000000ns', 3_000_000_000],
      ['sleep 2.5\u00b5s', 2_500],
      ['io 2.5\u03bcs', 2_500],
      ['compute 1.5ns', null],
      ['compute -5ms', null],
      ['compute 5m', null],
      ['compute 99999999999999999999s', null],
      ['compute 5', null],
      ['repeat 3 { }', 3],
      ['repeat -1 { }', null],
      ['repeat 1.5 { }', null],
      ['repeat 2ms { }', null],
    ];
    for (const [stmt, value] of cases) {
      const r = parse(`process p { thread t { ${stmt} } }`);
      const s = ((r.file.items[0] as ProcessDecl).items[0] as ThreadDecl).body!.stmts[0];
      const lit = s.kind === 'repeat' ? s.count : s.kind === 'compute' || s.kind === 'sleep' || s.kind === 'io' ? s.duration : null;
      assert.ok(lit, stmt);
      assert.equal('ns' in lit ? lit.ns : lit.value, value, stmt);
      assert.equal(lit.text, stmt.split(' ')[1].replace('\u03bc', '\u00b5'), stmt);
      assert.equal(value === null, r.diagnostics.length > 0, `${stmt}: reported iff invalid`);
    }
  });

  it('parses the first example of LANGUAGE.md without a diagnostic', () => {
    const r = parse(FIRST_EXAMPLE);
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.file.items.map((i) => i.kind), ['scenario', 'machine', 'process', 'expect', 'expect', 'expect']);
    const proc = r.file.items[2] as ProcessDecl;
    assert.equal(proc.name!.text, 'server');
    assert.equal(FIRST_EXAMPLE.slice(proc.body!.start, proc.body!.end).trim().at(-1), '}');
    const worker = proc.items.find((i): i is ThreadDecl => i.kind === 'thread')!;
    assert.equal(worker.count!.value, 4);
    const rep = worker.body!.stmts[0] as RepeatStmt;
    const lock = rep.body!.stmts[2] as LockStmt;
    assert.equal(FIRST_EXAMPLE.slice(lock.span.start, lock.span.end), 'lock cache { compute 500us }');
    assert.equal(lock.target!.text, 'cache');
  });

  it('every node span lies inside the text and inside its parent', () => {
    const text = generateScenario(200);
    const { file } = parse(text);
    let statements = 0;
    const walk = (node: unknown, outer: { start: number; end: number }): void => {
      if (Array.isArray(node)) return node.forEach((n) => walk(n, outer));
      if (!node || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      let inner = outer;
      if (o.span && typeof o.span === 'object') {
        const s = o.span as { start: number; end: number };
        assert.ok(s.start >= outer.start && s.end <= outer.end && s.start <= s.end, `span ${JSON.stringify(s)} outside ${JSON.stringify(outer)}`);
        inner = s;
      }
      if (o.kind === 'compute') statements++;
      for (const k of Object.keys(o)) if (k !== 'span') walk(o[k], inner);
    };
    walk(file, { start: 0, end: text.length });
    assert.ok(statements > 20, `walked ${statements} compute statements`);
  });

  it('thread bodies: statements of every kind with their operands', () => {
    const text = 'process p {\n  mutex m\n  semaphore s\n  thread h spawned { compute 5 ms }\n  thread t { repeat 2 { compute 1.5ms lock m { yield } unlock m } forever { wait s post s spawn h * 3 join h syscall 2us io 1s sleep 0ns } }\n}\n';
    const { file } = parse(text);
    const [h, t] = (file.items[0] as ProcessDecl).items.filter((i): i is ThreadDecl => i.kind === 'thread');
    const body = t.body!;
    const at = (x: { readonly span: Span } | null) => (x ? text.slice(x.span.start, x.span.end) : null);
    const show = (s: Stmt): unknown[] => {
      const duration = s.kind === 'compute' || s.kind === 'syscall' || s.kind === 'io' || s.kind === 'sleep' ? s.duration : null;
      const target = s.kind === 'lock' || s.kind === 'unlock' || s.kind === 'wait' || s.kind === 'post' || s.kind === 'spawn' || s.kind === 'join' ? s.target : null;
      const count = s.kind === 'repeat' || s.kind === 'spawn' ? s.count : null;
      const body = s.kind === 'lock' || s.kind === 'repeat' || s.kind === 'forever' ? s.body : null;
      return [s.kind, at(s), text.slice(s.keyword.start, s.keyword.end), at(duration), at(target), at(count), body ? body.stmts.map(show) : null];
    };
    assert.deepEqual(body.stmts.map(show), [
      ['repeat', 'repeat 2 { compute 1.5ms lock m { yield } unlock m }', 'repeat', null, null, '2', [
        ['compute', 'compute 1.5ms', 'compute', '1.5ms', null, null, null],
        ['lock', 'lock m { yield }', 'lock', null, 'm', null, [['yield', 'yield', 'yield', null, null, null, null]]],
        ['unlock', 'unlock m', 'unlock', null, 'm', null, null],
      ]],
      ['forever', 'forever { wait s post s spawn h * 3 join h syscall 2us io 1s sleep 0ns }', 'forever', null, null, null, [
        ['wait', 'wait s', 'wait', null, 's', null, null],
        ['post', 'post s', 'post', null, 's', null, null],
        ['spawn', 'spawn h * 3', 'spawn', null, 'h', '3', null],
        ['join', 'join h', 'join', null, 'h', null, null],
        ['syscall', 'syscall 2us', 'syscall', '2us', null, null, null],
        ['io', 'io 1s', 'io', '1s', null, null, null],
        ['sleep', 'sleep 0ns', 'sleep', '0ns', null, null, null],
      ]],
    ]);
    const rep = body.stmts[0] as RepeatStmt;
    const compute = rep.body!.stmts[0];
    assert.ok(compute.kind === 'compute' && compute.duration!.ns === 1_500_000 && compute.duration!.text === '1.5ms');
    assert.equal(rep.count!.value, 2);
    const forever = body.stmts[1] as ForeverStmt;
    const spawn = forever.body!.stmts[2];
    assert.ok(spawn.kind === 'spawn' && spawn.count!.value === 3 && spawn.target!.text === 'h');
    const io = forever.body!.stmts[5];
    assert.ok(io.kind === 'io' && io.duration!.ns === 1_000_000_000);
    // A literal made of two tokens (`5 ms`, reported) keeps its text and span.
    const odd = h.body!.stmts[0];
    assert.ok(odd.kind === 'compute' && odd.duration!.ns === null && odd.duration!.text === '5 ms');
    assert.equal(text.slice(odd.duration!.span.start, odd.duration!.span.end), '5 ms');
  });

  it('thread headers: name, count, options and body as plain data, odd literals kept as written', () => {
    const text = 'process p {\n  thread a * 3 bound priority -2 start 1.5ms { compute 1ms }\n  thread b spawned priority 7 start 5 ms { yield }\n  thread c 4 priority 1.5 { }\n  thread d\n}\n';
    const { file } = parse(text);
    const [a, b, c, d] = (file.items[0] as ProcessDecl).items.filter((i): i is ThreadDecl => i.kind === 'thread');
    assert.deepEqual(Object.keys(a).sort(), ['body', 'count', 'keyword', 'kind', 'name', 'options', 'span']);
    assert.deepEqual(JSON.parse(JSON.stringify(a)), a, 'a node is plain data: serialising it loses nothing');
    const at = (x: { readonly span: Span } | null) => (x ? text.slice(x.span.start, x.span.end) : null);
    const show = (t: ThreadDecl) => [
      at(t),
      t.name?.text ?? null,
      at(t.count),
      t.count?.value ?? null,
      t.options.map((o) => [o.kind, at(o), o.kind === 'priority' ? (o.value?.value ?? null) : o.kind === 'start' ? (o.value?.ns ?? null) : '-', o.kind === 'priority' || o.kind === 'start' ? at(o.value) : '-']),
      at(t.body),
    ];
    assert.deepEqual(show(a), ['thread a * 3 bound priority -2 start 1.5ms { compute 1ms }', 'a', '3', 3, [['bound', 'bound', '-', '-'], ['priority', 'priority -2', -2, '-2'], ['start', 'start 1.5ms', 1_500_000, '1.5ms']], '{ compute 1ms }']);
    // `5 ms` (two tokens, reported) keeps its text and a null value.
    assert.deepEqual(show(b), ['thread b spawned priority 7 start 5 ms { yield }', 'b', null, null, [['spawned', 'spawned', '-', '-'], ['priority', 'priority 7', 7, '7'], ['start', 'start 5 ms', null, '5 ms']], '{ yield }']);
    // A count without `*` (reported) and a fractional priority (reported): the literals as written, no value.
    assert.deepEqual(show(c), ['thread c 4 priority 1.5 { }', 'c', '4', null, [['priority', 'priority 1.5', null, '1.5']], '{ }']);
    assert.deepEqual(show(d), ['thread d', 'd', null, null, [], null]);
    assert.equal(d.options.length, 0);
  });

  it('normalises model shorthands and keeps what was written', () => {
    const { file } = parse('process p { model M:N lwps 3 max 5 }');
    const m = (file.items[0] as ProcessDecl).items[0];
    assert.equal(m.kind, 'model');
    if (m.kind !== 'model') return;
    assert.deepEqual([m.model!.text, m.model!.written, m.lwps!.value, m.max!.value], ['many-to-many', 'M:N', 3, 5]);
  });

  it('accepts `;` as a separator', () => {
    assert.deepEqual(diagnose('process p { thread t { compute 1ms; io 2ms; yield; } ; }'), []);
  });

  describe('recovery', () => {
    it('an unterminated `/*` right after a name hides no error: the same errors as with a space before it', () => {
      for (const [glued, spaced] of [
        ['process p/*', 'process p /*'],
        ['machine/*', 'machine /*'],
        ['process p { thread t/*', 'process p { thread t /*'],
        ['process p { thread t { repeat 3/*', 'process p { thread t { repeat 3 /*'],
      ]) {
        const codes = (text: string) => analyze(text).diagnostics.map((d) => d.code);
        assert.deepEqual(codes(glued), codes(spaced), glued);
        assert.ok(codes(glued).includes('LWP1005'), `${glued}: ${codes(glued).join(', ')}`);
      }
    });

    it('several mistakes in one file are each reported once, and later errors are still found', () => {
      const text = [
        'machine { cpus 2 quantum 5ms }',
        'process p {',
        '  model many-to-many lwps',
        '  mutex m',
        '  thread a {',
        '    comput 2ms',
        '    lock m { compute 1ms',
        '  }',
        '  thread b { compute 3 }',
        '}',
        'process q {',
        '  thread c { lock nope }',
        '}',
      ].join('\n');
      assert.deepEqual(diagnose(text), [
        "1:18 LWP1008 unexpected 'quantum' in 'machine { … }': a machine holds 'cpus', 'scheduler', 'costs' or 'limit'",
        "3:22 LWP1006 'lwps' needs a count, e.g. 'lwps 4'",
        "5:12 LWP1009 this '{' is never closed: add '}' before 'thread'",
        "6:5 LWP1007 unknown statement 'comput' — did you mean 'compute'?",
        "9:22 LWP3001 a duration needs a unit: write '3ms' (units: ns, us, µs, ms, s)",
        "12:19 LWP2001 no mutex or spinlock named 'nope': declare it first",
      ]);
    });

    it('a missing `}` of a thread body before `process` closes the open blocks and goes on', () => {
      const text = 'process p {\n  thread a {\n    compute 1ms\nprocess q {\n  thread b { wait zz }\n}\n';
      assert.deepEqual(diagnose(text), ["2:12 LWP1009 this '{' is never closed: add '}' before 'process'", "5:19 LWP2001 no semaphore named 'zz': declare it first"]);
      const { file } = parse(text);
      assert.deepEqual(file.items.map((i) => (i.kind === 'process' ? i.name!.text : i.kind)), ['p', 'q']);
    });

    it('a missing `{` of a thread body still parses the statements that follow', () => {
      const text = 'process p {\n  thread t compute 1ms }\n  thread u { comput 1ms }\n}\n';
      assert.deepEqual(diagnose(text), ["2:12 LWP1005 expected '{' to begin the body of thread 't', e.g. 'thread t { compute 1ms }'", "3:14 LWP1007 unknown statement 'comput' — did you mean 'compute'?"]);
    });

    it('a run of junk tokens is one error', () => {
      assert.deepEqual(diagnose('process p { thread t { 1 2 3 "x" = = compute 1ms } }'), ["1:24 LWP1008 unexpected '1' in a thread body: expected a statement such as 'compute 1ms'"]);
    });

    it('a stray `{` in a body is skipped as a whole', () => {
      assert.deepEqual(diagnose('process p { thread t { { compute 1ms } compute 1ms } }\nexpect makespan < 1ms'), ["1:24 LWP1012 a block must follow 'repeat N', 'forever' or 'lock NAME': add one of them before '{'"]);
    });

    it('a statement keyword at the top level says where it belongs', () => {
      assert.deepEqual(diagnose('compute 1ms\nprocess p { thread t { compute 1ms } }'), [
        "1:1 LWP1008 unexpected 'compute' at the top level: 'compute' is a statement: put it in a thread body, 'process NAME { thread T { compute … } }'",
      ]);
    });

    it('a keyword cannot be a name, with a clear message', () => {
      assert.deepEqual(diagnose('process p { thread start { compute 1ms } }'), ["1:20 LWP1005 expected a name after 'thread', but 'start' is a reserved keyword: choose another name"]);
    });

    it('`expect status is limit` and metrics named like keywords parse', () => {
      assert.deepEqual(diagnose('process p { thread t { compute 1ms } }\nexpect status is limit\nexpect upcalls == 0\nexpect sigwaiting == 0'), []);
    });
  });

  describe('bad input never crashes', () => {
    it('every prefix of a good file parses and checks without throwing', () => {
      for (let i = 0; i <= FIRST_EXAMPLE.length; i++) {
        const text = FIRST_EXAMPLE.slice(0, i);
        const a = analyze(text);
        for (const d of a.diagnostics) assert.ok(d.span.start >= 0 && d.span.end <= text.length, `prefix ${i}: ${d.message}`);
      }
    });

    it('unterminated strings and comments', () => {
      assert.deepEqual(diagnose('scenario "abc\nprocess p { thread t { compute 1ms } }'), ['1:10 LWP1001 unterminated string: close it with \'"\' on the same line']);
      assert.deepEqual(diagnose('process p { thread t { compute 1ms } }\n/* unfinished'), ["2:1 LWP1002 unterminated comment: close it with '*/'"]);
    });

    it('random bytes', () => {
      let seed = 12345;
      const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      for (let k = 0; k < 50; k++) {
        const text = Array.from({ length: 400 }, () => String.fromCharCode(Math.floor(rnd() * 0x3000))).join('');
        const a = analyze(text);
        assert.ok(a.diagnostics.length > 0);
        assert.equal(a.scenario, null);
      }
    });

    it('BOM and CRLF: valid, with correct positions', () => {
      const text = '\ufeff' + 'process p {\r\n  thread t { compute 5 }\r\n}\r\n';
      assert.deepEqual(diagnose(text), ["2:22 LWP3001 a duration needs a unit: write '5ms' (units: ns, us, µs, ms, s)"]);
      assert.deepEqual(diagnose('\ufeff' + FIRST_EXAMPLE.replace(/\n/g, '\r\n')), []);
      assert.notEqual(analyze('\ufeff' + FIRST_EXAMPLE.replace(/\n/g, '\r\n')).scenario, null);
    });

    it('20,000 nested blocks: one clear error at the cap, no stack overflow', () => {
      const n = 20_000;
      const text = 'process p { thread t { ' + 'repeat 2 { '.repeat(n) + 'compute 1ms' + ' }'.repeat(n) + ' } }';
      const d = diagnose(text);
      assert.equal(d.length, 1);
      assert.match(d[0], new RegExp(`^1:\\d+ LWP3006 the nesting of this block is over the cap of ${MAX_NESTING_DEPTH} nested blocks \\(MAX_NESTING_DEPTH\\)`));
      const open = '{'.repeat(n);
      assert.ok(diagnose('process p { thread t { ' + open).length >= 1);
      assert.ok(diagnose(open + '}'.repeat(n)).length >= 1);
    });

    it('a 5 MB file is checked in under 4 s of CPU time', function () {
      this.timeout(120_000);
      const text = generateBigScenario(5_000_000);
      // CPU time, not wall time: on a shared machine the process may wait for a
      // core far longer than it runs, but the CPU it uses does not depend on the
      // load. It includes the garbage collector's helper threads, so it is at
      // least the wall time of an idle machine (~0.6–0.9 s here; see docs/performance.md).
      const c0 = process.cpuUsage();
      const a = analyze(text);
      const c = process.cpuUsage(c0);
      const ms = (c.user + c.system) / 1000;
      assert.ok(ms < 4_000, `took ${ms.toFixed(0)} ms of CPU`);
      assert.deepEqual(a.diagnostics, []);
      assert.ok(a.scenario!.processes[0].threads.length > 10_000);
    });

    it('durations: the fast path agrees with parseDuration on every shape of number and unit', () => {
      const wholes = ['0', '1', '7', '10', '999999999', '1000000000', '9007199', '9007200', '9007199254740991', '9007199254740992'];
      const fractions = ['', '.0', '.5', '.25', '.125', '.000000001', '.0000000010', '.1234567891', '.50000000000', '.999999999'];
      const units = ['ns', 'us', 'µs', 'ms', 's', 'm', 'sec', 'MS'];
      for (const w of wholes) {
        for (const f of fractions) {
          for (const u of units) {
            const lit = w + f + u;
            const stmt = parse(`process p { thread t { compute ${lit} } }`).file.items[0] as ProcessDecl;
            const body = (stmt.items[0] as ThreadDecl).body!.stmts[0];
            assert.ok(body.kind === 'compute', lit);
            const r = parseDuration(lit);
            assert.equal(body.duration!.ns, r.ok ? r.ns : null, lit);
          }
        }
      }
    });

    it('absurd counts name the cap', () => {
      assert.deepEqual(diagnose('process p { thread t * 100000000 { compute 1ms } }'), [
        "1:24 LWP3006 '* 100000000' is over the cap of 100,000 thread instances declared in one file (MAX_THREAD_INSTANCES): use a smaller count",
      ]);
      assert.deepEqual(diagnose('process p { thread t * 60000 { compute 1ms } thread u * 60000 { compute 1ms } }'), [
        "1:57 LWP3006 'u' brings the file to 120,000 thread instances, which is over the cap of 100,000 thread instances declared in one file (MAX_THREAD_INSTANCES): use a smaller count",
      ]);
      assert.match(diagnose('process p { model many-to-many lwps 99999999999999999999 thread t { compute 1ms } }')[0], /LWP3006 'lwps 99999999999999999999' is over the cap of 10,000 LWPs per pool/);
      assert.match(diagnose('process p { thread t { spawn u * 1000000 } thread u spawned { compute 1ms } }')[0], /LWP3006 '\* 1000000' is over the cap of 100,000 \(MAX_SPAWN_COUNT\)/);
    });
  });
});
