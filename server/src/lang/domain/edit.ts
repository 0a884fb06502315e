/**
 * Small text helpers shared by completion and code actions: the quote style in
 * use, line indentation, and the word around an offset.
 */
import type { Range } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { XmlAttribute, XmlDocument, XmlElement } from '../xml';

export type Quote = "'" | '"';

/** The quote an attribute was written with, if any. */
export function quoteOfAttribute(text: string, a: XmlAttribute): Quote | undefined {
  if (a.value === undefined || a.valueStart === 0) return undefined;
  const c = text.charAt(a.valueStart - 1);
  return c === "'" || c === '"' ? c : undefined;
}

/**
 * The quote style to write: the element's own attributes first, then the most
 * common style in the document; libvirt's dumpxml writes single quotes.
 */
export function quoteStyle(xml: XmlDocument, el?: XmlElement): Quote {
  for (const a of el?.attributes ?? []) {
    const q = quoteOfAttribute(xml.text, a);
    if (q) return q;
  }
  let style = DOCUMENT_QUOTES.get(xml);
  if (!style) {
    let single = 0;
    let double = 0;
    // Iterative and once per parse: the tree's depth and size are the user's.
    const stack: XmlElement[] = [...xml.topLevel];
    for (let e = stack.pop(); e; e = stack.pop()) {
      for (const a of e.attributes) {
        const q = quoteOfAttribute(xml.text, a);
        if (q === "'") single++;
        else if (q === '"') double++;
      }
      for (const c of e.children) stack.push(c);
    }
    style = double > single ? '"' : "'";
    DOCUMENT_QUOTES.set(xml, style);
  }
  return style;
}

/** The most common quote of each parsed document, counted once. */
const DOCUMENT_QUOTES = new WeakMap<XmlDocument, Quote>();

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The whitespace before `offset` on its line, or undefined when something else precedes it. */
export function leadingIndent(text: string, offset: number): string | undefined {
  const before = text.slice(lineStart(text, offset), offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

/** One indentation step as the document writes it (two spaces when nothing tells). */
export function indentUnit(xml: XmlDocument): string {
  const root = xml.root;
  if (!root) return '  ';
  const base = leadingIndent(xml.text, root.start) ?? '';
  for (const c of root.children) {
    const ind = leadingIndent(xml.text, c.start);
    if (ind !== undefined && ind.length > base.length && ind.startsWith(base)) return ind.slice(base.length);
  }
  return '  ';
}

const WORD = /[A-Za-z0-9_.-]/;

/** The run of name characters (letters, digits, `_ . -`) around the offset. */
export function wordAround(text: string, offset: number, limitStart = 0, limitEnd = text.length): { start: number; end: number } {
  let start = offset;
  while (start > limitStart && WORD.test(text.charAt(start - 1))) start--;
  let end = offset;
  while (end < limitEnd && WORD.test(text.charAt(end))) end++;
  return { start, end };
}

export function toRange(doc: TextDocument, start: number, end: number): Range {
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

/** Escapes a value for an attribute written with the given quote. */
export function escapeAttr(value: string, q: Quote): string {
  const s = value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return q === "'" ? s.replace(/'/g, '&apos;') : s.replace(/"/g, '&quot;');
}
