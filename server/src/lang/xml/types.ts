/** The tree the tolerant XML parser builds: every value keeps its source offsets. */

export interface XmlAttribute {
  readonly name: string;
  readonly nameStart: number;
  readonly nameEnd: number;
  /** Decoded value, or undefined when the attribute has no `=value` part. */
  readonly value: string | undefined;
  /** Offsets of the raw value between the quotes. */
  readonly valueStart: number;
  readonly valueEnd: number;
  /** False when the closing quote is missing. */
  readonly valueClosed: boolean;
}

export interface XmlText {
  readonly start: number;
  readonly end: number;
  readonly value: string;
}

export interface XmlElement {
  readonly name: string;
  readonly start: number;
  readonly nameStart: number;
  readonly nameEnd: number;
  // Leaves share one empty array until the parser adds an item: most elements have no children or text.
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlElement[];
  readonly texts: readonly XmlText[];
  readonly parent: XmlElement | undefined;
  /** Offset just after the `>` of the start tag, or -1 when the start tag never closed. */
  startTagEnd: number;
  /** Offset just after the end tag (or the self-closing `/>`), or the end of what was read. */
  end: number;
  /** Offset of the `</` of the end tag, or -1. */
  endTagStart: number;
  selfClosing: boolean;
  /** True when the element was closed by its own end tag or `/>`. */
  closed: boolean;
}

export type XmlErrorCode =
  | 'xml-unclosed-element'
  | 'xml-unexpected-end-tag'
  | 'xml-unclosed-tag'
  | 'xml-unclosed-quote'
  | 'xml-unquoted-attribute'
  | 'xml-duplicate-attribute'
  | 'xml-invalid-name'
  | 'xml-text-outside-root'
  | 'xml-multiple-roots'
  | 'xml-unclosed-comment'
  | 'xml-bad-entity'
  | 'xml-empty';

export interface XmlError {
  readonly code: XmlErrorCode;
  readonly start: number;
  readonly end: number;
  /** Names involved, for the message. */
  readonly args: readonly string[];
}

export interface XmlDocument {
  readonly text: string;
  readonly root: XmlElement | undefined;
  /** All top-level elements; more than one is an error but all are kept. */
  readonly topLevel: XmlElement[];
  readonly errors: XmlError[];
}
