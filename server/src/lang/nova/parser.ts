/**
 * nova.conf parser with source offsets. It follows oslo.config's file format
 * (`oslo_config/iniparser.py` BaseParser plus `cfg.ConfigParser`), checked
 * against oslo.config 9.0 on tricky inputs (see test/unit/nova/parser.test.ts):
 *
 *  - lines end at `\n`, `\r\n` or a lone `\r` (Python universal newlines);
 *  - each line loses its trailing whitespace first (Python's `rstrip`, so also
 *    U+00A0 and friends); an empty line ends a multi-line value;
 *  - a line that starts with a space or a tab continues the previous value, even
 *    when it looks like a comment or a key; with no value open it is a parse error;
 *  - `#` and `;` start a comment only in the first column; inside a value they are
 *    text (`virt_type = kvm # x` has the value `kvm # x`);
 *  - a header must end with `]` (no comment after it) and must not be `[]`;
 *    the name is kept as written (`[ libvirt ]` is the group " libvirt ");
 *  - `=` or `:`, whichever comes first, separates key and value; key and value are
 *    stripped; an empty key is an error; a line without either is an error;
 *  - one pair of matching quotes around the first-line value is removed (a lone
 *    `"` becomes the empty string); continuation lines are lstripped and joined
 *    with `\n`;
 *  - a key before any section is an error;
 *  - group names are normalised to lower case, except the exact `DEFAULT`
 *    (`[default]` is a different group); keys are case-sensitive.
 *
 * oslo stops at the first error and nova-compute does not start. This parser
 * records each problem and goes on, so the editor can show everything at once.
 * It never throws.
 */

export type ParseProblemCode =
  | 'no-section'
  | 'invalid-assignment'
  | 'empty-key'
  | 'unexpected-continuation'
  | 'section-end-bracket'
  | 'empty-section-name';

export interface ParseProblem {
  readonly code: ParseProblemCode;
  readonly start: number;
  readonly end: number;
}

/** One physical piece of a value: the first-line value or a continuation line. */
export interface ValuePiece {
  /** Offset in oslo's joined value where this piece begins. */
  readonly at: number;
  /** Document offsets of the piece text. */
  readonly start: number;
  readonly end: number;
}

export interface NovaSection {
  /** The name as written between the brackets. */
  readonly name: string;
  /** oslo's group key: lower case, except the exact `DEFAULT`. */
  readonly normalized: string;
  readonly headerStart: number;
  readonly headerEnd: number;
  readonly nameStart: number;
  readonly nameEnd: number;
  /** Up to the next header or the end of the file. */
  end: number;
  /** Header recovered from a malformed line (a parse problem was recorded). */
  readonly malformed: boolean;
  readonly entries: NovaEntry[];
}

export interface NovaEntry {
  /** null: the key comes before any section header. */
  readonly section: NovaSection | null;
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly separator: '=' | ':';
  readonly separatorOffset: number;
  /** The value as oslo hands it to the option type. */
  value: string;
  /** Document span of the value, from the first piece to the end of the last. */
  readonly valueStart: number;
  valueEnd: number;
  /** The first-line value was wrapped in matching quotes that oslo removed. */
  readonly quoted: boolean;
  readonly pieces: ValuePiece[];
  /** Start of the key line, and end of the last line that belongs to the entry. */
  readonly start: number;
  end: number;
}

export interface NovaComment {
  readonly start: number;
  readonly end: number;
}

export interface NovaConfFile {
  readonly text: string;
  readonly sections: readonly NovaSection[];
  /** Every assignment in document order, including ones before any section. */
  readonly entries: readonly NovaEntry[];
  readonly comments: readonly NovaComment[];
  readonly problems: readonly ParseProblem[];
}

/** Python's `str.isspace()` set; JavaScript's `trim` differs (it strips U+FEFF, keeps U+001C–U+001F, U+0085). */
export function isPyWhitespace(c: number): boolean {
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f)) return true;
  if (c < 0x85) return false;
  return (
    c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000
  );
}

/** Offsets after Python `lstrip` / before Python `rstrip` of text[start, end). */
export function pyLstrip(text: string, start: number, end: number): number {
  while (start < end && isPyWhitespace(text.charCodeAt(start))) start++;
  return start;
}
export function pyRstrip(text: string, start: number, end: number): number {
  while (end > start && isPyWhitespace(text.charCodeAt(end - 1))) end--;
  return end;
}
/** Python `str.strip()` of a whole string. */
export function pyStrip(s: string): string {
  const e = pyRstrip(s, 0, s.length);
  return s.slice(pyLstrip(s, 0, e), e);
}

/** oslo's `_normalize_group_name`. */
export function normalizeGroupName(name: string): string {
  return name === 'DEFAULT' ? name : name.toLowerCase();
}

const SPACE = 0x20;
const TAB = 0x09;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const HASH = 0x23;
const SEMI = 0x3b;
const DQUOTE = 0x22;
const SQUOTE = 0x27;

