/**
 * Diagnostics for nova.conf: oslo.config parse errors anywhere in the file, and in
 * `[libvirt]` unknown, release-specific, deprecated and duplicate keys, values
 * that oslo.config rejects, and the cross-option rules of rules.ts.
 * Other sections are read, never flagged, except headers nova would misread.
 */
import type { Translate } from '../../core/l10n';
import { nearest } from '../../core/util/nearest';
import type { NovaContext, NovaFinding, NovaStackFinding, NovaStackFinding as Finding } from './context';
import { novaT, type NovaMessageKey } from './messages';
import { novaOptions, type OptionSpec } from './options';
import type { NovaConfFile, NovaEntry, ParseProblemCode } from './parser';
import { crossOptionFindings, readCpuSettings } from './rules';
import { startupFindings } from './startup';
import { severityOf } from '../severity';
import { NovaView } from './stack';
import { involvedSuffix, overrideFindings } from './stackInfo';
import { checkValue, type ValueProblem } from './values';
import { isClearSuggestion, suggestKeys } from './suggest';

/** An unknown key with the suggestions that fit its value; one already set says so. */
function unknownKey(e: NovaEntry, ctx: NovaContext, t: Translate<NovaMessageKey>, byKey: ReadonlyMap<string, NovaEntry[]>, view: NovaView): Finding {
  const sugg = suggestKeys(e, ctx, new Set(byKey.keys()));
  const lineOf = (name: string): number => {
    const set = byKey.get(name)?.[0];
    return set ? view.lineOf(view.memberOf(set), set.keyStart) : 0;
  };
  let message = t('key.unknown', e.key);
  if (sugg.length) message += ' ' + (sugg[0].alreadySet ? t('key.didYouMeanSet', sugg[0].name, lineOf(sugg[0].name)) : t('key.didYouMean', sugg[0].name));
  const base = { code: 'nova-unknown-key', severity: 'error' as const, start: e.keyStart, end: e.keyEnd, member: view.memberOf(e), message };
  if (!sugg.length) return base;
  return {
    ...base,
    data: {
      kind: 'replace',
      candidates: sugg.map((s) => s.name),
      preferred: isClearSuggestion(sugg),
      titles: sugg.map((s) => (s.alreadySet ? t('fix.replaceSet', s.name, lineOf(s.name)) : t('fix.replace', s.name))),
    },
  };
}

const PARSE: Record<ParseProblemCode, { code: string; key: NovaMessageKey }> = {
  'no-section': { code: 'nova-key-before-section', key: 'parse.noSection' },
  'invalid-assignment': { code: 'nova-malformed-line', key: 'parse.invalidLine' },
  'empty-key': { code: 'nova-empty-key', key: 'parse.emptyKey' },
  'unexpected-continuation': { code: 'nova-unexpected-continuation', key: 'parse.unexpectedContinuation' },
  'section-end-bracket': { code: 'nova-malformed-section', key: 'parse.sectionBracket' },
  'empty-section-name': { code: 'nova-empty-section', key: 'parse.emptySection' },
};


/** All findings of one file in offsets; the CLI and the benchmark can call this without a TextDocument. */
export function novaFindings(file: NovaConfFile, ctx: NovaContext): NovaFinding[] {
  return novaViewFindings(NovaView.single(file), ctx).map(withoutMember);
}

function withoutMember(f: Finding): NovaFinding {
  const { code, severity, start, end, message, data } = f;
  return data === undefined ? { code, severity, start, end, message } : { code, severity, start, end, message, data };
}

/**
 * Findings of a view: a single file, or a stack merged as nova-compute reads it. Each
 * file's own problems stay in it; rules on values run on the merged configuration.
 */
