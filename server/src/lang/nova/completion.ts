/**
 * Completion in nova.conf: section names after `[`; `[libvirt]` keys (every
 * release's, marked when the selected release lacks them); values: choices,
 * booleans, cpu_map models for `cpu_models`, cpu_map features for extra flags,
 * arch names for `hw_machine_type`; and, for clients other than VS Code, the
 * nested-ready `[libvirt]` snippet.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItemKind, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver-protocol';
import { archCatalogOf, type NovaContext } from './context';
import { optionMarkdown } from './hover';
import type { Translate } from '../../core/l10n';
import { novaT, type NovaMessageKey } from './messages';
import { novaOptions, typeLabel, type OptionSpec } from './options';
import { sectionAt, type NovaConfFile } from './parser';
import { NOVA_ARCHES } from './rules';
import { novaSnippetItems } from './snippets';

/** Groups operators most often touch around `[libvirt]`; completion offers them after `[`. */
export const NOVA_GROUPS = [
  'DEFAULT', 'libvirt', 'workarounds', 'compute', 'api', 'api_database', 'cinder', 'conductor', 'database', 'glance',
  'image_cache', 'keystone_authtoken', 'neutron', 'oslo_concurrency', 'oslo_messaging_notifications',
  'oslo_messaging_rabbit', 'placement', 'scheduler', 'serial_console', 'service_user', 'spice', 'vnc',
] as const;

const WORD = /[A-Za-z0-9_.-]/;

function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 0x0a || c === 0x0d) break;
    i--;
  }
  return i;
}

function lineEndOf(text: string, offset: number): number {
  let i = offset;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) break;
    i++;
  }
  return i;
}

