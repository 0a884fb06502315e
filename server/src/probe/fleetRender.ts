/** The fleet report as text and as SARIF results (added to the probe's SARIF run). */
import type { Locale } from '../core/l10n/index';
import type { SarifItem, SarifLocation } from '../edge/sarif';
import { fleetTranslator } from './fleetMessages';
import { hostList, type Baseline, type FleetReport } from './fleet';

function baselineLines(b: Baseline, head: string): string[] {
  const out = [`  ${head}`];
  if (!b.models.length) return out;
  out.push(`    ${b.models.join(', ')}`);
  return out;
}

export function renderFleetText(f: FleetReport, locale: Locale = 'en'): string {
  const t = fleetTranslator(locale);
  const c = f.counts;
  const out = [t('fleet.title', f.hosts.length, c.ready, c.attention, c.blocked, c.error)];
  if (f.proxy) out.push('  ' + t('fleet.proxy', f.proxy.host, f.proxy.concurrency));
  out.push('  ' + t('fleet.verdicts'));
  for (const h of f.hosts) {
    const why = h.reasons.length ? ` (${h.reasons.join(', ')})` : '';
    out.push(`    ${t('fleet.host', h.host, t(`fleet.verdict.${h.verdict}`), why)}`);
  }
  out.push('  ' + (f.groups.length ? t('fleet.groups') : t('fleet.groupsNone')));
  for (const g of f.groups) {
    out.push(`    ${t('fleet.group', t(`fleet.verdict.${g.verdict}`), g.reasons.join(' + '), g.hosts.length, g.summary)}`);
    out.push(`      ${t('fleet.groupHosts', hostList(g.hosts, t, 20))}`);
    for (const l of g.remediation) out.push(l ? `        ${l}` : '');
    if (g.varies) out.push(`      ${t('fleet.groupVaries')}`);
  }
  if (!f.baseline) {
    out.push('  ' + t('fleet.baselineNoData'));
  } else {
    const b = f.baseline;
    out.push(...baselineLines(b, b.models.length ? t('fleet.baseline', b.hosts.length) : t('fleet.baselineNone')));
    for (const v of f.vendorBaselines) out.push(...baselineLines(v, v.models.length ? t('fleet.baselineVendor', v.scope, v.hosts.length) : t('fleet.baselineNone')));
    const ready = [b, ...f.vendorBaselines].filter((x) => x.cpuModels);
    if (ready.length) {
      out.push('  ' + t('fleet.baselineHint'));
      for (const x of ready) {
        if (f.vendorBaselines.length) out.push(`    # ${x.scope}`);
        out.push('    [libvirt]', '    cpu_mode = custom', `    ${x.cpuModels ?? ''}`);
        if (x.extraFlags) out.push(`    ${x.extraFlags}`);
      }
    }
  }
  out.push('  ' + (f.warnings.length ? t('fleet.migration') : t('fleet.migrationNone')));
  for (const w of f.warnings) out.push(`    ${w.severity === 'warning' ? 'WARN' : 'NOTE'}  ${w.message}`);
  return out.join('\n') + '\n';
}

/** Fleet-level SARIF results: one per group and per migration warning, located at the hosts concerned. */
export function fleetSarif(f: FleetReport, locale: Locale = 'en'): { rules: Map<string, string>; items: SarifItem[] } {
  const t = fleetTranslator(locale);
  const loc = (hosts: readonly string[]): SarifLocation[] => [{ logicalName: hosts.slice(0, 1000) }];
  const rules = new Map<string, string>([['fleet-group', t('fleet.groups')], ...[...new Set(f.warnings.map((w) => w.code))].map((id): [string, string] => [id, t('fleet.migration')])]);
  const items: SarifItem[] = [];
  for (const g of f.groups) {
    const message = [t('fleet.group', t(`fleet.verdict.${g.verdict}`), g.reasons.join(' + '), g.hosts.length, g.summary), ...(g.remediation.length ? ['', ...g.remediation] : [])].join('\n');
    items.push({ ruleId: 'fleet-group', level: g.verdict === 'attention' ? 'warning' : 'error', message, locations: loc(g.hosts), properties: { verdict: g.verdict, reasons: g.reasons, hosts: g.hosts } });
  }
  for (const w of f.warnings) {
    items.push({ ruleId: w.code, level: w.severity === 'warning' ? 'warning' : 'note', message: w.message, locations: loc(w.hosts), properties: { hosts: w.hosts, ...(w.model ? { model: w.model } : {}) } });
  }
  if (f.baseline?.cpuModels) {
    rules.set('fleet-baseline', t('fleet.baselineHint'));
    const message = [t('fleet.baseline', f.baseline.hosts.length), f.baseline.cpuModels, f.baseline.extraFlags ?? ''].filter(Boolean).join('\n');
    items.push({ ruleId: 'fleet-baseline', level: 'note', message, locations: loc(f.baseline.hosts), properties: { models: f.baseline.models } });
  }
  return { rules, items };
}
