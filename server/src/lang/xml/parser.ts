/**
 * A small error-tolerant XML parser that keeps source offsets.
 *
 * The editor needs the exact range of every attribute value and text node, and it
 * needs a tree even while the user is half-way through typing a tag. Neither
 * fast-xml-parser nor a SAX parser gives both, so domain XML is read here. The
 * parser never throws: problems are collected in `errors` and parsing goes on.
 */

import { AttributeScanner, AttributeSource, Element, NextIndex, readName, ValueKind, type AttributeSink } from './attributes';
import { decodeEntities, isBlank, isSpaceCode } from './chars';
import type { XmlDocument, XmlElement, XmlError, XmlErrorCode } from './types';

/** Appends to a list that may still be the shared empty one (lists only ever grow here). */
function append<T>(list: readonly T[], item: T): readonly T[] {
  if (list.length === 0) return [item];
  (list as T[]).push(item);
  return list;
}

/** Names and short values repeat all through a domain (`type`, `dev`, `'virtio'`): read each once. */
const INTERN_SLOTS = 1024;
const INTERN_MAX = 32;

const ENTITY = /^&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/;

/** Attribute lists shorter than this are scanned for duplicates; longer ones use a set. */
const SCAN_LIMIT = 16;

class Parser implements AttributeSink {
  private pos = 0;
  private readonly errors: XmlError[] = [];
  private readonly topLevel: XmlElement[] = [];
  private readonly stack: Element[] = [];
  /** Stack indices of the open elements, by name: end tags find their element without a scan. */
  private readonly openByName = new Map<string, number[]>();
  /** The attribute names of the start tag being read, and past SCAN_LIMIT of them a set. */
  private readonly tagNames: string[] = [];
  private tagNameSet: Set<string> | undefined;
  private tagNameSetCount = 0;
  /** Recently read short strings, by a hash of their length and end characters. */
  private readonly interned: (string | undefined)[] = new Array<string | undefined>(INTERN_SLOTS);
  private readonly source: AttributeSource;
  private readonly scanner: AttributeScanner;
  private readonly nextAmp: NextIndex;

  constructor(private readonly text: string) {
    this.source = new AttributeSource(text);
    this.scanner = new AttributeScanner(text);
    this.nextAmp = new NextIndex(text, '&');
  }

