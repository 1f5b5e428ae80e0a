/**
 * The one argument parser of every `lwp` command, on Node's `util.parseArgs`
 * (which handles `--`, `--flag=value`, `-o value` and `-ovalue`). Each command
 * declares its options; this file turns every mistake into the same message
 * for every command (`lwp run: --model needs a value`), followed by the
 * command's usage, exit 2.
 */
import { parseArgs } from 'node:util';
import { suggest } from '../core/diagnostics/suggest';
import type { CliIO } from './io';

export interface OptionSpec {
  readonly type: 'boolean' | 'string';
  readonly short?: string;
  /** What the value is, for messages: `--cpus needs a value (N)`. */
  readonly value?: string;
  /** A string option that may be given several times (`--vary a=1,2 --vary b=3`): every value is kept, in order, in `lists`. */
  readonly multiple?: boolean;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export interface Parsed {
  /** Options given, by long name: `true` for booleans, the last value for strings. */
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  /** Every value of each `multiple` option, in the order given. */
  readonly lists: Readonly<Record<string, readonly string[]>>;
  readonly positionals: readonly string[];
  /** `--help` or `-h` was given (every command has it). */
  readonly help: boolean;
}

const HELP: OptionSpecs = { help: { type: 'boolean', short: 'h' } };

/**
 * Parses `args` against `specs` (plus `--help`). On a mistake, prints
 * `lwp CMD: problem` and the usage to stderr and returns null. A lone `-`
 * is a positional (standard input or output, where a command takes one).
 */
export function parseCommandArgs(cmd: string, args: readonly string[], specs: OptionSpecs, usage: string, io: CliIO): Parsed | null {
  const all: OptionSpecs = { ...HELP, ...specs };
  const fail = (msg: string): null => {
    io.stderr(`lwp ${cmd}: ${msg}\n\n${usage}`);
    return null;
  };
  let tokens;
  try {
    // Not strict: unknown options and missing values come back as tokens, so the messages below are ours (and the same for every command).
    ({ tokens } = parseArgs({ args: [...args], options: all, strict: false, allowPositionals: true, tokens: true }));
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
  const values: Record<string, string | boolean | undefined> = {};
  const lists: Record<string, string[]> = {};
  const positionals: string[] = [];
  let help = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'positional') positionals.push(t.value);
    else if (t.kind === 'option') {
      const spec = all[t.name] as OptionSpec | undefined;
      if (spec === undefined) return fail(`unknown option '${t.rawName}'${suggestOption(t.rawName, all)}`);
      if (t.name === 'help') {
        help = true;
        continue;
      }
      if (spec.type === 'boolean') {
        if (t.inlineValue === true) return fail(`${t.rawName} takes no value`);
        values[t.name] = true;
        continue;
      }
      const v = t.value;
      // parseArgs takes the next argument as the value even when it looks like an option; `--model --json` is a missing value, not a model named `--json`.
      if (v === undefined || (t.inlineValue === false && v.startsWith('-') && v !== '-' && !/^-\d/.test(v))) {
        return fail(`${t.rawName} needs a value${spec.value ? ` (${spec.value})` : ''}`);
      }
      values[t.name] = v;
      if (spec.multiple === true) (lists[t.name] ??= []).push(v);
    }
  }
  return { values, lists, positionals, help };
}

/** ` — did you mean '--json'?` for a near miss of a known long option, else ''. */
function suggestOption(raw: string, specs: OptionSpecs): string {
  if (!raw.startsWith('--')) return '';
  const best = suggest(raw.slice(2), Object.keys(specs));
  return best === null ? '' : ` — did you mean '--${best}'?`;
}
