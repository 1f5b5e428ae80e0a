// Bundles the integration suite (test/vscode, TypeScript) for the extension
// host: out/vscode-tests/index.js (what extensionTestsPath names) and one
// bundle per suite file. `vscode` is provided by the host; mocha is loaded
// from node_modules through its CommonJS build (mocha 12's main is ESM).
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib.mjs';

export const testsOut = join(root, 'out', 'vscode-tests');
export const testsEntry = join(testsOut, 'index.js');

export async function buildIntegrationTests() {
  rmSync(testsOut, { recursive: true, force: true });
  const suiteDir = join(root, 'test', 'vscode', 'suite');
  const entryPoints = {
    index: join(root, 'test', 'vscode', 'index.ts'),
    ...Object.fromEntries(
      readdirSync(suiteDir)
        .filter((f) => f.endsWith('.test.ts'))
        .map((f) => [`suite/${f.replace(/\.ts$/, '')}`, join(suiteDir, f)]),
    ),
  };
  const mochaCjs = join(root, 'node_modules', 'mocha', 'lib', 'mocha.cjs');
  await esbuild.build({
    entryPoints,
    outdir: testsOut,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode'],
    logLevel: 'warning',
    plugins: [
      {
        name: 'mocha-cjs',
        setup(build) {
          build.onResolve({ filter: /^mocha$/ }, () => ({ path: mochaCjs, external: true }));
        },
      },
    ],
  });
  return testsEntry;
}
