/**
 * Completion in libvirt domain XML: element names in `<domain>` and `<cpu>`,
 * attribute names and values, `<model>` and `<vendor>` text from cpu_map, and
 * (for clients other than VS Code) the domain snippets.
 *
 * The cursor's place is read from the tolerant XML tree, so half-typed tags and
 * values (`<model>Sky`, `<cpu mode='host-` at the end of the file) still work.
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ArchCatalog } from '../cpumap/catalog';
import type { XmlAttribute, XmlElement } from '../xml';
import { domainT, type DomainContext } from './context';
import { escapeAttr, indentUnit, quoteOfAttribute, quoteStyle, toRange, wordAround, type Quote } from './edit';
import type { DomainMessageKey } from './messages';
import { CPU_CHECKS, CPU_MATCHES, CPU_MODES, FEATURE_POLICIES, MODEL_FALLBACKS, ON_OFF, VCPU_PLACEMENTS, type CpuInfo, type DomainInfo } from './model';
import { featureMarkdown, modeKey } from './hover';
import { cpuVendor, nestedFeatureFor } from './diagnostics';
import { snippetItems } from './snippets';

type T = ReturnType<typeof domainT>;

/** Attributes offered per element, in the order they are usually written. */
const ATTRIBUTES: Record<string, readonly string[]> = {
  cpu: ['mode', 'match', 'check', 'migratable'],
  model: ['fallback', 'vendor_id'],
  feature: ['policy', 'name'],
  topology: ['sockets', 'dies', 'clusters', 'cores', 'threads'],
  cache: ['level', 'mode'],
  maxphysaddr: ['mode', 'bits'],
  vcpu: ['placement', 'cpuset', 'current'],
};

/** Enumerated attribute values per `element@attribute`. */
const VALUES: Record<string, readonly string[]> = {
  'cpu@mode': CPU_MODES,
  'cpu@match': CPU_MATCHES,
  'cpu@check': CPU_CHECKS,
  'cpu@migratable': ON_OFF,
  'cpu@deprecated_features': ON_OFF,
  'model@fallback': MODEL_FALLBACKS,
  'feature@policy': FEATURE_POLICIES,
  'cache@level': ['1', '2', '3'],
  'cache@mode': ['emulate', 'passthrough', 'disable'],
  'maxphysaddr@mode': ['emulate', 'passthrough'],
  'vcpu@placement': VCPU_PLACEMENTS,
};

/** Element bodies after the `<`, as snippets; `Q` stands for the quote. */
const ELEMENTS: Record<string, string> = {
  cpu: "cpu mode=Q${1|host-passthrough,host-model,custom,maximum|}Q>$0</cpu>",
  vcpu: "vcpu placement=Q${1|static,auto|}Q>${2:2}</vcpu>",
  model: "model fallback=Q${1|allow,forbid|}Q>$2</model>",
  vendor: 'vendor>$1</vendor>',
  topology: "topology sockets=Q${1:1}Q cores=Q${2:2}Q threads=Q${3:1}Q/>",
  feature: "feature policy=Q${1|require,optional,disable,force,forbid|}Q name=Q$2Q/>",
  numa: 'numa>\n\t$0\n</numa>',
  cache: "cache mode=Q${1|passthrough,emulate,disable|}Q/>",
  maxphysaddr: "maxphysaddr mode=Q${1|passthrough,emulate|}Q/>",
};

const CHILDREN: Record<string, readonly string[]> = {
  domain: ['cpu', 'vcpu'],
  cpu: ['model', 'vendor', 'topology', 'feature', 'numa', 'cache', 'maxphysaddr'],
};

/** Children that may appear many times; the others are offered only while absent. */
const REPEATABLE = new Set(['feature']);

interface Where {
  readonly doc: TextDocument;
  readonly domain: DomainInfo;
  readonly offset: number;
  readonly ctx: DomainContext;
  readonly t: T;
  readonly quote: Quote;
}

/** Descends into the first element of each level that `visit` accepts; returns the deepest. Iterative: depth is the user's. */
function walk(els: readonly XmlElement[], visit: (e: XmlElement) => boolean): XmlElement | undefined {
  let found: XmlElement | undefined;
  let level: readonly XmlElement[] | undefined = els;
  while (level) {
    const next: XmlElement | undefined = level.find(visit);
    if (next) found = next;
    level = next?.children;
  }
  return found;
}

