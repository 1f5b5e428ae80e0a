// One esbuild script for every runtime (CRAFT.md): extension and server (node,
// cjs, vscode external), CLI (node), webview and its worker (browser, iife, so
// nothing loads lazily under the webview's CSP). Type checking is separate
// (`npm run typecheck`). `--watch` rebuilds on change; `--production` minifies.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
const common = {
  define: { __LWP_VERSION__: JSON.stringify(version) },
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

/** Resolves the CLI's lazy `import('./commands/lsp')` to the separate bundle dist/cli-lsp.js. */
const lspApart = {
  name: 'lsp-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/commands\/lsp$/ }, () => ({ path: './cli-lsp.js', external: true }));
    build.onResolve({ filter: /^\.\/commands\/dap$/ }, () => ({ path: './cli-dap.js', external: true }));
  },
};

const targets = [
  { ...common, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: 'dist', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  { ...common, entryPoints: { server: 'src/server/server.ts' }, outdir: 'dist', platform: 'node', format: 'cjs', target: 'node20' },
  // `lwp lsp` is a bundle of its own (cli-lsp.js), required by cli.js only when that command runs: the language
  // server and its protocol libraries are nearly half of the CLI, and every other command would load them.
  { ...common, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', platform: 'node', format: 'cjs', target: 'node20', plugins: [lspApart], supported: { 'dynamic-import': false } },
  { ...common, entryPoints: { 'cli-lsp': 'src/cli/commands/lsp.ts' }, outdir: 'dist', platform: 'node', format: 'cjs', target: 'node20' },
  // `lwp dap` likewise (the debug adapter and its library).
  { ...common, entryPoints: { 'cli-dap': 'src/cli/commands/dap.ts' }, outdir: 'dist', platform: 'node', format: 'cjs', target: 'node20' },
  // The sweep view's worker threads (the extension host starts them): the core and the sweep pool, nothing of VS Code.
  { ...common, entryPoints: { 'sweep-worker': 'src/cli/sweepPool.ts' }, outdir: 'dist', platform: 'node', format: 'cjs', target: 'node20' },
  { ...common, entryPoints: { main: 'src/webview/main.ts', worker: 'src/webview/worker.ts', sweep: 'src/webview/sweep/main.ts' }, outdir: 'dist/webview', platform: 'browser', format: 'iife', target: 'chrome120' },
  // The web extension (package.json "browser"): the same code for a browser's web worker extension host, and its
  // worker script (the language server, or, started under another name, the Testing view's simulation worker).
  // Platform 'browser' makes the build fail on any import of a Node built-in, which, with the lint rule, is how
  // the web build is kept free of them (docs/web.md).
  { ...common, entryPoints: { extension: 'src/extension/web.ts' }, outdir: 'dist/web', platform: 'browser', format: 'cjs', target: 'chrome120', external: ['vscode'] },
  { ...common, entryPoints: { server: 'src/server/webServer.ts' }, outdir: 'dist/web', platform: 'browser', format: 'iife', target: 'chrome120' },
];

mkdirSync('dist/webview', { recursive: true });
const copyCss = () => {
  cpSync('src/webview/style.css', 'dist/webview/style.css');
  cpSync('src/webview/sweep/sweep.css', 'dist/webview/sweep.css');
};

if (watch) {
  for (const t of targets) {
    const ctx = await esbuild.context(t);
    await ctx.watch();
  }
  copyCss();
  console.log('esbuild: watching');
} else {
  const t0 = Date.now();
  await Promise.all(targets.map((t) => esbuild.build(t)));
  copyCss();
  console.log(`build: ${targets.length} targets in ${Date.now() - t0} ms`);
}
