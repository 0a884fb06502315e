/**
 * The fleet report: what many host reports mean together. Pure: host reports in,
 * data out (rendered by fleetRender.ts and prom.ts, shown by the VS Code report).
 *  - a verdict per host;
 *  - hosts grouped by what stops them, with the remediation once per group;
 *  - the CPU models every host can run, newest first, as a ready `cpu_models =` line;
 *  - migration-safety warnings.
 * Linear in hosts × models (one pass per host, sets for the intersections).
 */
import { DEFAULT_SERVER_SETTINGS } from '../../../shared/src/settings';
import type { Locale } from '../core/l10n/index';
import { bundledCatalog } from '../lang/cpumap/provider';
import { parseNovaConf } from '../lang/nova/index';
import { readCpuSettings } from '../lang/nova/rules';
import { vendorModule } from './facts';
import { fleetTranslator, type FleetT } from './fleetMessages';
import type { HostReport } from './types';

export { VERDICTS, FLEET_WARNING_CODES } from '../../../shared/src/fleetReport';
export type { Baseline, FleetReport } from '../../../shared/src/fleetReport';
import { hostVerdict } from '../../../shared/src/verdict';
import { FLEET_WARNING_CODES, type Baseline, type FleetGroup, type FleetHost, type FleetReport, type FleetWarning, type Verdict } from '../../../shared/src/fleetReport';

export interface FleetOptions {
  readonly locale?: Locale;
  /** OpenStack release whose nova.conf reading applies (cpu_mode). */
  readonly release?: string;
  readonly proxy?: FleetReport['proxy'];
}

/** Position in libvirt's cpu_map (index.xml lists each vendor's models oldest to newest); -1 when unknown. */
const rankCache = new Map<string, Map<string, number>>();
export function modelRank(arch: string | undefined, model: string): number {
  const key = arch ?? 'x86_64';
  let ranks = rankCache.get(key);
  if (!ranks) {
    ranks = new Map((bundledCatalog().forArch(key)?.modelNames() ?? []).map((n, i) => [n.toLowerCase(), i]));
    rankCache.set(key, ranks);
  }
  return ranks.get(model.toLowerCase()) ?? -1;
}

/** Newest first; models cpu_map does not know go last, in their order. */
export function newestFirst(models: Iterable<string>, arch?: string): string[] {
  const list = [...models].map((m, i) => ({ m, i, r: modelRank(arch, m) }));
  list.sort((a, b) => (b.r - a.r) || (a.i - b.i));
  return list.map((x) => x.m);
}

interface HostData {
  readonly report: HostReport;
  readonly arch?: string;
  readonly vendor?: string;
  readonly usable?: ReadonlySet<string>;
  readonly cpuMode?: string;
  readonly configured: readonly string[];
}

function hostData(r: HostReport, release: string): HostData {
  const f = r.facts;
  if (!f) return { report: r, configured: [] };
  const lv = f.libvirt;
  const usable = lv.source === 'domcapabilities' ? new Set(lv.models.filter((m) => m.usable === 'yes').map((m) => m.name)) : undefined;
  let cpuMode: string | undefined;
  let configured: string[] = [];
  if (f.nova.text !== undefined) {
    try {
      const s = readCpuSettings(parseNovaConf(f.nova.text), release);
      const kvmLike = s.virtType === 'kvm' || s.virtType === 'qemu';
      cpuMode = s.cpuMode ?? (s.cpuMode === undefined ? (kvmLike ? 'host-model' : 'none') : undefined);
      configured = s.models.map((m) => m.text).filter(Boolean);
    } catch {
      // An unreadable nova.conf is the nova check's business; the fleet view goes without it.
    }
  }
  const vendor = f.cpu.vendor === 'other' ? (f.cpu.vendorId ?? lv.hostModel?.vendor) : (f.cpu.vendor ?? lv.hostModel?.vendor);
  return { report: r, arch: f.kernel.arch, vendor, usable, cpuMode, configured };
}

const normalise = (s: string): string => s.replace(/\d+/g, '#');

/** Lines equal on every host stay; lines that differ only in numbers get N. */
function mergeLines(all: readonly (readonly string[])[]): { lines: string[]; varies: boolean } {
  const first = all[0] ?? [];
  let varies = false;
  const lines = first.map((l, i) => {
    if (all.every((x) => x[i] === l)) return l;
    varies = true;
    return l.replace(/\d+/g, 'N');
  });
  return { lines, varies };
}

