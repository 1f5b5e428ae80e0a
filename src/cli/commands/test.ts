/**
 * `lwp test FILE|DIR…` (LANGUAGE.md §12): runs every scenario that has
 * expectations, prints one line per failing expectation
 * (`file:line:col: expect makespan < 1ms — got 14.03ms`) and a closing
 * `N passed, N failed`. A file with errors counts as one failure and prints
 * its diagnostics. Exit 1 if anything failed, 2 on usage errors.
 */
import { simulate } from '../../core/sim/simulate';
import { collectLwpFiles, loadFile, where } from '../format';
import { Exit, type Command } from '../io';

const USAGE = 'usage: lwp test FILE|DIR…\n\nRuns every scenario with `expect` lines (directories are searched for *.lwp).\nExit status: 0 all passed, 1 a failure, 2 usage error.\n';

const command: Command = (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(USAGE);
    return Promise.resolve(Exit.Ok);
  }
  const unknown = args.find((a) => a.startsWith('-') && a !== '-');
  if (unknown !== undefined) {
    io.stderr(`lwp test: unknown option '${unknown}'\n\n${USAGE}`);
    return Promise.resolve(Exit.Usage);
  }
  if (args.length === 0) {
    io.stderr(`lwp test: which files?\n\n${USAGE}`);
    return Promise.resolve(Exit.Usage);
  }
  const files = collectLwpFiles(args, io, 'test');
  if (files === null) return Promise.resolve(Exit.Usage);
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    const errorsOnly: string[] = [];
    const loaded = loadFile(file, io, 'test', (line) => {
      if (line.includes(': error: ')) errorsOnly.push(line);
    });
    if (loaded === null) {
      failed++;
      continue;
    }
    if (loaded.scenario === null) {
      for (const l of errorsOnly) io.stdout(l);
      failed++;
      continue;
    }
    if (loaded.scenario.expects.length === 0) continue;
    const r = simulate(loaded.scenario, { recordTrace: false });
    for (const x of r.expectations) {
      if (x.passed) passed++;
      else {
        failed++;
        io.stdout(`${where(file, loaded.lines, x.span.start)}: ${x.text} — got ${x.actual}\n`);
      }
    }
  }
  io.stdout(`${passed} passed, ${failed} failed\n`);
  return Promise.resolve(failed > 0 ? Exit.FileErrors : Exit.Ok);
};
export default command;
