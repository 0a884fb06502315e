/**
 * A small error-tolerant XML parser that keeps source offsets.
 *
 * The editor needs the exact range of every attribute value and text node, and it
 * needs a tree even while the user is half-way through typing a tag. Neither
 * fast-xml-parser nor a SAX parser gives both, so domain XML is read here. The
 * parser never throws: problems are collected in `errors` and parsing goes on.
 */

import { decodeEntities, isBlank, isNameCode, isNameStartCode, isSpace, isSpaceCode } from './chars';
import type { XmlAttribute, XmlDocument, XmlElement, XmlError, XmlErrorCode } from './types';

/** An element while it is read: the parser fills in what the tree's readers only read. */
type Building = { -readonly [K in keyof XmlElement]: XmlElement[K] };

const NONE: readonly never[] = Object.freeze([]);

/** Appends to a list that may still be the shared empty one (lists only ever grow here). */
function append<T>(list: readonly T[], item: T): readonly T[] {
  if (list.length === 0) return [item];
  (list as T[]).push(item);
  return list;
}

/** Names and short values repeat all through a domain (`type`, `dev`, `'virtio'`): read each once. */
const INTERN_SLOTS = 1024;
const INTERN_MAX = 32;

/** Attribute lists shorter than this are scanned for duplicates; longer ones use a set. */
const SCAN_LIMIT = 16;

class Parser {
  private pos = 0;
  private readonly errors: XmlError[] = [];
  private readonly topLevel: XmlElement[] = [];
  private readonly stack: Building[] = [];
  /** The attributes of the start tag being read; copied once, at their final length, into the element. */
  private readonly attrs: XmlAttribute[] = [];
  /** Stack indices of the open elements, by name: end tags find their element without a scan. */
  private readonly openByName = new Map<string, number[]>();
  /** Attribute names of the element being read, once it has many. */
  private attrNames: Set<string> | undefined;
  private attrNamesCount = 0;
  /** Recently read short strings, by a hash of their length and end characters. */
  private readonly interned: (string | undefined)[] = new Array<string | undefined>(INTERN_SLOTS);
  private ltFrom = Infinity;
  private ltAt = -1;

