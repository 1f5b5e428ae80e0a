// Chart benchmark (PERFORMANCE.md): 1,000,000 intervals over 200 lanes, 8
// states, viewport 1400×900, in headless Debian Chromium (--disable-gpu).
// Measures the real renderer (src/webview/chart) on a synthetic trace: the
// lane index build (worker-side in the panel, reported apart), the first
// frame (set data + layout + draw + raster) and their sum, pan and zoom frames (medians of FRAMES),
// JS heap; a calibration workload in the same page between frames, so runs
// under different machine load compare by ratio; then ECharts 6's custom
// series (the documented Gantt recipe) on the same data, capped in time, for
// the ratio. A frame is timed to finished pixels: render, then a 1-pixel
// read that makes Chromium rasterize the canvas calls it deferred.
// `node bench/chart.bench.mjs [N]`; env LWP_BENCH_FRAMES (default 41),
// LWP_BENCH_RUNS (3), LWP_BENCH_WARMUP (1; 0 = no start-up warm-up), LWP_BENCH_WORKER_LOD (1; 0 = exact first frame), LWP_BENCH_ECHARTS (comma list of N, default 10000,100000,N; "none").
import * as esbuild from 'esbuild';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const root = new URL('..', import.meta.url).pathname;
const N = Number(process.argv[2] ?? 1_000_000);
const LANES = 200;
const W = 1400;
const H = 900;
const FRAMES = Number(process.env.LWP_BENCH_FRAMES ?? 41);
const RUNS = Number(process.env.LWP_BENCH_RUNS ?? 3);
const ECHARTS_CAP_MS = 60_000;
// LWP_BENCH_WARMUP=0 skips the start-up JIT warm-up the panel does (src/webview/chart/warmup.ts), for A/B.
const WARMUP = process.env.LWP_BENCH_WARMUP !== '0';
// LWP_BENCH_WORKER_LOD=0: the run arrives without the worker-built LOD summaries (exact first frame), for A/B.
const WORKER_LOD = process.env.LWP_BENCH_WORKER_LOD !== '0';
const ECHARTS_N = (process.env.LWP_BENCH_ECHARTS ?? `10000,100000,${N}`).split(',').filter((x) => x && x !== 'none').map(Number);

