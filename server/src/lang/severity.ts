/**
 * The one severity rule, and every finding code's class under it:
 *  - error: libvirt refuses the domain (define or start), nova-compute will not start or
 *    fails every build, oslo.config rejects the file;
 *  - warning: it runs, but not as written (ignored, overridden, deprecated, no effect,
 *    or the selected host cannot give what is asked);
 *  - information: advice (nested readiness, what we could not check).
 * The domain and nova collectors take the severity from here, so a code cannot drift;
 * test/unit/severity.test.ts checks each class against its severity and that every code
 * the sources emit is listed.
 */
import type { Severity } from '../core/finding';

/** Why a finding has its severity: each reason belongs to exactly one severity. */
export type SeverityReason =
  | 'libvirt-refuses' | 'nova-will-not-start' | 'every-build-fails' | 'oslo-rejects-file' | 'malformed-xml'
  | 'ignored' | 'deprecated' | 'no-effect' | 'not-as-written' | 'host-cannot'
  | 'advice';

export const SEVERITY_OF_REASON: Record<SeverityReason, Severity> = {
  'libvirt-refuses': 'error', 'nova-will-not-start': 'error', 'every-build-fails': 'error', 'oslo-rejects-file': 'error', 'malformed-xml': 'error',
  ignored: 'warning', deprecated: 'warning', 'no-effect': 'warning', 'not-as-written': 'warning', 'host-cannot': 'warning',
  advice: 'information',
};

const R = (reason: SeverityReason, ...codes: string[]): [string, SeverityReason][] => codes.map((c) => [c, reason]);

/** Every code of lang/domain and lang/nova, with its reason. */
export const REASON_OF_CODE: ReadonlyMap<string, SeverityReason> = new Map<string, SeverityReason>([
  ...R('malformed-xml',
    'xml-unclosed-element', 'xml-unexpected-end-tag', 'xml-unclosed-tag', 'xml-unclosed-quote', 'xml-unquoted-attribute',
    'xml-duplicate-attribute', 'xml-invalid-name', 'xml-text-outside-root', 'xml-multiple-roots', 'xml-unclosed-comment',
    'xml-bad-entity', 'xml-empty'),
  ...R('libvirt-refuses',
    'cpu-mode-invalid', 'cpu-match-invalid', 'cpu-check-invalid', 'cpu-migratable-invalid', 'cpu-fallback-invalid',
    'cpu-feature-policy-invalid', 'vcpu-placement-invalid', 'number-not-positive', 'vcpu-current-exceeds', 'cpu-topology-mismatch',
    'cpu-model-unknown', 'cpu-feature-unknown', 'cpu-vendor-unknown', 'cpu-migratable-mode', 'cpu-features-without-model',
    'cpu-vendor-without-model', 'cpu-feature-duplicate', 'cpu-feature-conflict', 'cpu-nested-vendor-mismatch',
    'domain-tcg-host-passthrough', 'cpu-vendor-id-invalid', 'cpu-feature-name-missing', 'cpu-topology-attr-missing', 'cpu-cache-mode-invalid',
    'cpu-cache-level-invalid', 'cpu-cache-level-mode', 'cpu-cache-passthrough-mode', 'cpu-maxphysaddr-mode-invalid',
    'cpu-maxphysaddr-bits-passthrough', 'cpu-sve-lengths-disabled', 'numa-no-cells', 'numa-cell-ids', 'cpuset-invalid',
    'numa-cells-overlap', 'numa-cell-memory-missing', 'numa-cell-memory-too-large', 'numa-cell-memory-invalid',
    'numa-cell-memaccess-invalid', 'numa-sibling-unknown', 'numa-distance-invalid', 'numa-distances-incomplete',
    'numa-cpus-exceed-vcpus', 'vcpus-id-out-of-range', 'cputune-vcpusched-overlap', 'vcpu-exceeds-machine',
    'vcpu-hotplug-granularity'),
  ...R('not-as-written', 'cpu-model-unverified', 'cpu-feature-policy-missing', 'domain-tcg-host-model'),
  ...R('ignored', 'cpu-model-ignored', 'cpu-match-ignored'),
  // On the selected probed host libvirt refuses a model it cannot run, or a vmx/svm it lacks (as nova's do).
  ...R('libvirt-refuses', 'host-model-unusable', 'host-vendor-mismatch'),
  ...R('host-cannot', 'host-no-virt-ext', 'host-nested-off'),
  ...R('ignored', 'document-too-large'),
  ...R('advice', 'cpu-arch-unchecked', 'nested-feature-disabled', 'nested-model-lacks-feature', 'nested-no-cpu', 'nested-no-model', 'findings-capped'),
  // nova.conf
  ...R('oslo-rejects-file',
    'nova-key-before-section', 'nova-malformed-line', 'nova-bom', 'nova-empty-key', 'nova-unexpected-continuation',
    'nova-malformed-section', 'nova-empty-section'),
  ...R('nova-will-not-start',
    'nova-invalid-boolean', 'nova-invalid-integer', 'nova-invalid-float', 'nova-invalid-port', 'nova-value-out-of-range',
    'nova-invalid-host-address', 'nova-invalid-choice', 'nova-invalid-list-item', 'nova-cpu-mode-virt-type',
    'nova-cpu-models-without-custom', 'nova-custom-without-models', 'nova-unknown-cpu-model', 'nova-unknown-cpu-feature',
    'nova-extra-flag-sign', 'nova-extra-flag-conflict', 'nova-virt-flag-vendor', 'nova-tunnelled-with-tls',
    'nova-swtpm-virt-type', 'nova-rbd-force-raw', 'nova-multipath-enforce', 'nova-file-backed-memory-virt-type',
    'nova-file-backed-memory-ratio', 'nova-interpolation-unknown', 'nova-host-model-unusable', 'nova-host-virt-flag-vendor'),
  ...R('ignored',
    'nova-unknown-key', 'nova-key-not-in-release', 'nova-deprecated-name-ignored', 'nova-duplicate-key', 'nova-extra-flags-ignored',
    'nova-section-whitespace', 'nova-section-default-case', 'nova-machine-type-item', 'nova-machine-type-arch'),
  ...R('deprecated', 'nova-deprecated-name', 'nova-moved-key', 'nova-deprecated-for-removal'),
  ...R('no-effect', 'nova-power-management-no-dedicated'),
  ...R('not-as-written', 'nova-lxc-id-maps'),
  ...R('host-cannot', 'nova-host-nested-off', 'nova-host-no-kvm', 'nova-host-vm-no-nested'),
  ...R('advice', 'nova-no-nested-flag', 'nova-overridden'),
]);

/** The severity of a code under the rule; codes must be listed (the test checks the sources). */
export function severityOf(code: string): Severity {
  const reason = REASON_OF_CODE.get(code);
  if (!reason) throw new Error(`finding code ${code} has no severity class in lang/severity.ts`);
  return SEVERITY_OF_REASON[reason];
}
