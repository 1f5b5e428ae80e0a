/**
 * The Testing view (LANGUAGE.md §11): every `.lwp` file of the workspace that
 * has `expect` lines is a test, with one child per expectation at its line.
 * Running a test simulates the scenario on a worker (under Node, a worker
 * thread running the language server bundle, simWorker.ts; on the web, a Web
 * Worker running dist/web/server.js as a simulation worker), without a trace, and marks
 * each expectation passed or failed with the actual value at its line. The
 * extension host's thread only waits; cancelling stops the worker at once.
 *
 * Discovery parses only (cheap); it happens when the Testing view asks
 * (resolveHandler), when a `.lwp` document is opened or edited (its live text
 * wins over the file on disk), and when files change on disk.
 */
import * as vscode from 'vscode';
import { parse } from '../core/syntax/parser';
import { LineMap } from '../core/syntax/lineMap';
import type { ExpectDecl, Span } from '../core/syntax/ast';
import { MAX_FILE_SIZE } from '../core/limits';
import type { SimRunner } from '../server/simRunner';
import type { ScenarioOutcome } from './testingRun';

/** Files the controller lists at most; a workspace with more shows the first ones and says so in the log. */
export const MAX_TEST_FILES = 2_000;

const CONTROLLER_ID = 'lwp';
const GLOB = '**/*.lwp';
const EXCLUDE = '{**/node_modules/**,**/.git/**}';

/** Per expectation: what the last run said. Exposed to the integration suite through an internal command. */
export interface ExpectationOutcome {
  readonly id: string;
  readonly label: string;
  readonly state: 'passed' | 'failed' | 'errored' | 'skipped';
  readonly message: string | null;
  readonly line: number;
}

export interface TestingSnapshot {
  readonly files: readonly { readonly id: string; readonly label: string; readonly expectations: readonly { readonly id: string; readonly label: string; readonly line: number }[] }[];
  readonly runs: number;
  readonly results: readonly ExpectationOutcome[];
}

/** Internal commands (not contributed; leading underscore) the integration suite uses to observe the controller. */
export const TESTING_SNAPSHOT_COMMAND = '_lwp.testing.snapshot';

interface ExpectInfo {
  readonly span: Span;
  readonly text: string;
}