  parse(): XmlDocument {
    const text = this.text;
    const n = text.length;
    while (this.pos < n) {
      const lt = text.indexOf('<', this.pos);
      const textEnd = lt < 0 ? n : lt;
      if (textEnd > this.pos) this.addText(this.pos, textEnd);
      if (lt < 0) break;
      this.pos = lt;
      if (text.startsWith('<!--', lt)) this.skipComment();
      else if (text.startsWith('<![CDATA[', lt)) this.readCData();
      else if (text.startsWith('<?', lt)) this.skipUntil('?>', lt + 2);
      else if (text.startsWith('<!', lt)) this.skipDoctype();
      else if (text.startsWith('</', lt)) this.readEndTag();
      else this.readStartTag();
    }
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const open = this.stack[i];
      open.end = n;
      this.error('xml-unclosed-element', open.nameStart, open.nameEnd, open.name);
    }
    this.truncate(0);
    if (this.topLevel.length === 0) this.error('xml-empty', 0, Math.min(n, 1));
    for (const extra of this.topLevel.slice(1)) {
      this.error('xml-multiple-roots', extra.nameStart, extra.nameEnd, extra.name);
    }
    return { text, root: this.topLevel[0], topLevel: this.topLevel, errors: this.errors };
  }

  private error(code: XmlErrorCode, start: number, end: number, ...args: string[]): void {
    this.errors.push({ code, start, end: Math.max(end, start), args });
  }

  private addText(start: number, end: number): void {
    // Whitespace between tags carries nothing the services read; keeping it would
    // only feed the garbage collector on large files.
    if (isBlank(this.text, start, end)) return;
    const raw = this.text.slice(start, end);
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      if (raw.trim() !== '') {
        const lead = raw.length - raw.trimStart().length;
        this.error('xml-text-outside-root', start + lead, start + raw.trimEnd().length);
      }
      return;
    }
    this.checkEntities(start, end);
    top.texts = append(top.texts, { start, end, value: decodeEntities(raw) });
  }

  /** Flags every `&` in [start, end) that does not begin a predefined entity or character reference. */
  private checkEntities(start: number, end: number): void {
    for (let amp = this.nextAmp.of(start); amp >= 0 && amp < end; amp = this.nextAmp.of(amp + 1)) {
      if (!ENTITY.test(this.text.slice(amp, Math.min(amp + 12, end)))) this.error('xml-bad-entity', amp, amp + 1);
    }
  }

  private skipComment(): void {
    const start = this.pos;
    const e = this.text.indexOf('-->', start + 4);
    if (e < 0) {
      this.error('xml-unclosed-comment', start, start + 4);
      this.pos = this.text.length;
    } else {
      this.pos = e + 3;
    }
  }

  private readCData(): void {
    const start = this.pos + 9;
    const e = this.text.indexOf(']]>', start);
    const end = e < 0 ? this.text.length : e;
    const top = this.stack[this.stack.length - 1];
    if (top) top.texts = append(top.texts, { start, end, value: this.text.slice(start, end) });
    if (e < 0) this.error('xml-unclosed-tag', this.pos, start, 'CDATA');
    this.pos = e < 0 ? this.text.length : e + 3;
  }

  private skipUntil(marker: string, from: number): void {
    const e = this.text.indexOf(marker, from);
    if (e < 0) {
      this.error('xml-unclosed-tag', this.pos, from, '?');
      this.pos = this.text.length;
    } else {
      this.pos = e + marker.length;
    }
  }

  private skipDoctype(): void {
    let depth = 0;
    for (let i = this.pos + 2; i < this.text.length; i++) {
      const c = this.text.charAt(i);
      if (c === '[') depth++;
      else if (c === ']') depth--;
      else if (c === '>' && depth <= 0) {
        this.pos = i + 1;
        return;
      }
    }
    this.error('xml-unclosed-tag', this.pos, this.pos + 2, '!DOCTYPE');
    this.pos = this.text.length;
  }

  /** `text.slice(start, end)`, reusing the string when the same short text was read recently. */
  private slice(start: number, end: number): string {
    const len = end - start;
    if (len <= 0 || len > INTERN_MAX) return this.text.slice(start, end);
    const text = this.text;
    const slot = (len * 7919 + text.charCodeAt(start) * 31 + text.charCodeAt(end - 1)) & (INTERN_SLOTS - 1);
    const hit = this.interned[slot];
    if (hit !== undefined && hit.length === len && text.startsWith(hit, start)) return hit;
    const s = text.slice(start, end);
    this.interned[slot] = s;
    return s;
  }

  private readStartTag(): void {
    const start = this.pos;
    const nameStart = start + 1;
    const nameEnd = readName(this.text, nameStart);
    if (nameEnd === nameStart) {
      // A lone '<' (often while typing). Treat it as text and move on.
      this.error('xml-invalid-name', start, start + 1);
      this.pos = start + 1;
      return;
    }
    const parent = this.stack[this.stack.length - 1];
    const el = new Element(this.source, this.slice(nameStart, nameEnd), start, nameStart, nameEnd, parent);
    if (parent) parent.children = append(parent.children, el);
    else this.topLevel.push(el);
    this.tagNames.length = 0;
    const i = this.scanner.scan(nameEnd, this);
    if (this.tagNames.length === 0) el.noAttributes();
    this.endStartTag(el, i);
  }

  /** Where the attribute scan stopped: `>`, `/>`, the `<` of the next tag, or the end of the text. */
  private endStartTag(el: Element, i: number): void {
    const text = this.text;
    if (i < text.length && text.charCodeAt(i) !== 0x3c) {
      const selfClosing = text.charCodeAt(i) === 0x2f;
      el.startTagEnd = el.end = this.pos = i + (selfClosing ? 2 : 1);
      if (!selfClosing) this.pushOpen(el);
      el.selfClosing = el.closed = selfClosing;
      return;
    }
    this.error('xml-unclosed-tag', el.start, el.nameEnd, el.name);
    el.end = this.pos = i;
    this.pushOpen(el);
  }

  /** AttributeSink: names for duplicates, and the errors; the attribute objects are built when read. */
  attribute(nameStart: number, nameEnd: number, valueStart: number, valueEnd: number, kind: ValueKind): void {
    const name = this.slice(nameStart, nameEnd);
    if (this.isDuplicate(name)) this.error('xml-duplicate-attribute', nameStart, nameEnd, name);
    this.tagNames.push(name);
    if (kind === ValueKind.Quoted) this.checkEntities(valueStart, valueEnd);
    else if (kind === ValueKind.Unclosed) this.error('xml-unclosed-quote', valueStart - 1, valueEnd, name);
    else this.error('xml-unquoted-attribute', nameStart, kind === ValueKind.Missing ? nameEnd : valueEnd, name);
  }

  invalidName(at: number): void {
    this.error('xml-invalid-name', at, at + 1);
  }

  /** Whether the tag being read already has this attribute: a scan, or past SCAN_LIMIT a set (stays linear). */
  private isDuplicate(name: string): boolean {
    const names = this.tagNames;
    if (names.length < SCAN_LIMIT) return names.includes(name);
    let set = this.tagNameSet;
    if (names.length === SCAN_LIMIT || !set) {
      set = new Set(names);
      this.tagNameSet = set;
    } else {
      for (let i = this.tagNameSetCount; i < names.length; i++) set.add(names[i]);
    }
    this.tagNameSetCount = names.length;
    return set.has(name);
  }

  private pushOpen(el: Element): void {
    this.stack.push(el);
    const at = this.openByName.get(el.name);
    if (at) at.push(this.stack.length - 1);
    else this.openByName.set(el.name, [this.stack.length - 1]);
  }

  /** Pops the stack down to `depth` elements, keeping the by-name index in step. */
  private truncate(depth: number): void {
    for (let m = this.stack.length - 1; m >= depth; m--) this.openByName.get(this.stack[m].name)?.pop();
    this.stack.length = depth;
  }

  private readEndTag(): void {
    const text = this.text;
    const start = this.pos;
    const nameStart = start + 2;
    const nameEnd = readName(text, nameStart);
    const name = this.slice(nameStart, nameEnd);
    let i = nameEnd;
    while (i < text.length && isSpaceCode(text.charCodeAt(i))) i++;
    let end: number;
    if (text.charCodeAt(i) === 0x3e) {
      end = i + 1;
    } else {
      this.error('xml-unclosed-tag', start, nameEnd, '/' + name);
      end = i;
    }
    this.pos = end;
    // Close the nearest open element with this name (by index, no stack scan); later ones are unclosed.
    const open = this.openByName.get(name);
    const k = open && open.length ? open[open.length - 1] : -1;
    if (k < 0) {
      this.error('xml-unexpected-end-tag', nameStart, nameEnd, name);
      return;
    }
    for (let m = this.stack.length - 1; m > k; m--) {
      const inner = this.stack[m];
      inner.end = start;
      this.error('xml-unclosed-element', inner.nameStart, inner.nameEnd, inner.name);
    }
    const el = this.stack[k];
    el.endTagStart = start;
    el.end = end;
    el.closed = true;
    this.truncate(k);
  }
}

export function parseXml(text: string): XmlDocument {
  return new Parser(text).parse();
}
