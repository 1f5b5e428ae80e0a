/** The VS Code webview API, typed with our protocol. In the standalone HTML export a stand-in provides it. */
import type { FromWebview, ViewState } from '../shared/protocol';

export interface HostApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: ViewState): void;
}

interface RawApi {
  postMessage(m: unknown): void;
  getState(): unknown;
  setState(s: unknown): unknown;
}

declare function acquireVsCodeApi(): RawApi;

/** The panel's boot script may have acquired the API already (to report a failed start); a webview may acquire it only once, so both share it here. */
type BootGlobals = { __lwpVsCodeApi?: RawApi; __lwpBooted?: boolean };

export function hostApi(): HostApi {
  const g = globalThis as typeof globalThis & BootGlobals;
  const api = g.__lwpVsCodeApi ?? (g.__lwpVsCodeApi = acquireVsCodeApi());
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