const out = mkdtempSync(join(tmpdir(), 'lwp-bench-'));
await esbuild.build({ entryPoints: [join(root, 'src/webview/dev/benchPage.ts')], bundle: true, format: 'iife', platform: 'browser', target: 'chrome120', minify: true, outfile: join(out, 'bench.js'), logLevel: 'warning' });
const echartsPath = join(root, 'node_modules/echarts/dist/echarts.min.js');
const page = (body) => `<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0}</style></head><body class="vscode-light">${body}</body></html>`;
const server = createServer((req, res) => {
  if (req.url === '/bench.js') return res.end(readFileSync(join(out, 'bench.js')));
  if (req.url === '/echarts.js') return res.end(readFileSync(echartsPath));
  if (req.url.split('?')[0] === '/lwp') return res.end(page('<script src="/bench.js"></script>'));
  if (req.url === '/echarts') return res.end(page(`<div id="c" style="width:${W}px;height:${H}px"></div><script src="/echarts.js"></script>`));
  res.writeHead(404).end();
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
const exe = process.env.LWP_CHROMIUM || '/usr/bin/chromium';
if (!existsSync(exe)) throw new Error(`no Chromium at ${exe}`);
const browser = await chromium.launch({ executablePath: exe, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info', '--js-flags=--expose-gc'] });

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const heapMB = (p) => p.evaluate(() => { globalThis.gc?.(); return performance.memory ? performance.memory.usedJSHeapSize / 1048576 : NaN; });

const pct = (a, q) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(a.length * q))];

async function lwp(n) {
  const p = await browser.newPage({ viewport: { width: W, height: H } });
  await p.goto(`${base}/lwp${WARMUP ? '' : '?warmup=0'}`);
  const warm = await p.evaluate(() => window.lwpBench.ready());
  await p.evaluate(([n, l, w, h]) => window.lwpBench.prepare(n, l, w, h), [n, LANES, W, H]);
  const { index, lod, frame: first, setData, render } = await p.evaluate((w) => window.lwpBench.first(w), WORKER_LOD);
  const painted = await p.evaluate(() => window.lwpBench.painted());
  // All frames run inside the page (no protocol round trip per frame), with
  // a calibration sample after every 5 frames so both see the same load.
  const r = await p.evaluate((frames) => {
    const b = window.lwpBench;
    const cal = [];
    const series = (step) => {
      const out = [];
      for (let i = 0; i < frames; i++) {
        out.push(step(i));
        if (i % 5 === 4) cal.push(b.calibrate());
      }
      return out;
    };
    // Zoom alternates ×0.8 / ×1.25 from the full view; pans move 1 % of a
    // view of 80 % of the run (every lane, most intervals in view), then 1 %
    // of a view of 1 % of the run (zoomed in).
    const zooms = series((i) => b.zoom(i % 2 ? 1.25 : 0.8));
    const pans = series(() => b.pan());
    b.setView(0.45, 0.01);
    const pansIn = series(() => b.pan());
    return { cal, zooms, pans, pansIn };
  }, FRAMES);
  const heap = await heapMB(p);
  await p.close();
  const tot = (a) => a.map((x) => x.total);
  const js = (a) => a.map((x) => x.js);
  return {
    warmMs: warm.ms, warmLongest: warm.longest, warmPasses: warm.passes, first, setData, render, index, lod, worker: index + lod, firstWithIndex: index + lod + first, painted, heap,
    cal: median(r.cal),
    pan: median(tot(r.pans)), panP95: pct(tot(r.pans), 0.95), panJs: median(js(r.pans)),
    zoom: median(tot(r.zooms)), zoomP95: pct(tot(r.zooms), 0.95), zoomJs: median(js(r.zooms)),
    panIn: median(tot(r.pansIn)),
  };
}

async function echarts(n) {
  const p = await browser.newPage({ viewport: { width: W, height: H } });
  await p.goto(`${base}/echarts`);
  const run = p.evaluate(([n, lanes, frames]) => new Promise((resolve) => {
    // Same synthetic shape: n intervals tiling 200 lanes, 8 states.
    let s = 42;
    const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 4294967296);
    const per = Math.floor(n / lanes);
    const end = per * 10000;
    const data = [];
    for (let l = 0; l < lanes; l++) {
      const cuts = Array.from({ length: per - 1 }, () => Math.floor(rnd() * end)).sort((a, b) => a - b);
      let prev = 0;
      for (let i = 0; i < per; i++) { const next = i < cuts.length ? cuts[i] : end; data.push([l, prev, next, Math.floor(rnd() * 8)]); prev = next; }
    }
    const colors = ['#009E73', '#E69F00', '#56B4E9', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#999999'];
    const chart = echarts.init(document.getElementById('c'), null, { renderer: 'canvas' });
    const option = (x0, x1) => ({
      animation: false,
      grid: { left: 60, right: 10, top: 20, bottom: 30 },
      xAxis: { type: 'value', min: x0, max: x1 },
      yAxis: { type: 'category', data: Array.from({ length: lanes }, (_, i) => 'lane ' + i) },
      series: [{ type: 'custom', data, encode: { x: [1, 2], y: 0 }, progressive: 0, renderItem: (params, api) => {
        const a = api.coord([api.value(1), api.value(0)]);
        const b = api.coord([api.value(2), api.value(0)]);
        const h = api.size([0, 1])[1] * 0.8;
        const shape = echarts.graphic.clipRectByRect({ x: a[0], y: a[1] - h / 2, width: b[0] - a[0], height: h }, { x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height });
        return shape && { type: 'rect', shape, style: { fill: colors[api.value(3)] } };
      } }],
    });
    const frame = (x0, x1) => new Promise((r) => { const t = performance.now(); chart.on('finished', function f() { chart.off('finished', f); r(performance.now() - t); }); chart.setOption(option(x0, x1), { replaceMerge: ['xAxis'] }); });
    (async () => {
      const first = await frame(0, end);
      const pans = [];
      const zooms = [];
      for (let i = 0; i < frames; i++) zooms.push(await frame(0, end / (i % 2 ? 8 : 10)));
      for (let i = 0; i < frames; i++) pans.push(await frame(end * 0.01 * i, end * 0.01 * i + end / 10));
      const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
      resolve({ first, pan: med(pans), zoom: med(zooms) });
    })();
  }), [n, LANES, 5]);
  const capped = new Promise((r) => setTimeout(() => r(null), ECHARTS_CAP_MS));
  const res = await Promise.race([run, capped]);
  const heap = res ? await heapMB(p) : NaN;
  await p.close().catch(() => undefined);
  return res ? { ...res, heap } : null;
}

const f = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const x = (a, b) => `×${(a / b).toFixed(1)}`;
console.log(`chart benchmark: ${N.toLocaleString('en-US')} intervals, ${LANES} lanes, ${W}×${H}, ${RUNS} runs × ${FRAMES} frames per kind, medians (Chromium, --disable-gpu)`);
const runs = [];
for (let i = 0; i < RUNS; i++) {
  const r = await lwp(N);
  console.log(`  run ${i + 1}: first frame ${f(r.first)} (+ worker side: index ${f(r.index)} + summaries ${f(r.lod)} = ${f(r.firstWithIndex)}; setData ${f(r.setData)}, render ${f(r.render)})  pan ${f(r.pan)}  zoom ${f(r.zoom)}  pan (1 % view) ${f(r.panIn)}  calibration ${f(r.cal)}  warm-up ${r.warmPasses} passes ${f(r.warmMs)} (longest slice ${f(r.warmLongest)})`);
  runs.push(r);
}
const pick = (k) => median(runs.map((r) => r[k]));
const ours = Object.fromEntries(Object.keys(runs[0]).map((k) => [k, pick(k)]));
console.log(`LWP chart   first frame ${f(ours.first)}  [worker side in the panel: lane index ${f(ours.index)} + LOD summaries ${f(ours.lod)}; worker side + first frame ${f(ours.firstWithIndex)}]  pan ${f(ours.pan)} (p95 ${f(ours.panP95)}, JS ${f(ours.panJs)})  zoom ${f(ours.zoom)} (p95 ${f(ours.zoomP95)}, JS ${f(ours.zoomJs)})  pan at 1 % view ${f(ours.panIn)}  heap ${ours.heap.toFixed(0)} MB  (painted pixels ${ours.painted})`);
console.log(`calibration ${f(ours.cal)} (one pass over all intervals + frame-sized fill + putImageData + read, same pages): first ${x(ours.first, ours.cal)}  pan ${x(ours.pan, ours.cal)}  zoom ${x(ours.zoom, ours.cal)}`);
if (ours.painted < 1000) { console.error('the frame drew nothing: benchmark invalid'); process.exitCode = 1; }
for (const n of ECHARTS_N) {
  const e = await echarts(n);
  if (!e) { console.log(`ECharts 6   N=${n.toLocaleString('en-US')}: no frame within ${ECHARTS_CAP_MS / 1000} s (> ${ECHARTS_CAP_MS / 1000} s)` + (n === N ? `  ratio first > ${x(ECHARTS_CAP_MS, ours.first)}` : '')); continue; }
  console.log(`ECharts 6   N=${n.toLocaleString('en-US')}: first ${f(e.first)}  pan ${f(e.pan)}  zoom ${f(e.zoom)}  heap ${e.heap.toFixed(0)} MB  ratio to our ${N.toLocaleString('en-US')}: first ${x(e.first, ours.first)} pan ${x(e.pan, ours.pan)} zoom ${x(e.zoom, ours.zoom)}`);
}
// First frame as PERFORMANCE.md times it: the data is columnar and lane-sorted
// (the index exists) when the clock starts; index + frame is printed above.
const ok = ours.first < 200 && ours.pan < 16 && ours.zoom < 16 && ours.heap < 200;
console.log(`targets (first frame < 200 ms, frames < 16 ms, heap < 200 MB): ${ok ? 'met' : 'NOT met'}`);
await browser.close();
server.close();
rmSync(out, { recursive: true, force: true });
