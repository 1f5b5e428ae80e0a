// Entry point of dist/server.js: the transport (--node-ipc from VS Code,
// --stdio, --socket=N, --pipe=NAME) comes from the command line. The same file
// also runs as the simulation worker (simWorker.ts), which must not open a
// connection.
import { isMainThread } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lwpServer';
import { nodeSimRunner } from './nodeSimRunner';
import { answer } from './simRequests';
import './simWorker';

if (isMainThread) startServer(createConnection(ProposedFeatures.all), (log) => nodeSimRunner(log, __filename, answer));
