// Types of lib.mjs for the TypeScript tests that exercise the harness itself.
export interface Profile {
  readonly dir: string;
  readonly args: string[];
  readonly extensionsDir: string;
}
export interface CodeServer {
  readonly url: string;
  readonly host: string;
  readonly pid: number;
  readonly log: string;
  readonly exited: Promise<number | string>;
  stop(): Promise<void>;
}
export const root: string;
export function onCleanup(fn: () => unknown): () => void;
export function cleanupAll(): Promise<void>;
export function descendants(pid: number): number[];
export function killTree(pid: number, graceMs?: number): Promise<void>;
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T>;
export function freePort(): Promise<number>;
export function runDir(name: string): { dir: string; tmp: string; dispose(keep?: boolean): void };
export function isolatedEnv(dir: string, tmp: string): NodeJS.ProcessEnv;
export function newProfile(dir: string, name: string, opts?: { keepSettings?: boolean }): Profile;
export function startCodeServer(opts: { codeServer: string; profile: Profile; folder: string; env: NodeJS.ProcessEnv; timeoutMs?: number; port?: number }): Promise<CodeServer>;
export function workbenchUrl(server: { url: string; host: string }, folder: string, payload?: Record<string, string>): string;
