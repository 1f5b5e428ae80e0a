// Draws media/icon.png (128×128, the Marketplace/Extensions-view icon) from
// the SVG below in headless Chromium, so the picture is reproducible from
// source: user threads (top) funnel onto LWPs, which run as Gantt bars on CPUs.
//
//   node scripts/vscode/make-icon.mjs [OUT.png]
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { launchBrowser, root, runDir } from './lib.mjs';

const out = process.argv[2] ?? join(root, 'media', 'icon.png');

const svg = `
<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#1f2a44"/><stop offset="1" stop-color="#101624"/>
    </linearGradient>
  </defs>
  <rect x="2" y="2" width="124" height="124" rx="22" fill="url(#bg)"/>
  <!-- user threads -->
  <g fill="#8fd3ff">
    <circle cx="26" cy="26" r="7"/><circle cx="50" cy="26" r="7"/><circle cx="78" cy="26" r="7"/><circle cx="102" cy="26" r="7"/>
  </g>
  <!-- M:N binding onto two LWPs -->
  <g stroke="#8fd3ff" stroke-width="3" stroke-linecap="round" opacity="0.8" fill="none">
    <path d="M26 33 L44 54"/><path d="M50 33 L44 54"/><path d="M78 33 L84 54"/><path d="M102 33 L84 54"/>
  </g>
  <g fill="#ffd166">
    <rect x="34" y="52" width="20" height="12" rx="3"/><rect x="74" y="52" width="20" height="12" rx="3"/>
  </g>
  <!-- CPU lanes as a Gantt chart -->
  <rect x="16" y="76" width="96" height="16" rx="3" fill="#24314f"/>
  <rect x="16" y="98" width="96" height="16" rx="3" fill="#24314f"/>
  <rect x="18" y="78" width="34" height="12" rx="2" fill="#06d6a0"/>
  <rect x="54" y="78" width="6"  height="12" rx="1" fill="#ef476f"/>
  <rect x="62" y="78" width="30" height="12" rx="2" fill="#118ab2"/>
  <rect x="18" y="100" width="18" height="12" rx="2" fill="#118ab2"/>
  <rect x="38" y="100" width="6"  height="12" rx="1" fill="#ef476f"/>
  <rect x="46" y="100" width="44" height="12" rx="2" fill="#06d6a0"/>
  <rect x="92" y="100" width="18" height="12" rx="2" fill="#ffd166"/>
</svg>`;

const run = runDir('icon');
const browser = await launchBrowser(run.dir, { viewport: { width: 128, height: 128 } });
try {
  await browser.page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
  mkdirSync(dirname(out), { recursive: true });
  await browser.page.locator('svg').screenshot({ path: out, omitBackground: true });
  console.log(`wrote ${out}`);
} finally {
  await browser.dispose();
  run.dispose();
}
