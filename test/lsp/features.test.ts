import { strict as assert } from 'node:assert';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  PrepareRenameRequest,
  SemanticTokensRequest,
  ReferencesRequest,
  RenameRequest,
  type CompletionItem,
  type DocumentSymbol,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { buildOnce, fixture, LspClient, positionOf, ROOT } from './harness';
import { join } from 'node:path';

const URI = 'file:///fixture/server.lwp';
const text = fixture('server.lwp');
const pos = (needle: string, nth = 0, delta = 1) => positionOf(text, needle, nth, delta);
const doc = { uri: URI };
const labels = (items: CompletionItem[] | { items: CompletionItem[] } | null) => (Array.isArray(items) ? items : (items?.items ?? [])).map((i) => i.label);

describe('language server features (dist/server.js over stdio)', function () {
  this.timeout(60_000);
  let client: LspClient;

  before(async () => {
    buildOnce();
    ({ client } = await LspClient.start([process.execPath, join(ROOT, 'dist/server.js'), '--stdio'], { settings: { simulate: false }, debounceMs: 0 }));
    await client.open(URI, text);
    await client.diagnosticsFor(URI, 1);
  });
  after(() => client?.stop());

  it('publishes front-end diagnostics and teaching notes as you type', async () => {
    const d = await client.diagnosticsFor(URI, 1);
    assert.deepEqual(
      d.diagnostics.map((x) => `${x.range.start.line}:${x.range.start.character} ${String(x.code)} ${x.severity} ${typeof x.message === 'string' ? x.message : x.message.value}`),
      [
        "16:6 LWP9003 3 'io' takes its LWP with it: the pool of 2 runs one LWP short until the call returns ('upcalls on' or 'sigwaiting on' replace it)",
        "30:17 LWP9001 2 'io' blocks all 3 threads of this process: many-to-one has a single LWP, and it is blocked in the kernel until the call returns",
      ],
    );
    await client.change(URI, 2, text.replace('lock cache {', 'lock cahce {'));
    const d2 = await client.diagnosticsFor(URI, 2);
    assert.deepEqual(
      d2.diagnostics.map((x) => `${x.range.start.line}:${x.range.start.character}-${x.range.end.character} ${String(x.code)} ${typeof x.message === 'string' ? x.message : x.message.value}`),
      ["17:11-16 LWP2001 no mutex or spinlock named 'cahce' — did you mean 'cache'?"],
    );
    await client.change(URI, 3, text);
    await client.diagnosticsFor(URI, 3);
  });

  it('hovers a model keyword with the note for this process', async () => {
    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: doc, position: pos('many-to-one') });
    const md = (h!.contents as MarkupContent).value;
    assert.match(md, /^\*\*Many-to-one model \(N:1\)\*\* — All user threads of the process share exactly one LWP/);
    assert.match(md, /\*In this many-to-one process:\* Simulated: one LWP for the whole process\./);
    assert.deepEqual(h!.range, { start: { line: 29, character: 8 }, end: { line: 29, character: 19 } });
  });

  it('hovers `io` with what it does in this process and `priority` as a thread option', async () => {
    const io = await client.connection.sendRequest(HoverRequest.type, { textDocument: doc, position: pos('io 1ms') });
    assert.match((io!.contents as MarkupContent).value, /\*In this many-to-one process:\* Blocks the process's only LWP: every thread of the process stops/);
    const pr = await client.connection.sendRequest(HoverRequest.type, { textDocument: doc, position: pos('priority 5') });
    assert.match((pr!.contents as MarkupContent).value, /^\*\*Thread priority\*\*/);
    const rr = await client.connection.sendRequest(HoverRequest.type, { textDocument: doc, position: pos('round-robin') });
    assert.match((rr!.contents as MarkupContent).value, /^\*\*Kernel round-robin\*\*/);
  });

  it('hovers a duration in other units and a thread with its declaration', async () => {
    const d = await client.connection.sendRequest(HoverRequest.type, { textDocument: doc, position: pos('500us') });
    assert.equal((d!.contents as MarkupContent).value, '**500us** = 500us = 500,000ns');
    const t = await client.connection.sendRequest(HoverRequest.type, { textDocument: doc, position: pos('worker') });
    assert.equal(
      (t!.contents as MarkupContent).value,
      '**thread server.worker** `* 2`\n\nA thread of the program, scheduled by the thread library onto LWPs; `thread name * N { … }` declares N instances.\n\n*No run yet: results appear here after the simulation.*',
    );
  });

  it('completes by position: models, statements, thread options, names, metrics', async () => {
    const edited = text.replace('  thread t * 3 { io 1ms }', '  thread t * 3 { io 1ms }\n  model \n  thread u bound  {  }\n  thread v { lock  }');
    await client.change(URI, 4, edited);
    await client.diagnosticsFor(URI, 4);
    const at = (needle: string, delta: number) => positionOf(edited, needle, 0, delta);
    const c = (position: { line: number; character: number }) => client.connection.sendRequest(CompletionRequest.type, { textDocument: doc, position });
    assert.deepEqual(labels(await c(at('  model \n', 8))), ['one-to-one', 'many-to-one', 'many-to-many', '1:1', 'N:1', 'M:N']);
    assert.deepEqual(labels(await c(at('bound  {', 6))), ['bound', 'priority', 'start', 'spawned']);
    assert.deepEqual(labels(await c(at('{  }', 2))), ['compute', 'syscall', 'io', 'sleep', 'yield', 'lock', 'unlock', 'wait', 'post', 'arrive', 'spawn', 'join', 'repeat', 'forever']);
    assert.deepEqual(labels(await c(at('lock  }', 5))), ['k']);
    const inServer = await c(positionOf(edited, 'lock cache', 0, 5));
    assert.deepEqual(labels(inServer), ['k', 'cache']);
    assert.deepEqual(labels(await c(positionOf(edited, 'spawn helper', 0, 6))), ['helper']);
    const metrics = await c(positionOf(edited, 'expect ', 0, 7));
    assert.deepEqual(labels(metrics).slice(0, 3), ['status', 'makespan', 'cpuUtilization']);
    assert.deepEqual(labels(metrics).slice(-2), ['server', 'green']);
    assert.deepEqual(labels(await c(positionOf(edited, 'server.worker', 0, 7))), ['worker', 'helper', 'main']);
    const item = (Array.isArray(metrics) ? metrics : metrics!.items).find((i) => i.label === 'makespan')!;
    assert.equal(item.detail, 'Time until the last thread exited (or the end of the run). A duration.');
    await client.change(URI, 5, text);
    await client.diagnosticsFor(URI, 5);
  });

  it('goes to the definition and finds every reference', async () => {
    const def = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: doc, position: pos('join helper', 0, 6) });
    assert.deepEqual(def, { uri: URI, range: { start: { line: 20, character: 9 }, end: { line: 20, character: 15 } } });
    const refs = await client.connection.sendRequest(ReferencesRequest.type, { textDocument: doc, position: pos('helper'), context: { includeDeclaration: true } });
    assert.deepEqual(
      refs!.map((r) => `${r.range.start.line}:${r.range.start.character}`),
      ['20:9', '22:10', '23:9'],
    );
  });

  it('renames a thread everywhere, including expectations, and refuses a keyword', async () => {
    const prep = await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: doc, position: pos('worker') });
    assert.deepEqual(prep, { range: { start: { line: 13, character: 9 }, end: { line: 13, character: 15 } }, placeholder: 'worker' });
    const edit = await client.connection.sendRequest(RenameRequest.type, { textDocument: doc, position: pos('worker'), newName: 'crew' });
    assert.deepEqual(
      edit!.changes![URI].map((e) => `${e.range.start.line}:${e.range.start.character}-${e.range.end.character}=${e.newText}`),
      ['13:9-15=crew', '33:14-20=crew'],
    );
    await assert.rejects(client.connection.sendRequest(RenameRequest.type, { textDocument: doc, position: pos('worker'), newName: 'compute' }), /`compute` is a keyword/);
    await assert.rejects(client.connection.sendRequest(RenameRequest.type, { textDocument: doc, position: pos('worker'), newName: 'main' }), /a thread named `main` already exists in process server/);
  });

  it('outlines processes with their threads and sync objects', async () => {
    const syms = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: doc })) as DocumentSymbol[];
    const show = (s: DocumentSymbol): string => `${s.name}(${s.detail ?? ''})${s.children?.length ? '[' + s.children.map(show).join(' ') + ']' : ''}`;
    assert.deepEqual(syms.map(show), ['k(mutex)', 'server(many-to-many lwps 2)[cache(mutex) slots(= 1) worker(* 2) helper(spawned) main(priority 5)]', 'green(many-to-one)[t(* 3)]']);
  });

  it('folds every multi-line block', async () => {
    const f = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: doc });
    assert.deepEqual(
      f!.map((r) => `${r.startLine}-${r.endLine}`),
      ['2-4', '9-25', '13-18', '14-17', '21-24', '28-30'],
    );
  });

  it('formats to the canonical style and leaves a formatted file alone', async () => {
    await client.change(URI, 6, text.replace('  mutex cache\n', '  mutex cache   semaphore    slots2\n').replace('      compute 2ms\n', '   compute 2ms   \n'));
    await client.diagnosticsFor(URI, 6);
    const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: doc, options: { tabSize: 2, insertSpaces: true } });
    assert.equal(edits!.length, 1);
    assert.equal(edits![0].newText, text.replace('  mutex cache\n', '  mutex cache\n  semaphore slots2\n'));
    await client.change(URI, 7, text);
    await client.diagnosticsFor(URI, 7);
    assert.deepEqual(await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: doc, options: { tabSize: 2, insertSpaces: true } }), []);
  });

  it('puts Run, Compare, Debug and Sweep lenses above each process, and Sweep above the machine', async () => {
    const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: doc });
    assert.deepEqual(
      lenses!.map((l) => `${l.range.start.line} ${l.command!.command} ${JSON.stringify(l.command!.arguments)}`),
      [`2 lwp.sweep ["${URI}"]`, `9 lwp.runAndVisualize ["${URI}"]`, `9 lwp.compareModels ["${URI}"]`, `9 lwp.debugScenario ["${URI}"]`, `9 lwp.sweep ["${URI}"]`, `28 lwp.runAndVisualize ["${URI}"]`, `28 lwp.compareModels ["${URI}"]`, `28 lwp.debugScenario ["${URI}"]`, `28 lwp.sweep ["${URI}"]`],
    );
  });

  it('offers quick fixes: add spawned, declare the missing mutex, add a unit, add sigwaiting', async () => {
    const broken = text
      .replace('thread helper spawned {', 'thread helper {')
      .replace('lock cache {', 'lock pool {')
      .replace('compute 1ms }', 'compute 1 }')
      .replace('model many-to-many lwps 2', 'model many-to-many lwps 2 max 4');
    await client.change(URI, 8, broken);
    const d = await client.diagnosticsFor(URI, 8);
    const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: doc, range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } }, context: { diagnostics: d.diagnostics } });
    const shown = actions!.map((a) => {
      if (!('edit' in a) || !a.edit) return a.title;
      const e = a.edit.changes![URI][0];
      return `${a.title} @${e.range.start.line}:${e.range.start.character} ${JSON.stringify(e.newText)}`;
    });
    assert.deepEqual(shown, [
      `Add 'sigwaiting on' (grow the LWP pool when every LWP is blocked) @10:33 "\\n  sigwaiting on"`,
      `Declare mutex 'pool' in process server @13:0 "  mutex pool\\n"`,
      `Declare 'helper' as 'spawned' @20:15 " spawned"`,
      `Add the unit: '1ms' @24:22 "ms"`,
      `Add the unit: '1us' @24:22 "us"`,
      `Add the unit: '1ns' @24:22 "ns"`,
      `Add the unit: '1s' @24:22 "s"`,
    ]);
    await client.change(URI, 9, text);
    await client.diagnosticsFor(URI, 9);
  });

  it('offers a quick fix for every "did you mean": the suggestion replaces the misspelt word', async () => {
    const uri = URI.replace(/\.lwp$/, '-typos.lwp');
    const typos = [
      'machine { cpus 2 costs { kernel-swich 1us } }',
      'proces q { thread t { compute 1ms } }',
      'process p {',
      '  model many-to-onee',
      '  mutex m',
      '  thread t bond { comput 1ms lock m { compute 1ms } }',
      '}',
      'expect makespn < 1s',
      'expect pp.t.finish < 1s',
      'expect p.tt.finish < 1s',
      'expect p.t.finsh < 1s',
      'expect status is complete',
      '',
    ].join('\n');
    await client.open(uri, typos);
    const d = (await client.diagnosticsFor(uri, 1)).diagnostics;
    const text = (x: (typeof d)[number]): string => (typeof x.message === 'string' ? x.message : x.message.value);
    const meant = d.filter((x) => / — did you mean '[^']+'\?/.test(text(x)));
    const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } }, context: { diagnostics: meant } });
    const lines = typos.split('\n');
    const shown = meant.map((x) => {
      const want = / — did you mean '([^']+)'\?/.exec(text(x))![1];
      const a = actions!.find((c) => 'diagnostics' in c && JSON.stringify(c.diagnostics?.[0]) === JSON.stringify(x));
      assert.ok(a && 'edit' in a && a.edit, `no quick fix for ${String(x.code)}: ${text(x)}`);
      const e = a.edit.changes![uri][0];
      assert.deepEqual(e.range, x.range, `${x.code}: the fix replaces the misspelt word`);
      assert.equal(e.newText, want);
      const line = lines[e.range.start.line];
      return `${String(x.code)} ${a.title}: ${line.slice(e.range.start.character, e.range.end.character)} → ${e.newText}`;
    });
    assert.deepEqual(shown, [
      "LWP2010 Change to 'kernel-switch': kernel-swich → kernel-switch",
      "LWP1008 Change to 'process': proces → process",
      "LWP1011 Change to 'many-to-one': many-to-onee → many-to-one",
      "LWP1011 Change to 'bound': bond → bound",
      "LWP1007 Change to 'compute': comput → compute",
      "LWP3020 Change to 'makespan': makespn → makespan",
      "LWP3021 Change to 'p': pp → p",
      "LWP3022 Change to 't': tt → t",
      "LWP3023 Change to 'finish': finsh → finish",
      "LWP3026 Change to 'completed': complete → completed",
    ]);
  });

  it('colours names by what they name (semantic tokens)', async () => {
    const t = await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: doc });
    const types = ['namespace', 'function', 'variable'];
    const out: string[] = [];
    let line = 0;
    let char = 0;
    for (let i = 0; i < t!.data.length; i += 5) {
      const [dl, dc, len, type, mods] = t!.data.slice(i, i + 5) as [number, number, number, number, number];
      line += dl;
      char = dl ? dc : char + dc;
      out.push(`${line}:${char} ${text.split('\n')[line].slice(char, char + len)} ${types[type]}${mods & 1 ? ' decl' : ''}${mods & 2 ? ' kernel' : ''}`);
    }
    assert.deepEqual(out, [
      '7:6 k variable decl kernel',
      '9:8 server namespace decl',
      '11:8 cache variable decl',
      '12:12 slots variable decl',
      '13:9 worker function decl',
      '17:11 cache variable',
      '20:9 helper function decl',
      '20:31 slots variable',
      '20:42 slots variable',
      '21:9 main function decl',
      '22:10 helper function',
      '23:9 helper function',
      '24:9 k variable kernel',
      '28:8 green namespace decl',
      '30:9 t function decl',
      '33:7 server namespace',
      '33:14 worker function',
    ]);
  });
});
