/**
 * Structure of a nova.conf for the editor: document symbols (sections with their
 * keys, for the Outline, breadcrumbs and sticky scroll), folding ranges (each
 * section, each block of comment lines, each multi-line value) and selection
 * ranges (word → key or value → entry → section → file). Pure: offsets in, LSP
 * types out, one pass over the parse (plus a binary search per position).
 */
import {
  FoldingRangeKind, SymbolKind,
  type DocumentSymbol, type FoldingRange, type Range, type SelectionRange,
} from 'vscode-languageserver-protocol';
import { LineIndex } from '../../core/lines';
import type { NovaConfFile, NovaEntry, NovaSection } from './parser';

/** Longest value shown as a symbol's detail; the Outline is one line per key. */
const DETAIL_MAX = 60;

function rangeOf(lines: LineIndex, start: number, end: number): Range {
  return { start: lines.position(start), end: lines.position(Math.max(start, end)) };
}

/** End of the section's last non-blank content (the blank lines before the next header are not its body). */
function sectionContentEnd(file: NovaConfFile, s: NovaSection): number {
  let end = s.headerEnd;
  const lastEntry = s.entries[s.entries.length - 1];
  if (lastEntry) end = Math.max(end, lastEntry.end);
  // Comments inside the section also belong to it.
  const c = lastCommentBefore(file, s.end);
  if (c && c.start >= s.headerEnd) end = Math.max(end, c.end);
  return end;
}

function lastCommentBefore(file: NovaConfFile, offset: number): { start: number; end: number } | undefined {
  const cs = file.comments;
  let lo = 0;
  let hi = cs.length - 1;
  let found: { start: number; end: number } | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cs[mid].start < offset) {
      found = cs[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function detailOf(e: NovaEntry): string {
  const v = e.value.replace(/\s*\n\s*/g, ' ');
  return v.length > DETAIL_MAX ? `${v.slice(0, DETAIL_MAX)}…` : v;
}

/** Sections as namespaces, their keys as properties; keys before any section come first, at the top level. */
export function novaDocumentSymbols(file: NovaConfFile): DocumentSymbol[] {
  const lines = new LineIndex(file.text);
  const entrySymbol = (e: NovaEntry): DocumentSymbol => ({
    name: e.key,
    detail: detailOf(e),
    kind: SymbolKind.Property,
    range: rangeOf(lines, e.start, e.end),
    selectionRange: rangeOf(lines, e.keyStart, e.keyEnd),
  });
  const out: DocumentSymbol[] = [];
  for (const e of file.entries) if (e.section === null) out.push(entrySymbol(e));
  for (const s of file.sections) {
    out.push({
      name: s.name.trim() === '' ? `[${s.name}]` : s.name,
      kind: SymbolKind.Namespace,
      range: rangeOf(lines, s.headerStart, sectionContentEnd(file, s)),
      selectionRange: rangeOf(lines, s.nameStart, s.nameEnd),
      children: s.entries.map(entrySymbol),
    });
  }
  return out;
}

/** Each section (header to its last content line), each run of 2+ comment lines, each multi-line value. */
export function novaFoldingRanges(file: NovaConfFile): FoldingRange[] {
  const lines = new LineIndex(file.text);
  const out: FoldingRange[] = [];
  for (const s of file.sections) {
    const a = lines.position(s.headerStart).line;
    const b = lines.position(sectionContentEnd(file, s)).line;
    if (b > a) out.push({ startLine: a, endLine: b });
  }
  let runStart = -1;
  let prevLine = -2;
  const flush = (): void => {
    if (runStart >= 0 && prevLine > runStart) out.push({ startLine: runStart, endLine: prevLine, kind: FoldingRangeKind.Comment });
  };
  for (const c of file.comments) {
    const l = lines.position(c.start).line;
    if (l !== prevLine + 1) {
      flush();
      runStart = l;
    }
    prevLine = l;
  }
  flush();
  for (const e of file.entries) {
    if (e.pieces.length < 2) continue;
    const a = lines.position(e.start).line;
    const b = lines.position(e.end).line;
    if (b > a) out.push({ startLine: a, endLine: b });
  }
  return out.sort((x, y) => x.startLine - y.startLine || y.endLine - x.endLine);
}

const WORD = /[A-Za-z0-9_.+-]/;

/** The last section starting at or before the offset (binary search). */
function sectionIndexAt(file: NovaConfFile, offset: number): number {
  let lo = 0;
  let hi = file.sections.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (file.sections[mid].headerStart <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function entryAt(entries: readonly NovaEntry[], offset: number): NovaEntry | undefined {
  let lo = 0;
  let hi = entries.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = entries[mid];
    if (offset < e.start) hi = mid - 1;
    else if (offset > e.end) lo = mid + 1;
    else return e;
  }
  return undefined;
}

/** Innermost first: a nested chain of spans, each containing the last, turned into LSP's linked list. */
function chain(lines: LineIndex, spans: readonly [number, number][]): SelectionRange {
  let parent: SelectionRange | undefined;
  for (let i = spans.length - 1; i >= 0; i--) {
    const [s, e] = spans[i];
    parent = parent ? { range: rangeOf(lines, s, e), parent } : { range: rangeOf(lines, s, e) };
  }
  return parent as SelectionRange;
}

function spansAt(file: NovaConfFile, offset: number): [number, number][] {
  const text = file.text;
  const spans: [number, number][] = [];
  const si = sectionIndexAt(file, offset);
  const section = si >= 0 ? file.sections[si] : undefined;
  // Keys before the first header come first in file.entries.
  const entry = entryAt(section ? section.entries : file.entries.slice(0, file.entries.findIndex((e) => e.section !== null) >>> 0), offset);
  if (entry) {
    let ws = offset;
    while (ws > entry.start && WORD.test(text[ws - 1])) ws--;
    let we = offset;
    while (we < entry.end && WORD.test(text[we])) we++;
    if (we > ws) spans.push([ws, we]);
    if (offset >= entry.keyStart && offset <= entry.keyEnd) spans.push([entry.keyStart, entry.keyEnd]);
    else if (offset >= entry.valueStart && offset <= entry.valueEnd) spans.push([entry.valueStart, entry.valueEnd]);
    spans.push([entry.start, entry.end]);
  } else if (section && offset >= section.nameStart && offset <= section.nameEnd) {
    spans.push([section.nameStart, section.nameEnd], [section.headerStart, section.headerEnd]);
  }
  if (section) spans.push([section.headerStart, sectionContentEnd(file, section)]);
  spans.push([0, text.length]);
  // Keep each span only when it grows: LSP requires every parent to contain its child, and equal ones add nothing.
  const out: [number, number][] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s[0] === last[0] && s[1] === last[1]) continue;
    if (last && (s[0] > last[0] || s[1] < last[1])) continue;
    out.push(s);
  }
  return out;
}

/** One selection chain per requested offset, in the same order. */
export function novaSelectionRanges(file: NovaConfFile, offsets: readonly number[]): SelectionRange[] {
  const lines = new LineIndex(file.text);
  return offsets.map((o) => chain(lines, spansAt(file, o)));
}
