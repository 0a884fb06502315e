/** Hover for `[libvirt]` keys, CPU model names and extra-flag features. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MarkupKind, type Hover } from 'vscode-languageserver-protocol';
import type { Translate } from '../../core/l10n';
import { archCatalogOf, type NovaContext } from './context';
import { describeOption } from './descriptions';
import { novaT, type NovaMessageKey } from './messages';
import { novaOptions, typeLabel, type OptionSpec } from './options';
import type { NovaConfFile, NovaEntry } from './parser';
import { parseFlag } from './rules';
import { splitList } from './values';

function entryAt(file: NovaConfFile, offset: number): NovaEntry | undefined {
  // Binary search: entries are in document order.
  const list = file.entries;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = list[mid];
    if (offset < e.start) hi = mid - 1;
    else if (offset > e.end) lo = mid + 1;
    else return e;
  }
  return undefined;
}

export { entryAt };

/** Markdown describing one option in the selected release. */
export function optionMarkdown(name: string, ctx: NovaContext): string | undefined {
  const t = novaT(ctx.locale);
  const table = novaOptions();
  const release = ctx.settings.novaRelease;
  const aliasTarget = table.aliases(release).get(name);
  const canonical = aliasTarget ?? name;
  if (!table.known(canonical)) return undefined;
  const spec = table.get(canonical, release) ?? lastSpec(canonical);
  const h = table.history(canonical);
  const lines: string[] = [`**${name}** \`[libvirt]\``, ''];
  if (aliasTarget) lines.push(t('hover.aliasOf', aliasTarget), '');
  const moved = table.moved(canonical, release);
  if (moved) lines.push(t('hover.moved', table.label(release), moved.group, moved.newName), '');
  else if (!table.get(canonical, release)) lines.push(`*${t('hover.notInRelease', table.label(release))}*`, '');
  const desc = describeOption(canonical, ctx.locale);
  if (desc) lines.push(desc, '');
  if (spec) lines.push(...specLines(spec, t));
  if (h.added) lines.push(`- ${t('hover.added')}: ${table.label(h.added)}`);
  if (h.deprecatedIn) lines.push(`- ${t('hover.deprecated')}: ${h.deprecatedIn}`);
  if (h.removed) lines.push(`- ${t('hover.removed')}: ${table.label(h.removed)}`);
  if (spec?.al?.length) lines.push(`- ${t('hover.aliases')}: ${spec.al.map((a) => `\`${a}\``).join(', ')}`);
  if (spec?.mut) lines.push('', t('hover.mutable'));
  return lines.join('\n');
}

function lastSpec(name: string): OptionSpec | undefined {
  const table = novaOptions();
  const rel = table.history(name).releases;
  return rel.length ? table.get(name, rel[rel.length - 1]) : undefined;
}

export function specLines(spec: OptionSpec, t: Translate<NovaMessageKey>): string[] {
  const lines = [`- ${t('hover.type')}: ${typeLabel(spec)}`];
  lines.push(`- ${t('hover.default')}: ${spec.d === undefined ? t('hover.noDefault') : `\`${spec.d}\``}`);
  if (spec.c) lines.push(`- ${t('hover.choices')}: ${spec.c.map((c) => `\`${c}\``).join(', ')}`);
  if (spec.it?.c) lines.push(`- ${t('hover.itemChoices')}: ${spec.it.c.map((c) => `\`${c}\``).join(', ')}`);
  if (spec.min !== undefined || spec.max !== undefined) lines.push(`- ${t('hover.range')}: ${spec.min ?? ''}..${spec.max ?? ''}`);
  return lines;
}

export function novaHover(doc: TextDocument, file: NovaConfFile, offset: number, ctx: NovaContext): Hover | null {
  const entry = entryAt(file, offset);
  if (!entry || entry.section?.normalized !== 'libvirt') return null;
  const range = (start: number, end: number): Hover['range'] => ({ start: doc.positionAt(start), end: doc.positionAt(end) });
  const t = novaT(ctx.locale);
  if (offset >= entry.keyStart && offset <= entry.keyEnd) {
    const md = optionMarkdown(entry.key, ctx) ?? `**${entry.key}**\n\n${t('hover.unknown')}`;
    return { contents: { kind: MarkupKind.Markdown, value: md }, range: range(entry.keyStart, entry.keyEnd) };
  }
  if (offset < entry.valueStart) return null;
  const arch = archCatalogOf(ctx);
  const key = novaOptions().aliases(ctx.settings.novaRelease).get(entry.key) ?? entry.key;
  if (arch && (key === 'cpu_models' || key === 'cpu_model' || key === 'cpu_model_extra_flags')) {
    const item = splitList(entry).find((i) => offset >= i.start && offset <= i.end && i.text !== '');
    if (!item) return null;
    if (key === 'cpu_model_extra_flags') {
      const f = parseFlag(item);
      const feature = arch.feature(f.name);
      if (!feature) return null;
      const md = t('hover.feature', feature.name, t(f.sign === '-' ? 'hover.disable' : 'hover.require'));
      return { contents: { kind: MarkupKind.Markdown, value: md }, range: range(item.start, item.end) };
    }
    const model = arch.modelIgnoreCase(item.text);
    if (!model) return null;
    const features = arch.fullFeatures(model.name);
    const vendor = arch.vendorOf(model.name) ?? t('hover.unknownVendor');
    let md = t('hover.model', model.name, vendor, features.size);
    const virt = ['vmx', 'svm'].filter((f) => features.has(f));
    if (virt.length) md += ` \`${virt.join('`, `')}\``;
    return { contents: { kind: MarkupKind.Markdown, value: md }, range: range(item.start, item.end) };
  }
  const md = optionMarkdown(entry.key, ctx);
  return md ? { contents: { kind: MarkupKind.Markdown, value: md }, range: range(entry.valueStart, entry.valueEnd) } : null;
}
