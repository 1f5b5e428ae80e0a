// Entry point of dist/server.js: the transport (--node-ipc from VS Code,
// --stdio, --socket=N, --pipe=NAME) comes from the command line. The same file
// also runs as the simulation worker (see simWorker.ts), which must not open
// a connection.
import { isMainThread } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lwpServer';

if (isMainThread) startServer(createConnection(ProposedFeatures.all));
