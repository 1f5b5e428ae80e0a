// Placeholder: the language server (issue 4).
export {};
