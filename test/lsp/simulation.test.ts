import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { CodeActionRequest, HoverRequest, InlayHintRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { LastRunRequest, WithholdRunNotification } from '../../src/shared/lsp-protocol';
import { buildOnce, fixture, LspClient, positionOf, ROOT, showDiagnostic } from './harness';

const show = showDiagnostic;

describe('simulation findings in the language server', function () {
  this.timeout(60_000);
  let client: LspClient;

  before(async () => {
    buildOnce();
    ({ client } = await LspClient.start([process.execPath, join(ROOT, 'dist/server.js'), '--stdio'], { debounceMs: 0, simulateDelayMs: 0 }));
  });
  after(() => client?.stop());

  it('reports a deadlock on each stuck statement, with the holder and the other waiters as related information', async () => {
    const uri = 'file:///fixture/deadlock.lwp';
    await client.open(uri, fixture('deadlock.lwp'));
    const quick = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(quick.diagnostics, [], 'front-end diagnostics come first, before the simulation');
    const d = await client.simulatedDiagnostics(uri, 1);
    assert.deepEqual(d.diagnostics.map(show), [
      '8:37 LWP4003 deadlock: bank.left waits here forever for mutex b held by bank.right',
      '9:38 LWP4003 deadlock: bank.right waits here forever for mutex a held by bank.left',
      '10:28 LWP4003 deadlock: bank.late waits here forever for mutex a held by bank.left',
      '13:0 LWP5001 expect status is completed — got deadlock',
    ]);
    const related = d.diagnostics[1].relatedInformation!.map((r) => `${r.location.uri} ${r.location.range.start.line}:${r.location.range.start.character} ${r.message}`);
    assert.deepEqual(related, [`${uri} 8:37 bank.left is here`, `${uri} 10:28 bank.late waits here too`]);
  });

  it('puts failed expectations on their line and shows run results in hovers and inlay hints', async () => {
    const uri = 'file:///fixture/pool.lwp';
    const text = fixture('pool.lwp');
    await client.open(uri, text);
    const d = await client.simulatedDiagnostics(uri, 1);
    assert.deepEqual(d.diagnostics.map(show), ['10:0 LWP5001 expect makespan < 1ms — got 5ms']);
    const run = await client.connection.sendRequest(LastRunRequest.type, { uri });
    assert.equal(run!.status, 'completed');
    assert.deepEqual(run!.threads.map((t) => [t.id, t.finish]), [['pool.worker#1', 4002400], ['pool.worker#2', 4502600], ['pool.worker#3', 5002700]]);
    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, 'worker', 0, 1) });
    assert.equal(
      (h!.contents as MarkupContent).value.split('\n\n').slice(2).join('\n\n'),
      'Last run (completed):\n\n| thread | finish | running | ready | blocked |\n| --- | ---: | ---: | ---: | ---: |\n' +
        '| pool.worker#1 | 4ms | 3ms | 500us | 502.3us |\n| pool.worker#2 | 4.5ms | 3ms | 502.1us | 1ms |\n| pool.worker#3 | 5ms | 3ms | 1ms | 998.3us |',
    );
    const hints = await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } } });
    assert.deepEqual(hints!.map((x) => `${x.position.line}:${x.position.character} ${typeof x.label === "string" ? x.label : x.label.map((p) => p.value).join("")}`), ['5:20 finish 4ms–5ms ']);
  });

  it('holds the run back while a learner predicts it (lwp/withholdRun): no findings, run facts, inlay hints or last run until the reveal', async () => {
    const uri = 'file:///fixture/predict.lwp';
    const text = fixture('pool.lwp');
    const hintsNow = async () =>
      (await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } } })) ?? [];
    const hoverNow = async () => ((await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, 'worker', 0, 1) }))!.contents as MarkupContent).value;
    await client.open(uri, text);
    const shown = await client.simulatedDiagnostics(uri, 1);
    assert.deepEqual(shown.diagnostics.map(show), ['10:0 LWP5001 expect makespan < 1ms — got 5ms']);
    assert.equal((await hintsNow()).length, 1);
    assert.match(await hoverNow(), /Last run \(completed\)/);

    const published = client.diagnostics.get(uri)!.length;
    const runs = client.simulated.filter((r) => r.uri === uri).length;
    await client.connection.sendNotification(WithholdRunNotification.type, { uri, withhold: true });
    // The document is simulated again and republished, without its findings.
    await client.until(() => (client.simulated.filter((r) => r.uri === uri).length > runs ? true : undefined), 'the run of the withheld document');
    const withheld = client.diagnostics.get(uri)!.slice(published);
    assert.ok(withheld.length > 0);
    assert.deepEqual(withheld[withheld.length - 1].diagnostics.map(show), [], 'the failed expectation gives the makespan away');
    assert.deepEqual(await hintsNow(), []);
    assert.doesNotMatch(await hoverNow(), /Last run/);
    assert.equal(await client.connection.sendRequest(LastRunRequest.type, { uri }), null);

    // A malformed notification is ignored, not trusted.
    await client.connection.sendNotification(WithholdRunNotification.method, { uri, withhold: 'no' });
    await client.connection.sendNotification(WithholdRunNotification.type, { uri, withhold: false });
    await client.until(() => (client.simulated.filter((r) => r.uri === uri).length > runs + 1 ? true : undefined), 'the run after the reveal');
    const after = client.diagnostics.get(uri)!;
    assert.deepEqual(after[after.length - 1].diagnostics.map(show), ['10:0 LWP5001 expect makespan < 1ms — got 5ms']);
    assert.equal((await hintsNow()).length, 1);
    assert.match(await hoverNow(), /Last run \(completed\)/);
  });

  it('offers `sigwaiting on` for a process starved of LWPs', async () => {
    const uri = 'file:///fixture/starved.lwp';
    // A kernel semaphore blocks the pool's only LWP in the kernel, so the poster never gets one.
    const text = 'semaphore s\nprocess p {\n  model many-to-many lwps 1\n  thread waiter { wait s }\n  thread poster start 100us { compute 1ms post s }\n}\n';
    await client.open(uri, text);
    const d = await client.simulatedDiagnostics(uri, 1);
    const lwp = d.diagnostics.filter((x) => x.code === 'LWP4003' && /an LWP/.test(showDiagnostic(x)));
    assert.equal(lwp.length, 1, JSON.stringify(d.diagnostics.map(show)));
    const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: lwp[0].range, context: { diagnostics: lwp } });
    assert.deepEqual(actions!.map((a) => a.title), ["Add 'sigwaiting on' (grow the LWP pool when every LWP is blocked)"]);
  });

  it('a newer edit cancels the simulation of the older text (newest edit wins)', async () => {
    const uri = 'file:///fixture/edits.lwp';
    const text = fixture('pool.lwp');
    await client.open(uri, text);
    await client.change(uri, 2, text.replace('lwps 2', 'lwps 3'));
    await client.change(uri, 3, text.replace('lwps 2', 'lwps 1'));
    await client.simulatedDiagnostics(uri, 3);
    await new Promise((r) => setTimeout(r, 300));
    // Version 2 may have finished before version 3 arrived; nothing older is ever published after the newest.
    const versions = client.simulated.filter((s) => s.uri === uri).map((s) => s.version);
    assert.equal(versions[versions.length - 1], 3, versions.join(','));
    const published = client.diagnostics.get(uri)!.map((p) => p.version);
    assert.equal(published[published.length - 1], 3, published.join(','));
    const run = await client.connection.sendRequest(LastRunRequest.type, { uri });
    assert.equal(run!.version, 3);
  });

  it('a long simulation runs off the quick path, is cancelled by an edit, and says when its caps cut it short', async () => {
    const uri = 'file:///fixture/forever.lwp';
    const text = 'machine { cpus 4 limit 60s }\nprocess p {\n  model many-to-many lwps 4\n  thread t * 8 { forever { compute 1us yield } }\n}\n';
    await client.open(uri, text);
    await client.diagnosticsFor(uri, 1);
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    await client.change(uri, 2, text + '// edited\n');
    await client.diagnosticsFor(uri, 2);
    // Simulating version 1 up to its 2,000,000-event cap takes seconds; the new text's diagnostics do not wait for it.
    assert.ok(Date.now() - t0 < 1000, `front-end diagnostics took ${Date.now() - t0} ms`);
    const d = await client.simulatedDiagnostics(uri, 2);
    assert.deepEqual(d.diagnostics.map(showDiagnostic), [
      "1:8 LWP4004 the editor's simulation stopped early (after 2,000,000 events), so deadlocks and expectations were not checked here: run the scenario (Run and Visualize, or 'lwp run') for the full result",
    ]);
    assert.deepEqual(client.simulated.filter((s) => s.uri === uri).map((s) => s.version), [2]);
  });
});
