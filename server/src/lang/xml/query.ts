/** Small queries over the tolerant XML tree. */
import type { XmlAttribute, XmlDocument, XmlElement, XmlText } from './types';

export function attribute(el: XmlElement, name: string): XmlAttribute | undefined {
  return el.attributes.find((a) => a.name === name);
}

export function childElements(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

export function firstChild(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

/** Text content of an element (its own text nodes only), with the trimmed range. */
export function textContent(el: XmlElement): XmlText | undefined {
  if (el.texts.length === 0) return undefined;
  const raw = el.texts.map((t) => t.value).join('');
  const first = el.texts[0];
  const last = el.texts[el.texts.length - 1];
  if (el.texts.length === 1) {
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    // Offsets are exact when no entity changed the length.
    const rawSrc = first.end - first.start;
    if (rawSrc === raw.length) {
      return { start: first.start + lead, end: first.start + lead + trimmed.length, value: trimmed };
    }
    return { start: first.start, end: first.end, value: trimmed };
  }
  return { start: first.start, end: last.end, value: raw.trim() };
}

/** The innermost element whose span contains the offset. */
export function elementAt(doc: XmlDocument, offset: number): XmlElement | undefined {
  let found: XmlElement | undefined;
  let candidates: readonly XmlElement[] = doc.topLevel;
  for (;;) {
    const hit = candidates.find((e) => e.start < offset && offset <= e.end);
    if (!hit) return found;
    found = hit;
    candidates = hit.children;
  }
}