  constructor(private readonly text: string) {}

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
    this.checkEntities(raw, start);
    top.texts = append(top.texts, { start, end, value: decodeEntities(raw) });
  }

  private checkEntities(raw: string, offset: number): void {
    let amp = raw.indexOf('&');
    while (amp >= 0) {
      const m = /^&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/.exec(raw.slice(amp, amp + 12));
      if (!m) this.error('xml-bad-entity', offset + amp, offset + amp + 1);
      amp = raw.indexOf('&', amp + 1);
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

  private readName(from: number): number {
    const text = this.text;
    const n = text.length;
    let j = from;
    if (j < n && isNameStartCode(text.charCodeAt(j))) {
      j++;
      while (j < n && isNameCode(text.charCodeAt(j))) j++;
    }
    return j;
  }

  private readStartTag(): void {
    const start = this.pos;
    const nameStart = start + 1;
    const nameEnd = this.readName(nameStart);
    if (nameEnd === nameStart) {
      // A lone '<' (often while typing). Treat it as text and move on.
      this.error('xml-invalid-name', start, start + 1);
      this.pos = start + 1;
      return;
    }
    const parent = this.stack[this.stack.length - 1];
    const el: Building = {
      name: this.slice(nameStart, nameEnd),
      start,
      nameStart,
      nameEnd,
      attributes: NONE,
      children: NONE,
      texts: NONE,
      parent,
      startTagEnd: -1,
      end: nameEnd,
      endTagStart: -1,
      selfClosing: false,
      closed: false,
    };
    if (parent) parent.children = append(parent.children, el);
    else this.topLevel.push(el);
    this.attrs.length = 0;
    this.readAttributes(el, nameEnd);
    if (this.attrs.length) el.attributes = this.attrs.slice();
  }

  /** Reads the attributes and the end of the start tag from `from`; opens the element unless it closed itself. */
  private readAttributes(el: Building, from: number): void {
    const text = this.text;
    const { start, nameEnd } = el;
    let i = from;
    const n = text.length;
    for (;;) {
      while (i < n && isSpaceCode(text.charCodeAt(i))) i++;
      if (i >= n) {
        this.error('xml-unclosed-tag', start, nameEnd, el.name);
        el.end = n;
        this.pos = n;
        this.pushOpen(el);
        return;
      }
      const c = text.charAt(i);
      if (c === '>') {
        el.startTagEnd = i + 1;
        el.end = i + 1;
        this.pos = i + 1;
        this.pushOpen(el);
        return;
      }
      if (c === '/' && text.charAt(i + 1) === '>') {
        el.startTagEnd = i + 2;
        el.end = i + 2;
        el.selfClosing = true;
        el.closed = true;
        this.pos = i + 2;
        return;
      }
      if (c === '<') {
        // The tag was never closed; the next tag starts here.
        this.error('xml-unclosed-tag', start, nameEnd, el.name);
        el.end = i;
        this.pos = i;
        this.pushOpen(el);
        return;
      }
      const attrNameEnd = this.readName(i);
      if (attrNameEnd === i) {
        this.error('xml-invalid-name', i, i + 1);
        i++;
        continue;
      }
      i = this.readAttribute(i, attrNameEnd);
    }
  }

  private readAttribute(nameStart: number, nameEnd: number): number {
    const text = this.text;
    const n = text.length;
    const name = this.slice(nameStart, nameEnd);
    if (this.isDuplicate(name)) this.error('xml-duplicate-attribute', nameStart, nameEnd, name);
    let i = nameEnd;
    while (i < n && isSpaceCode(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== 0x3d) {
      this.attrs.push({ name, nameStart, nameEnd, value: undefined, valueStart: nameEnd, valueEnd: nameEnd, valueClosed: false });
      this.error('xml-unquoted-attribute', nameStart, nameEnd, name);
      return i;
    }
    i++;
    while (i < n && isSpaceCode(text.charCodeAt(i))) i++;
    const q = text.charAt(i);
    if (q !== '"' && q !== "'") {
      // Unquoted value: read up to whitespace or tag end, keep it for recovery.
      let j = i;
      while (j < n && !isSpace(text.charAt(j)) && text.charAt(j) !== '>' && text.charAt(j) !== '<' && !text.startsWith('/>', j)) j++;
      this.attrs.push({ name, nameStart, nameEnd, value: decodeEntities(text.slice(i, j)), valueStart: i, valueEnd: j, valueClosed: false });
      this.error('xml-unquoted-attribute', nameStart, j, name);
      return j;
    }
    const valueStart = i + 1;
    // The closing quote, unless a '<' comes first (an unclosed value): two indexOf scans, not a char loop.
    const close = text.indexOf(q, valueStart);
    const lt = this.nextLt(valueStart);
    const j = close < 0 ? (lt < 0 ? n : lt) : lt >= 0 && lt < close ? lt : close;
    if (j < n && text.charAt(j) === q) {
      const raw = this.slice(valueStart, j);
      this.checkEntities(raw, valueStart);
      this.attrs.push({ name, nameStart, nameEnd, value: decodeEntities(raw), valueStart, valueEnd: j, valueClosed: true });
      return j + 1;
    }
    // Missing closing quote: the value runs to the next '<' or the end of the text.
    let valueEnd = j;
    const nl = text.indexOf('\n', valueStart);
    if (nl >= 0 && nl < valueEnd) valueEnd = nl;
    this.attrs.push({ name, nameStart, nameEnd, value: decodeEntities(text.slice(valueStart, valueEnd)), valueStart, valueEnd, valueClosed: false });
    this.error('xml-unclosed-quote', valueStart - 1, valueEnd, name);
    return j;
  }

  /** Whether the tag being read already has this attribute: a scan, or past SCAN_LIMIT a set (stays linear). */
  private isDuplicate(name: string): boolean {
    const attrs = this.attrs;
    if (attrs.length < SCAN_LIMIT) return attrs.some((a) => a.name === name);
    let names = this.attrNames;
    if (attrs.length === SCAN_LIMIT || !names) {
      names = new Set(attrs.map((a) => a.name));
      this.attrNames = names;
    } else {
      for (let i = this.attrNamesCount; i < attrs.length; i++) names.add(attrs[i].name);
    }
    this.attrNamesCount = attrs.length;
    return names.has(name);
  }

  /** The first '<' at or after `from`; remembered, so 100,000 attributes in one tag do not rescan it. */
  private nextLt(from: number): number {
    if (this.ltFrom <= from && (this.ltAt >= from || this.ltAt < 0)) return this.ltAt;
    this.ltFrom = from;
    this.ltAt = this.text.indexOf('<', from);
    return this.ltAt;
  }

  private pushOpen(el: Building): void {
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
    const nameEnd = this.readName(nameStart);
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
