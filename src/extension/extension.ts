import type * as vscode from 'vscode';

// Placeholder: the VS Code client (issues 4–6).
export function activate(_context: vscode.ExtensionContext): void {}
export function deactivate(): void {}
