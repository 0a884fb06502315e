/**
 * Reading the attributes of a start tag, once for the parser and again, lazily, for a reader.
 *
 * The parser needs only where a start tag ends, the attribute names (for duplicates) and the
 * errors; most attributes of a large domain (every <disk>'s driver, source, target and
 * address) are never read by a service. So the parser scans them without building objects,
 * and an element builds its attribute list the first time `attributes` is read, with the same
 * scan. One scanner decides both times where each attribute and the tag end.
 */
import { decodeEntities, isNameCode, isNameStartCode, isSpace, isSpaceCode } from './chars';
import type { XmlAttribute, XmlElement, XmlText } from './types';

/**
 * How an attribute's value was written: `name` alone, `name=value` without quotes,
 * `name='value'`, or `name='value` with no closing quote before the next `<` or the end.
 */
export const ValueKind = { Missing: 0, Unquoted: 1, Quoted: 2, Unclosed: 3 } as const;
export type ValueKind = (typeof ValueKind)[keyof typeof ValueKind];

export interface AttributeSink {
  attribute(nameStart: number, nameEnd: number, valueStart: number, valueEnd: number, kind: ValueKind): void;
  /** A character where an attribute name should start. The scan goes on after it. */
  invalidName(at: number): void;
}

/**
 * The first position at or after `from` of one character, remembered: asked for increasing
 * positions (the attributes of one tag, the values of a document) it scans each part of the
 * text once, so 100,000 attributes in one tag do not rescan it.
 */
export class NextIndex {
  private from = Infinity;
  private at = -1;

  constructor(
    private readonly text: string,
    private readonly char: string,
  ) {}

  of(from: number): number {
    if (this.from <= from && (this.at >= from || this.at < 0)) return this.at;
    this.from = from;
    this.at = this.text.indexOf(this.char, from);
    return this.at;
  }
}

export function readName(text: string, from: number): number {
  const n = text.length;
  let j = from;
  if (j < n && isNameStartCode(text.charCodeAt(j))) {
    j++;
    while (j < n && isNameCode(text.charCodeAt(j))) j++;
  }
  return j;
}

export class AttributeScanner {
  private readonly lt: NextIndex;

  constructor(private readonly text: string) {
    this.lt = new NextIndex(text, '<');
  }

  /**
   * Reads attributes from `from` and returns where the start tag stops: at its `>`, at the
   * `/` of its `/>`, at a `<` that starts the next tag, or at the end of the text.
   */
  scan(from: number, sink: AttributeSink): number {
    const text = this.text;
    const n = text.length;
    let i = from;
    for (;;) {
      while (i < n && isSpaceCode(text.charCodeAt(i))) i++;
      if (i >= n) return n;
      const c = text.charCodeAt(i);
      if (c === 0x3e || c === 0x3c || (c === 0x2f && text.charCodeAt(i + 1) === 0x3e)) return i;
      const nameEnd = readName(text, i);
      if (nameEnd === i) {
        sink.invalidName(i);
        i++;
        continue;
      }
      i = this.value(i, nameEnd, sink);
    }
  }

  private value(nameStart: number, nameEnd: number, sink: AttributeSink): number {
    const text = this.text;
    const n = text.length;
    let i = nameEnd;
    while (i < n && isSpaceCode(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== 0x3d) {
      sink.attribute(nameStart, nameEnd, nameEnd, nameEnd, ValueKind.Missing);
      return i;
    }
    i++;
    while (i < n && isSpaceCode(text.charCodeAt(i))) i++;
    const q = text.charAt(i);
    if (q !== '"' && q !== "'") {
      // Unquoted value: up to whitespace or the tag's end, kept for recovery.
      let j = i;
      while (j < n && !isSpace(text.charAt(j)) && text.charAt(j) !== '>' && text.charAt(j) !== '<' && !text.startsWith('/>', j)) j++;
      sink.attribute(nameStart, nameEnd, i, j, ValueKind.Unquoted);
      return j;
    }
    const valueStart = i + 1;
    // The closing quote, unless a '<' comes first (an unclosed value).
    const close = text.indexOf(q, valueStart);
    const lt = this.lt.of(valueStart);
    const j = close < 0 ? (lt < 0 ? n : lt) : lt >= 0 && lt < close ? lt : close;
    if (j < n && text.charAt(j) === q) {
      sink.attribute(nameStart, nameEnd, valueStart, j, ValueKind.Quoted);
      return j + 1;
    }
    // Missing closing quote: the value is the rest of its line, the tag runs to the next '<'.
    let valueEnd = valueStart;
    while (valueEnd < j && text.charCodeAt(valueEnd) !== 0x0a) valueEnd++;
    sink.attribute(nameStart, nameEnd, valueStart, valueEnd, ValueKind.Unclosed);
    return j;
  }
}

/** Builds the attribute objects of one start tag. */
class ListSink implements AttributeSink {
  readonly list: XmlAttribute[] = [];

  constructor(private readonly text: string) {}

  attribute(nameStart: number, nameEnd: number, valueStart: number, valueEnd: number, kind: ValueKind): void {
    const value = kind === ValueKind.Missing ? undefined : decodeEntities(this.text.slice(valueStart, valueEnd));
    this.list.push({ name: this.text.slice(nameStart, nameEnd), nameStart, nameEnd, value, valueStart, valueEnd, valueClosed: kind === ValueKind.Quoted });
  }

  invalidName(): void {
    // Reported by the parser.
  }
}

const NONE: readonly never[] = Object.freeze([]);

/** The source an element reads its attributes from, shared by all elements of one parse. */
export class AttributeSource {
  private scanner: AttributeScanner | undefined;

  constructor(readonly text: string) {}

  read(from: number): readonly XmlAttribute[] {
    this.scanner ??= new AttributeScanner(this.text);
    const sink = new ListSink(this.text);
    this.scanner.scan(from, sink);
    return sink.list;
  }
}

/** An element of the tree. The parser fills in the fields; `attributes` is read on first use. */
export class Element implements XmlElement {
  children: readonly XmlElement[] = NONE;
  texts: readonly XmlText[] = NONE;
  startTagEnd = -1;
  end: number;
  endTagStart = -1;
  selfClosing = false;
  closed = false;
  /** Undefined until read; the parser sets the shared empty list when the tag has none. */
  private attrs: readonly XmlAttribute[] | undefined;

  constructor(
    private readonly source: AttributeSource,
    readonly name: string,
    readonly start: number,
    readonly nameStart: number,
    readonly nameEnd: number,
    readonly parent: XmlElement | undefined,
  ) {
    this.end = nameEnd;
  }

  get attributes(): readonly XmlAttribute[] {
    this.attrs ??= this.source.read(this.nameEnd);
    return this.attrs;
  }

  /** Called by the parser for a start tag without attributes. */
  noAttributes(): void {
    this.attrs = NONE;
  }
}
