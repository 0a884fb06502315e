/**
 * The editor's nova.conf rules (server/src/lang/nova), applied to the nova.conf found
 * on a probed host, with that host's facts as the host context. The probe's own
 * nova check already reports unusable cpu_models, the vmx/svm vendor mismatch
 * and nested=off with remediation, so those host rules are not repeated.
 */
import { DEFAULT_NOVA_RELEASE, DEFAULT_SERVER_SETTINGS, HOST_ARCHES, type HostArch, type NovaRelease } from '../../../shared/src/settings';
import { bundledCatalog } from '../lang/cpumap/provider';
import type { Locale } from '../core/l10n/index';
import { LineIndex } from '../core/lines';
import { novaFindings, parseNovaConf } from '../lang/nova/index';
import type { NovaDiagnosticsFn } from './evaluate';

export const COVERED_BY_PROBE = new Set(['nova-host-model-unusable', 'nova-host-virt-flag-vendor', 'nova-host-nested-off']);

/** The rules of one OpenStack release (the CLI's --release, the editor's nestedVirt.nova.release). */
export function novaRulesFor(release: NovaRelease = DEFAULT_NOVA_RELEASE): NovaDiagnosticsFn {
  return (text, _path, host, locale) => {
    const arch = host?.arch && (HOST_ARCHES as readonly string[]).includes(host.arch) ? (host.arch as HostArch) : DEFAULT_SERVER_SETTINGS.hostArch;
    const lines = new LineIndex(text);
    const findings = novaFindings(parseNovaConf(text), {
      settings: { ...DEFAULT_SERVER_SETTINGS, hostArch: arch, novaRelease: release },
      catalog: bundledCatalog(),
      locale: locale as Locale,
      host,
    });
    return findings
      .filter((f) => !COVERED_BY_PROBE.has(f.code))
      .sort((a, b) => a.start - b.start)
      .map((f) => ({
        line: lines.lineNumber(f.start),
        code: f.code,
        message: f.message,
        severity: f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'info',
      }));
  };
}
