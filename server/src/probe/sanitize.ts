/**
 * Strings from the remote host, from file names and from inventories reach the terminal and
 * reports. Control characters (C0, DEL, C1), line and paragraph separators (U+2028/2029) and
 * bidirectional marks and overrides (LRM, RLM, ALM, U+202A–202E, U+2066–2069) could rewrite
 * what the reader sees; they are shown as visible `\u{…}` escapes instead.
 */
// eslint-disable-next-line no-control-regex
export const UNSAFE_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The text with every unsafe character escaped, cut at `max` characters. */
export function sanitize(text: string, max = 4096): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return cut.replace(UNSAFE_CHARS, (c) => `\\u{${c.charCodeAt(0).toString(16).padStart(4, '0')}}`);
}
