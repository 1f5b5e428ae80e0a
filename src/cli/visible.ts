/**
 * Control characters made visible before anything reaches the user's
 * terminal. A scenario title or a stray character in a file can hold ESC,
 * a C1 control or a bidirectional override; printed raw, it would move the
 * cursor, recolour or rewrite the screen, or reorder what the user reads.
 * Each is shown as its `\uXXXX` escape instead, which is also a valid escape
 * inside the JSON strings of `--json` output (the JSON stays valid and
 * decodes to the same text). Newline and tab are left as they are.
 */
// C0 controls but tab and newline, DEL, C1 controls, and the bidirectional marks, embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function visible(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
