import * as vscode from 'vscode';
import { startLanguageClient, type LwpClientApi } from './client/languageClient';
import { registerCourse } from './course';
import { registerVisualizer } from './panel/index';
import { registerTesting } from './testing';

/** What `activate` returns: integration tests await `ready` and talk to `client`. */
export type LwpExtensionApi = LwpClientApi;

export function activate(context: vscode.ExtensionContext): LwpExtensionApi | undefined {
  // Each area registers itself on one line; a failure in one is shown, not swallowed, and the others still start.
  const step = <T>(what: string, f: () => T): T | undefined => {
    try {
      return f();
    } catch (err) {
      void vscode.window.showErrorMessage(`LWP Lab: could not start ${what}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  };
  let quizRevealed: ((uri: vscode.Uri, right: number, total: number) => void) | undefined;
  step('the Run and Visualize panel', () => registerVisualizer(context, (uri, right, total) => quizRevealed?.(uri, right, total)));
  step('the course', () => {
    quizRevealed = registerCourse(context, { predict: (uri) => vscode.commands.executeCommand('lwp.predictThenRun', uri) }).quizRevealed;
  });
  step('the Testing view', () => registerTesting(context));
  return step('the language server', () => startLanguageClient(context));
}

export function deactivate(): void {}
