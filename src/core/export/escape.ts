/**
 * Characters XML 1.0 forbids even as character references (C0 controls but
 * tab, newline and carriage return; U+FFFE and U+FFFF; lone surrogates), and
 * the C1 controls and DEL it discourages. A scenario title may hold any of
 * them (a string accepts them); one in an SVG makes the whole file invalid.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text for XML/HTML element content and attribute values: every name from a
 * file goes through here. Markup characters become entities; characters XML
 * cannot carry become their visible `\uXXXX` escape (as the CLI shows them).
 */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

/**
 * JSON that may sit inside a `<script>` element: `<` is escaped so no
 * `</script>` or `<!--` in the data can end the element early.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Script source that may sit inside a `<script>` element (`</script` cannot end it). */
export function scriptForHtml(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}
