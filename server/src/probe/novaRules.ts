/**
 * The editor's nova.conf rules (server/src/lang/nova), applied to the nova.conf found
 * on a probed host, with that host's facts as the host context, the release and
 * cpu_map the probe was given. The probe's own nova check already reports unusable
 * cpu_models, the vmx/svm vendor mismatch and nested=off with remediation, so those
 * host rules are not repeated.
 */
import type { HostFacts } from '../../../shared/src/hostFacts';
import { DEFAULT_PROBE_SETTINGS, DEFAULT_SERVER_SETTINGS, HOST_ARCHES, type HostArch, type ProbeSettings } from '../../../shared/src/settings';
import type { CpuMapCatalog } from '../lang/cpumap/catalog';
import { bundledCatalog } from '../lang/cpumap/provider';
import type { Locale } from '../core/l10n/index';
import { LineIndex } from '../core/lines';
import { toEvidence } from '../edge/evidence';
import { novaFindings, parseNovaConf } from '../lang/nova/index';
import type { NovaCheckContext } from './checkContext';

/** Host rules the probe's own checks already report, with remediation. */
export const COVERED_BY_PROBE = new Set(['nova-host-model-unusable', 'nova-host-virt-flag-vendor', 'nova-host-nested-off', 'nova-host-no-kvm', 'nova-host-vm-no-nested']);

/** The nova context of a probe: release and host arch from the settings, the cpu_map the caller loaded for `cpuMapPath`. */
export function probeNovaContext(settings: Pick<ProbeSettings, 'release' | 'hostArch'>, catalog: CpuMapCatalog): NovaCheckContext {
  return { release: settings.release, hostArch: settings.hostArch, catalog };
}

/** The newest release, x86_64 and the bundled cpu_map: what a probe without settings checks against. */
export function defaultNovaContext(): NovaCheckContext {
  return probeNovaContext(DEFAULT_PROBE_SETTINGS, bundledCatalog());
}

export interface NovaRuleDiagnostic {
  readonly line: number;
  readonly code: string;
  readonly message: string;
  readonly severity: 'error' | 'warning' | 'info';
}

/** The editor's rules for a host's nova.conf text, with the host's facts; the host's arch wins over the setting. */
export function novaRuleDiagnostics(text: string, path: string, host: HostFacts, nova: NovaCheckContext, locale: Locale): NovaRuleDiagnostic[] {
  const arch = host.arch && (HOST_ARCHES as readonly string[]).includes(host.arch) ? (host.arch as HostArch) : nova.hostArch;
  const lines = new LineIndex(text);
  const findings = novaFindings(parseNovaConf(text), {
    settings: { ...DEFAULT_SERVER_SETTINGS, hostArch: arch, novaRelease: nova.release },
    catalog: nova.catalog,
    locale,
    host,
  });
  return findings
    .filter((f) => !COVERED_BY_PROBE.has(f.code))
    .sort((a, b) => a.start - b.start)
    .map((f) => {
      const e = toEvidence(path, f, (o) => lines.lineNumber(o));
      return { line: e.line, code: e.code, message: e.message, severity: e.severity === 'error' ? 'error' : e.severity === 'warning' ? 'warning' : 'info' };
    });
}