export function novaCompletion(
  doc: TextDocument,
  file: NovaConfFile,
  offset: number,
  ctx: NovaContext,
  opts: { snippets: boolean },
): CompletionItem[] {
  const text = file.text;
  const ls = lineStartOf(text, offset);
  const le = lineEndOf(text, offset);
  const before = text.slice(ls, offset);
  const range = (s: number, e: number): Range => ({ start: doc.positionAt(s), end: doc.positionAt(e) });
  const t = novaT(ctx.locale);
  if (/^[#;]/.test(before)) return [];

  // Section header.
  if (before.startsWith('[')) {
    const close = text.indexOf(']', offset);
    const end = close >= 0 && close < le ? close + 1 : le;
    return NOVA_GROUPS.map((g, i) => ({
      label: g,
      kind: CompletionItemKind.Module,
      detail: t('completion.section'),
      sortText: String(i).padStart(3, '0'),
      textEdit: { range: range(ls + 1, end), newText: `${g}]` },
    }));
  }

  const section = sectionAt(file, offset);
  const sep = /[=:]/.exec(before);
  const indented = /^[ \t]/.test(before);

  // Key position.
  if (!sep && !indented) {
    let ws = offset;
    while (ws > ls && WORD.test(text[ws - 1])) ws--;
    let we = offset;
    while (we < le && WORD.test(text[we])) we++;
    const items: CompletionItem[] = [];
    // Renaming the key of an existing line keeps its `= value`; a fresh line gets ` = ` and the value list.
    const fresh = !/^[ \t]*[=:]/.test(text.slice(we, le));
    if (section?.normalized === 'libvirt') items.push(...keyItems(ctx, range(ws, we), fresh, !opts.snippets));
    if (opts.snippets && (section === null || section.normalized === 'libvirt' || before.trim() === '')) {
      items.push(...novaSnippetItems(range(ls, we), t));
    }
    return items;
  }
  if (section?.normalized !== 'libvirt') return [];

  // Value position: find the key of this line, or of the entry this continuation belongs to.
  let entry = indented ? undefined : file.entries.find((e) => e.start === ls);
  if (indented) for (const e of section.entries) if (e.start < ls) entry = e;
  const key = entry?.key ?? (sep ? before.slice(0, sep.index).trim() : '');
  const table = novaOptions();
  const release = ctx.settings.novaRelease;
  const canonical = table.aliases(release).get(key) ?? key;
  const spec = table.get(canonical, release);
  if (!spec) return [];
  const valueFrom = sep && !indented ? ls + sep.index + 1 : ls;

  if (spec.t === 'list') return listItemItems({ text, offset, le, range, t, ctx }, valueFrom, canonical, spec);

  let vs = valueFrom;
  while (vs < offset && /[ \t]/.test(text[vs])) vs++;
  const ve = Math.max(offset, text.slice(vs, le).trimEnd().length + vs);
  // pike–stein: `cpu_model` is a single string, still a cpu_map model name.
  if (canonical === 'cpu_model') return modelItems(ctx, range(vs, ve));
  const values = spec.t === 'boolean' ? ['true', 'false'] : (spec.c ?? []);
  return values.map((v, i) => ({
    label: v,
    kind: CompletionItemKind.EnumMember,
    detail: v === spec.d ? t('hover.default') : undefined,
    sortText: String(i).padStart(3, '0'),
    textEdit: { range: range(vs, ve), newText: v },
  }));
}

/** Where completion was asked for in a line, and how to answer. */
interface LineAt {
  readonly text: string;
  readonly offset: number;
  /** End of the line. */
  readonly le: number;
  readonly range: (s: number, e: number) => Range;
  readonly t: Translate<NovaMessageKey>;
  readonly ctx: NovaContext;
}

/** The list item under the cursor of a list option's value. */
function listItemItems(at: LineAt, valueFrom: number, canonical: string, spec: OptionSpec): CompletionItem[] {
  const { text, offset, le, range, t, ctx } = at;
  let is = offset;
  while (is > valueFrom && text[is - 1] !== ',') is--;
  while (is < offset && /[ \t]/.test(text[is])) is++;
  let ie = offset;
  while (ie < le && text[ie] !== ',') ie++;
  while (ie > offset && /[ \t]/.test(text[ie - 1])) ie--;
  if (canonical === 'cpu_models' || canonical === 'cpu_model') return modelItems(ctx, range(is, ie));
  if (canonical === 'cpu_model_extra_flags') {
    const arch = archCatalogOf(ctx);
    const sign = /^[+-]/.test(text[is] ?? '') ? 1 : 0;
    const names = spec.it?.c ?? (arch ? arch.featureNames() : []);
    return names.map((f) => ({
      label: f,
      kind: CompletionItemKind.EnumMember,
      detail: t('completion.feature'),
      sortText: f === 'vmx' || f === 'svm' ? '0' + f : '1' + f,
      textEdit: { range: range(is + sign, ie), newText: f },
    }));
  }
  if (canonical === 'hw_machine_type') {
    return NOVA_ARCHES.map((a) => ({ label: `${a}=`, kind: CompletionItemKind.EnumMember, textEdit: { range: range(is, ie), newText: `${a}=` } }));
  }
  return (spec.it?.c ?? []).map((c) => ({ label: c, kind: CompletionItemKind.EnumMember, textEdit: { range: range(is, ie), newText: c } }));
}

/** cpu_map model names of the host arch, with their vendor. */
function modelItems(ctx: NovaContext, range: Range): CompletionItem[] {
  const arch = archCatalogOf(ctx);
  if (!arch) return [];
  const t = novaT(ctx.locale);
  return arch.modelNames().map((m) => ({
    label: m,
    kind: CompletionItemKind.Value,
    detail: t('completion.model', arch.vendorOf(m) ?? t('hover.unknownVendor')),
    textEdit: { range, newText: m },
  }));
}

/** Options whose values completion can list: after ` = `, the value list opens by itself. */
function hasValueCompletion(name: string, spec: OptionSpec): boolean {
  return spec.t === 'boolean' || (spec.c?.length ?? 0) > 0 || (spec.it?.c?.length ?? 0) > 0 ||
    name === 'cpu_models' || name === 'cpu_model' || name === 'cpu_model_extra_flags' || name === 'hw_machine_type';
}

/** VS Code's command to open the suggestion list again, so the values follow the key. */
export const TRIGGER_SUGGEST = { title: 'Suggest values', command: 'editor.action.triggerSuggest' } as const;

function keyItems(ctx: NovaContext, range: Range, fresh: boolean, retrigger: boolean): CompletionItem[] {
  const t = novaT(ctx.locale);
  const table = novaOptions();
  const release = ctx.settings.novaRelease;
  const label = table.label(release);
  const items: CompletionItem[] = [];
  for (const name of table.allNames()) {
    const spec = table.get(name, release);
    const h = table.history(name);
    const any = spec ?? table.get(name, h.releases[h.releases.length - 1] ?? release);
    if (!any) continue;
    const detail = t('completion.detail', typeLabel(any), any.d === undefined ? t('hover.noDefault') : any.d === '' ? '""' : any.d);
    const item: CompletionItem = {
      label: name,
      kind: CompletionItemKind.Property,
      detail: spec ? detail : `${detail} (${t('completion.notInRelease', label)})`,
      documentation: { kind: MarkupKind.Markdown, value: optionMarkdown(name, ctx) ?? '' },
      sortText: (spec ? (spec.dep ? '1' : '0') : '2') + name,
      textEdit: { range, newText: fresh ? `${name} = ` : name },
    };
    if (fresh && retrigger && hasValueCompletion(name, any)) item.command = TRIGGER_SUGGEST;
    if (!spec || spec.dep) item.tags = [1];
    items.push(item);
  }
  return items;
}
