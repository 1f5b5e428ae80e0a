// Language server latency: from didChange to publishDiagnostics on a
// 5,000-line file, over a real stdio connection to dist/server.js (built by
// `npm run bench`). Target: front-end diagnostics within 50 ms; the
// simulation's findings arrive after them, and a newer edit cancels them.
import { join } from 'node:path';
import { analyze } from '../src/core/analyze';
import { LspClient, ROOT } from '../test/lsp/harness';

function scenario(lines: number): string {
  const out = ['scenario "Language server benchmark"', 'machine { cpus 4 }', ''];
  let p = 0;
  while (out.length < lines - 12) {
    out.push(`process p${p} {`, '  model many-to-many lwps 4', `  mutex m${p}`, `  thread w${p} * 2 {`, '    repeat 3 {');
    for (let i = 0; i < 40; i++) out.push(i % 4 === 0 ? '      io 2ms' : i % 4 === 1 ? `      lock m${p} { compute 100us }` : '      compute 1ms');
    out.push('    }', '  }', '}', '');
    p++;
  }
  while (out.length < lines) out.push('// padding');
  return out.join('\n') + '\n';
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

async function measure(debounceMs: number, runs: number): Promise<{ quick: number[]; sim: number[] }> {
  const text = scenario(5000);
  const { client } = await LspClient.start([process.execPath, join(ROOT, 'dist/server.js'), '--stdio'], { debounceMs, simulateDelayMs: 0 });
  const uri = 'file:///bench/big.lwp';
  await client.open(uri, text);
  await client.simulatedDiagnostics(uri, 1);
  const quick: number[] = [];
  const sim: number[] = [];
  for (let v = 2; v < 2 + runs; v++) {
    const edited = text.replace('compute 1ms', `compute ${v}ms`);
    const t0 = performance.now();
    await client.change(uri, v, edited);
    await client.diagnosticsFor(uri, v);
    quick.push(performance.now() - t0);
    await client.simulatedDiagnostics(uri, v);
    sim.push(performance.now() - t0);
  }
  await client.stop();
  return { quick, sim };
}

async function main(): Promise<void> {
  const text = scenario(5000);
  const inProcess: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    analyze(text);
    inProcess.push(performance.now() - t0);
  }
  console.log(`file: ${text.split('\n').length - 1} lines, ${(text.length / 1024).toFixed(0)} KiB`);
  console.log(`analyze (parse + check) in process: median ${median(inProcess).toFixed(1)} ms, p95 ${p95(inProcess).toFixed(1)} ms`);
  for (const debounce of [0, 10]) {
    const { quick, sim } = await measure(debounce, 15);
    console.log(`debounce ${debounce} ms: didChange → front-end diagnostics median ${median(quick).toFixed(1)} ms (p95 ${p95(quick).toFixed(1)}); → simulation findings median ${median(sim).toFixed(1)} ms (p95 ${p95(sim).toFixed(1)})`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