function dedupe(lines: readonly string[]): string[] {
  const seen = new Set<string>();
  return lines.filter((l) => l === '' || (!seen.has(l) && (seen.add(l), true)));
}

function groupHosts(rows: readonly { r: HostReport; verdict: Verdict; reasons: readonly string[] }[], t: FleetT): FleetGroup[] {
  const groups = new Map<string, { verdict: Exclude<Verdict, 'ready'>; reasons: readonly string[]; hosts: string[]; summaries: string[][]; fixes: string[][] }>();
  for (const { r, verdict, reasons } of rows) {
    if (verdict === 'ready') continue;
    let summary: string[];
    let fix: string[];
    if (r.error) {
      summary = [t('fleet.errorGroup', r.error.kind)];
      fix = r.error.hint ? [r.error.hint] : [];
    } else {
      const checks = reasons.map((id) => r.checks.find((c) => c.id === id)).filter((c) => c !== undefined);
      summary = [checks[0]?.details[0] ?? checks[0]?.title ?? ''];
      fix = dedupe(checks.flatMap((c) => c.remediation));
    }
    // Errors group by kind alone: their hints name the host, and the group keeps only a hint every host shares.
    const key = [verdict, reasons.join(','), r.error ? '' : normalise(summary[0]), r.error ? '' : fix.map(normalise).join('\n')].join('\u0000');
    const g = groups.get(key) ?? { verdict, reasons, hosts: [], summaries: [], fixes: [] };
    groups.set(key, g);
    g.hosts.push(r.host);
    g.summaries.push(summary);
    g.fixes.push(fix);
  }
  const order: Record<string, number> = { blocked: 0, attention: 1, error: 2 };
  return [...groups.values()]
    .map((g) => {
      const s = mergeLines(g.summaries);
      const sameFix = g.fixes.every((f) => f.length === g.fixes[0].length);
      const fix = g.verdict === 'error'
        ? { lines: g.fixes.every((f) => f.join('\n') === g.fixes[0].join('\n')) ? g.fixes[0] : [], varies: false }
        : sameFix ? mergeLines(g.fixes) : { lines: g.fixes[0], varies: true };
      return { verdict: g.verdict, reasons: g.reasons, summary: s.lines[0] ?? '', hosts: g.hosts, remediation: fix.lines, varies: s.varies || fix.varies };
    })
    .sort((a, b) => order[a.verdict] - order[b.verdict] || b.hosts.length - a.hosts.length);
}

function baselineFor(scope: string, data: readonly HostData[]): Baseline {
  let common: Set<string> | undefined;
  for (const d of data) {
    if (!d.usable) continue;
    common = common === undefined ? new Set(d.usable) : new Set([...common].filter((m) => d.usable!.has(m)));
  }
  const models = newestFirst(common ?? [], data[0]?.arch);
  const vendors = new Set(data.map((d) => d.vendor));
  const flag = vendors.size === 1 ? vendorModule(data[0]?.report.facts?.cpu.vendor) : undefined;
  return {
    scope,
    hosts: data.map((d) => d.report.host),
    models,
    ...(models.length ? { cpuModels: `cpu_models = ${models.join(', ')}` } : {}),
    ...(models.length && flag ? { extraFlags: `cpu_model_extra_flags = ${flag === 'kvm_intel' ? 'vmx' : 'svm'}` } : {}),
  };
}

/** "a, b, c" or "a, b, c and 7 more". */
export function hostList(hosts: readonly string[], t: FleetT, max = 5): string {
  return hosts.length <= max ? hosts.join(', ') : t('fleet.w.more', hosts.slice(0, max).join(', '), hosts.length - max);
}

