/**
 * `npm run fuzz [-- COUNT [SEED]]`: the fuzz suite at a large size (default
 * 400 inputs, seed 1). Exit 1 with every failure printed (its input file is
 * kept) when any input crashes, hangs, exceeds the heap cap, or makes the
 * language server disagree with `lwp check`.
 */
import { fuzz, inputs } from '../test/fuzz/fuzz';

const count = Number(process.argv[2] ?? 400);
const seed = Number(process.argv[3] ?? 1);
void fuzz(inputs(seed, count), (line) => process.stderr.write(`\rfuzz: ${line}   `)).then((r) => {
  process.stderr.write('\n');
  for (const f of r.failures) process.stdout.write(f + '\n\n');
  process.stdout.write(`fuzz: ${r.inputs} inputs (seed ${seed}), ${r.failures.length} failures, slowest answer ${Math.round(r.slowestMs)} ms\n`);
  process.exitCode = r.failures.length ? 1 : 0;
});
