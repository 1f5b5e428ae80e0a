// The LSP packages publish their entry points only through `exports`
// (`vscode-languageserver/node`, `/browser`, and the neutral `.`), which the
// project's `moduleResolution: node10` does not read; esbuild does. These
// declarations point the type checker at the same files esbuild bundles.
declare module 'vscode-languageserver/node' {
  export * from 'vscode-languageserver/lib/node/main';
}
declare module 'vscode-languageclient/node' {
  export * from 'vscode-languageclient/lib/node/main';
}
declare module 'vscode-languageserver-protocol/node' {
  export * from 'vscode-languageserver-protocol/lib/node/main';
}
declare module 'vscode-jsonrpc/node' {
  export * from 'vscode-jsonrpc/lib/node/main';
}
declare module 'vscode-languageserver-protocol' {
  export * from 'vscode-languageserver-protocol/lib/common/api';
}
declare module 'vscode-jsonrpc' {
  export * from 'vscode-jsonrpc/lib/common/api';
}
// The environment-neutral API (what the server's and client's feature code
// imports) and the browser entry points (the web extension and its server).
declare module 'vscode-languageserver' {
  export * from 'vscode-languageserver/lib/common/api';
}
declare module 'vscode-languageserver/browser' {
  export * from 'vscode-languageserver/lib/browser/main';
}
declare module 'vscode-languageclient' {
  export * from 'vscode-languageclient/lib/common/api';
}
declare module 'vscode-languageclient/browser' {
  export * from 'vscode-languageclient/lib/browser/main';
}
declare module 'vscode-languageserver-protocol/browser' {
  export * from 'vscode-languageserver-protocol/lib/browser/main';
}
declare module 'vscode-jsonrpc/browser' {
  export * from 'vscode-jsonrpc/lib/browser/main';
}
