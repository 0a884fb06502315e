/**
 * The shape of server/src/lang/data/kernelModules.generated.json, written by
 * scripts/gen/modprobe.ts (npm run gen) from scripts/data/kernel-modules/ (facts from the Linux
 * source, see SOURCE.md there).
 */

/** The `module_param` type: how the kernel parses the value. */
export type ParamType = 'bool' | 'bint' | 'int' | 'uint' | 'ushort' | 'charp';

export const PARAM_TYPES: readonly ParamType[] = ['bool', 'bint', 'int', 'uint', 'ushort', 'charp'];

export interface DefaultChange {
  /** The default before `until`. */
  readonly default: string;
  /** First kernel release (major.minor) with the next default. */
  readonly until: string;
}

export interface ParamSpec {
  readonly name: string;
  readonly type: ParamType;
  /** The default of current kernels, as /sys/module/M/parameters/P prints it. */
  readonly default: string;
  /** Earlier defaults, oldest first. */
  readonly history: readonly DefaultChange[];
  /** sysfs permissions; 0644 means it can be changed at run time. */
  readonly perm: string;
  /** Kernel source file that declares it. */
  readonly file: string;
  /** For callback parameters that take one of a few words. */
  readonly choices?: readonly string[];
}

export interface ModuleSpec {
  /** Normalised name (`_`). */
  readonly name: string;
  readonly file: string;
  readonly description: string;
  readonly params: readonly ParamSpec[];
}

export interface GeneratedKernelModules {
  readonly source: string;
  /** kvm, kvm_intel, kvm_amd with their parameters. */
  readonly kvm: readonly ModuleSpec[];
  /** Other kvm modules known by name only (kvm_pvm, kvm_hv, kvm_pr). */
  readonly otherKvm: readonly string[];
  /** Common real module names, normalised, sorted. */
  readonly common: readonly string[];
  /** Name prefixes of real module families (`snd_`). */
  readonly knownPrefixes: readonly string[];
}
