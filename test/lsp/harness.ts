/**
 * A real LSP client for tests: spawns a server process (the built
 * dist/server.js, or `lwp lsp`) and talks JSON-RPC to it over stdio.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { SimulationDoneNotification, type LwpInitializationOptions } from '../../src/shared/lsp-protocol';

export const ROOT = join(__dirname, '..', '..');

let built = false;
/** Builds dist/ once per test run (the LSP tests exercise the shipped bundle). */
export function buildOnce(): void {
  if (built) return;
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
  built = true;
}

export function fixture(name: string): string {
  return readFileSync(join(__dirname, 'fixtures', name), 'utf8');
}

export class LspClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  private waiters: (() => void)[] = [];
  readonly simulated: { uri: string; version: number; status: string | null }[] = [];
  stderr = '';

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
  ) {
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const list = this.diagnostics.get(p.uri) ?? [];
      list.push(p);
      this.diagnostics.set(p.uri, list);
      this.wake();
    });
    connection.onNotification(SimulationDoneNotification.type, (p) => {
      this.simulated.push(p);
      this.wake();
    });
    // The server may ask to refresh inlay hints or for configuration; answer like an editor would.
    connection.onRequest('workspace/inlayHint/refresh', () => null);
    connection.onRequest('workspace/configuration', () => [null]);
    child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
  }

  static async start(command: readonly string[], init: LwpInitializationOptions = {}): Promise<{ client: LspClient; result: InitializeResult }> {
    const child = spawn(command[0], command.slice(1), { cwd: ROOT, stdio: 'pipe' });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspClient(child, connection);
    connection.listen();
    const result = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { inlayHint: { refreshSupport: true } }, textDocument: { hover: { contentFormat: ['markdown'] } } },
      initializationOptions: init,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return { client, result };
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves when `test` returns a value, re-checked on every notification; rejects after `ms`. */
  async until<T>(test: () => T | undefined, what: string, ms = 10_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = test();
      if (v !== undefined) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; server stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The first diagnostics published for `version` of `uri`. */
  diagnosticsFor(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return this.until(() => this.diagnostics.get(uri)?.find((p) => p.version === version), `diagnostics of ${uri} v${version}`);
  }

  /** The diagnostics published after the simulation of `version`. */
  async simulatedDiagnostics(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    await this.until(() => this.simulated.find((s) => s.uri === uri && s.version === version), `simulation of ${uri} v${version}`);
    const list = this.diagnostics.get(uri)!.filter((p) => p.version === version);
    return list[list.length - 1];
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'lwp', version, text } });
  }

  async change(uri: string, version: number, text: string): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // Already gone.
    }
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        this.child.kill();
        resolve();
      }, 2000);
      this.child.on('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    this.connection.dispose();
  }
}

/** Offset → LSP position in `text` (test fixtures are ASCII, so columns are characters). */
export function positionOf(text: string, needle: string, nth = 0, delta = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${needle} #${nth} not in fixture`);
  }
  const before = text.slice(0, at + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

/** A diagnostic as one comparable line: `line:col CODE message`. */
export function showDiagnostic(d: Diagnostic): string {
  return `${d.range.start.line}:${d.range.start.character} ${String(d.code)} ${typeof d.message === 'string' ? d.message : d.message.value}`;
}
