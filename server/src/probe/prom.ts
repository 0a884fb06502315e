/**
 * `--format prom`: Prometheus text exposition (format 0.0.4) for node_exporter's
 * textfile collector. One gauge per check and host; labels are only `host` (bounded
 * by the inventory), `check` (CHECK_IDS), `kind` (ProbeErrorKind), `verdict` and
 * `code` (fixed sets). No free text in labels: messages stay in the other formats.
 */
import { FLEET_WARNING_CODES, VERDICTS, type FleetReport } from './fleet';
import { CHECK_IDS, type CheckStatus, type HostReport } from './types';

/** Check status as a number, worst highest, so that alerts compare with `>=`. */
export const STATUS_VALUE: Readonly<Record<CheckStatus, number>> = { SKIP: 0, PASS: 1, NOTE: 2, WARN: 3, FAIL: 4 };
const VERDICT_VALUE: Readonly<Record<(typeof VERDICTS)[number], number>> = { ready: 0, attention: 1, blocked: 2, error: 3 };

/** Label value escaping of the exposition format: backslash, double quote and line feed. */
export function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text escaping: backslash and line feed. */
function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

type Labels = Readonly<Record<string, string>>;

class Exposition {
  private readonly out: string[] = [];
  family(name: string, help: string, samples: readonly (readonly [Labels, number])[]): void {
    this.out.push(`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} gauge`);
    for (const [labels, value] of samples) {
      const l = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',');
      this.out.push(`${name}${l ? `{${l}}` : ''} ${Number.isFinite(value) ? String(value) : 'NaN'}`);
    }
  }
  text(): string {
    return this.out.join('\n') + '\n';
  }
}

export function renderProm(reports: readonly HostReport[], fleet: FleetReport): string {
  const e = new Exposition();
  // One series per host: a host named twice (two result files with one name) keeps its first report.
  const seen = new Set<string>();
  const rs = reports.filter((r) => !seen.has(r.host) && (seen.add(r.host), true));
  const checks: [Labels, number][] = [];
  for (const r of rs) {
    for (const id of CHECK_IDS) {
      const c = r.checks.find((x) => x.id === id);
      if (c) checks.push([{ host: r.host, check: id }, STATUS_VALUE[c.status]]);
    }
  }
  e.family('nested_virt_check_status', 'Result of one probe check on one host: 0 SKIP, 1 PASS, 2 NOTE, 3 WARN, 4 FAIL.', checks);
  e.family('nested_virt_host_up', '1 when the probe of the host produced a report, 0 when it failed (nested_virt_host_error says why).', rs.map((r) => [{ host: r.host }, r.error ? 0 : 1]));
  e.family('nested_virt_host_error', 'The kind of error the probe of the host ended with (always 1).', rs.filter((r) => r.error).map((r) => [{ host: r.host, kind: r.error!.kind }, 1]));
  e.family('nested_virt_host_blocked', '1 when nested virtualization cannot be used on the host now.', rs.filter((r) => !r.error).map((r) => [{ host: r.host }, r.blocksNested ? 1 : 0]));
  const verdict = new Map(fleet.hosts.map((h) => [h.host, h.verdict]));
  e.family('nested_virt_host_verdict', 'Fleet verdict of the host: 0 ready, 1 needs attention, 2 blocked, 3 not probed.', rs.map((r) => [{ host: r.host }, VERDICT_VALUE[verdict.get(r.host) ?? 'error']]));
  const nested: [Labels, number][] = [];
  for (const r of rs) {
    const v = r.hostFacts?.nested.enabled;
    if (typeof v === 'boolean') nested.push([{ host: r.host }, v ? 1 : 0]);
  }
  e.family('nested_virt_nested_enabled', 'The nested parameter of the vendor KVM module now (no sample when it could not be read).', nested);
  const timed = rs.filter((r) => r.transport !== 'results');
  if (timed.length) e.family('nested_virt_probe_duration_seconds', 'Wall time of the probe of the host.', timed.map((r) => [{ host: r.host }, r.durationMs / 1000]));
  e.family('nested_virt_fleet_hosts', 'Hosts per fleet verdict.', VERDICTS.map((v) => [{ verdict: v }, fleet.counts[v]]));
  e.family('nested_virt_fleet_baseline_models', 'CPU models usable on every host with libvirt CPU data (the cpu_models baseline).', [[{}, fleet.baseline?.models.length ?? 0]]);
  const byCode = new Map<string, number>(FLEET_WARNING_CODES.map((c) => [c, 0]));
  for (const w of fleet.warnings) byCode.set(w.code, (byCode.get(w.code) ?? 0) + 1);
  e.family('nested_virt_fleet_migration_warnings', 'Migration-safety warnings of the fleet report, per kind.', [...byCode].map(([code, n]) => [{ code }, n]));
  return e.text();
}
