import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** Entry names of a zip file, read from its central directory (a .vsix is a zip). */
export function zipEntries(buf: Buffer): string[] {
  // End of central directory: signature 0x06054b50, searched backwards past a comment of up to 64 KiB.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file: no end-of-central-directory record');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry at ${at}`);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLen));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/** What may ship: bundles, grammar, language configuration, snippets, media, README pictures, the manifest files. */
const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/,
  /^extension\/changelog\.md$/,
  /^extension\/LICENSE\.txt$/,
  /^extension\/language-configuration\.json$/,
  /^extension\/dist\/(extension|server|sweep-worker)\.js$/,
  /^extension\/dist\/web\/(extension|server)\.js$/,
  /^extension\/dist\/webview\/(main\.js|worker\.js|style\.css|sweep\.js|sweep\.css)$/,
  /^extension\/syntaxes\/lwp\.tmLanguage\.json$/,
  /^extension\/snippets\/[\w-]+\.code-snippets$/,
  /^extension\/media\/[\w-]+\.(png|svg)$/,
  /^extension\/media\/walkthrough\/[\w-]+\.(md|png|svg)$/,
  /^extension\/course\/[\w-]+\.lwp$/,
  /^extension\/docs\/img\/(chart|hover|chart-compare|chart-thread|chart-tooltip|sweep|predict-then-run)\.png$/,
  /^extension\/docs\/img\/debugger\.webp$/,
];

const REQUIRED = [
  'extension/package.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/dist/extension.js',
  'extension/dist/server.js',
  'extension/dist/web/extension.js',
  'extension/dist/web/server.js',
  'extension/dist/webview/main.js',
  'extension/dist/webview/worker.js',
  'extension/dist/webview/style.css',
  'extension/dist/sweep-worker.js',
  'extension/dist/webview/sweep.js',
  'extension/dist/webview/sweep.css',
  'extension/syntaxes/lwp.tmLanguage.json',
  'extension/media/icon.png',
];

describe('the packaged extension (.vsix)', function () {
  this.timeout(180_000);
  let dir: string;
  let vsix: string;
  let entries: string[];

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lwp-vsix-'));
    vsix = join(dir, 'lwp-lab.vsix');
    const r = spawnSync(process.execPath, ['scripts/package.mjs', '--out', vsix], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, `npm run package failed:\n${r.stdout}\n${r.stderr}`);
    entries = zipEntries(readFileSync(vsix));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the bundles, grammar, media, README, CHANGELOG, LICENSE and icon', () => {
    const missing = REQUIRED.filter((f) => !entries.includes(f));
    assert.deepEqual(missing, []);
  });

  it('holds nothing outside the allowlist: no sources, tests, source maps or node_modules', () => {
    const stray = entries.filter((e) => !ALLOWED.some((re) => re.test(e)));
    assert.deepEqual(stray, []);
    assert.ok(!entries.some((e) => /node_modules|\/src\/|\/test\/|\.map$|\.ts$/.test(e)));
  });

  it('ships every file package.json points at', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      main: string;
      browser: string;
      icon: string;
      contributes: { grammars?: { path: string }[]; languages?: { configuration?: string }[]; snippets?: { path: string }[]; walkthroughs?: { steps: { media: { markdown?: string; image?: string } }[] }[] };
    };
    const c = pkg.contributes;
    const paths = [
      pkg.main,
      pkg.browser,
      pkg.icon,
      ...(c.grammars ?? []).map((g) => g.path),
      ...(c.languages ?? []).flatMap((l) => (l.configuration ? [l.configuration] : [])),
      ...(c.snippets ?? []).map((s) => s.path),
      ...(c.walkthroughs ?? []).flatMap((w) => w.steps.flatMap((s) => [s.media.markdown, s.media.image].filter((x): x is string => !!x))),
    ].map((p) => `extension/${p.replace(/^\.\//, '')}`);
    const missing = paths.filter((p) => !entries.includes(p));
    assert.deepEqual(missing, [], 'files named in package.json but not packaged');
  });

  it('ships the pictures the README shows', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)|<img[^>]+src="([^"]+)"/g)].map((m) => m[1] ?? m[2]).filter((src) => !/^\w+:/.test(src));
    const missing = images.map((src) => `extension/${src.replace(/^\.\//, '')}`).filter((p) => !entries.includes(p));
    assert.deepEqual(missing, []);
  });

  // Two platforms' bundles (Node and web, ~0.5 MB compressed) and the README's pictures (~0.45 MB): the cap
  // catches what must never ship (source maps, node_modules, sources), each of which would pass it at once.
  it('stays under 1.5 MB', () => {
    const size = statSync(vsix).size;
    assert.ok(size < 1.5 * 1024 * 1024, `${size} bytes`);
  });

  it('the web extension\'s bundles, as shipped, stay under 1 MB together (issue 17)', () => {
    const web = ['dist/web/extension.js', 'dist/web/server.js'].map((f) => statSync(join(root, f)).size);
    const total = web.reduce((a, b) => a + b, 0);
    assert.ok(total < 1024 * 1024, `${web.join(' + ')} = ${total} bytes`);
  });

  it('declares the tested VS Code: engines.vscode ^1.100.0 with @types/vscode 1.100.x', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { vscode: string }; devDependencies: Record<string, string> };
    assert.equal(pkg.engines.vscode, '^1.100.0');
    assert.match(pkg.devDependencies['@types/vscode'], /^[~^]?1\.100\./);
    const types = JSON.parse(readFileSync(join(root, 'node_modules', '@types', 'vscode', 'package.json'), 'utf8')) as { version: string };
    assert.match(types.version, /^1\.100\./);
  });
});
