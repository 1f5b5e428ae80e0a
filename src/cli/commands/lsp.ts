import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../../server/lwpServer';
import { Exit, type Command } from '../io';

const HELP = `usage: lwp lsp --stdio

Runs the LWP language server over standard input and output, for any editor
with an LSP client (Neovim, Emacs, Helix, …). See docs/editors.md.
`;

/** `lwp lsp --stdio`: the same server VS Code runs, on this process's stdin/stdout. Resolves when the client closes the stream. */
const command: Command = (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(HELP);
    return Promise.resolve(Exit.Ok);
  }
  const unknown = args.filter((a) => a !== '--stdio');
  if (!args.includes('--stdio') || unknown.length) {
    io.stderr(`lwp lsp: ${unknown.length ? `unknown option ${unknown[0]}` : 'say which transport: --stdio'}\n\n${HELP}`);
    return Promise.resolve(Exit.Usage);
  }
  return new Promise((resolve) => {
    const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
    startServer(connection);
    process.stdin.on('end', () => resolve(Exit.Ok));
  });
};
export default command;