export function parseNovaConf(text: string): NovaConfFile {
  const sections: NovaSection[] = [];
  const entries: NovaEntry[] = [];
  const comments: NovaComment[] = [];
  const problems: ParseProblem[] = [];
  let section: NovaSection | null = null;
  let open: NovaEntry | null = null;

  const len = text.length;
  let ls = 0;
  while (ls <= len) {
    // Find the end of this line (universal newlines).
    let le = ls;
    while (le < len) {
      const c = text.charCodeAt(le);
      if (c === 0x0a || c === 0x0d) break;
      le++;
    }
    let next = len + 1;
    if (le < len) next = text.charCodeAt(le) === 0x0d && text.charCodeAt(le + 1) === 0x0a ? le + 2 : le + 1;

    const re = pyRstrip(text, ls, le);
    if (re === ls) {
      open = null; // a blank line ends a multi-line value
    } else {
      const first = text.charCodeAt(ls);
      if (first === SPACE || first === TAB) {
        const ps = pyLstrip(text, ls, re);
        if (open === null) {
          problems.push({ code: 'unexpected-continuation', start: ps, end: re });
        } else {
          const at = open.value.length + 1;
          open.value += '\n' + text.slice(ps, re);
          open.pieces.push({ at, start: ps, end: re });
          open.valueEnd = re;
          open.end = re;
        }
      } else {
        open = null;
        if (first === LBRACKET) {
          if (section) section.end = ls;
          section = header(text, ls, re, problems);
          sections.push(section);
        } else if (first === HASH || first === SEMI) {
          comments.push({ start: ls, end: re });
        } else {
          const entry = assignment(text, ls, re, section, problems);
          if (entry) {
            entries.push(entry);
            if (section) section.entries.push(entry);
            open = entry;
          }
        }
      }
    }
    ls = next;
  }
  if (section) section.end = len;
  return { text, sections, entries, comments, problems };
}

function header(text: string, ls: number, re: number, problems: ParseProblem[]): NovaSection {
  if (text.charCodeAt(re - 1) !== RBRACKET) {
    problems.push({ code: 'section-end-bracket', start: ls, end: re });
    // Recover `[libvirt] # note` as libvirt, so the rest of the section is still checked.
    const close = text.indexOf(']', ls + 1);
    if (close >= 0 && close < re) return makeSection(text, ls, close + 1, ls + 1, close, true);
    return makeSection(text, ls, re, ls + 1, re, true);
  }
  if (re - ls <= 2) {
    problems.push({ code: 'empty-section-name', start: ls, end: re });
    return makeSection(text, ls, re, ls + 1, ls + 1, true);
  }
  return makeSection(text, ls, re, ls + 1, re - 1, false);
}

function makeSection(
  text: string,
  start: number,
  end: number,
  nameStart: number,
  nameEnd: number,
  malformed: boolean,
): NovaSection {
  const name = text.slice(nameStart, nameEnd);
  return {
    name,
    normalized: normalizeGroupName(name),
    headerStart: start,
    headerEnd: end,
    nameStart,
    nameEnd,
    end: text.length,
    malformed,
    entries: [],
  };
}

function assignment(
  text: string,
  ls: number,
  re: number,
  section: NovaSection | null,
  problems: ParseProblem[],
): NovaEntry | null {
  let sep = -1;
  for (let i = ls; i < re; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3d || c === 0x3a) {
      sep = i;
      break;
    }
  }
  if (sep < 0) {
    problems.push({ code: 'invalid-assignment', start: ls, end: re });
    return null;
  }
  const keyEnd = pyRstrip(text, ls, sep);
  const keyStart = pyLstrip(text, ls, keyEnd);
  if (keyStart === keyEnd) {
    problems.push({ code: 'empty-key', start: ls, end: re });
    return null;
  }
  let vs = pyLstrip(text, sep + 1, re);
  let ve = re;
  let quoted = false;
  if (ve > vs) {
    const q = text.charCodeAt(vs);
    if ((q === DQUOTE || q === SQUOTE) && text.charCodeAt(ve - 1) === q) {
      quoted = true;
      vs += 1;
      ve = Math.max(vs, ve - 1);
    }
  }
  if (section === null) problems.push({ code: 'no-section', start: keyStart, end: keyEnd });
  return {
    section,
    key: text.slice(keyStart, keyEnd),
    keyStart,
    keyEnd,
    separator: text.charCodeAt(sep) === 0x3d ? '=' : ':',
    separatorOffset: sep,
    value: text.slice(vs, ve),
    valueStart: vs,
    valueEnd: ve,
    quoted,
    pieces: [{ at: 0, start: vs, end: ve }],
    start: ls,
    end: re,
  };
}

/** Document offset of a position inside oslo's joined value (clamped to the entry). */
export function valueOffsetToDoc(entry: NovaEntry, at: number): number {
  let piece = entry.pieces[0];
  for (const p of entry.pieces) {
    if (p.at > at) break;
    piece = p;
  }
  return Math.min(piece.start + (at - piece.at), piece.end);
}

/** Entries of every section whose normalised name is `group`, in document order. */
export function entriesOfGroup(file: NovaConfFile, group: string): NovaEntry[] {
  const out: NovaEntry[] = [];
  for (const s of file.sections) if (s.normalized === group) for (const e of s.entries) out.push(e);
  return out;
}

/** The value nova uses for a key in a group: the last assignment wins. */
export function lastEntry(file: NovaConfFile, group: string, key: string): NovaEntry | undefined {
  let found: NovaEntry | undefined;
  for (const s of file.sections) {
    if (s.normalized !== group) continue;
    for (const e of s.entries) if (e.key === key) found = e;
  }
  return found;
}

/** The section whose header or body contains the offset. */
export function sectionAt(file: NovaConfFile, offset: number): NovaSection | null {
  let found: NovaSection | null = null;
  for (const s of file.sections) {
    if (s.headerStart <= offset) found = s;
    else break;
  }
  return found;
}