function partialWarnings(data: readonly HostData[], t: FleetT): FleetWarning[] {
  const out: FleetWarning[] = [];
  const usableOn = new Map<string, string[]>();
  for (const d of data) for (const m of d.usable ?? []) (usableOn.get(m) ?? usableOn.set(m, []).get(m)!).push(d.report.host);
  const all = data.map((d) => d.report.host);
  // Configured in nova.conf but missing somewhere: a warning, once per model.
  const configuredBy = new Map<string, string[]>();
  for (const d of data) for (const m of d.configured) (configuredBy.get(m.toLowerCase()) ?? configuredBy.set(m.toLowerCase(), []).get(m.toLowerCase())!).push(d.report.host);
  const byLower = new Map([...usableOn.keys()].map((m) => [m.toLowerCase(), m]));
  for (const [lower, hosts] of configuredBy) {
    const name = byLower.get(lower) ?? lower;
    const on = new Set(usableOn.get(name) ?? []);
    const missing = all.filter((h) => !on.has(h));
    if (missing.length && on.size) {
      out.push({ code: 'fleet-configured-model-partial', severity: 'warning', model: name, hosts: missing, message: t('fleet.w.configuredPartial', hostList(hosts, t), name, hostList(missing, t)) });
    }
  }
  for (const m of newestFirst(usableOn.keys(), data[0]?.arch)) {
    const on = new Set(usableOn.get(m));
    if (on.size === all.length) continue;
    const missing = all.filter((h) => !on.has(h));
    out.push({ code: 'fleet-model-partial', severity: 'information', model: m, hosts: missing, message: t('fleet.w.partial', m, on.size, all.length, hostList(missing, t)) });
  }
  return out;
}

function passthroughWarning(data: readonly HostData[], t: FleetT): FleetWarning | undefined {
  const pt = data.filter((d) => d.cpuMode === 'host-passthrough');
  const cpus = new Map<string, string[]>();
  for (const d of pt) {
    const f = d.report.facts;
    const id = f?.cpu.modelName ?? f?.libvirt.hostModel?.name ?? f?.cpu.vendorId ?? '?';
    (cpus.get(id) ?? cpus.set(id, []).get(id)!).push(d.report.host);
  }
  if (cpus.size < 2) return undefined;
  const desc = [...cpus].map(([cpu, hosts]) => `${cpu}: ${hostList(hosts, t, 3)}`).join('; ');
  return { code: 'fleet-passthrough-mixed-cpus', severity: 'warning', hosts: pt.map((d) => d.report.host), message: t('fleet.w.passthrough', desc) };
}

export function fleetReport(reports: readonly HostReport[], o: FleetOptions = {}): FleetReport {
  const t = fleetTranslator(o.locale ?? 'en');
  const release = o.release ?? DEFAULT_SERVER_SETTINGS.novaRelease;
  const rows = reports.map((r) => ({ r, ...hostVerdict(r) }));
  const counts: Record<Verdict, number> = { ready: 0, attention: 0, blocked: 0, error: 0 };
  const data: HostData[] = [];
  const hosts: FleetHost[] = rows.map(({ r, verdict, reasons }) => {
    counts[verdict]++;
    const d = hostData(r, release);
    if (r.facts) data.push(d);
    const cpu = r.facts?.cpu.modelName;
    return { host: r.host, verdict, reasons, ...(d.vendor ? { vendor: d.vendor } : {}), ...(cpu ? { cpu } : {}), ...(d.cpuMode ? { cpuMode: d.cpuMode } : {}) };
  });
  const withModels = data.filter((d) => d.usable);
  const warnings: FleetWarning[] = [];
  const pt = passthroughWarning(data, t);
  if (pt) warnings.push(pt);
  const vendors = new Map<string, HostData[]>();
  for (const d of withModels) (vendors.get(d.vendor ?? '?') ?? vendors.set(d.vendor ?? '?', []).get(d.vendor ?? '?')!).push(d);
  const mixed = vendors.size > 1;
  if (mixed) warnings.push({ code: 'fleet-mixed-vendors', severity: 'warning', hosts: withModels.map((d) => d.report.host), message: t('fleet.w.mixedVendors', [...vendors].map(([v, ds]) => `${v} ${ds.length}`).join(', ')) });
  for (const ds of vendors.values()) warnings.push(...partialWarnings(ds, t));
  const without = data.filter((d) => !d.usable).map((d) => d.report.host);
  if (without.length && withModels.length) warnings.push({ code: 'fleet-baseline-incomplete', severity: 'information', hosts: without, message: t('fleet.w.incomplete', hostList(without, t)) });
  const order = FLEET_WARNING_CODES as readonly string[];
  warnings.sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code));
  return {
    hosts,
    counts,
    groups: groupHosts(rows, t),
    baseline: withModels.length ? baselineFor('all', withModels) : null,
    vendorBaselines: mixed ? [...vendors].map(([v, ds]) => baselineFor(v, ds)) : [],
    warnings,
    ...(o.proxy ? { proxy: o.proxy } : {}),
  };
}
