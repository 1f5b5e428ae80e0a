// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['assert', 'buffer', 'child_process', 'crypto', 'events', 'fs', 'http', 'https', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'timers', 'url', 'util', 'worker_threads', 'zlib'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.tools/**', '.tmp/**', 'bench-results/**', 'test-results/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
    },
  },
  {
    // The core runs everywhere (server, webview worker, CLI, browser): it may
    // import neither VS Code nor any Node built-in, and it never logs.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core must not depend on VS Code.' }, ...nodeBuiltins.map((name) => ({ name, message: 'src/core must not use Node built-ins.' }))],
        patterns: [{ group: ['node:*'], message: 'src/core must not use Node built-ins.' }, { group: ['vscode-*'], message: 'src/core must not depend on LSP or VS Code packages.' }],
      }],
      'no-console': 'error',
    },
  },
  {
    // The web extension (docs/web.md) bundles the extension, the server and the
    // shared code for a browser: only the Node entry points may use Node
    // built-ins or the LSP packages' /node entries (the build fails too).
    files: ['src/extension/**/*.ts', 'src/server/**/*.ts', 'src/shared/**/*.ts', 'src/webview/**/*.ts'],
    ignores: ['src/extension/extension.ts', 'src/server/server.ts', 'src/server/simWorker.ts', 'src/server/nodeSimRunner.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.map((name) => ({ name, message: 'The web extension must not use Node built-ins: only the Node entry points may (docs/web.md).' })),
        patterns: [
          { group: ['node:*'], message: 'The web extension must not use Node built-ins: only the Node entry points may (docs/web.md).' },
          { group: ['vscode-languageserver/node', 'vscode-languageclient/node', 'vscode-languageserver-protocol/node', 'vscode-jsonrpc/node'], message: "Import the neutral API ('vscode-languageserver', 'vscode-languageclient'); only the Node entry points import /node." },
        ],
      }],
    },
  },
  {
    // Never console.log in the server: stdout is the LSP channel.
    files: ['src/server/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