export function novaViewFindings(view: NovaView, ctx: NovaContext): Finding[] {
  const t = novaT(ctx.locale);
  const out: Finding[] = [];
  view.members.forEach((m, i) => fileFindings(m.file, i, t, out));
  libvirtKeys(view, ctx, t, out);
  // Loops, not push(...): a 100k-item list value gives 100k findings, past the spread limit.
  for (const f of crossOptionFindings(view, ctx, t)) out.push(f);
  for (const f of overrideFindings(view, ctx)) out.push(f);
  // Startup rules (file_backed_memory, $name interpolation) read each file with the stack's virt_type.
  const virtType = readCpuSettings(view, ctx.settings.novaRelease).virtType;
  view.members.forEach((m, member) => {
    for (const f of startupFindings(m.file, ctx, virtType, t)) out.push({ ...f, member });
  });
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

/** Problems of one file whatever the stack: oslo rejects the file, or misreads a header. */
function fileFindings(file: NovaConfFile, member: number, t: Translate<NovaMessageKey>, out: Finding[]): void {
  for (const p of file.problems) {
    const { code, key } = PARSE[p.code];
    const bom = p.code === 'invalid-assignment' && p.start === 0 && file.text.charCodeAt(0) === 0xfeff;
    const arg = p.code === 'no-section' ? file.text.slice(p.start, p.end) : '';
    out.push({ code: bom ? 'nova-bom' : code, severity: 'error', start: p.start, end: p.end, message: t(bom ? 'parse.bom' : key, arg), member });
  }
  for (const s of file.sections) {
    if (s.malformed) continue;
    const trimmed = s.name.trim();
    if (trimmed !== s.name && trimmed !== '') {
      out.push({
        code: 'nova-section-whitespace', severity: 'warning', start: s.nameStart, end: s.nameEnd,
        message: t('section.whitespace', s.name, trimmed), data: { kind: 'replace', candidates: [trimmed] }, member,
      });
    } else if (s.name !== 'DEFAULT' && s.name.toUpperCase() === 'DEFAULT') {
      out.push({
        code: 'nova-section-default-case', severity: 'warning', start: s.nameStart, end: s.nameEnd,
        message: t('section.defaultCase', s.name, s.normalized), data: { kind: 'replace', candidates: ['DEFAULT'] }, member,
      });
    }
  }
}

/**
 * Key severities follow the one rule (README, "Severity"): nova ignores any key it does not
 * register, so none of these stops nova-compute; they are all warnings (it runs, but not as
 * written): unknown keys (usually a typo, with a did-you-mean), keys of other releases,
 * deprecated names, moved keys, deprecated for removal, duplicates.
 */
function libvirtKeys(view: NovaView, ctx: NovaContext, t: Translate<NovaMessageKey>, out: Finding[]): void {
  const release = ctx.settings.novaRelease;
  const table = novaOptions();
  const aliases = table.aliases(release);
  const label = table.label(release);
  const byKey = new Map<string, NovaEntry[]>();
  for (const e of view.entriesOfGroup('libvirt')) {
    const list = byKey.get(e.key);
    if (list) list.push(e);
    else byKey.set(e.key, [e]);
  }
  for (const [key, entries] of byKey) {
    // Per file: the last occurrence carries the name warnings, earlier ones are duplicates.
    const perFile = new Map<number, NovaEntry[]>();
    for (const e of entries) {
      const m = view.memberOf(e);
      const list = perFile.get(m);
      if (list) list.push(e);
      else perFile.set(m, [e]);
    }
    const lastOfFiles = [...perFile.entries()].map(([member, list]) => ({ member, last: list[list.length - 1] }));
    const warnLast = (code: string, message: string, data?: NovaStackFinding['data']): void => {
      for (const { member, last } of lastOfFiles) out.push({ code, severity: 'warning', start: last.keyStart, end: last.keyEnd, message, member, ...(data ? { data } : {}) });
    };
    let spec: OptionSpec | undefined = table.get(key, release);
    if (spec) {
      if (spec.dep) {
        const since = table.releaseOfVersion(spec.dep);
        warnLast('nova-deprecated-for-removal', since ? t('key.deprecatedForRemoval', key, since) : t('key.deprecatedForRemovalNoSince', key));
      }
    } else if (aliases.has(key)) {
      const target = aliases.get(key) ?? key;
      spec = table.get(target, release);
      // oslo reads the newest file first and, within a file, the current name first.
      const targetMember = Math.max(-1, ...(byKey.get(target) ?? []).map((e) => view.memberOf(e)));
      for (const { member, last } of lastOfFiles) {
        const shadowed = targetMember >= member;
        out.push({
          code: shadowed ? 'nova-deprecated-name-ignored' : 'nova-deprecated-name', severity: 'warning', start: last.keyStart, end: last.keyEnd, member,
          message: shadowed ? t('key.aliasShadowed', key, target) : t('key.deprecatedName', key, target),
          data: shadowed ? { kind: 'remove-line' } : { kind: 'rename', to: target },
        });
      }
    } else {
      const moved = table.moved(key, release);
      if (moved) {
        warnLast('nova-moved-key', t('key.moved', key, moved.group, moved.newName));
        continue;
      }
      if (table.known(key)) {
        const h = table.history(key);
        const added = h.added && table.before(release, h.added);
        warnLast('nova-key-not-in-release', added ? t('key.added', key, label, table.label(h.added ?? '')) : t('key.removed', key, label, table.label(h.removed ?? '')));
        continue;
      }
      for (const e of entries) out.push(unknownKey(e, ctx, t, byKey, view));
      continue;
    }
    if (spec) duplicatesAndValue(view, key, entries, perFile, spec, ctx, t, out);
  }
}

/** Duplicates within one file; the value check on the assignment nova reads (overridden ones are ignored). */
function duplicatesAndValue(
  view: NovaView, key: string, entries: readonly NovaEntry[], perFile: ReadonlyMap<number, readonly NovaEntry[]>, spec: OptionSpec,
  ctx: NovaContext, t: Translate<NovaMessageKey>, out: Finding[],
): void {
  const release = ctx.settings.novaRelease;
  if (spec.t !== 'multistring') {
    for (const [member, list] of perFile) {
      if (list.length < 2) continue;
      const line = view.lineOf(member, list[list.length - 1].keyStart);
      for (const e of list.slice(0, -1)) {
        out.push({ code: 'nova-duplicate-key', severity: 'warning', start: e.keyStart, end: e.keyEnd, message: t('key.duplicate', key, line), data: { kind: 'remove-line' }, member });
      }
    }
  }
  const aliases = novaOptions().aliases(release);
  const last = entries[entries.length - 1];
  const canonical = aliases.get(key) ?? key;
  if (view.find('libvirt', [canonical, ...[...aliases].filter(([, v]) => v === canonical).map(([a]) => a)]) !== last) return;
  const member = view.memberOf(last);
  for (const p of checkValue(view.resolved(last), spec)) {
    const f = valueFinding(p, last.key, release, t);
    out.push({ ...f, member, message: f.message + involvedSuffix(view, member, view.references(last), ctx.locale) });
  }
}

function valueFinding(p: ValueProblem, key: string, release: string, t: Translate<NovaMessageKey>): NovaFinding {
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
      const list = choices.map((c) => `"${c}"`).join(', ');
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
