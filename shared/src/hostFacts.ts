/**
 * What a probe learned about one compute host, reduced to the facts the language
 * server uses for host-aware diagnostics. The full probe report carries more.
 */

export type Usable = 'yes' | 'no' | 'unknown';

export interface HostCpuModel {
  readonly name: string;
  readonly usable: Usable;
  /** Features that make the model unusable, when libvirt reports them. */
  readonly blockers: readonly string[];
}

export interface HostFacts {
  /** The host as the user named it. */
  readonly host: string;
  /** ISO time of the probe. */
  readonly probedAt: string;
  /** `uname -m`, e.g. x86_64. */
  readonly arch?: string;
  readonly cpu: {
    /** libvirt's vendor name: Intel, AMD, Hygon, ... */
    readonly vendor?: string;
    readonly modelName?: string;
    readonly vmx: boolean;
    readonly svm: boolean;
    /** The host itself is a guest (cpuinfo `hypervisor` flag). */
    readonly hypervisor: boolean;
  };
  readonly nested: {
    /** kvm_intel, kvm_amd, or another kvm module that has a `nested` parameter. */
    readonly module?: string;
    /** null when it could not be read. */
    readonly enabled: boolean | null;
  };
  readonly libvirt?: {
    readonly version?: string;
    /** Where the CPU model data came from. */
    readonly source: 'domcapabilities' | 'capabilities' | 'none';
    readonly hostModel?: { readonly name: string; readonly vendor?: string; readonly features: readonly string[] };
    readonly models: readonly HostCpuModel[];
  };
}