/** Last offset still inside the start tag (before `>` or `/>`). */
function startTagLast(e: XmlElement): number {
  // An unclosed start tag ends where its first child or text begins.
  if (e.startTagEnd < 0) return Math.min(e.end, e.children[0]?.start ?? Infinity, e.texts[0]?.start ?? Infinity);
  return e.selfClosing ? e.startTagEnd - 2 : e.startTagEnd - 1;
}

function contentEnd(e: XmlElement): number {
  return e.endTagStart >= 0 ? e.endTagStart : e.end;
}

/** The element whose start tag holds the offset. */
function tagAt(domain: DomainInfo, offset: number): XmlElement | undefined {
  const inTag = (e: XmlElement): boolean => e.start < offset && offset <= startTagLast(e);
  const inside = (e: XmlElement): boolean => inTag(e) || (e.start < offset && offset <= e.end);
  let found: XmlElement | undefined;
  walk(domain.xml.topLevel, (e) => {
    if (inTag(e)) found = e;
    return inside(e);
  });
  return found;
}

/** The innermost element whose content holds the offset. */
function contentAt(domain: DomainInfo, offset: number): XmlElement | undefined {
  let found: XmlElement | undefined;
  walk(domain.xml.topLevel, (e) => {
    if (e.selfClosing || e.start >= offset || offset > e.end) return false;
    const from = e.startTagEnd >= 0 ? e.startTagEnd : startTagLast(e);
    if (from <= offset && offset <= contentEnd(e)) found = e;
    return true;
  });
  return found;
}

/** `domain` or `cpu` (directly under the domain) when the element's children are ours. */
function parentKind(e: XmlElement | undefined, domain: DomainInfo): 'domain' | 'cpu' | undefined {
  if (!e) return undefined;
  if (e === domain.root) return 'domain';
  if (e.name === 'cpu' && e.parent === domain.root) return 'cpu';
  return undefined;
}

function valueItems(w: Where, key: string, values: readonly string[], start: number, end: number, suffix: string, detail: DomainMessageKey): CompletionItem[] {
  const range = toRange(w.doc, start, end);
  return values.map((v) => {
    const item: CompletionItem = {
      label: v,
      kind: CompletionItemKind.EnumMember,
      detail: w.t(detail),
      textEdit: { range, newText: escapeAttr(v, w.quote) + suffix },
    };
    const mode = key === 'cpu@mode' ? modeKey(v) : undefined;
    if (mode) item.documentation = { kind: MarkupKind.Markdown, value: w.t(mode) };
    return item;
  });
}

function attributeValueCompletion(w: Where, el: XmlElement, a: XmlAttribute, arch: ArchCatalog | undefined): CompletionItem[] {
  const text = w.doc.getText();
  const key = `${el.name}@${a.name}`;
  const q = quoteOfAttribute(text, a);
  // A value without its closing quote runs on; replace only the word under the cursor and close it.
  const closed = a.valueClosed;
  const end = closed ? a.valueEnd : wordAround(text, w.offset, a.valueStart, a.valueEnd).end;
  const open = q === undefined ? w.quote : '';
  const suffix = closed ? '' : (q ?? w.quote);
  const items = (values: readonly string[], detail: DomainMessageKey): CompletionItem[] => {
    const list = valueItems(w, key, values, a.valueStart, end, suffix, detail);
    if (open) for (const i of list) if (i.textEdit) i.textEdit.newText = open + i.textEdit.newText;
    return list;
  };
  if (key === 'feature@name' && parentKind(el.parent, w.domain) === 'cpu') {
    if (!arch) return [];
    const list = items([...arch.featureNames()].sort(), 'completion-feature-detail');
    rankFeatures(w, list, arch, w.domain.cpus.find((c) => c.el === el.parent));
    return list;
  }
  const values = VALUES[key];
  if (!values || !isOurs(el, w.domain)) return [];
  return items(values, 'completion-value-detail');
}

/**
 * Orders features for the `<cpu>`: the nested flag of its vendor first (vmx for an
 * Intel model, svm for AMD; the selected host's vendor when the CPU names none),
 * the other vendor's features last. Each item carries the feature's hover as
 * documentation.
 */
