/**
 * What a stack adds to the nova.conf services: the files a verdict rests on, the
 * "overridden by a later file" findings, the effective-value hover and the
 * resolution chain `nested-virt lint --explain-value` prints.
 */
import type { Locale } from '../../core/l10n';
import type { NovaContext, NovaStackFinding } from './context';
import { novaOptions } from './options';
import type { NovaEntry } from './parser';
import type { Located, NovaView } from './stack';
import { stackT } from './stackmessages';

/** `` `key = value` (file:line) `` */
export function describeEntry(view: NovaView, entry: NovaEntry): string {
  const value = entry.value.length > 60 ? entry.value.slice(0, 57) + '…' : entry.value;
  return `\`${entry.key} = ${value.replace(/\n/g, ' ')}\` (${view.where(entry)})`;
}

/** " Also involved: …" naming the entries that live in other files than `member`; '' when none. */
export function involvedSuffix(view: NovaView, member: number, rel: readonly (NovaEntry | undefined)[], locale: Locale): string {
  const others = rel.filter((e): e is NovaEntry => e !== undefined && view.memberOf(e) !== member);
  if (others.length === 0) return '';
  return ' ' + stackT(locale)('stack.involves', others.map((e) => describeEntry(view, e)).join(', '));
}

function isMulti(group: string, key: string, release: string): boolean {
  return group === 'libvirt' && novaOptions().get(key, release)?.t === 'multistring';
}

/** Information findings on values that a later file of the stack overrides. */
export function overrideFindings(view: NovaView, ctx: NovaContext): NovaStackFinding[] {
  if (!view.isStack) return [];
  const t = stackT(ctx.locale);
  const out: NovaStackFinding[] = [];
  for (const chain of view.chains()) {
    const decided = chain[chain.length - 1];
    if (decided.member === chain[0].member) continue;
    const e0 = decided.entry;
    if (!e0.section || isMulti(e0.section.normalized, e0.key, ctx.settings.novaRelease)) continue;
    for (const l of chain) {
      if (l.member === decided.member) break;
      // Within one file a repeated key is the duplicate-key warning's business.
      const message =
        l.entry.value === e0.value ? t('stack.overriddenEqual', e0.key, view.where(e0)) : t('stack.overridden', e0.key, view.where(e0), e0.value.replace(/\n/g, ' '));
      out.push({ code: 'nova-overridden', severity: 'information', start: l.entry.keyStart, end: l.entry.keyEnd, message, member: l.member });
    }
  }
  return out;
}

/** Hover lines for a key of a stack member: the effective value, who set it, and what overrides what. */
export function stackHoverLines(view: NovaView, stackName: string, entry: NovaEntry, ctx: NovaContext): string[] {
  if (!entry.section) return [];
  const t = stackT(ctx.locale);
  const group = entry.section.normalized;
  const multi = isMulti(group, entry.key, ctx.settings.novaRelease);
  const eff = view.effective(group, entry.key, multi);
  if (!eff) return [];
  const lines = [`**${t('stack.hoverTitle', stackName)}**`, ''];
  const setBy = view.where(eff.decided.entry);
  if (multi) lines.push(t('stack.hoverMulti', eff.chain.map((l) => describeEntry(view, l.entry)).join(', ')));
  else if (eff.value === undefined) lines.push(t('stack.hoverUnresolved', eff.decided.entry.value, setBy));
  else lines.push(t('stack.hoverValue', eff.value.replace(/\n/g, ' '), setBy));
  if (!multi) {
    const earlier = eff.chain.filter((l) => l.entry !== eff.decided.entry);
    if (eff.decided.entry === entry && earlier.length) lines.push('', t('stack.hoverOverrides', earlier.map((l) => describeEntry(view, l.entry)).join(', ')));
    else if (eff.decided.entry !== entry) lines.push('', t('stack.hoverOverriddenBy', describeEntry(view, eff.decided.entry)));
  }
  return lines;
}

const ELSEWHERE_MAX = 8;

/** For a file other stacks read too: the stacks where another file decides this option. */
export function elsewhereLines(view: NovaView, others: readonly { name: string; view: NovaView }[], entry: NovaEntry, ctx: NovaContext): string[] {
  const group = entry.section?.normalized;
  if (!group || others.length === 0) return [];
  const t = stackT(ctx.locale);
  const here = view.effective(group, entry.key);
  const hereWhere = here ? view.where(here.decided.entry) : '';
  const lines: string[] = [];
  let more = 0;
  for (const o of others) {
    const eff = o.view.effective(group, entry.key);
    if (!eff || o.view.where(eff.decided.entry) === hereWhere) continue;
    if (lines.length >= ELSEWHERE_MAX) more++;
    else lines.push(`- ${t('stack.hoverElsewhere', o.name, (eff.value ?? eff.decided.entry.value).replace(/\n/g, ' '), o.view.where(eff.decided.entry))}`);
  }
  if (more) lines.push(`- ${t('stack.hoverMore', more)}`);
  return lines.length ? ['', ...lines] : [];
}

/** The resolution chain of `group.key` (`--explain-value`), one line each. */
export function explainValue(view: NovaView, stackName: string, group: string, key: string, release: string, locale: Locale): string[] {
  const t = stackT(locale);
  const multi = isMulti(group, key, release);
  const eff = view.effective(group, key, multi);
  const name = `[${group}] ${key}`;
  if (!eff) {
    const d = group === 'libvirt' ? novaOptions().get(key, release)?.d : undefined;
    return [t('stack.explainUnset', name, stackName, d === undefined ? '' : ` (${d})`)];
  }
  const lines = [t('stack.explainHeader', name, stackName)];
  eff.chain.forEach((l: Located, i) => {
    const mark = multi ? t('stack.explainAccumulates') : l.entry === eff.decided.entry ? t('stack.explainWins') : t('stack.explainOverridden');
    lines.push(`${t('stack.explainEntry', i + 1, view.where(l.entry), l.entry.key, l.entry.value.replace(/\n/g, ' '))} ${mark}`);
  });
  lines.push(t('stack.explainEffective', eff.value === undefined ? eff.decided.entry.value : eff.value.replace(/\n/g, ' ')));
  return lines;
}
