/** The VS Code webview API, typed with our protocol. In the standalone HTML export a stand-in provides it. */
import type { FromWebview, ViewState } from '../shared/protocol';

export interface HostApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: ViewState): void;
}

declare function acquireVsCodeApi(): { postMessage(m: unknown): void; getState(): unknown; setState(s: unknown): unknown };

export function hostApi(): HostApi {
  const api = acquireVsCodeApi();
  return {
    postMessage: (m) => api.postMessage(m),
    getState: () => api.getState(),
    setState: (s) => {
      api.setState(s);
    },
  };
}
