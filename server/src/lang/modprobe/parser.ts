/**
 * modprobe.d files as kmod reads them (libkmod-config.c, modprobe.d(5)), with
 * offsets for every word:
 *  - a `\` right before the line break joins the next line (the two characters
 *    vanish, so words can continue across it);
 *  - a line whose first word starts with `#` is a comment; a `#` later on the line
 *    is an ordinary character (kmod passes it on);
 *  - the first word is the command, compared case-sensitively: alias, options,
 *    install, remove, blacklist, softdep, weakdep; anything else is ignored with
 *    "ignoring bad line";
 *  - module names compare with `-` and `_` alike;
 *  - the words after `options MODULE` go to the kernel, which splits them at blanks
 *    outside double quotes (kernel/params.c next_arg) and strips the quotes.
 * Linear in the text; never throws.
 */

export interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export const COMMANDS = ['options', 'blacklist', 'install', 'remove', 'softdep', 'alias', 'weakdep'] as const;
export type Command = (typeof COMMANDS)[number];

export interface Param {
  /** The whole `name=value` token. */
  readonly start: number;
  readonly end: number;
  readonly name: Word;
  /** Normalised (`-` → `_`), as the kernel compares parameter names. */
  readonly key: string;
  /** Undefined for a bare `name` (a bool parameter then means Y). */
  readonly value?: Word;
  /** The value without the kernel's double quotes. */
  readonly valueText?: string;
}

export interface Directive {
  /** Offsets of the logical line (continuations included), without the line break. */
  readonly start: number;
  readonly end: number;
  readonly keyword: Word;
  /** Known command, or undefined for a line kmod ignores. */
  readonly command?: Command;
  readonly args: readonly Word[];
  /** The module the line is about (the second word of `alias`), when present. */
  readonly module?: Word;
  /** Normalised module name. */
  readonly moduleName?: string;
  /** `options` only. */
  readonly params: readonly Param[];
  /** `install`/`remove`: the shell command, from its first word to the end. */
  readonly shell?: Word;
  /** True when the line ends in a comment-looking word kmod passes on (`options m a=1 # x`). */
  readonly hashAt?: number;
}

export interface CommentContinuation {
  /** The comment line that ends in `\`. */
  readonly start: number;
  readonly end: number;
}

export interface ModprobeFile {
  readonly text: string;
  readonly directives: readonly Directive[];
  /** Comments whose trailing `\` swallows the next line. */
  readonly swallowing: readonly CommentContinuation[];
}

export function normModule(name: string): string {
  return name.replace(/-/g, '_');
}

/** One logical line: its characters and, for each, the offset in the text. */
interface Logical {
  readonly chars: string;
  readonly pos: readonly number[];
  readonly start: number;
  readonly end: number;
  readonly continued: boolean;
}

function* logicalLines(text: string): Generator<Logical> {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = i;
    let chars = '';
    const pos: number[] = [];
    let continued = false;
    let end = i;
    while (i < n) {
      const c = text[i];
      if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) break;
      if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
        i += text[i + 1] === '\n' ? 2 : 3;
        continued = true;
        end = i;
        continue;
      }
      chars += c;
      pos.push(i);
      i++;
      end = i;
    }
    yield { chars, pos, start, end, continued };
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
  }
}

const isBlank = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v';

function words(l: Logical, from = 0): Word[] {
  const out: Word[] = [];
  let i = from;
  while (i < l.chars.length) {
    while (i < l.chars.length && isBlank(l.chars[i])) i++;
    if (i >= l.chars.length) break;
    const s = i;
    while (i < l.chars.length && !isBlank(l.chars[i])) i++;
    out.push({ text: l.chars.slice(s, i), start: l.pos[s], end: l.pos[i - 1] + 1 });
  }
  return out;
}

/** Index in `l.chars` of the character at text offset `offset`. */
function indexAt(l: Logical, offset: number): number {
  let lo = 0;
  let hi = l.pos.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (l.pos[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The kernel's split of a parameter string: blanks outside double quotes. */
function kernelParams(l: Logical, from: number): Param[] {
  const out: Param[] = [];
  const s = l.chars;
  let i = from;
  while (i < s.length) {
    while (i < s.length && isBlank(s[i])) i++;
    if (i >= s.length) break;
    const tokStart = i;
    let quoted = false;
    let eq = -1;
    while (i < s.length && (quoted || !isBlank(s[i]))) {
      if (s[i] === '"') quoted = !quoted;
      else if (s[i] === '=' && eq < 0 && !quoted) eq = i;
      i++;
    }
    out.push(param(l, tokStart, i, eq));
  }
  return out;
}

function param(l: Logical, s: number, e: number, eq: number): Param {
  const at = (a: number, b: number): Word => ({ text: l.chars.slice(a, b), start: l.pos[a] ?? l.end, end: b > a ? l.pos[b - 1] + 1 : (l.pos[a] ?? l.end) });
  const nameEnd = eq < 0 ? e : eq;
  const name = at(s, nameEnd);
  const base = { start: l.pos[s], end: l.pos[e - 1] + 1, name: { ...name, text: name.text.replace(/"/g, '') }, key: normModule(name.text.replace(/"/g, '')) };
  if (eq < 0) return base;
  const value = at(eq + 1, e);
  let valueText = value.text;
  if (valueText.startsWith('"')) valueText = valueText.slice(1, valueText.endsWith('"') && valueText.length > 1 ? -1 : undefined);
  return { ...base, value, valueText };
}

function directive(l: Logical): Directive | undefined {
  const ws = words(l);
  if (ws.length === 0 || ws[0].text.startsWith('#')) return undefined;
  const keyword = ws[0];
  const command = (COMMANDS as readonly string[]).includes(keyword.text) ? (keyword.text as Command) : undefined;
  const args = ws.slice(1);
  const module = command === 'alias' ? args[1] : args[0];
  let params: Param[] = [];
  let shell: Word | undefined;
  let hashAt: number | undefined;
  if (command === 'options' && args[0]) {
    params = kernelParams(l, indexAt(l, args[0].end));
    hashAt = params.find((p) => p.name.text.startsWith('#'))?.start;
  } else if ((command === 'install' || command === 'remove') && args[1]) {
    shell = { text: l.chars.slice(indexAt(l, args[1].start)).trimEnd(), start: args[1].start, end: args[args.length - 1].end };
  }
  return {
    start: l.start,
    end: l.end,
    keyword,
    command,
    args,
    module,
    moduleName: module ? normModule(module.text) : undefined,
    params,
    shell,
    hashAt,
  };
}

export function parseModprobe(text: string): ModprobeFile {
  const directives: Directive[] = [];
  const swallowing: CommentContinuation[] = [];
  for (const l of logicalLines(text)) {
    const d = directive(l);
    if (d) directives.push(d);
    else if (l.continued && /^[ \t]*#/.test(l.chars)) swallowing.push({ start: l.start, end: l.end });
  }
  return { text, directives, swallowing };
}
