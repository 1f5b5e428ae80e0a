import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { buildOnce, LspClient, ROOT } from './harness';

describe('`lwp lsp --stdio`', function () {
  this.timeout(60_000);
  let client: LspClient;

  before(() => buildOnce());
  after(() => client?.stop());

  it('answers initialize, publishes diagnostics and hovers, through bin/lwp.js', async () => {
    const started = await LspClient.start([process.execPath, join(ROOT, 'bin/lwp.js'), 'lsp', '--stdio'], { debounceMs: 0 });
    client = started.client;
    assert.equal(started.result.serverInfo?.name, 'lwp-language-server');
    assert.equal(started.result.capabilities.hoverProvider, true);
    const uri = 'file:///cli/a.lwp';
    await client.open(uri, 'process p {\n  model N:1\n  thread t { compute 5 }\n}\n');
    const d = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(
      d.diagnostics.map((x) => `${x.range.start.line}:${x.range.start.character} ${String(x.code)} ${typeof x.message === 'string' ? x.message : x.message.value}`),
      ["2:21 LWP3001 a duration needs a unit: write '5ms' (units: ns, us, µs, ms, s)"],
    );
    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 9 } });
    assert.match((h!.contents as MarkupContent).value, /^\*\*Many-to-one model \(N:1\)\*\*/);
  });

  it('refuses to start without a transport, with usage', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/lwp.js'), 'lsp'], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^lwp lsp: say which transport: --stdio\n\nusage: lwp lsp --stdio/);
  });
});
