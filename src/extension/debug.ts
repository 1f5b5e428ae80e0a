/**
 * The `lwp` debug type: F5 on a .lwp file, "LWP: Debug Scenario", the
 * Debug lens. The adapter (src/debug/adapter.ts) runs inside the extension
 * host as an inline implementation — no process to start; `lwp dap` is the
 * same adapter for other editors. It reads the editor's text when the file
 * is open (unsaved edits included), the file otherwise.
 */
import * as vscode from 'vscode';
import { LwpDebugSession } from '../debug/adapter';

export const DEBUG_TYPE = 'lwp';

async function readFile(path: string): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === path);
  if (open) return open.getText();
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(path)));
}

/** The launch configuration for one file. */
export function launchConfig(path: string): vscode.DebugConfiguration {
  return { type: DEBUG_TYPE, request: 'launch', name: `Debug ${path.split(/[\\/]/).pop() ?? 'scenario'}`, program: path, stopOnEntry: false };
}

export function registerDebugger(context: vscode.ExtensionContext): void {
  const initial = (): vscode.DebugConfiguration[] => [{ type: DEBUG_TYPE, request: 'launch', name: 'Debug scenario', program: '${file}', stopOnEntry: false }];
  const provider: vscode.DebugConfigurationProvider = {
    provideDebugConfigurations: initial,
    resolveDebugConfiguration: (_folder, config) => {
      // F5 with no launch.json: debug the active .lwp editor.
      if (!config.type && !config.request && !config.name) {
        const editor = vscode.window.activeTextEditor;
        if (editor?.document.languageId !== 'lwp') return config;
        return launchConfig(editor.document.uri.fsPath);
      }
      if (!config.program) {
        void vscode.window.showErrorMessage("LWP: the launch configuration needs a 'program' (a .lwp file), e.g. \"${file}\".");
        return undefined;
      }
      return config;
    },
  };
  context.subscriptions.push(
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, provider),
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, { provideDebugConfigurations: initial }, vscode.DebugConfigurationProviderTriggerKind.Dynamic),
    vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, {
      createDebugAdapterDescriptor: () => new vscode.DebugAdapterInlineImplementation(new LwpDebugSession({ readFile })),
    }),
    vscode.commands.registerCommand('lwp.debugScenario', (arg?: unknown) => {
      const uri = typeof arg === 'string' ? vscode.Uri.parse(arg) : arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
      if (!uri || uri.scheme !== 'file') {
        void vscode.window.showErrorMessage('LWP: open a .lwp file to debug it.');
        return false;
      }
      return vscode.debug.startDebugging(vscode.workspace.getWorkspaceFolder(uri), launchConfig(uri.fsPath));
    }),
  );
}
