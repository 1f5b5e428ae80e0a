/**
 * The debug adapter over a real DAP connection: `node bin/lwp.js dap` (the
 * built CLI, as other editors run it) driven by @vscode/debugadapter-
 * testsupport's DebugClient. Hand-computed schedules (every cost zero) so
 * that each stop's thread and time are known.
 */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';

const ROOT = join(__dirname, '..', '..');
const ZERO = 'costs { mode-switch 0ns kernel-switch 0ns address-space-switch 0ns user-switch 0ns user-create 0ns kernel-create 0ns upcall 0ns }';

// Line numbers (1-based) matter below: keep the layout.
const TWO = `scenario "two workers"
machine { cpus 1 ${ZERO} }
process p {
  model one-to-one
  mutex cache
  thread worker * 2 {
    compute 2ms
    lock cache { compute 1ms }
    repeat 3 { compute 1ms }
  }
}
`;
const L_COMPUTE = 7;
const L_LOCK = 8;
const L_REPEAT_BODY = 9;

const DEADLOCK = `machine { cpus 2 ${ZERO} }
semaphore data = 0
process pipeline {
  model many-to-many lwps 2
  thread consumer * 2 { wait data  compute 1ms }
  thread producer { compute 1ms  post data  post data }
}
`;

const UPCALLS = `machine { cpus 2 ${ZERO} }
process p {
  model many-to-many lwps 1 upcalls on
  thread a { io 1ms compute 1ms }
  thread b { compute 1ms }
}
`;

/** DebugClient spawns `runtime executable` with no arguments; this one talks to an adapter already started (`lwp dap`). */
class StdioClient extends DebugClient {
  constructor(proc: ChildProcess) {
    super('node', '', 'lwp');
    this.connect(proc.stdout!, proc.stdin!);
  }
}

