/**
 * Kernel command lines with offsets: `/etc/kernel/cmdline` (the whole file is the
 * command line) and the `GRUB_CMDLINE_LINUX` / `GRUB_CMDLINE_LINUX_DEFAULT`
 * assignments of `/etc/default/grub` (a shell file: single quotes, double quotes with
 * `\` escapes, `$VAR` expansions). grub-mkconfig writes
 * `linux … ${GRUB_CMDLINE_LINUX} ${GRUB_CMDLINE_LINUX_DEFAULT}`, so the second comes
 * later and wins for the same parameter (and is left out of recovery entries).
 * Tokens are split as the kernel does (blanks outside double quotes); `module.param`
 * tokens are kept, and everything after a lone `--` goes to init. Linear; never throws.
 */
import { normModule, type Word } from './parser';
import { looksLikeGrub } from './paths';

export type CmdlineSource = 'kernel-cmdline' | 'GRUB_CMDLINE_LINUX' | 'GRUB_CMDLINE_LINUX_DEFAULT';

export interface CmdlineParam {
  readonly start: number;
  readonly end: number;
  readonly module: Word;
  readonly moduleName: string;
  readonly name: Word;
  readonly key: string;
  readonly value?: Word;
  readonly valueText?: string;
  readonly source: CmdlineSource;
  /** The assignment it belongs to (grub), in file order; 0 for kernel/cmdline. */
  readonly assignment: number;
}

export interface GrubAssignment {
  readonly variable: Word;
  readonly source: CmdlineSource;
  /** The value refers to the variable itself (`"$GRUB_CMDLINE_LINUX …"`): it extends, not replaces. */
  readonly extendsSelf: boolean;
  readonly index: number;
}

export interface CmdlineFile {
  readonly text: string;
  readonly kind: 'grub' | 'kernel-cmdline';
  readonly params: readonly CmdlineParam[];
  readonly assignments: readonly GrubAssignment[];
}

/** Characters of a value and their offsets in the text. */
interface Chars {
  chars: string;
  pos: number[];
}

const ASSIGNMENT = /^[ \t]*(?:export[ \t]+)?(GRUB_CMDLINE_LINUX(?:_DEFAULT)?)=/;

/** Reads one shell word starting at `i`; returns the unquoted characters and the end. */
function shellWord(text: string, i: number): { value: Chars; end: number } {
  const value: Chars = { chars: '', pos: [] };
  const push = (c: string, at: number): void => {
    value.chars += c;
    value.pos.push(at);
  };
  let quote: '' | "'" | '"' = '';
  while (i < text.length) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = '';
      else push(c, i);
      i++;
    } else if (quote === '"') {
      if (c === '"') quote = '';
      else if (c === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1])) {
        if (text[i + 1] !== '\n') push(text[i + 1], i + 1);
        i++;
      } else push(c, i);
      i++;
    } else {
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ';' || c === '&' || c === '|') break;
      if (c === "'" || c === '"') quote = c;
      else if (c === '\\' && i + 1 < text.length) {
        if (text[i + 1] !== '\n') push(text[i + 1], i + 1);
        i++;
      } else push(c, i);
      i++;
    }
  }
  return { value, end: i };
}

function tokens(v: Chars, source: CmdlineSource, assignment: number, out: CmdlineParam[]): void {
  const s = v.chars;
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i])) i++;
    if (i >= s.length) break;
    const a = i;
    let quoted = false;
    while (i < s.length && (quoted || !/\s/.test(s[i]))) {
      if (s[i] === '"') quoted = !quoted;
      i++;
    }
    const tok = s.slice(a, i);
    if (tok === '--') return;
    const p = moduleParam(v, a, i, source, assignment);
    if (p) out.push(p);
  }
}

function moduleParam(v: Chars, a: number, b: number, source: CmdlineSource, assignment: number): CmdlineParam | undefined {
  const tok = v.chars.slice(a, b);
  const eq = tok.indexOf('=');
  const head = eq < 0 ? tok : tok.slice(0, eq);
  const dot = head.indexOf('.');
  if (dot <= 0 || dot === head.length - 1 || head.includes('$') || !/^[A-Za-z0-9_-]+$/.test(head.slice(0, dot))) return undefined;
  const w = (x: number, y: number): Word => ({ text: v.chars.slice(x, y), start: v.pos[x], end: v.pos[y - 1] + 1 });
  const module = w(a, a + dot);
  const name = w(a + dot + 1, a + head.length);
  const base = { start: v.pos[a], end: v.pos[b - 1] + 1, module, moduleName: normModule(module.text), name, key: normModule(name.text), source, assignment };
  if (eq < 0) return base;
  if (a + eq + 1 >= b) return { ...base, value: { text: '', start: v.pos[b - 1] + 1, end: v.pos[b - 1] + 1 }, valueText: '' };
  const value = w(a + eq + 1, b);
  return { ...base, value, valueText: value.text.replace(/^"(.*)"$/, '$1') };
}

function parseGrub(text: string): CmdlineFile {
  const params: CmdlineParam[] = [];
  const assignments: GrubAssignment[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const m = ASSIGNMENT.exec(text.slice(lineStart, lineEnd));
    let next = lineEnd + 1;
    if (m) {
      const source = m[1] as CmdlineSource;
      const varStart = lineStart + m[0].length - m[1].length - 1;
      const { value, end } = shellWord(text, lineStart + m[0].length);
      const index = assignments.length;
      assignments.push({ variable: { text: m[1], start: varStart, end: varStart + m[1].length }, source, extendsSelf: new RegExp(`\\$\\{?${m[1]}\\b`).test(value.chars), index });
      tokens(value, source, index, params);
      // A quoted value may span lines: go on after it.
      const after = text.indexOf('\n', end);
      next = after < 0 ? text.length + 1 : after + 1;
    }
    lineStart = next;
  }
  return { text, kind: 'grub', params, assignments };
}

export function parseCmdline(text: string, kind: 'grub' | 'kernel-cmdline' = looksLikeGrub(text) ? 'grub' : 'kernel-cmdline'): CmdlineFile {
  if (kind === 'grub') return parseGrub(text);
  const v: Chars = { chars: text, pos: Array.from({ length: text.length }, (_, i) => i) };
  const params: CmdlineParam[] = [];
  tokens(v, 'kernel-cmdline', 0, params);
  return { text, kind, params, assignments: [] };
}

/**
 * The parameters in the order the kernel sees them: for grub, the last assignment of
 * GRUB_CMDLINE_LINUX (with the ones it extends), then GRUB_CMDLINE_LINUX_DEFAULT.
 * Parameters of replaced assignments are left out.
 */
export function effectiveOrder(file: CmdlineFile): CmdlineParam[] {
  if (file.kind === 'kernel-cmdline') return [...file.params];
  const live = new Set<number>();
  for (const source of ['GRUB_CMDLINE_LINUX', 'GRUB_CMDLINE_LINUX_DEFAULT'] as const) {
    const list = file.assignments.filter((a) => a.source === source);
    for (let i = list.length - 1; i >= 0; i--) {
      live.add(list[i].index);
      if (!list[i].extendsSelf) break;
    }
  }
  const rank = (p: CmdlineParam): number => (p.source === 'GRUB_CMDLINE_LINUX' ? 0 : 1);
  return file.params.filter((p) => live.has(p.assignment)).sort((a, b) => rank(a) - rank(b) || a.start - b.start);
}
