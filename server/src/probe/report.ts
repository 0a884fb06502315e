/** Renders probe reports: text, JSON, SARIF 2.1.0, and a summary across hosts. */
import type { Locale } from '../core/l10n/index';
import { writeSarif, type SarifItem, type SarifLevel, type SarifLocation } from '../edge/sarif';
import { VERSION } from '../core/version';
import { fleetReport, type FleetOptions } from './fleet';
import { fleetSarif, renderFleetText } from './fleetRender';
import { probeMessages, probeTranslator } from './messages';
import { renderProm } from './prom';
import { CHECK_IDS, CHECK_STATUSES, type CheckId, type CheckStatus, type HostReport } from './types';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'prom'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface Summary {
  readonly hosts: number;
  /** Hosts by their worst status; `error` = unreachable or failed probe. */
  readonly hostsByStatus: Readonly<Record<'PASS' | 'WARN' | 'FAIL' | 'error', number>>;
  /** Per check: how many hosts got each status. */
  readonly checks: Readonly<Record<string, Readonly<Record<CheckStatus, number>>>>;
  /** Hosts that block nested, with the failing checks and their first line. */
  readonly blocking: readonly { readonly host: string; readonly reasons: readonly { readonly id: CheckId; readonly detail: string }[] }[];
  readonly unreachable: readonly { readonly host: string; readonly kind: string; readonly message: string }[];
  /** Models usable on every probed host; null when some host had no domcapabilities. */
  readonly commonModels: readonly string[] | null;
  /** Reached hosts without domcapabilities data. */
  readonly hostsWithoutModels: readonly string[];
}

export function hostStatus(r: HostReport): 'PASS' | 'WARN' | 'FAIL' | 'error' {
  if (r.error) return 'error';
  if (r.checks.some((c) => c.status === 'FAIL')) return 'FAIL';
  if (r.checks.some((c) => c.status === 'WARN')) return 'WARN';
  return 'PASS';
}

export function summarize(reports: readonly HostReport[]): Summary {
  const hostsByStatus = { PASS: 0, WARN: 0, FAIL: 0, error: 0 };
  const checks: Record<string, Record<CheckStatus, number>> = {};
  const blocking: { host: string; reasons: { id: CheckId; detail: string }[] }[] = [];
  const unreachable: { host: string; kind: string; message: string }[] = [];
  let common: string[] | null | undefined;
  const hostsWithoutModels: string[] = [];
  for (const r of reports) {
    hostsByStatus[hostStatus(r)]++;
    if (r.error) {
      unreachable.push({ host: r.host, kind: r.error.kind, message: r.error.message });
      continue;
    }
    for (const c of r.checks) {
      const row = (checks[c.id] ??= { PASS: 0, WARN: 0, FAIL: 0, NOTE: 0, SKIP: 0 });
      row[c.status]++;
    }
    if (r.blocksNested) {
      blocking.push({ host: r.host, reasons: r.checks.filter((c) => r.blockReasons.includes(c.id)).map((c) => ({ id: c.id, detail: c.details[0] ?? c.title })) });
    }
    const lv = r.facts?.libvirt;
    if (!lv || lv.source !== 'domcapabilities') {
      hostsWithoutModels.push(r.host);
      common = null;
    } else if (common !== null) {
      const usable = lv.models.filter((m) => m.usable === 'yes').map((m) => m.name);
      common = common === undefined ? usable : common.filter((m) => usable.includes(m));
    }
  }
  return { hosts: reports.length, hostsByStatus, checks, blocking, unreachable, commonModels: common ?? null, hostsWithoutModels };
}

function indent(lines: readonly string[], pad: string): string[] {
  return lines.flatMap((l) => l.split('\n')).map((l) => pad + l);
}

export function renderHostText(r: HostReport, locale: Locale = 'en'): string {
  const t = probeTranslator(locale);
  const out: string[] = [];
  const f = r.facts;
  const head = t('report.host', r.host);
  if (r.error) {
    out.push(head, '  ' + t('report.error', r.error.kind, r.error.message));
    if (r.error.hint) out.push('  ' + t('report.hint', r.error.hint));
    if (r.error.stderr) for (const l of indent(r.error.stderr.split('\n'), '    ')) out.push(l);
    return out.join('\n') + '\n';
  }
  const cpu = f ? (f.cpu.modelName ?? f.cpu.vendorId ?? '?') : '?';
  out.push(`${head} — ${t('report.facts', cpu, f?.kernel.release ?? '?', f?.kernel.arch ?? '?')} (${t('report.duration', r.durationMs)})`);
  for (const c of r.checks) {
    out.push(`  ${c.status.padEnd(4)}  ${c.title}`);
    for (const l of indent(c.details, '        ')) out.push(l);
    if (c.remediation.length) {
      out.push(`        ${t('report.remediation')}:`);
      for (const l of indent(c.remediation, '          ')) out.push(l);
    }
  }
  return out.join('\n') + '\n';
}

