/** What a CLI command may touch: injected so tests run commands in-process. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stdout / stderr are terminals (progress goes to stderr only then). */
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  /**
   * The same streams without control characters made visible (see
   * visible.ts): for data the user asked for on stdout (`lwp export -o -`)
   * and the progress line's own carriage return. `main` sets it.
   */
  readonly raw?: { readonly stdout: (text: string) => void; readonly stderr: (text: string) => void };
  /** The next line of standard input (without its end), or null at its end; absent: no input (`lwp quiz` then cannot ask). */
  readonly readLine?: () => Promise<string | null>;
  /** Standard input is a terminal (which echoes what is typed); piped answers are echoed by the command. */
  readonly stdinIsTTY?: boolean;
}

/** A command: takes its own arguments (after the command name), returns the exit status. */
export type Command = (args: readonly string[], io: CliIO) => Promise<number>;

/** Exit statuses of LANGUAGE.md §12. */
export const Exit = {
  Ok: 0,
  /** The file has errors (nothing simulated), or `lwp test` had failures. */
  FileErrors: 1,
  Usage: 2,
  /** The run ended in deadlock or at the limit. */
  NotCompleted: 3,
} as const;
