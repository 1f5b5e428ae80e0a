/**
 * `lwp quiz FILE [--answers]`: predict, then reveal, in a terminal. Asks the
 * scenario's questions (its `ask` lines, else automatic ones) one line of
 * standard input each — typed at a terminal, or piped one answer per line —
 * then shows the run: each answer marked right or wrong, the true answer
 * and why (core/quiz, core/explain), the score and the Gantt chart.
 * `--answers` prints the questions with their answers and asks nothing.
 * Exit 0; 1 the file has errors; 2 usage.
 */
import { grade, quizQuestions, type Question } from '../../core/quiz';
import { simulate } from '../../core/sim/simulate';
import { parseCommandArgs, type OptionSpecs } from '../args';
import { loadFile, runSummary, wrap } from '../format';
import { textGantt } from '../gantt';
import { Exit, type CliIO, type Command } from '../io';

const USAGE = `usage: lwp quiz FILE [--answers]

Predict, then reveal: asks the scenario's questions ('ask' lines, or chosen
automatically: how the run ends, the makespan, which thread finishes first
and last, how many LWPs), one answer per line on standard input, then runs
it and marks each answer right or wrong with the true answer and why.
A duration is right within 10 %, a ratio within 0.05, a count exactly.
  --answers   print the questions with their answers; ask nothing
`;

const OPTIONS = { answers: { type: 'boolean' } } as const satisfies OptionSpecs;

/** Tries per question when an answer cannot be read. */
const TRIES = 3;

const command: Command = async (args, io) => {
  const p = parseCommandArgs('quiz', args, OPTIONS, USAGE, io);
  if (p === null) return Exit.Usage;
  if (p.help) {
    io.stdout(USAGE);
    return Exit.Ok;
  }
  const [file, ...extra] = p.positionals;
  const fail = (msg: string): number => {
    io.stderr(`lwp quiz: ${msg}\n\n${USAGE}`);
    return Exit.Usage;
  };
  if (file === undefined) return fail('which file? e.g. lwp quiz examples/04-lwp-pool-deadlock.lwp');
  if (extra.length) return fail(`one file at a time (got '${file}' and '${extra[0]}')`);
  const loaded = loadFile(file, io, 'quiz', io.stderr);
  if (loaded === null) return Exit.Usage;
  if (loaded.scenario === null) {
    io.stderr(`lwp quiz: ${file} has errors; nothing was simulated\n`);
    return Exit.FileErrors;
  }
  const run = simulate(loaded.scenario);
  const questions = quizQuestions(loaded.scenario, run, loaded.text).filter((q) => q.answerable);
  const title = loaded.scenario.title ? `“${loaded.scenario.title}”` : file;
  if (p.values.answers === true) {
    io.stdout(`${title}: ${questions.length} question${questions.length === 1 ? '' : 's'}\n\n` + questions.map((q, i) => `${i + 1}. ${q.prompt}\n   answer: ${q.shown}\n${indent(q.why)}`).join('\n\n') + '\n');
    return Exit.Ok;
  }
  if (io.readLine === undefined) {
    io.stderr('lwp quiz: no standard input to read answers from; use --answers to see them\n');
    return Exit.Usage;
  }
  io.stdout(`${title}: predict, then see the run. ${questions.length} question${questions.length === 1 ? '' : 's'}; a duration needs its unit (12ms), within 10 % is right.\n\n`);
  const answers: (string | null)[] = [];
  for (const [i, q] of questions.entries()) answers.push(await ask(io, q, i + 1));
  io.stdout('\n— The run —\n\n');
  let right = 0;
  const lines: string[] = [];
  questions.forEach((q, i) => {
    const a = answers[i];
    const g = a === null ? null : grade(q, a);
    const correct = g !== null && g.ok && g.correct;
    if (correct) right++;
    const given = g === null ? 'no answer' : g.ok ? g.given : a;
    lines.push(`${i + 1}. ${q.prompt}\n   ${correct ? '✓ right' : '✗ wrong'}: you said ${given}; the answer is ${q.shown}.\n${indent(q.why)}`);
  });
  io.stdout(lines.join('\n\n') + `\n\n${right} of ${questions.length} right.\n\n` + runSummary(run, loaded.scenario.title, file, loaded.lines) + '\n' + textGantt(run.trace));
  return Exit.Ok;
};
export default command;

/** Asks one question until an answer can be read (or TRIES are used up, or input ends): the answer, or null. */
async function ask(io: CliIO, q: Question, n: number): Promise<string | null> {
  const choices = q.choices.length ? `\n${q.choices.map((c, k) => `   ${k + 1}) ${c}`).join('\n')}` : '';
  io.stdout(`${n}. ${q.prompt}${choices}\n> `);
  for (let tries = 0; tries < TRIES; tries++) {
    const line = await io.readLine!();
    if (line === null) {
      io.stdout('\n');
      return null;
    }
    if (io.stdinIsTTY !== true) io.stdout(line + '\n');
    const g = grade(q, line);
    if (g.ok) return line;
    io.stdout(`   please answer with ${g.problem}\n> `);
  }
  return null;
}

function indent(text: string): string {
  return wrap(text, 94)
    .split('\n')
    .map((l) => '   ' + l)
    .join('\n');
}
