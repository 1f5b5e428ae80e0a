import { readFile } from 'node:fs/promises';
import { LwpDebugSession } from '../../debug/adapter';
import { parseCommandArgs } from '../args';
import { Exit, type Command } from '../io';

const HELP = `usage: lwp dap

Runs the LWP debug adapter (Debug Adapter Protocol) over standard input and
output, for any editor with a DAP client (nvim-dap, Emacs dap-mode, Helix…).
Launch with { "type": "lwp", "request": "launch", "program": "FILE.lwp",
"stopOnEntry": false }. See docs/debugging.md and docs/editors.md.
`;

/** `lwp dap`: the debug adapter VS Code runs inline, on this process's stdin/stdout. Resolves when the client closes the stream. */
const command: Command = (args, io) => {
  const p = parseCommandArgs('dap', args, { stdio: { type: 'boolean' } }, HELP, io);
  if (p === null) return Promise.resolve(Exit.Usage);
  if (p.help) {
    io.stdout(HELP);
    return Promise.resolve(Exit.Ok);
  }
  if (p.positionals.length) {
    io.stderr(`lwp dap: unexpected argument '${p.positionals[0]}'\n\n${HELP}`);
    return Promise.resolve(Exit.Usage);
  }
  return new Promise((resolve) => {
    const session = new LwpDebugSession({ readFile: (path) => readFile(path, 'utf8') });
    session.setRunAsServer(false);
    session.start(process.stdin, process.stdout);
    process.stdin.on('end', () => resolve(Exit.Ok));
  });
};
export default command;
