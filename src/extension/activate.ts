/**
 * What the extension does when it starts, the same on every platform: the
 * entry point of each (extension.ts under Node, web.ts in a browser) passes
 * only how to reach the language server and where the Testing view's
 * simulations run. Nothing here or below imports a Node built-in: the web
 * bundle is built from the same files (scripts/build.mjs fails if one does).
 */
import * as vscode from 'vscode';
import { WithholdRunNotification } from '../shared/lsp-protocol';
import type { SimRunner } from '../server/simRunner';
import { startLanguageClient, type LwpClientApi, type ServerLauncher } from './client/languageClient';
import { registerCourse } from './course';
import { registerVisualizer } from './panel/index';
import { registerSweep } from './sweep/index';
import type { SweepStarter } from './sweep/sweepPanel';
import { registerTesting } from './testing';

export interface Platform {
  /** Which extension host runs this code: integration tests read it to prove where the extension ran. */
  readonly host: 'node' | 'web';
  server(context: vscode.ExtensionContext): ServerLauncher;
  simRunner(context: vscode.ExtensionContext): (log: (message: string) => void) => SimRunner;
  /** Registers the `lwp` debug type; absent on the web, where the adapter's library needs Node. */
  debugger?(context: vscode.ExtensionContext): void;
  /** Where a sweep's runs go; absent where the platform has no worker threads for them (the web). */
  sweeps?(context: vscode.ExtensionContext): SweepStarter;
}

/** What `activate` returns: integration tests await `ready` and talk to `client`. */
export type LwpExtensionApi = LwpClientApi & { readonly host: Platform['host'] };

export function activateOn(platform: Platform, context: vscode.ExtensionContext): LwpExtensionApi | undefined {
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
  let withholdRun: ((uri: vscode.Uri, on: boolean) => void) | undefined;
  const visualizer = step('the Run and Visualize panel', () =>
    registerVisualizer(context, { onQuiz: (uri, right, total) => quizRevealed?.(uri, right, total), onPredicting: (uri, on) => withholdRun?.(uri, on) }),
  );
  if (visualizer) step('the sweep view', () => registerSweep(context, visualizer, platform.sweeps?.(context)));
  step('the course', () => {
    quizRevealed = registerCourse(context, { predict: (uri) => vscode.commands.executeCommand('lwp.predictThenRun', uri) }).quizRevealed;
  });
  step('the debugger', () => {
    if (platform.debugger) platform.debugger(context);
    else
      context.subscriptions.push(
        vscode.commands.registerCommand('lwp.debugScenario', () => {
          void vscode.window.showInformationMessage(
            'The LWP debugger runs in the desktop extension (its adapter needs Node): open this folder in VS Code on your machine, or use `lwp dap` with another editor (docs/debugging.md).',
          );
        }),
      );
  });
  step('the Testing view', () => registerTesting(context, platform.simRunner(context)));
  const api = step('the language server', () => startLanguageClient(context, platform.server(context)));
  if (api) {
    // While a learner predicts a run, the editor's hovers, inlay hints and findings hold its results back too.
    withholdRun = (uri, on) => {
      api.ready.then(() => api.client.sendNotification(WithholdRunNotification.type, { uri: uri.toString(), withhold: on })).catch(() => undefined);
    };
  }
  return api && { ...api, host: platform.host };
}
