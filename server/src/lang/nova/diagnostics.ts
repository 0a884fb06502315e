/**
 * Diagnostics for nova.conf: oslo.config parse errors anywhere in the file, and in
 * `[libvirt]` unknown, release-specific, deprecated and duplicate keys, values
 * that oslo.config rejects, and the cross-option rules of rules.ts.
 * Other sections are read, never flagged, except headers nova would misread.
 */
import type { Translate } from '../../core/l10n';
import { LineIndex } from '../../core/lines';
import { nearest, searchBudget } from '../../core/util/nearest';
import type { NovaContext, NovaFinding as Finding } from './context';
import { novaT, type NovaMessageKey } from './messages';
import { novaOptions, type OptionSpec } from './options';
import type { NovaConfFile, NovaEntry, ParseProblemCode } from './parser';
import { crossOptionFindings, readCpuSettings } from './rules';
import { startupFindings } from './startup';
import { severityOf } from '../severity';
import { checkValue, type ValueProblem } from './values';

const PARSE: Record<ParseProblemCode, { code: string; key: NovaMessageKey }> = {
  'no-section': { code: 'nova-key-before-section', key: 'parse.noSection' },
  'invalid-assignment': { code: 'nova-malformed-line', key: 'parse.invalidLine' },
  'empty-key': { code: 'nova-empty-key', key: 'parse.emptyKey' },
  'unexpected-continuation': { code: 'nova-unexpected-continuation', key: 'parse.unexpectedContinuation' },
  'section-end-bracket': { code: 'nova-malformed-section', key: 'parse.sectionBracket' },
  'empty-section-name': { code: 'nova-empty-section', key: 'parse.emptySection' },
};


/** All findings in offsets; the CLI and the benchmark can call this without a TextDocument. */
export function novaFindings(file: NovaConfFile, ctx: NovaContext): Finding[] {
  const t = novaT(ctx.locale);
  const out: Finding[] = [];
  for (const p of file.problems) {
    const { code, key } = PARSE[p.code];
    const bom = p.code === 'invalid-assignment' && p.start === 0 && file.text.charCodeAt(0) === 0xfeff;
    const arg = p.code === 'no-section' ? file.text.slice(p.start, p.end) : '';
    out.push({ code: bom ? 'nova-bom' : code, severity: 'error', start: p.start, end: p.end, message: t(bom ? 'parse.bom' : key, arg) });
  }
  for (const s of file.sections) {
    if (s.malformed) continue;
    const trimmed = s.name.trim();
    if (trimmed !== s.name && trimmed !== '') {
      out.push({
        code: 'nova-section-whitespace', severity: 'warning', start: s.nameStart, end: s.nameEnd,
        message: t('section.whitespace', s.name, trimmed), data: { kind: 'replace', candidates: [trimmed] },
      });
    } else if (s.name !== 'DEFAULT' && s.name.toUpperCase() === 'DEFAULT') {
      out.push({
        code: 'nova-section-default-case', severity: 'warning', start: s.nameStart, end: s.nameEnd,
        message: t('section.defaultCase', s.name, s.normalized), data: { kind: 'replace', candidates: ['DEFAULT'] },
      });
    }
  }
  libvirtKeys(file, ctx, t, out);
  // Loops, not push(...): a 100k-item list value gives 100k findings, past the spread limit.
  for (const f of crossOptionFindings(file, ctx, t)) out.push(f);
  const virtType = readCpuSettings(file, ctx.settings.novaRelease).virtType;
  for (const f of startupFindings(file, ctx, virtType, t)) out.push(f);
  return ruled(out);
}

/** Every finding takes the severity of its code's class (lang/severity.ts): one rule, one place. */
function ruled(findings: Finding[]): Finding[] {
  for (let i = 0; i < findings.length; i++) {
    const severity = severityOf(findings[i].code);
    if (findings[i].severity !== severity) findings[i] = { ...findings[i], severity };
  }
  return findings;
}

/**
 * Key severities follow the one rule (README, "Severity"): nova ignores any key it does not
 * register, so none of these stops nova-compute; they are all warnings (it runs, but not as
 * written): unknown keys (usually a typo, with a did-you-mean), keys of other releases,
 * deprecated names, moved keys, deprecated for removal, duplicates.
 */
