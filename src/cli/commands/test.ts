/**
 * `lwp test FILE|DIR…` (LANGUAGE.md §12): runs every scenario that has
 * expectations, prints one line per failing expectation
 * (`file:line:col: expect makespan < 1ms — got 14.03ms`) and a closing
 * `N passed, N failed`. A file with errors counts as one failure and prints
 * its diagnostics. A path that cannot be read (a file, or a folder met on
 * the way) is reported and the rest still run. Exit 1 if anything failed,
 * 2 on usage errors and unreadable paths.
 */
import { quizQuestions } from '../../core/quiz';
import { simulate } from '../../core/sim/simulate';
import { parseCommandArgs } from '../args';
import { collectLwpFiles, loadFile, where } from '../format';
import { Exit, type Command } from '../io';

const USAGE = 'usage: lwp test FILE|DIR…\n\nRuns every scenario with `expect` lines, and checks that each `ask` question has\nan answer in the run (directories are searched for *.lwp).\nExit status: 0 all passed, 1 a failure, 2 usage error or an unreadable path.\n';

const command: Command = (args, io) => {
  const p = parseCommandArgs('test', args, {}, USAGE, io);
  if (p === null) return Promise.resolve(Exit.Usage);
  if (p.help) {
    io.stdout(USAGE);
    return Promise.resolve(Exit.Ok);
  }
  if (p.positionals.length === 0) {
    io.stderr(`lwp test: which files?\n\n${USAGE}`);
    return Promise.resolve(Exit.Usage);
  }
  const collected = collectLwpFiles(p.positionals, io, 'test');
  const files = collected.files;
  let unreadable = collected.unreadable;
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    const errorsOnly: string[] = [];
    const loaded = loadFile(file, io, 'test', (line) => {
      if (line.includes(': error: ')) errorsOnly.push(line);
    });
    if (loaded === null) {
      // Reported by loadFile; counted as the unreadable folders are.
      unreadable++;
      continue;
    }
    if (loaded.scenario === null) {
      for (const l of errorsOnly) io.stdout(l);
      failed++;
      continue;
    }
    // Errors that drop only their own expectation (an unknown metric): each fails, the others are still evaluated.
    for (const l of errorsOnly) io.stdout(l);
    failed += errorsOnly.length;
    const sc = loaded.scenario;
    if (sc.expects.length === 0 && sc.asks.length === 0) continue;
    // Questions need the trace (their explanations read it); expectations alone do not.
    const r = simulate(sc, { recordTrace: sc.asks.length > 0 });
    for (const x of r.expectations) {
      if (x.passed) passed++;
      else {
        failed++;
        io.stdout(`${where(file, loaded.lines, x.span.start)}: ${x.text} — got ${x.actual}\n`);
      }
    }
    // Each question must have an answer in the run (the run is its truth): one that cannot be answered fails.
    for (const q of sc.asks.length ? quizQuestions(sc, r, loaded.text) : []) {
      if (q.answerable) passed++;
      else {
        failed++;
        io.stdout(`${where(file, loaded.lines, q.span?.start ?? 0)}: ${loaded.text.slice(q.span?.start ?? 0, q.span?.end ?? 0)} — ${q.why}\n`);
      }
    }
  }
  io.stdout(`${passed} passed, ${failed} failed${unreadable ? `, ${unreadable} unreadable` : ''}\n`);
  return Promise.resolve(unreadable > 0 ? Exit.Usage : failed > 0 ? Exit.FileErrors : Exit.Ok);
};
export default command;
