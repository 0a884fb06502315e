/**
 * Defensive parser of probe.sh output. The text comes from a remote host and is
 * untrusted: sizes are capped, control characters removed, unknown headers ignored.
 *
 * Format: `@name value` header lines written by the script, `|text` data lines
 * (host data as read), blank lines ignored. `@sec NAME` starts a section; the
 * other headers inside a section belong to it. `@done` ends a complete run.
 */

export const MAX_INPUT_CHARS = 8 * 1024 * 1024;
export const MAX_LINE_CHARS = 16 * 1024;
export const MAX_LINES = 200_000;

export type SectionEvent = { readonly h: string; readonly v: string } | { readonly d: string };

export interface RawSection {
  readonly name: string;
  readonly events: SectionEvent[];
}

export interface RawProbe {
  /** Format version from `@v`; undefined when the output is not probe output. */
  readonly version?: number;
  readonly kv: Readonly<Record<string, string>>;
  readonly sections: ReadonlyMap<string, RawSection>;
  /** `@missing TOOL` outside sections. */
  readonly missing: readonly string[];
  /** `@done` was seen: the script ran to the end. */
  readonly done: boolean;
  /** The input was longer than the caps and was cut. */
  readonly truncated: boolean;
}

/**
 * C0 controls except tab, DEL, C1 controls (U+009B is a one-character CSI that
 * terminals act on like ESC [), and the bidi embeddings, overrides and isolates
 * that make text display differently from what it is.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function cleanText(s: string, max = MAX_LINE_CHARS): string {
  const t = s.replace(CONTROL, '');
  return t.length > max ? t.slice(0, max) : t;
}

const NAME = /^[a-z][a-z0-9_-]{0,40}$/;

export function parseProbeOutput(input: string): RawProbe {
  let truncated = false;
  let text = typeof input === 'string' ? input : '';
  if (text.length > MAX_INPUT_CHARS) {
    text = text.slice(0, MAX_INPUT_CHARS);
    truncated = true;
  }
  const lines = text.split('\n');
  if (lines.length > MAX_LINES) {
    lines.length = MAX_LINES;
    truncated = true;
  }
  const kv: Record<string, string> = Object.create(null) as Record<string, string>;
  const sections = new Map<string, RawSection>();
  const missing: string[] = [];
  let version: number | undefined;
  let done = false;
  let current: RawSection | undefined;
  for (let raw of lines) {
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    if (raw === '') continue;
    const c = raw[0];
    if (c === '|') {
      if (current) current.events.push({ d: cleanText(raw.slice(1)) });
      continue;
    }
    if (c !== '@') continue;
    const body = cleanText(raw.slice(1));
    const sp = body.indexOf(' ');
    const key = sp < 0 ? body : body.slice(0, sp);
    const value = sp < 0 ? '' : body.slice(sp + 1);
    if (!NAME.test(key)) continue;
    switch (key) {
      case 'v': {
        const n = Number(value);
        if (version === undefined && Number.isInteger(n)) version = n;
        current = undefined;
        break;
      }
      case 'kv': {
        const s2 = value.indexOf(' ');
        const k = s2 < 0 ? value : value.slice(0, s2);
        if (NAME.test(k) && !(k in kv)) kv[k] = s2 < 0 ? '' : value.slice(s2 + 1);
        current = undefined;
        break;
      }
      case 'sec':
        if (!NAME.test(value) || sections.has(value)) {
          current = undefined;
        } else {
          current = { name: value, events: [] };
          sections.set(value, current);
        }
        break;
      case 'done':
        done = true;
        current = undefined;
        break;
      case 'missing':
        if (current) current.events.push({ h: key, v: value });
        else if (NAME.test(value)) missing.push(value);
        break;
      default:
        if (current) current.events.push({ h: key, v: value });
    }
  }
  return { version, kv, sections, missing, done, truncated };
}

/** Data lines of a section, or [] when it is absent. */
export function dataLines(raw: RawProbe, name: string): string[] {
  const s = raw.sections.get(name);
  if (!s) return [];
  const out: string[] = [];
  for (const e of s.events) if ('d' in e) out.push(e.d);
  return out;
}

/** The first header `key` in a section. */
export function header(raw: RawProbe, name: string, key: string): string | undefined {
  const s = raw.sections.get(name);
  if (!s) return undefined;
  for (const e of s.events) if ('h' in e && e.h === key) return e.v;
  return undefined;
}

/** The exit status the script recorded for a command section. */
export function exitCode(raw: RawProbe, name: string): number | undefined {
  const v = header(raw, name, 'rc');
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isInteger(n) ? n : undefined;
}
