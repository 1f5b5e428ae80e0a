import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../../server/lwpServer';
import { nodeSimRunner } from '../../server/nodeSimRunner';
import { answer } from '../../server/simRequests';
import '../../server/simWorker';
import { parseCommandArgs } from '../args';
import { Exit, type Command } from '../io';

const HELP = `usage: lwp lsp --stdio

Runs the LWP language server over standard input and output, for any editor
with an LSP client (Neovim, Emacs, Helix, …). See docs/editors.md.
`;

/** `lwp lsp --stdio`: the same server VS Code runs, on this process's stdin/stdout. Resolves when the client closes the stream. */
const command: Command = (args, io) => {
  const p = parseCommandArgs('lsp', args, { stdio: { type: 'boolean' } }, HELP, io);
  if (p === null) return Promise.resolve(Exit.Usage);
  if (p.help) {
    io.stdout(HELP);
    return Promise.resolve(Exit.Ok);
  }
  if (p.positionals.length || p.values.stdio !== true) {
    io.stderr(`lwp lsp: ${p.positionals.length ? `unexpected argument '${p.positionals[0]}'` : 'say which transport: --stdio'}\n\n${HELP}`);
    return Promise.resolve(Exit.Usage);
  }
  return new Promise((resolve) => {
    const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
    startServer(connection, (log) => nodeSimRunner(log, __filename, answer));
    process.stdin.on('end', () => resolve(Exit.Ok));
  });
};
export default command;
