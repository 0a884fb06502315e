/**
 * explain(text, context): the distinct problems a pasted error, terminal session or log
 * shows, most specific first, each with its cause, fix and checks in the user's language.
 * With the probed host's facts, the cause that applies to that host is chosen.
 */
import type { HostFacts } from '../../../../shared/src/hostFacts';
import type { Locale } from '../../core/l10n';
import { compileCatalog, scan, type Catalog, type RawMatch, type ScanStats } from './matcher';
import { SIGNATURES } from './signatures';
import type { Captures, Explanation, HostCondition, HostRefinement, Localized, Signature } from './types';

export interface ExplainContext {
  readonly locale: Locale;
  /** The probed host selected in the editor, or given to the CLI. */
  readonly host?: HostFacts | null;
  /** At most this many problems (default 50). */
  readonly limit?: number;
}

/** Distinct problems kept while scanning, so a huge log cannot grow the result without bound. */
const MAX_DISTINCT = 1000;

let compiled: Catalog | undefined;
export function catalog(): Catalog {
  compiled ??= compileCatalog(SIGNATURES);
  return compiled;
}

const DEFAULTS: Readonly<Record<string, string>> = {
  feature: 'vmx/svm',
  module: 'kvm_intel',
  domaintype: 'kvm',
  virttype: 'kvm',
  mode: 'host-passthrough',
};

/** Replaces `{name}` with the capture, the host's name or module, or a neutral default. */
export function fill(template: string, captures: Captures, host?: HostFacts | null): string {
  return template.replace(/\{([a-z]+)\}/g, (whole, name: string) => {
    if (name === 'host') return host?.host ?? whole;
    const v = (captures as Record<string, unknown>)[name];
    if (typeof v === 'string' && v) return v;
    if (name === 'module' && host?.nested.module) return host.nested.module;
    return DEFAULTS[name] ?? '?';
  });
}

function pick(l: Localized, locale: Locale): string {
  return locale === 'zh-cn' ? l.zh : l.en;
}

function holds(when: HostCondition, host: HostFacts, captures: Captures): boolean {
  const virt = host.cpu.vmx || host.cpu.svm;
  switch (when) {
    case 'nested-off':
      return host.nested.enabled === false && virt;
    case 'guest-without-virt':
      return host.cpu.hypervisor && !virt;
    case 'no-virt-flags':
      return !host.cpu.hypervisor && !virt;
    case 'vendor-mismatch': {
      const v = (host.cpu.vendor ?? '').toLowerCase();
      const intel = v.includes('intel') || v.includes('zhaoxin') || v === 'centaurhauls';
      const amd = v.includes('amd') || v.includes('hygon');
      return (captures.module === 'kvm_amd' && intel) || (captures.module === 'kvm_intel' && amd);
    }
  }
}

function refinementFor(sig: Signature, host: HostFacts | null | undefined, captures: Captures): HostRefinement | undefined {
  if (!host || !sig.refine) return undefined;
  return sig.refine.find((r) => holds(r.when, host, captures));
}

interface Group {
  readonly first: RawMatch;
  count: number;
}

function group(matches: readonly RawMatch[]): Group[] {
  const groups = new Map<string, Group>();
  for (const m of matches) {
    const key = `${m.sig.id}\u0000${JSON.stringify(m.captures)}`;
    const g = groups.get(key);
    if (g) g.count++;
    else if (groups.size < MAX_DISTINCT) groups.set(key, { first: m, count: 1 });
  }
  return [...groups.values()];
}

function toExplanation(g: Group, ctx: ExplainContext): Explanation {
  const { sig, captures, evidence } = g.first;
  const host = ctx.host ?? null;
  const r = refinementFor(sig, host, captures);
  const withHostModule: Captures = r && r.when === 'nested-off' && host?.nested.module ? { ...captures, module: host.nested.module } : captures;
  const text = (l: Localized): string => fill(pick(l, ctx.locale), withHostModule, host);
  return {
    id: sig.id,
    category: r?.category ?? sig.category,
    message: text(r?.explanation ?? sig.explanation),
    fix: text(sig.fix),
    checks: sig.checks.map(text),
    evidence,
    occurrences: g.count,
    captures,
    origin: sig.origin,
    source: sig.source,
    ...(r && host ? { host: host.host } : {}),
  };
}

/** The raw matches, for the probe and the tests. */
export function matchText(text: string, stats?: ScanStats): RawMatch[] {
  return scan(catalog(), text, stats);
}

export function explain(text: string, ctx: ExplainContext): Explanation[] {
  const groups = group(matchText(text));
  const ids = new Set(groups.map((g) => g.first.sig.id));
  const kept = groups.filter((g) => !(g.first.sig.supersededBy ?? []).some((id) => ids.has(id)));
  kept.sort((a, b) => b.first.sig.priority - a.first.sig.priority || a.first.evidence.start - b.first.evidence.start);
  return kept.slice(0, ctx.limit ?? 50).map((g) => toExplanation(g, ctx));
}
