// Parse + check throughput. The core is bundled with esbuild first (as the
// CLI and the server ship it), so the figures are not those of tsx's module
// wrappers. Prints MB/s for a 10,000-line scenario (median of 9 runs after
// warm-up) and the time for a 5 MB file.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateBigScenario, generateScenario } from '../test/support/scenarios';

const root = join(__dirname, '..');
const out = join(root, '.tmp', 'bench-analyze.cjs');
mkdirSync(join(root, '.tmp'), { recursive: true });

async function main(): Promise<void> {
  await build({ entryPoints: [join(root, 'src/core/analyze.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: out, minify: false, logLevel: 'error' });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { analyze } = require(out) as typeof import('../src/core/analyze');

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const time = (text: string): number => {
    const t0 = performance.now();
    const a = analyze(text);
    const ms = performance.now() - t0;
    if (a.diagnostics.some((d) => d.severity === 'error')) throw new Error('generated scenario has errors: ' + a.diagnostics[0]!.message);
    return ms;
  };

  const text = generateScenario(10_000);
  for (let i = 0; i < 15; i++) time(text);
  const runs = Array.from({ length: 9 }, () => time(text));
  const ms = median(runs);
  const mb = text.length / 1e6;
  console.log(`10,000-line scenario: ${text.split('\n').length} lines, ${mb.toFixed(2)} MB: median ${ms.toFixed(1)} ms → ${(mb / (ms / 1000)).toFixed(1)} MB/s (runs: ${runs.map((r) => r.toFixed(0)).join(', ')} ms)`);

  const bigText = generateBigScenario(5_000_000);
  time(bigText);
  const bigRuns = Array.from({ length: 3 }, () => time(bigText));
  console.log(`5 MB file (${(bigText.length / 1e6).toFixed(2)} MB): median ${median(bigRuns).toFixed(0)} ms (runs: ${bigRuns.map((r) => r.toFixed(0)).join(', ')} ms)`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
