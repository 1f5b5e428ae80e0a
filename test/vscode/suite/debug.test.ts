import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, fixture, openFixture, waitOn } from '../helpers';

/** Stops the adapter reports to VS Code, seen through a debug adapter tracker (what the Debug views react to). */
const stops: { session: vscode.DebugSession; body: { reason: string; threadId?: number; description?: string } }[] = [];
const stopped = new vscode.EventEmitter<void>();

async function nextStop(after: number, what: string): Promise<(typeof stops)[number]> {
  return waitOn(stopped.event, () => stops[after], what, 30_000);
}

describe('Debugging a scenario (the lwp debug type)', function () {
  this.timeout(60_000);
  let tracker: vscode.Disposable;

  before(() => {
    tracker = vscode.debug.registerDebugAdapterTrackerFactory('lwp', {
      createDebugAdapterTracker: (session) => ({
        onDidSendMessage: (m: { type: string; event?: string; body?: { reason: string; threadId?: number; description?: string } }) => {
          if (m.type === 'event' && m.event === 'stopped' && m.body) {
            stops.push({ session, body: m.body });
            stopped.fire();
          }
        },
      }),
    });
  });

  after(async () => {
    tracker.dispose();
    await vscode.debug.stopDebugging();
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    await closeAll();
  });

  it('a gutter breakpoint, F5 (LWP: Debug Scenario), stopped on the line; Variables show the LWPs; step back', async () => {
    const editor = await openFixture('two-level.lwp');
    const line = editor.document.getText().split('\n').findIndex((l) => l.includes('lock cache {'));
    vscode.debug.addBreakpoints([new vscode.SourceBreakpoint(new vscode.Location(fixture('two-level.lwp'), new vscode.Position(line, 0)))]);
    const before = stops.length;
    assert.equal(await vscode.commands.executeCommand('lwp.debugScenario', fixture('two-level.lwp')), true);
    const stop = await nextStop(before, 'the first stop at the breakpoint');
    assert.equal(stop.body.reason, 'breakpoint');
    assert.match(stop.body.description ?? '', /^server\.worker#\d starts lock cache at /);
    const session = stop.session;
    const trace = (await session.customRequest('stackTrace', { threadId: stop.body.threadId })) as { stackFrames: { name: string; line: number }[] };
    assert.equal(trace.stackFrames[0].name, 'lock cache');
    assert.equal(trace.stackFrames[0].line, line + 1);
    assert.match(trace.stackFrames[1].name, /^repeat 3: iteration 1 of 3$/);
    const scopes = (await session.customRequest('scopes', { frameId: stop.body.threadId! * 1000 })) as { scopes: { name: string; variablesReference: number }[] };
    const lwps = scopes.scopes.find((s) => s.name === 'LWPs')!;
    const vars = (await session.customRequest('variables', { variablesReference: lwps.variablesReference })) as { variables: { name: string; value: string }[] };
    // The pool's two LWPs and the watchdog's own, then any SIGWAITING added.
    assert.deepEqual(
      vars.variables.slice(0, 3).map((v) => v.name),
      ['LWP 0 (server)', 'LWP 1 (server)', 'LWP 2 (server)'],
    );
    for (const v of vars.variables) assert.match(`${v.name}: ${v.value}`, /^LWP \d+ \(server\): (running on CPU \d|runnable|blocked in the kernel|parked)/);
    const time = (await session.customRequest('evaluate', { expression: 'time', context: 'hover' })) as { result: string };
    const forward = stops.length;
    await vscode.commands.executeCommand('workbench.action.debug.continue');
    const second = await nextStop(forward, 'the second stop');
    assert.equal(second.body.reason, 'breakpoint');
    const back = stops.length;
    await session.customRequest('reverseContinue', { threadId: second.body.threadId });
    const again = await nextStop(back, 'the stop after reverse continue');
    assert.equal(again.body.description, stop.body.description);
    const t2 = (await session.customRequest('evaluate', { expression: 'time', context: 'hover' })) as { result: string };
    assert.equal(t2.result, time.result);
  });
});
