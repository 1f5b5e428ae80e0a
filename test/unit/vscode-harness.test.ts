import * as assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as Lib from '../../scripts/vscode/lib.mjs';

/** The harness must fail with a clear message, never hang, and leave no process behind. */
describe('the VS Code harness (scripts/vscode/lib.mjs)', function () {
  this.timeout(30_000);
  let lib: typeof Lib;
  let run: ReturnType<typeof Lib.runDir>;

  before(async () => {
    lib = await import('../../scripts/vscode/lib.mjs');
    run = lib.runDir('harness-test');
  });
  after(() => run.dispose());

  function fakeServer(name: string, script: string): string {
    const file = join(run.dir, name);
    writeFileSync(file, `#!/bin/sh\n${script}\n`);
    chmodSync(file, 0o755);
    return file;
  }

  it('reports a code-server that exits at once, with its log', async () => {
    const codeServer = fakeServer('dies.sh', 'echo "error Unknown option --bogus"; exit 3');
    const profile = lib.newProfile(run.dir, 'dies');
    await assert.rejects(
      lib.startCodeServer({ codeServer, profile, folder: run.dir, env: process.env }),
      (e: Error) => /exited \(3\) before answering \/healthz/.test(e.message) && /Unknown option --bogus/.test(e.message),
    );
  });

  it('gives up on a code-server that never answers, and ends its whole process tree', async () => {
    // A "server" that never listens and has a child of its own.
    const pidFile = join(run.dir, 'child.pid');
    const codeServer = fakeServer('silent.sh', `sleep 300 & echo $! > ${pidFile}; wait`);
    const profile = lib.newProfile(run.dir, 'silent');
    const t0 = Date.now();
    await assert.rejects(lib.startCodeServer({ codeServer, profile, folder: run.dir, env: process.env, timeoutMs: 1500 }), /did not answer http:\/\/127\.0\.0\.1:\d+\/healthz within 1\.5 s/);
    assert.ok(Date.now() - t0 < 10_000, 'no hang');
    const { readFileSync } = await import('node:fs');
    const child = Number(readFileSync(pidFile, 'utf8'));
    assert.throws(() => process.kill(child, 0), 'the server’s child is gone too');
  });

  it('builds the workbench URL with a vscode-remote payload', () => {
    const url = lib.workbenchUrl({ url: 'http://127.0.0.1:9', host: '127.0.0.1:9' }, '/w s', { extensionDevelopmentPath: '/ext', extensionTestsPath: '/ext/t.js' });
    const u = new URL(url);
    assert.equal(u.searchParams.get('folder'), '/w s');
    assert.deepEqual(JSON.parse(u.searchParams.get('payload')!), [
      ['extensionDevelopmentPath', 'vscode-remote://127.0.0.1:9/ext'],
      ['extensionTestsPath', 'vscode-remote://127.0.0.1:9/ext/t.js'],
    ]);
  });

  it('times out a promise with a message naming what it waited for', async () => {
    await assert.rejects(lib.withTimeout(new Promise(() => {}), 50, 'the thing'), /the thing timed out after 0 s/);
  });
});
