/**
 * The shape of an error signature (data, in ./signatures/) and of an explanation
 * (what explain() returns). Pure types: no I/O, nothing but data here.
 */

/** The problem categories of issue 12; tests and JSON output use exactly these words. */
export const CATEGORIES = [
  'firmware-disabled',
  'no-hardware-virt',
  'kvm-unavailable',
  'kvm-permission',
  'nested-off',
  'cpu-mode-unsupported',
  'cpu-model-unusable',
  'cpu-feature-unavailable',
  'cpu-xml-invalid',
  'nova-cpu-config',
  'migration-cpu',
  'module-in-use',
  'modprobe-config',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Who prints the message. */
export type Origin =
  | 'kernel'
  | 'kmod'
  | 'qemu'
  | 'libvirt'
  | 'virt-install'
  | 'virt-host-validate'
  | 'kvm-ok'
  | 'nova'
  | 'kubevirt'
  | 'minikube';

/** A text in English and Simplified Chinese. `{name}` is replaced by the capture of that name. */
export interface Localized {
  readonly en: string;
  readonly zh: string;
}

/**
 * Conditions on the probed host (shared/src/hostFacts.ts) that pick a more precise cause:
 * - `nested-off`: the host's kvm_intel/kvm_amd has nested=N;
 * - `guest-without-virt`: the host is itself a VM and shows no vmx/svm (its L0 must pass it through);
 * - `no-virt-flags`: a bare-metal host whose cpuinfo shows no vmx/svm;
 * - `vendor-mismatch`: the captured module is the other vendor's (kvm_amd on Intel, kvm_intel on AMD).
 */
export type HostCondition = 'nested-off' | 'guest-without-virt' | 'no-virt-flags' | 'vendor-mismatch';

export interface HostRefinement {
  readonly when: HostCondition;
  readonly category: Category;
  /** The host-specific explanation; `{host}`, `{module}` and the captures are filled in. */
  readonly explanation: Localized;
}

export interface Signature {
  /** Stable, kebab-case, prefixed by the origin. */
  readonly id: string;
  readonly category: Category;
  readonly origin: Origin;
  /** Where the message is printed: project, file and function or test file. */
  readonly source: string;
  /**
   * Lower-case literals; a line is only tried against the pattern when it contains one.
   * This is the fast prefilter: most log lines contain none of them.
   */
  readonly keywords: readonly string[];
  /**
   * The pattern, as a string. `{Q}` stands for an optional quote (' " ‘ ’ `), `{NAME}` for a
   * model/feature/module name. Named groups: model, feature (a list is split), mode, arch,
   * module, plus param, value, file, line, virttype, domaintype where useful. Matched
   * case-insensitively, unanchored, on one line at a time. Only bounded repetition.
   */
  readonly pattern: string;
  /** Higher is more specific: listed first, and wins over a lower one matching the same text. */
  readonly priority: number;
  /** Not reported when one of these signatures matched anywhere in the same text. */
  readonly supersededBy?: readonly string[];
  readonly explanation: Localized;
  readonly fix: Localized;
  /** How to confirm or rule out each cause. */
  readonly checks: readonly Localized[];
  readonly refine?: readonly HostRefinement[];
}

/** What was matched, where. Offsets are UTF-16 offsets in the explained text; lines 1-based. */
export interface Evidence {
  /** The matched text. */
  readonly text: string;
  /** The whole line, trimmed to at most 500 characters. */
  readonly lineText: string;
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

export interface Captures {
  readonly model?: string;
  readonly feature?: string;
  /** Every feature of a list such as `missing features: vmx,svm`. */
  readonly features?: readonly string[];
  readonly mode?: string;
  readonly arch?: string;
  readonly module?: string;
  readonly param?: string;
  readonly value?: string;
  readonly file?: string;
  readonly line?: string;
  readonly virttype?: string;
  readonly domaintype?: string;
}

export interface Explanation {
  readonly id: string;
  readonly category: Category;
  /** Localized explanation (host-specific when host facts decided the cause). */
  readonly message: string;
  readonly fix: string;
  readonly checks: readonly string[];
  readonly evidence: Evidence;
  /** How many lines said the same thing. */
  readonly occurrences: number;
  readonly captures: Captures;
  readonly origin: Origin;
  readonly source: string;
  /** The host whose facts chose the cause, when they did. */
  readonly host?: string;
}
