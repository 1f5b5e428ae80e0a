/** The VS Code webview API, typed with our protocol. In the standalone HTML export a stand-in provides it. */
import type { FromWebview, ViewState } from '../shared/protocol';

export interface HostApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: ViewState): void;
}

/** The API as VS Code gives it, untyped (the sweep view types its own messages). */
export interface RawApi {
  postMessage(m: unknown): void;
  getState(): unknown;
  setState(s: unknown): unknown;
}

declare function acquireVsCodeApi(): RawApi;

/** The panel's boot script may have acquired the API already (to report a failed start); a webview may acquire it only once, so both share it here. */
type BootGlobals = { __lwpVsCodeApi?: RawApi; __lwpBooted?: boolean };

/** The webview's one API object, acquired once and shared with the boot script. */
export function rawHostApi(): RawApi {
  const g = globalThis as typeof globalThis & BootGlobals;
  return g.__lwpVsCodeApi ?? (g.__lwpVsCodeApi = acquireVsCodeApi());
}

export function hostApi(): HostApi {
  const api = rawHostApi();
  return {
    postMessage: (m) => api.postMessage(m),
    getState: () => api.getState(),
    setState: (s) => {
      api.setState(s);
    },
  };
}

/** The chart has started: the boot script stops reporting, and its "Loading the chart…" goes. */
export function markBooted(): void {
  (globalThis as typeof globalThis & BootGlobals).__lwpBooted = true;
  document.getElementById('lwp-boot')?.remove();
}