function libvirtKeys(file: NovaConfFile, ctx: NovaContext, t: Translate<NovaMessageKey>, out: Finding[]): void {
  const release = ctx.settings.novaRelease;
  const table = novaOptions();
  const aliases = table.aliases(release);
  const label = table.label(release);
  const byKey = new Map<string, NovaEntry[]>();
  for (const s of file.sections) {
    if (s.normalized !== 'libvirt') continue;
    for (const e of s.entries) {
      const list = byKey.get(e.key);
      if (list) list.push(e);
      else byKey.set(e.key, [e]);
    }
  }
  let candidates: string[] | undefined;
  const budget = searchBudget();
  let lines: LineIndex | undefined;
  for (const [key, entries] of byKey) {
    const last = entries[entries.length - 1];
    let spec: OptionSpec | undefined = table.get(key, release);
    if (spec) {
      if (spec.dep) {
        const since = table.releaseOfVersion(spec.dep);
        const message = since ? t('key.deprecatedForRemoval', key, since) : t('key.deprecatedForRemovalNoSince', key);
        out.push({ code: 'nova-deprecated-for-removal', severity: 'warning', start: last.keyStart, end: last.keyEnd, message });
      }
    } else if (aliases.has(key)) {
      const target = aliases.get(key) ?? key;
      spec = table.get(target, release);
      if (byKey.has(target)) {
        out.push({ code: 'nova-deprecated-name-ignored', severity: 'warning', start: last.keyStart, end: last.keyEnd, message: t('key.aliasShadowed', key, target), data: { kind: 'remove-line' } });
      } else {
        out.push({ code: 'nova-deprecated-name', severity: 'warning', start: last.keyStart, end: last.keyEnd, message: t('key.deprecatedName', key, target), data: { kind: 'rename', to: target } });
      }
    } else {
      const moved = table.moved(key, release);
      if (moved) {
        out.push({ code: 'nova-moved-key', severity: 'warning', start: last.keyStart, end: last.keyEnd, message: t('key.moved', key, moved.group, moved.newName) });
        continue;
      }
      if (table.known(key)) {
        const h = table.history(key);
        const added = h.added && table.before(release, h.added);
        const msg = added ? t('key.added', key, label, table.label(h.added ?? '')) : t('key.removed', key, label, table.label(h.removed ?? ''));
        out.push({ code: 'nova-key-not-in-release', severity: 'warning', start: last.keyStart, end: last.keyEnd, message: msg });
        continue;
      }
      candidates ??= [...table.names(release), ...aliases.keys()];
      const sugg = nearest(key, candidates, 3, budget);
      for (const e of entries) {
        out.push({
          code: 'nova-unknown-key', severity: 'warning', start: e.keyStart, end: e.keyEnd,
          message: t('key.unknown', key) + (sugg.length ? ' ' + t('key.didYouMean', sugg[0]) : ''),
          ...(sugg.length ? { data: { kind: 'replace' as const, candidates: sugg } } : {}),
        });
      }
      continue;
    }
    if (spec && spec.t !== 'multistring' && entries.length > 1) {
      lines ??= new LineIndex(file.text);
      const line = lines.lineNumber(last.keyStart);
      for (const e of entries.slice(0, -1)) {
        out.push({ code: 'nova-duplicate-key', severity: 'warning', start: e.keyStart, end: e.keyEnd, message: t('key.duplicate', key, line), data: { kind: 'remove-line' } });
      }
    }
    // Only the value nova reads can stop it; earlier duplicates are ignored.
    if (spec) for (const p of checkValue(last, spec)) out.push(valueFinding(p, last.key, release, t));
  }
}

function valueFinding(p: ValueProblem, key: string, release: string, t: Translate<NovaMessageKey>): Finding {
  const table = novaOptions();
  const label = table.label(release);
  const base = { code: p.code, severity: 'error' as const, start: p.start, end: p.end };
  switch (p.code) {
    case 'nova-invalid-boolean':
      return { ...base, message: t('value.boolean', p.text), data: { kind: 'replace', candidates: nearest(p.text, ['true', 'false', 'yes', 'no', 'on', 'off']) } };
    case 'nova-invalid-integer':
      return { ...base, message: t('value.integer', p.text) };
    case 'nova-invalid-float':
      return { ...base, message: t('value.float', p.text) };
    case 'nova-invalid-port':
      return { ...base, message: t('value.port', p.text) };
    case 'nova-value-out-of-range': {
      const range = p.min !== undefined && p.max !== undefined ? `${p.min}..${p.max}` : p.min !== undefined ? `≥ ${p.min}` : `≤ ${p.max}`;
      const bound = p.min !== undefined && Number(p.text.replace(/_/g, '')) < p.min ? p.min : p.max;
      return { ...base, message: t('value.range', p.text.trim(), key, range), data: { kind: 'replace', candidates: bound === undefined ? [] : [String(bound)] } };
    }
    case 'nova-invalid-host-address':
      return { ...base, message: t('value.host', p.text, key) };
    case 'nova-invalid-choice':
    case 'nova-invalid-list-item': {
      const choices = p.choices ?? [];
      const list = choices.map((c) => `\`${c}\``).join(', ');
      const exactCase = choices.filter((c) => c.toLowerCase() === p.text.toLowerCase());
      const sugg = exactCase.length ? exactCase : nearest(p.text, choices);
      let message: string;
      const other = p.code === 'nova-invalid-choice' ? otherReleaseOfChoice(key, p.text, release, t) : undefined;
      if (other) message = t('value.choiceOtherRelease', p.text, key, label, other, list);
      else message = t(p.code === 'nova-invalid-choice' ? 'value.choice' : 'value.listItem', p.text, key, label, list);
      if (exactCase.length) message += ' ' + t('value.caseHint');
      if (sugg.length) message += ' ' + t('key.didYouMean', sugg[0]);
      return { ...base, message, data: { kind: 'replace', candidates: sugg } };
    }
  }
  return { ...base, message: '' };
}

/** "added in X" / "removed in Y" when a choice exists in other releases only. */
function otherReleaseOfChoice(key: string, value: string, release: string, tr: Translate<NovaMessageKey>): string | undefined {
  const table = novaOptions();
  const t = table.releases.map((r) => table.get(key, r)?.c?.includes(value) ?? false);
  if (!t.some(Boolean)) return undefined;
  const i = table.indexOf(release);
  const later = t.findIndex((v, j) => v && j > i);
  let lastBefore = -1;
  for (let j = 0; j < i; j++) if (t[j]) lastBefore = j;
  if (lastBefore >= 0) return tr('history.removedIn', table.label(table.releases[lastBefore + 1]));
  if (later >= 0) return tr('history.addedIn', table.label(table.releases[later]));
  return undefined;
}