function rankFeatures(w: Where, list: CompletionItem[], arch: ArchCatalog, cpu: CpuInfo | undefined): void {
  const vendor = (cpu ? cpuVendor(cpu, arch) : undefined) ?? w.ctx.host?.cpu.vendor;
  const wanted = nestedFeatureFor(vendor);
  const other = wanted === 'vmx' ? 'svm' : wanted === 'svm' ? 'vmx' : undefined;
  for (const item of list) {
    const f = item.label;
    const family = f === 'vmx' || f === 'svm' ? f : nestedFeatureFor(arch.featureVendor(f));
    let rank = '1';
    if (f === wanted || (!wanted && (f === 'vmx' || f === 'svm'))) rank = '0';
    else if (other !== undefined && family === other) rank = '2';
    item.sortText = rank + f;
    if (rank === '0') item.preselect = true;
    const doc = featureMarkdown(w.t, w.ctx, arch, f);
    if (doc) item.documentation = { kind: MarkupKind.Markdown, value: doc };
    if (rank === '2') item.detail = w.t('completion-feature-other-vendor', other === 'svm' ? 'AMD' : 'Intel');
  }
}

/** `<cpu>`/`<vcpu>` in the domain, or a child of such a `<cpu>`. */
function isOurs(el: XmlElement, domain: DomainInfo): boolean {
  if (el.parent === domain.root) return el.name === 'cpu' || el.name === 'vcpu';
  return parentKind(el.parent, domain) === 'cpu';
}

function attributeNameCompletion(w: Where, el: XmlElement, editing: XmlAttribute | undefined): CompletionItem[] {
  if (!isOurs(el, w.domain)) return [];
  const names = ATTRIBUTES[el.name] ?? [];
  const present = new Set(el.attributes.filter((a) => a !== editing).map((a) => a.name));
  const start = editing ? editing.nameStart : w.offset;
  const end = editing ? editing.nameEnd : w.offset;
  const range = toRange(w.doc, start, end);
  // With a value already written, only the name changes.
  const hasValue = editing !== undefined && editing.valueStart > editing.nameEnd;
  return names
    .filter((n) => !present.has(n))
    .map((n, i) => ({
      label: n,
      kind: CompletionItemKind.Property,
      sortText: String(i).padStart(2, '0'),
      insertTextFormat: hasValue ? InsertTextFormat.PlainText : InsertTextFormat.Snippet,
      textEdit: { range, newText: hasValue ? n : `${n}=${w.quote}$1${w.quote}` },
      ...(hasValue || w.ctx.serveSnippets || !(`${el.name}@${n}` in VALUES || `${el.name}@${n}` === 'feature@name')
        ? {}
        : { command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } }),
    }));
}

function elementItems(w: Where, parent: XmlElement, start: number, end: number, full: boolean, withLt: boolean): CompletionItem[] {
  const kind = parentKind(parent, w.domain);
  if (!kind) return [];
  const present = new Set(parent.children.filter((c) => c.start >= end || c.end <= start).map((c) => c.name));
  const range = toRange(w.doc, start, end);
  const unit = indentUnit(w.domain.xml);
  const items: CompletionItem[] = CHILDREN[kind]
    .filter((n) => REPEATABLE.has(n) || !present.has(n))
    .map((n) => ({
      label: n,
      kind: CompletionItemKind.Property,
      insertTextFormat: full ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      textEdit: { range, newText: full ? (withLt ? '<' : '') + ELEMENTS[n].replace(/Q/g, w.quote).replace(/\t/g, unit) : n },
      ...(withLt ? { filterText: `<${n}` } : {}),
    }));
  if (full && w.ctx.serveSnippets) {
    // Snippets bring their own '<': replace the one typed, if any.
    const text = w.doc.getText();
    const lt = !withLt && text.charAt(start - 1) === '<' ? start - 1 : start;
    items.push(...snippetItems(kind, toRange(w.doc, lt, end), w.quote, unit, w.t));
  }
  return items;
}

type ModelItem = Omit<CompletionItem, 'textEdit'>;

/** The model items of an arch in a language do not change: built once per catalog and locale. */
const modelItemCache = new WeakMap<ArchCatalog, Map<string, readonly ModelItem[]>>();

