/**
 * Colours for the current VS Code theme: the state palette (light or dark
 * variant) as ImageData words, plus the chrome colours read from the
 * `--vscode-*` variables VS Code sets on the page.
 */
import { STATE_STYLES, mixHex, rgbaWord } from '../../core/chart/palette';

export interface ChartTheme {
  readonly dark: boolean;
  readonly highContrast: boolean;
  readonly background: string;
  readonly foreground: string;
  readonly muted: string;
  readonly grid: string;
  /** Background of a run's header band (compare). */
  readonly band: string;
  readonly focus: string;
  readonly font: string;
  readonly bgWord: number;
  /** Per state (0..255): fill, hatch stripe, their dimmed variants (another thread is selected), and the boundary colour. */
  readonly base: Uint32Array;
  readonly alt: Uint32Array;
  readonly dimBase: Uint32Array;
  readonly dimAlt: Uint32Array;
  readonly edge: Uint32Array;
  readonly patterned: Uint8Array;
  readonly highlightWord: number;
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const v = style.getPropertyValue(name).trim();
  return v || fallback;
}

/** Any CSS colour → `#RRGGBB`, resolved by the browser (theme variables may be rgba() or names). */
function toHex(color: string, fallback: string): string {
  if (/^#[0-9a-f]{6}$/i.test(color)) return color;
  if (/^#[0-9a-f]{8}$/i.test(color)) return color.slice(0, 7);
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return fallback;
  ctx.fillStyle = fallback;
  ctx.fillStyle = color;
  const out = ctx.fillStyle;
  return /^#[0-9a-f]{6}$/i.test(out) ? out : fallback;
}

export function readTheme(): ChartTheme {
  const body = document.body;
  const dark = body.classList.contains('vscode-dark') || body.classList.contains('vscode-high-contrast');
  const highContrast = body.classList.contains('vscode-high-contrast') || body.classList.contains('vscode-high-contrast-light');
  const cs = getComputedStyle(body);
  const background = toHex(cssVar(cs, '--vscode-editor-background', dark ? '#1E1E1E' : '#FFFFFF'), dark ? '#1E1E1E' : '#FFFFFF');
  const foreground = toHex(cssVar(cs, '--vscode-editor-foreground', dark ? '#CCCCCC' : '#1F1F1F'), dark ? '#CCCCCC' : '#1F1F1F');
  const muted = toHex(cssVar(cs, '--vscode-descriptionForeground', mixHex(foreground, background, 0.35)), mixHex(foreground, background, 0.35));
  const grid = highContrast ? toHex(cssVar(cs, '--vscode-contrastBorder', foreground), foreground) : mixHex(foreground, background, 0.85);
  const band = mixHex(foreground, background, 0.9);
  const focus = toHex(cssVar(cs, '--vscode-focusBorder', '#007FD4'), '#007FD4');
  const font = `${cssVar(cs, '--vscode-font-size', '12px')} ${cssVar(cs, '--vscode-font-family', 'system-ui, sans-serif')}`;
  const base = new Uint32Array(256);
  const alt = new Uint32Array(256);
  const dimBase = new Uint32Array(256);
  const dimAlt = new Uint32Array(256);
  const edge = new Uint32Array(256);
  const patterned = new Uint8Array(256);
  const bgWord = rgbaWord(background);
  base.fill(bgWord);
  alt.fill(bgWord);
  dimBase.fill(bgWord);
  dimAlt.fill(bgWord);
  edge.fill(bgWord);
  for (const [s, style] of STATE_STYLES) {
    if (style.blank) continue;
    const c = dark ? style.dark : style.light;
    const stripe = mixHex(c, dark ? '#000000' : '#FFFFFF', 0.55);
    base[s] = rgbaWord(c);
    alt[s] = rgbaWord(stripe);
    dimBase[s] = rgbaWord(mixHex(c, background, 0.72));
    dimAlt[s] = rgbaWord(mixHex(stripe, background, 0.72));
    edge[s] = rgbaWord(mixHex(c, dark ? '#FFFFFF' : '#000000', highContrast ? 0.8 : 0.45));
    patterned[s] = style.pattern ? 1 : 0;
  }
  return { dark, highContrast, background, foreground, muted, grid, band, focus, font, bgWord, base, alt, dimBase, dimAlt, edge, patterned, highlightWord: rgbaWord(focus) };
}