export function registerTesting(context: vscode.ExtensionContext, runner: (log: (message: string) => void) => SimRunner, log?: vscode.LogOutputChannel): vscode.Disposable {
  const controller = vscode.tests.createTestController(CONTROLLER_ID, 'LWP scenarios');
  const disposables: vscode.Disposable[] = [controller];
  const results = new Map<string, ExpectationOutcome>();
  let completedRuns = 0;
  const runDone = new vscode.EventEmitter<void>();
  disposables.push(runDone);
  const worker = runner((m) => log?.info(`Testing: ${m}`));
  disposables.push({ dispose: () => worker.dispose() });

  const isLwp = (uri: vscode.Uri) => uri.path.endsWith('.lwp');

  function label(uri: vscode.Uri): string {
    return vscode.workspace.asRelativePath(uri, false);
  }

  /** (Re)builds the item of one file from its text; removes it when it has no expectations. */
  function updateFromText(uri: vscode.Uri, text: string): void {
    const id = uri.toString();
    if (text.length > MAX_FILE_SIZE) {
      controller.items.delete(id);
      return;
    }
    const expects = findExpectations(text);
    if (expects.length === 0) {
      controller.items.delete(id);
      return;
    }
    let file = controller.items.get(id);
    if (!file) {
      if (controller.items.size >= MAX_TEST_FILES) {
        log?.warn(`Testing: more than ${MAX_TEST_FILES} .lwp files with expectations; ${label(uri)} is not listed.`);
        return;
      }
      file = controller.createTestItem(id, label(uri), uri);
      controller.items.add(file);
    }
    const lines = new LineMap(text);
    const range = (s: Span) => {
      const a = lines.position(s.start);
      const b = lines.position(s.end);
      return new vscode.Range(a.line, a.character, b.line, b.character);
    };
    file.range = new vscode.Range(0, 0, lines.lineCount - 1, 0);
    file.children.replace(
      expects.map((e) => {
        const child = controller.createTestItem(expectationId(uri, e.span.start), e.text, uri);
        child.range = range(e.span);
        return child;
      }),
    );
  }

  async function updateFromDisk(uri: vscode.Uri): Promise<void> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) {
      updateFromText(uri, open.getText());
      return;
    }
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_FILE_SIZE) {
        controller.items.delete(uri.toString());
        return;
      }
      updateFromText(uri, new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    } catch {
      controller.items.delete(uri.toString());
    }
  }

  async function discoverAll(): Promise<void> {
    const uris = await vscode.workspace.findFiles(GLOB, EXCLUDE, MAX_TEST_FILES + 1);
    if (uris.length > MAX_TEST_FILES) log?.warn(`Testing: the workspace has more than ${MAX_TEST_FILES} .lwp files; only the first ${MAX_TEST_FILES} are listed.`);
    await Promise.all(uris.slice(0, MAX_TEST_FILES).map(updateFromDisk));
  }

  controller.resolveHandler = async (item) => {
    if (!item) await discoverAll();
  };
  controller.refreshHandler = async () => {
    controller.items.replace([]);
    await discoverAll();
  };

  for (const doc of vscode.workspace.textDocuments) if (isLwp(doc.uri)) updateFromText(doc.uri, doc.getText());
  disposables.push(
    vscode.workspace.onDidOpenTextDocument((doc) => {
      if (isLwp(doc.uri)) updateFromText(doc.uri, doc.getText());
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (isLwp(e.document.uri)) updateFromText(e.document.uri, e.document.getText());
    }),
  );
  const watcher = vscode.workspace.createFileSystemWatcher(GLOB);
  disposables.push(
    watcher,
    watcher.onDidCreate((uri) => void updateFromDisk(uri)),
    watcher.onDidChange((uri) => void updateFromDisk(uri)),
    watcher.onDidDelete((uri) => controller.items.delete(uri.toString())),
  );

  async function runHandler(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const run = controller.createTestRun(request);
    // Cancel stops the scenario being simulated now, not only the files after it.
    const onCancel = token.onCancellationRequested(() => worker.stop());
    try {
      // Which expectations of which files: a file item means all its children.
      const wanted = new Map<vscode.TestItem, vscode.TestItem[]>();
      const excluded = new Set((request.exclude ?? []).map((i) => i.id));
      const add = (item: vscode.TestItem) => {
        if (excluded.has(item.id)) return;
        const file = item.parent ?? item;
        const list = wanted.get(file) ?? [];
        if (item.parent) list.push(item);
        else file.children.forEach((c) => void (excluded.has(c.id) ? undefined : list.push(c)));
        wanted.set(file, list);
      };
      if (request.include) request.include.forEach(add);
      else controller.items.forEach(add);

      for (const [file, expectations] of wanted) {
        if (token.isCancellationRequested) {
          for (const e of expectations) run.skipped(e);
          continue;
        }
        for (const e of expectations) run.started(e);
        const text = await currentText(file.uri!);
        const t0 = Date.now();
        if (text === null) {
          report(run, file, expectations, { kind: 'unreadable' }, 0);
          continue;
        }
        const reply = await worker.runTest(text);
        if (reply.ok) report(run, file, expectations, reply.outcome, Date.now() - t0);
        else if (reply.cancelled || token.isCancellationRequested) for (const e of expectations) record(run, e, 'skipped', null);
        else for (const e of expectations) record(run, e, 'errored', `Not run: internal error while simulating ${file.label}; see the log.`);
        if (!reply.ok && !reply.cancelled) log?.error(`Testing: ${file.label}: ${reply.error}`);
      }
    } finally {
      onCancel.dispose();
      run.end();
      completedRuns++;
      runDone.fire();
    }
  }

  function record(run: vscode.TestRun, item: vscode.TestItem, state: ExpectationOutcome['state'], message: string | null, ms?: number): void {
    const msg = message === null ? null : new vscode.TestMessage(message);
    if (msg && item.uri && item.range) msg.location = new vscode.Location(item.uri, item.range);
    if (state === 'passed') run.passed(item, ms);
    else if (state === 'failed') run.failed(item, msg!, ms);
    else if (state === 'errored') run.errored(item, msg!, ms);
    else run.skipped(item);
    results.set(item.id, { id: item.id, label: item.label, state, message, line: item.range?.start.line ?? -1 });
  }

  function report(run: vscode.TestRun, file: vscode.TestItem, expectations: readonly vscode.TestItem[], outcome: ScenarioOutcome, ms: number): void {
    if (outcome.kind === 'unreadable') {
      for (const e of expectations) record(run, e, 'errored', `${file.label} could not be read.`);
      return;
    }
    if (outcome.kind === 'errors') {
      const first = outcome.first;
      if (!first) {
        for (const e of expectations) record(run, e, 'errored', `Not run: ${file.label} describes no scenario to simulate.`);
        return;
      }
      const more = outcome.count > 1 ? ` (and ${(outcome.count - 1).toLocaleString('en-US')} more)` : '';
      for (const e of expectations) record(run, e, 'errored', `Not run: ${file.label} has errors. ${first.line}:${first.column}: ${first.message}${more}`);
      return;
    }
    const byOffset = new Map(outcome.expectations.map((x) => [x.span.start, x]));
    const uri = file.uri!;
    for (const e of expectations) {
      const x = byOffset.get(offsetOf(e.id, uri));
      const lineError = outcome.lineErrors.find((l) => l.line === e.range?.start.line);
      if (lineError) record(run, e, 'errored', `Not evaluated: ${lineError.message}`);
      else if (!x) record(run, e, 'errored', 'This expectation was not evaluated; save the file and run again.');
      else if (x.passed) record(run, e, 'passed', null, ms);
      else record(run, e, 'failed', `${x.text} — got ${x.actual}`, ms);
    }
  }

  async function currentText(uri: vscode.Uri): Promise<string | null> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return open.getText();
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return null;
    }
  }

  disposables.push(controller.createRunProfile('Run scenario', vscode.TestRunProfileKind.Run, runHandler, true));

  disposables.push(
    vscode.commands.registerCommand(TESTING_SNAPSHOT_COMMAND, async (opts?: { afterRuns?: number; discover?: boolean }): Promise<TestingSnapshot> => {
      if (opts?.discover) await discoverAll();
      const after = opts?.afterRuns ?? 0;
      if (completedRuns < after) {
        await new Promise<void>((resolve) => {
          const sub = runDone.event(() => {
            if (completedRuns >= after) {
              sub.dispose();
              resolve();
            }
          });
        });
      }
      const files: TestingSnapshot['files'][number][] = [];
      controller.items.forEach((f) => {
        const expectations: { id: string; label: string; line: number }[] = [];
        f.children.forEach((c) => void expectations.push({ id: c.id, label: c.label, line: c.range?.start.line ?? -1 }));
        files.push({ id: f.id, label: f.label, expectations });
      });
      return { files, runs: completedRuns, results: [...results.values()] };
    }),
  );

  const all = vscode.Disposable.from(...disposables);
  context.subscriptions.push(all);
  return all;
}

/** Every `expect` item of a file with its source text, in source order (parse only; no check, no run). */
export function findExpectations(text: string): ExpectInfo[] {
  const { file } = parse(text);
  return file.items
    .filter((i): i is ExpectDecl => i.kind === 'expect')
    .map((e) => ({ span: e.span, text: text.slice(e.span.start, e.span.end).replace(/\s+/g, ' ').trim() }));
}

function expectationId(uri: vscode.Uri, offset: number): string {
  return `${uri.toString()}#${offset}`;
}

function offsetOf(id: string, uri: vscode.Uri): number {
  return Number(id.slice(uri.toString().length + 1));
}