function modelItems(arch: ArchCatalog, w: Where): readonly ModelItem[] {
  let byLocale = modelItemCache.get(arch);
  if (!byLocale) modelItemCache.set(arch, (byLocale = new Map()));
  const cached = byLocale.get(w.ctx.locale);
  if (cached) return cached;
  const items = arch.modelNames().map((name): ModelItem => {
    const m = arch.model(name);
    const vendor = arch.vendorOf(name);
    const added = arch.addedFeatures(name);
    const detail = vendor
      ? m?.parent ? w.t('completion-model-detail-parent', vendor, m.parent) : w.t('completion-model-detail', vendor)
      : m?.parent ? w.t('completion-model-generic-parent', m.parent) : w.t('completion-model-generic');
    const item: ModelItem = { label: name, kind: CompletionItemKind.Value, detail };
    if (added.length) {
      const head = m?.parent ? w.t('hover-model-added', m.parent) : w.t('hover-model-features', added.length);
      item.documentation = { kind: MarkupKind.Markdown, value: `${head}: ${added.join(' ')}` };
    }
    return item;
  });
  byLocale.set(w.ctx.locale, items);
  return items;
}

function textCompletion(w: Where, el: XmlElement, arch: ArchCatalog | undefined): CompletionItem[] {
  if (!arch || parentKind(el.parent, w.domain) !== 'cpu') return [];
  const text = w.doc.getText();
  const { start, end } = wordAround(text, w.offset, el.startTagEnd, contentEnd(el));
  const range = toRange(w.doc, start, end);
  if (el.name === 'model') return modelItems(arch, w).map((base) => ({ ...base, textEdit: { range, newText: base.label } }));
  if (el.name === 'vendor') {
    return arch.vendors.map((v) => ({
      label: v.name,
      kind: CompletionItemKind.Value,
      detail: w.t('completion-vendor-detail'),
      ...(v.id ? { documentation: v.id } : {}),
      textEdit: { range, newText: v.name },
    }));
  }
  return [];
}

export function domainCompletion(doc: TextDocument, domain: DomainInfo, offset: number, ctx: DomainContext): CompletionItem[] {
  const text = doc.getText();
  // Nothing inside a comment.
  const comment = text.lastIndexOf('<!--', offset - 1);
  if (comment >= 0 && comment + 4 <= offset && text.lastIndexOf('-->', offset - 1) < comment) return [];
  const arch = ctx.catalog.forArch(domain.arch);
  const tag = tagAt(domain, offset);
  const w: Where = { doc, domain, offset, ctx, t: domainT(ctx), quote: quoteStyle(domain.xml, tag) };
  if (tag) {
    if (offset <= tag.nameEnd) {
      // Typing the element name. A fresh tag (nothing after the name yet) gets the whole element.
      if (!tag.parent) return [];
      const fresh = tag.startTagEnd < 0 && tag.attributes.length === 0;
      return elementItems(w, tag.parent, tag.nameStart, tag.nameEnd, fresh, false);
    }
    for (const a of tag.attributes) {
      if (a.value !== undefined && a.valueStart > a.nameEnd && a.valueStart <= offset && offset <= a.valueEnd) {
        return attributeValueCompletion(w, tag, a, arch);
      }
      if (a.nameStart <= offset && offset <= a.nameEnd) return attributeNameCompletion(w, tag, a);
      if (a.nameEnd < offset && offset < a.valueStart) return [];
    }
    // Between attributes: a new attribute name, unless the cursor sits in a broken value.
    if (/\s/.test(text.charAt(offset - 1))) return attributeNameCompletion(w, tag, undefined);
    return [];
  }
  const el = contentAt(domain, offset);
  if (!el) return [];
  if (el.name === 'model' || el.name === 'vendor') return textCompletion(w, el, arch);
  const word = wordAround(text, offset, el.startTagEnd, offset);
  if (word.start !== offset) return [];
  const after = wordAround(text, offset, offset, contentEnd(el)).end;
  // A lone '<' is text to the parser; complete the element that starts there.
  if (text.charAt(offset - 1) === '<') return elementItems(w, el, offset, after, true, false);
  if (offset === el.startTagEnd || /\s/.test(text.charAt(offset - 1))) return elementItems(w, el, offset, offset, true, true);
  return [];
}
