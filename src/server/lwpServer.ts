/**
 * The LWP language server: wires LSP requests to the feature modules. The
 * bundled dist/server.js (VS Code, node IPC), `lwp lsp --stdio` (other
 * editors) and dist/web/server.js (the web extension, in a browser Web
 * Worker) all call `startServer`, each with its transport and the place its
 * simulations run. Nothing here or below imports a Node built-in.
 */
import {
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type TextEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { format } from '../core/format/format';
import { LastRunRequest, WithholdRunNotification, type LwpInitializationOptions } from '../shared/lsp-protocol';
import { codeActions } from './codeActions';
import { codeLenses } from './codeLens';
import { complete } from './completion';
import { DocumentStore } from './documents';
import { hover } from './hover';
import { inlayHints } from './inlayHints';
import { definition, documentSymbols, foldingRanges, prepareRename, references, rename } from './navigation';
import { SEMANTIC_LEGEND, semanticTokens } from './semanticTokens';
import type { SimRunner } from './simRunner';

export function startServer(connection: Connection, simRunner: (log: (message: string) => void) => SimRunner): void {
  const documents = new TextDocuments(TextDocument);
  let store: DocumentStore | null = null;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const init = (params.initializationOptions ?? {}) as LwpInitializationOptions;
    store = new DocumentStore(connection, documents, init, {
      inlayHintRefresh: params.capabilities.workspace?.inlayHint?.refreshSupport === true,
      configurationPull: params.capabilities.workspace?.configuration === true,
    }, simRunner);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: [' ', '.', '#'] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        documentFormattingProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        inlayHintProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true },
      },
      serverInfo: { name: 'lwp-language-server', version: typeof __LWP_VERSION__ === 'string' ? __LWP_VERSION__ : 'dev' },
    };
  });
  connection.onInitialized(() => store?.initialized());
  connection.onShutdown(() => store?.dispose());
  connection.onDidChangeConfiguration((p) => store?.configurationChanged(p.settings));

  const withDoc = <T>(uri: string, fallback: T, f: (a: NonNullable<ReturnType<DocumentStore['analysis']>>, doc: TextDocument) => T): T => {
    const doc = documents.get(uri);
    const a = store?.analysis(uri);
    return doc && a ? f(a, doc) : fallback;
  };

  connection.onHover((p) => withDoc(p.textDocument.uri, null, (a, doc) => hover(a, doc.offsetAt(p.position), store!.lastRun(p.textDocument.uri))));
  connection.onCompletion((p) => withDoc(p.textDocument.uri, [], (a, doc) => complete(a, doc.offsetAt(p.position))));
  connection.onDefinition((p) => withDoc(p.textDocument.uri, null, (a, doc) => definition(a, doc.offsetAt(p.position))));
  connection.onReferences((p) => withDoc(p.textDocument.uri, [], (a, doc) => references(a, doc.offsetAt(p.position), p.context.includeDeclaration)));
  connection.onPrepareRename((p) => withDoc(p.textDocument.uri, null, (a, doc) => prepareRename(a, doc.offsetAt(p.position))));
  connection.onRenameRequest((p) => withDoc(p.textDocument.uri, null, (a, doc) => rename(a, doc.offsetAt(p.position), p.newName)));
  connection.onDocumentSymbol((p) => withDoc(p.textDocument.uri, [], (a) => documentSymbols(a)));
  connection.onFoldingRanges((p) => withDoc(p.textDocument.uri, [], (a) => foldingRanges(a)));
  connection.onCodeLens((p) => withDoc(p.textDocument.uri, [], (a) => codeLenses(a)));
  connection.onCodeAction((p) => withDoc(p.textDocument.uri, [], (a) => codeActions(a, p.context.diagnostics)));
  connection.onDocumentFormatting((p): TextEdit[] => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return [];
    const text = doc.getText();
    const formatted = format(text);
    if (formatted === text) return [];
    return [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) }, newText: formatted }];
  });
  connection.languages.inlayHint.on((p) =>
    withDoc(p.textDocument.uri, [], (a) => {
      const run = store!.settings.inlayHints ? store!.lastRun(p.textDocument.uri) : null;
      return run ? inlayHints(a, run, p.range) : [];
    }),
  );
  connection.languages.semanticTokens.on((p) => withDoc(p.textDocument.uri, { data: [] }, (a) => semanticTokens(a)));
  connection.onRequest(LastRunRequest.type, (p) => store?.lastRun(p.uri) ?? null);
  connection.onNotification(WithholdRunNotification.type, (p) => {
    // A notification from a client: validated, never trusted to be well formed.
    if (typeof p?.uri === 'string' && typeof p.withhold === 'boolean') store?.withhold(p.uri, p.withhold);
  });

  documents.onDidChangeContent((e) => store?.changed(e.document));
  documents.onDidClose((e) => store?.closed(e.document.uri));
  documents.listen(connection);
  connection.listen();
}

declare const __LWP_VERSION__: string;
