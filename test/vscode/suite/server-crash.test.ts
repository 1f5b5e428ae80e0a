import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ServerStateSnapshot } from '../../../src/extension/client/serverState';
import { closeAll, commandExists, eventually, extensionApi, fixture, openFixture, waitForDiagnostics } from '../helpers';

/**
 * Issue 6: a crashed language server is restarted, at most `maxRestarts`
 * times in the window; past that the user gets one message with "Show Log"
 * and "Restart", and `lwp.restartServer` brings the server back. The server is
 * killed for real: SIGKILL on the process the client reports.
 */
const STATE = '_lwp.server.state';
const RESTART = 'lwp.restartServer';
const BROKEN = 'broken.lwp';

function serverState(): Thenable<ServerStateSnapshot> {
  return vscode.commands.executeCommand<ServerStateSnapshot>(STATE);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The server once the client reports it running with a live process (and, if given, a process other than `previous`). */
async function runningServer(what: string, previous?: number, timeoutMs = 30_000): Promise<{ pid: number; state: ServerStateSnapshot }> {
  return eventually(async () => {
    const state = await serverState();
    const pid = state.pid;
    return state.state === 'running' && pid !== undefined && pid !== previous && alive(pid) ? { pid, state } : undefined;
  }, what, timeoutMs);
}

const hasDiagnostics = (d: readonly vscode.Diagnostic[]): boolean => d.length >= 2;

/** Kills `pid` and waits until the client noticed: the server's diagnostics are cleared. */
async function kill(pid: number, uri: vscode.Uri, what: string): Promise<void> {
  const cleared = waitForDiagnostics(uri, (d) => d.length === 0, `${what}: broken.lwp's diagnostics cleared after killing server ${pid}`);
  process.kill(pid, 'SIGKILL');
  await cleared;
}

describe('the language server crashing', function () {
  before(async function () {
    await openFixture(BROKEN);
    await extensionApi();
    if (!(await commandExists(STATE)) || !(await commandExists(RESTART))) this.skip();
    // lwp.restartServer cannot stop a server that is still starting.
    await runningServer('the language server running');
  });

  // Later files must find a working server, whatever happened here.
  after(async function () {
    this.timeout(60_000);
    if ((await commandExists(STATE)) && (await serverState()).state !== 'running') {
      await vscode.commands.executeCommand(RESTART);
      await runningServer('the language server restored after the crash tests');
    }
    await closeAll();
  });

  it('restarts a killed server, and its diagnostics come back', async function () {
    this.timeout(60_000);
    const uri = fixture(BROKEN);
    await openFixture(BROKEN);
    await vscode.commands.executeCommand(RESTART);
    const before = await runningServer('the language server running after lwp.restartServer');
    await waitForDiagnostics(uri, hasDiagnostics, 'broken.lwp diagnostics before the crash');
    assert.equal(before.state.restarts, 0, 'no crash counted after lwp.restartServer');

    await kill(before.pid, uri, 'first crash');
    const after = await runningServer('a new server process after the crash', before.pid);
    assert.ok(!alive(before.pid), `the killed server ${before.pid} is gone`);
    assert.equal(after.state.restarts, 1, 'the crash is counted');
    assert.equal(after.state.gaveUp, false);
    const diags = await waitForDiagnostics(uri, hasDiagnostics, 'broken.lwp diagnostics from the restarted server');
    assert.ok(diags.some((d) => /needs a unit/.test(d.message)), diags.map((d) => d.message).join('; '));
    assert.notEqual(after.state.status.health, 'error');
  });

  it('gives up past the cap with one message offering the log and a restart, and lwp.restartServer recovers', async function () {
    this.timeout(180_000);
    const uri = fixture(BROKEN);
    await openFixture(BROKEN);
    await vscode.commands.executeCommand(RESTART);
    let server = await runningServer('the language server running after a restart');
    assert.equal(server.state.restarts, 0, 'lwp.restartServer resets the crash count');
    await waitForDiagnostics(uri, hasDiagnostics, 'broken.lwp diagnostics before the crashes');
    const { maxRestarts, messagesShown } = server.state;
    assert.ok(maxRestarts > 0 && maxRestarts < 20, `a sensible cap (${maxRestarts})`);

    for (let crash = 1; crash <= maxRestarts; crash++) {
      await kill(server.pid, uri, `crash ${crash}`);
      const previous = server.pid;
      server = await runningServer(`the server restarted after crash ${crash}`, previous);
      assert.equal(server.state.restarts, crash);
      assert.equal(server.state.gaveUp, false, `still restarting after crash ${crash} of ${maxRestarts}`);
      assert.equal(server.state.messagesShown, messagesShown, `no message while restarts are within the cap (crash ${crash})`);
      await waitForDiagnostics(uri, hasDiagnostics, `broken.lwp diagnostics after crash ${crash}`);
    }

    await kill(server.pid, uri, 'the crash past the cap');
    const stopped = await eventually(async () => {
      const s = await serverState();
      return s.gaveUp && s.state === 'stopped' ? s : undefined;
    }, 'the client to give up');
    assert.equal(stopped.pid, undefined, 'no server process is left running');
    assert.equal(stopped.restarts, maxRestarts + 1);
    assert.equal(stopped.status.health, 'error');
    assert.match(stopped.status.message, /crashed \d+ times in 3 minutes and was not restarted/);
    assert.equal(stopped.messagesShown, messagesShown + 1, 'exactly one message');
    const message = stopped.lastMessage;
    assert.ok(message, 'a message was shown');
    assert.equal(message.severity, 'error');
    assert.match(message.text, new RegExp(`crashed ${maxRestarts + 1} times in 3 minutes`));
    assert.deepEqual(message.actions, ['Show Log', 'Restart']);
    assert.equal(vscode.languages.getDiagnostics(uri).length, 0, 'no stale diagnostics from the dead server');

    await vscode.commands.executeCommand(RESTART);
    const back = await runningServer('the language server running after lwp.restartServer');
    assert.equal(back.state.gaveUp, false);
    assert.equal(back.state.restarts, 0);
    assert.notEqual(back.state.status.health, 'error');
    assert.equal(back.state.messagesShown, messagesShown + 1, 'the recovery shows no further message');
    await waitForDiagnostics(uri, hasDiagnostics, 'broken.lwp diagnostics after lwp.restartServer');
  });
});
