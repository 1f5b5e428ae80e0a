import * as vscode from 'vscode';
import { startLanguageClient, type LwpClientApi } from './client/languageClient';
import { registerDebugger } from './debug';
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
  step('the Run and Visualize panel', () => registerVisualizer(context));
  step('the Testing view', () => registerTesting(context));
  step('the debugger', () => registerDebugger(context));
  return step('the language server', () => startLanguageClient(context));
}

export function deactivate(): void {}
