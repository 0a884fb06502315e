/**
 * Rewrites a `<cpu>` element to host-passthrough: the surest way to give a guest
 * vmx/svm. Keeps what still applies (topology, numa, cache, maxphysaddr, features,
 * check, migratable) as written; drops what host-passthrough ignores or rejects
 * (`<model>`, `<vendor>`, `match`).
 */
import type { XmlDocument } from '../xml';
import { escapeAttr, indentUnit, leadingIndent, quoteOfAttribute, quoteStyle } from './edit';
import type { CpuInfo } from './model';

/** Children that keep their meaning under host-passthrough. */
const KEPT_CHILDREN = new Set(['topology', 'numa', 'cache', 'maxphysaddr', 'feature']);
const KEPT_ATTRIBUTES = ['check', 'migratable'];

/** The replacement text for the whole element, or undefined when it cannot be rewritten safely. */
export function hostPassthroughText(xml: XmlDocument, cpu: CpuInfo): string | undefined {
  const el = cpu.el;
  if (!el.closed) return undefined;
  const text = xml.text;
  const q = quoteStyle(xml, el);
  const attrs = [`mode=${q}${escapeAttr('host-passthrough', q)}${q}`];
  for (const name of KEPT_ATTRIBUTES) {
    const a = el.attributes.find((x) => x.name === name);
    if (!a || a.value === undefined) continue;
    // Keep the attribute as written when it is well-formed; otherwise write it anew.
    const aq = quoteOfAttribute(text, a);
    attrs.push(aq && a.valueClosed ? text.slice(a.nameStart, a.valueEnd + 1) : `${name}=${q}${escapeAttr(a.value, q)}${q}`);
  }
  const kept = el.children.filter((c) => KEPT_CHILDREN.has(c.name));
  const open = `<cpu ${attrs.join(' ')}`;
  if (kept.length === 0) return `${open}/>`;
  const base = leadingIndent(text, el.start) ?? '';
  const childIndent = base + indentUnit(xml);
  const lines = kept.map((c) => (leadingIndent(text, c.start) ?? childIndent) + text.slice(c.start, c.end));
  return `${open}>\n${lines.join('\n')}\n${base}</cpu>`;
}
