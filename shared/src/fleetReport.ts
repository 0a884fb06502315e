/**
 * The fleet report's shape: what many host reports mean together. Computed by the
 * server (server/src/probe/fleet.ts), shown by the CLI and by the VS Code report.
 */

export const VERDICTS = ['ready', 'attention', 'blocked', 'error'] as const;
/** ready: nested usable, no check FAILs or WARNs; attention: nested usable, some check FAILs or WARNs; blocked: nested unusable now; error: not probed (shared/src/verdict.ts). */
export type Verdict = (typeof VERDICTS)[number];

export interface FleetHost {
  readonly host: string;
  readonly verdict: Verdict;
  /** The checks that block nested (blocked), the FAIL then WARN checks (attention), or the probe error kind (error). */
  readonly reasons: readonly string[];
  readonly vendor?: string;
  /** The CPU as the kernel names it, e.g. "Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz". */
  readonly cpu?: string;
  /** nova.conf [libvirt] cpu_mode as nova reads it, when nova.conf was read. */
  readonly cpuMode?: string;
}

export interface FleetGroup {
  readonly verdict: Exclude<Verdict, 'ready'>;
  readonly reasons: readonly string[];
  /** What the first check says, numbers that differ per host shown as N. */
  readonly summary: string;
  readonly hosts: readonly string[];
  /** Once for the whole group; numbers that differ per host shown as N. */
  readonly remediation: readonly string[];
  /** Some number in summary or remediation differs per host. */
  readonly varies: boolean;
}

export interface Baseline {
  /** `all`, or a vendor name when the fleet mixes vendors. */
  readonly scope: string;
  readonly hosts: readonly string[];
  /** Usable on every host of the scope, newest first (cpu_map order). */
  readonly models: readonly string[];
  /** `cpu_models = …`, when there is a model. */
  readonly cpuModels?: string;
  /** `cpu_model_extra_flags = vmx|svm` for nested guests, when the scope has one vendor. */
  readonly extraFlags?: string;
}

export const FLEET_WARNING_CODES = ['fleet-passthrough-mixed-cpus', 'fleet-mixed-vendors', 'fleet-configured-model-partial', 'fleet-model-partial', 'fleet-baseline-incomplete'] as const;
export type FleetWarningCode = (typeof FLEET_WARNING_CODES)[number];

export interface FleetWarning {
  readonly code: FleetWarningCode;
  readonly severity: 'warning' | 'information';
  readonly message: string;
  readonly hosts: readonly string[];
  readonly model?: string;
}

export interface FleetReport {
  readonly hosts: readonly FleetHost[];
  readonly counts: Readonly<Record<Verdict, number>>;
  readonly groups: readonly FleetGroup[];
  /** Over every host with libvirt CPU model data; null when no host has any. */
  readonly baseline: Baseline | null;
  /** One per vendor, when the fleet mixes vendors. */
  readonly vendorBaselines: readonly Baseline[];
  readonly warnings: readonly FleetWarning[];
  /** Set when a ProxyJump/ProxyCommand lowered the default concurrency. */
  readonly proxy?: { readonly host: string; readonly concurrency: number };
}
