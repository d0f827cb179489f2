/**
 * Escaping for the HTML report. Every string that comes from a report (task ids, prompts,
 * solutions, corpus paths, messages) is untrusted: it goes through `escapeHtml` when written into
 * markup, and through `jsonForScript` when embedded as data.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in element text and in double- or single-quoted attribute values. NUL becomes U+FFFD, as the HTML parser would. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]).replace(/\u0000/g, '\uFFFD');
}

/**
 * JSON for a `<script type="application/json">` block: `<`, `>` and `&` are written as \u escapes,
 * so no string in the data can close the script element or open a comment (`</script>`, `<!--`);
 * U+2028/U+2029 are escaped too so the text is also a valid JavaScript literal. JSON.parse reads
 * the escapes back as the original characters.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Only http(s) URLs become links: a report could carry `javascript:` or `data:` URLs. */
export function safeHttpUrl(url: string | undefined): string | undefined {
  return url !== undefined && /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : undefined;
}