export function renderSummaryText(s: Summary, locale: Locale = 'en'): string {
  const t = probeTranslator(locale);
  const out = [t('summary.title', s.hosts)];
  out.push('  ' + t('summary.hostsByStatus', s.hostsByStatus.PASS, s.hostsByStatus.WARN, s.hostsByStatus.FAIL, s.hostsByStatus.error));
  for (const id of CHECK_IDS) {
    const row = s.checks[id];
    if (!row) continue;
    const parts = CHECK_STATUSES.filter((st) => row[st] > 0).map((st) => `${st} ${row[st]}`);
    out.push(`  ${probeMessages[locale][`title.${id}`].padEnd(28)} ${parts.join(', ')}`);
  }
  if (s.blocking.length) {
    out.push('  ' + t('summary.blocking'));
    for (const b of s.blocking) out.push(`    ${b.host}: ${b.reasons.map((x) => `${x.id}: ${x.detail}`).join('; ')}`);
  } else {
    out.push('  ' + t('summary.blockingNone'));
  }
  for (const u of s.unreachable) out.push(`    ${u.host}: ${u.kind}: ${u.message}`);
  out.push('  ' + (s.commonModels && s.commonModels.length ? t('summary.commonModels', s.commonModels.join(', ')) : t('summary.commonModelsNone')));
  return out.join('\n') + '\n';
}

/** A copy without the nova.conf texts (they hold credentials), for JSON output and for LSP clients. */
export function reportForJson(r: HostReport): HostReport {
  if (!r.facts) return r;
  const { text: _dropped, ...nova } = r.facts.nova;
  void _dropped;
  const stack = r.facts.novaStack;
  const novaStack = stack && { ...stack, files: stack.files.map(({ text: _t, ...f }) => (void _t, f)) };
  return { ...r, facts: { ...r.facts, nova, ...(novaStack ? { novaStack } : {}) } };
}

export function renderJson(reports: readonly HostReport[], withSummary = true, fleet: FleetOptions = {}): string {
  const doc = { tool: 'nested-virt', kind: 'probe', version: 1, hosts: reports.map(reportForJson), ...(withSummary ? { summary: summarize(reports), fleet: fleetReport(reports, fleet) } : {}) };
  return JSON.stringify(doc, null, 2) + '\n';
}

const LEVEL: Record<CheckStatus, SarifLevel | undefined> = { FAIL: 'error', WARN: 'warning', NOTE: 'note', PASS: undefined, SKIP: undefined };

/** Evidence `path:line` → a location on the host (`ssh://host/path`, region when there is a line). */
function evidenceLocation(host: string, ev: string | undefined): SarifLocation {
  if (!ev) return { logicalName: host };
  const i = ev.lastIndexOf(':');
  const line = Number(ev.slice(i + 1));
  return { artifact: `ssh://${encodeURIComponent(host)}${encodeURI(ev.slice(0, i))}`, ...(line > 0 ? { region: { startLine: line } } : {}), logicalName: host };
}

function sarifItems(r: HostReport, t: ReturnType<typeof probeTranslator>): SarifItem[] {
  if (r.error) {
    const message = t('report.error', r.error.kind, r.error.message) + (r.error.hint ? `\n${t('report.hint', r.error.hint)}` : '');
    return [{ ruleId: 'probe-host-error', level: 'error', message, locations: [{ logicalName: r.host }], properties: { host: r.host, kind: r.error.kind } }];
  }
  const items: SarifItem[] = [];
  for (const c of r.checks) {
    const level = LEVEL[c.status];
    if (!level) continue;
    const message = [...c.details, ...(c.remediation.length ? ['', t('report.remediation') + ':', ...c.remediation] : [])].join('\n');
    const locations = (c.evidence?.length ? c.evidence : [undefined]).map((ev) => evidenceLocation(r.host, ev));
    items.push({ ruleId: c.id, level, message, locations, properties: { host: r.host, status: c.status } });
  }
  return items;
}

export function renderSarif(reports: readonly HostReport[], locale: Locale = 'en', version = VERSION, fleet: FleetOptions = {}): string {
  const t = probeTranslator(locale);
  const f = reports.length > 1 ? fleetSarif(fleetReport(reports, { ...fleet, locale }), locale) : { rules: new Map<string, string>(), items: [] };
  const rules = new Map<string, string>([...CHECK_IDS.map((id): [string, string] => [id, t(`title.${id}`)]), ['probe-host-error', 'Probe failed'], ...f.rules]);
  return JSON.stringify(writeSarif([...reports.flatMap((r) => sarifItems(r, t)), ...f.items], version, rules), null, 2) + '\n';
}

/** `fleet`: the nova release for reading cpu_mode, and a concurrency note when a bastion lowered it. */
export function renderReports(reports: readonly HostReport[], format: ReportFormat, locale: Locale = 'en', fleet: FleetOptions = {}): string {
  if (format === 'json') return renderJson(reports, true, { ...fleet, locale });
  if (format === 'sarif') return renderSarif(reports, locale, undefined, fleet);
  if (format === 'prom') return renderProm(reports, fleetReport(reports, { ...fleet, locale }));
  const parts = reports.map((r) => renderHostText(r, locale));
  if (reports.length > 1) parts.push(renderSummaryText(summarize(reports), locale), renderFleetText(fleetReport(reports, { ...fleet, locale }), locale));
  return parts.join('\n');
}

/** CLI exit code: 3 if any host errored, else 1 if any FAIL, else 0. */
export function exitCodeFor(reports: readonly HostReport[]): number {
  if (reports.some((r) => r.error)) return 3;
  if (reports.some((r) => r.checks.some((c) => c.status === 'FAIL'))) return 1;
  return 0;
}