let dir = '';
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'lwp-dap-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('dap: lwp dap over stdio', function () {
  this.timeout(30_000);
  let dc: DebugClient;
  let proc: ChildProcess;

  beforeEach(async () => {
    proc = spawn(process.execPath, [join(ROOT, 'bin', 'lwp.js'), 'dap'], { stdio: ['pipe', 'pipe', 'inherit'] });
    dc = new StdioClient(proc);
    await dc.initializeRequest({ adapterID: 'lwp', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
  });

  afterEach(async () => {
    await dc.disconnectRequest({}).catch(() => undefined);
    proc.kill();
  });

  /** Launches `program` with these breakpoints (line → options) and event filters; resolves at the first stop. */
  async function launch(program: string, bps: { line: number; condition?: string; hitCondition?: string }[], filters: string[] = [], stopOnEntry = false): Promise<DebugProtocol.StoppedEvent> {
    const stopped = dc.waitForEvent('stopped') as Promise<DebugProtocol.StoppedEvent>;
    await Promise.all([
      dc.waitForEvent('initialized').then(async () => {
        const r = await dc.setBreakpointsRequest({ source: { path: program }, breakpoints: bps });
        for (const b of r.body.breakpoints) assert.equal(b.verified, true, b.message);
        await dc.setExceptionBreakpointsRequest({ filters });
        await dc.configurationDoneRequest();
      }),
      dc.launch({ program, stopOnEntry }),
    ]);
    return stopped;
  }

  async function next<T extends DebugProtocol.Event>(send: () => Promise<unknown>): Promise<T> {
    const ev = dc.waitForEvent('stopped') as Promise<T>;
    await send();
    return ev;
  }

  async function top(threadId: number): Promise<DebugProtocol.StackFrame> {
    const st = await dc.stackTraceRequest({ threadId });
    return st.body.stackFrames[0];
  }

  async function threadName(threadId: number): Promise<string> {
    const t = await dc.threadsRequest();
    return t.body.threads.find((x) => x.id === threadId)!.name;
  }

  /** Everything the client can see at a stop: threads, every stack, every variable (recursively). */
  async function snapshot(): Promise<string> {
    const threads = (await dc.threadsRequest()).body.threads;
    const out: unknown[] = [threads];
    for (const t of threads) out.push((await dc.stackTraceRequest({ threadId: t.id })).body.stackFrames.map((f) => [f.name, f.line, f.column]));
    const scopes = (await dc.scopesRequest({ frameId: 1000 })).body.scopes;
    const walk = async (ref: number): Promise<unknown> => {
      const vs = (await dc.variablesRequest({ variablesReference: ref })).body.variables;
      return Promise.all(vs.map(async (v) => [v.name, v.value, v.variablesReference ? await walk(v.variablesReference) : null]));
    };
    for (const s of scopes) out.push(s.name, await walk(s.variablesReference));
    return JSON.stringify(out);
  }

  it('stops at a statement breakpoint once per thread that starts it, in time order, then at the end', async () => {
    const program = file('two.lwp', TWO);
    const first = await launch(program, [{ line: L_LOCK }]);
    assert.equal(first.body.reason, 'breakpoint');
    const f1 = await top(first.body.threadId!);
    assert.equal(f1.line, L_LOCK);
    assert.equal(f1.name, 'lock cache');
    assert.match(await threadName(first.body.threadId!), /^p\.worker#1 — running on CPU 0/);
    assert.match(first.body.description!, /p\.worker#1 starts lock cache at 2ms/);
    const second = await next<DebugProtocol.StoppedEvent>(() => dc.continueRequest({ threadId: first.body.threadId! }));
    assert.equal(second.body.reason, 'breakpoint');
    assert.match(second.body.description!, /p\.worker#2 starts lock cache at 8ms/);
    const end = await next<DebugProtocol.StoppedEvent>(() => dc.continueRequest({ threadId: 1 }));
    assert.equal(end.body.reason, 'end');
    assert.match(end.body.description!, /the run completed at 12ms/);
  });

  it('conditions on time and thread, and hit counts', async () => {
    const program = file('two.lwp', TWO);
    const byThread = await launch(program, [{ line: L_LOCK, condition: 'thread == worker#2' }]);
    assert.match(byThread.body.description!, /p\.worker#2 starts lock cache at 8ms/);
    await dc.setBreakpointsRequest({ source: { path: program }, breakpoints: [{ line: L_REPEAT_BODY + 0, condition: 'time >= 9ms' }] });
    // `repeat 3 { compute 1ms }` is one line: the breakpoint is on `repeat`, which each thread starts once (worker#1 at 3ms, worker#2 at 9ms).
    const byTime = await next<DebugProtocol.StoppedEvent>(() => dc.continueRequest({ threadId: 1 }));
    assert.equal(byTime.body.reason, 'breakpoint');
    assert.match(byTime.body.description!, /p\.worker#2 starts repeat 3 at 9ms/);
    const rev = await next<DebugProtocol.StoppedEvent>(() => dc.reverseContinueRequest({ threadId: 1 }));
    assert.equal(rev.body.reason, 'step', "worker#1's repeat at 3ms fails the condition: back to the start");
    assert.match(rev.body.description!, /the start of the run/);
    await dc.setBreakpointsRequest({ source: { path: program }, breakpoints: [{ line: L_COMPUTE, hitCondition: '2' }] });
    const second = await next<DebugProtocol.StoppedEvent>(() => dc.continueRequest({ threadId: 1 }));
    assert.match(second.body.description!, /p\.worker#2 starts compute 2ms at 6ms/);
    const end = await next<DebugProtocol.StoppedEvent>(() => dc.continueRequest({ threadId: 1 }));
    assert.equal(end.body.reason, 'end', 'no third start');
  });

  it('a bad condition is an unverified breakpoint with a message that says where', async () => {
    const program = file('two.lwp', TWO);
    const stopped = dc.waitForEvent('initialized');
    const launched = dc.launch({ program });
    await stopped;
    const r = await dc.setBreakpointsRequest({ source: { path: program }, breakpoints: [{ line: L_LOCK, condition: 'time >= 5 parsecs' }, { line: L_LOCK, hitCondition: 'often' }] });
    assert.equal(r.body.breakpoints[0].verified, false);
    assert.match(r.body.breakpoints[0].message!, /condition: expected a duration such as '5ms' at column 9, found '5'/);
    assert.equal(r.body.breakpoints[1].verified, false);
    assert.match(r.body.breakpoints[1].message!, /hit count: 'often' is not a count/);
    await dc.configurationDoneRequest();
    await launched;
  });

  it('event breakpoints: deadlock, upcall, thread blocked in the kernel', async () => {
    const dead = await launch(file('dead.lwp', DEADLOCK), [], ['deadlock']);
    assert.equal(dead.body.reason, 'exception');
    assert.match(dead.body.description!, /^deadlock at 0ns: /);
    await dc.disconnectRequest({});
    proc.kill();

    proc = spawn(process.execPath, [join(ROOT, 'bin', 'lwp.js'), 'dap'], { stdio: ['pipe', 'pipe', 'inherit'] });
    dc = new StdioClient(proc);
    await dc.initializeRequest({ adapterID: 'lwp', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
    const block = await launch(file('up.lwp', UPCALLS), [], ['kernel-block', 'upcall']);
    assert.equal(block.body.reason, 'exception');
    assert.match(block.body.description!, /^blocked in the kernel: p\.a at 0ns/);
    const up = await next<DebugProtocol.StoppedEvent>(() => dc.continueRequest({ threadId: 1 }));
    assert.match(up.body.description!, /^upcall: p\.a at 0ns/);
  });

  it('Variables show the machine, LWPs, threads, sync objects and metrics; evaluate names them', async () => {
    const program = file('two.lwp', TWO);
    const first = await launch(program, [{ line: L_LOCK, condition: 'thread == worker#2' }]);
    const scopes = (await dc.scopesRequest({ frameId: first.body.threadId! * 1000 })).body.scopes.map((s) => s.name);
    assert.deepEqual(scopes, ['Machine', 'LWPs', 'Threads', 'Sync objects', 'Metrics so far']);
    const lwps = (await dc.scopesRequest({ frameId: 1000 })).body.scopes[1];
    const vars = (await dc.variablesRequest({ variablesReference: lwps.variablesReference })).body.variables;
    assert.deepEqual(
      vars.map((v) => `${v.name}: ${v.value}`),
      ['LWP 1 (p): running on CPU 0 · p.worker#2'],
    );
    const time = await dc.evaluateRequest({ expression: 'time', context: 'hover' });
    assert.equal(time.body.result, '8ms');
    const cache = await dc.evaluateRequest({ expression: 'cache', context: 'repl' });
    assert.equal(cache.body.result, 'free · 0 waiting');
    const w = await dc.evaluateRequest({ expression: 'worker#2', context: 'repl' });
    assert.match(w.body.result, /^running on CPU 0 \(LWP 1\)$/);
    const fields = (await dc.variablesRequest({ variablesReference: w.body.variablesReference })).body.variables.map((v) => `${v.name}: ${v.value}`);
    assert.deepEqual(fields.slice(0, 4), ['state: running on CPU 0 (LWP 1)', 'statement: lock cache', 'LWP: LWP 1', 'started: 0ns']);
    assert.ok(fields.includes('running so far: 2ms') && fields.includes('ready so far: 6ms'), fields.join('\n'));
    const all = await dc.evaluateRequest({ expression: 'worker', context: 'repl' });
    assert.equal(all.body.result, '1 instance', 'worker#1 has exited: only live threads are listed');
    const threads = await dc.evaluateRequest({ expression: 'exited', context: 'repl' });
    assert.equal(threads.body.result, '1 thread');
    await assert.rejects(dc.evaluateRequest({ expression: 'nosuch' }), /no thread, LWP, CPU, sync object or metric named 'nosuch'/);
  });

  it('time travel: step back N then forward N shows the same bytes as never stepping back', async () => {
    const program = file('two.lwp', TWO);
    const first = await launch(program, [{ line: L_COMPUTE }]);
    const id = first.body.threadId!;
    const seen = [await snapshot()];
    for (let i = 0; i < 4; i++) {
      await next(() => dc.nextRequest({ threadId: id }));
      seen.push(await snapshot());
    }
    for (let i = 3; i >= 0; i--) {
      // Every other step after a pause: the adapter's work ahead (a spare copy) runs in it.
      if (i % 2 === 1) await new Promise((resolve) => setTimeout(resolve, 250));
      const back = await next<DebugProtocol.StoppedEvent>(() => dc.stepBackRequest({ threadId: id }));
      assert.equal(back.body.reason, 'step');
      assert.equal(await snapshot(), seen[i], `step back to stop ${i}`);
    }
    for (let i = 1; i <= 4; i++) {
      await next(() => dc.nextRequest({ threadId: id }));
      assert.equal(await snapshot(), seen[i], `forward again to stop ${i}`);
    }
    const inside = await top(id);
    assert.match(inside.name, /^compute 1ms|repeat 3/);
  });

  it('the stack is the statement nesting: repeat iteration, lock held, remaining work', async () => {
    const program = file('two.lwp', TWO);
    const first = await launch(program, [{ line: L_REPEAT_BODY, hitCondition: '1' }]);
    const id = first.body.threadId!;
    await next(() => dc.nextRequest({ threadId: id }));
    await next(() => dc.nextRequest({ threadId: id }));
    const frames = (await dc.stackTraceRequest({ threadId: id })).body.stackFrames.map((f) => f.name);
    assert.deepEqual(frames, ['compute 1ms', 'repeat 3: iteration 2 of 3', 'thread p.worker#1']);
    await dc.setBreakpointsRequest({ source: { path: program }, breakpoints: [] });
    const back = await next<DebugProtocol.StoppedEvent>(() => dc.reverseContinueRequest({ threadId: id }));
    assert.equal(back.body.reason, 'step');
  });

  it('a file with errors fails to launch with each error positioned', async () => {
    const program = file('bad.lwp', 'process p {\n  thread t { comput 2ms }\n}\n');
    await assert.rejects(dc.launch({ program }), /bad\.lwp has errors; fix them to debug it:\nbad\.lwp:2:14: LWP\d+ /);
  });
});
