/**
 * What a host probe reports, as the language server sends it to clients
 * (`nestedVirt/probe`) and the CLI prints it as JSON. Types and constants only:
 * the VS Code client imports this file without pulling the probe engine in.
 */
import type { HostCpuModel, HostFacts } from './hostFacts';

export type CpuVendor = 'Intel' | 'AMD' | 'Hygon' | 'Zhaoxin' | 'other';

export interface KvmModule {
  readonly name: string;
  /** `live` for a loaded module, `builtin` for one compiled into the kernel. */
  readonly state: string;
  readonly builtin: boolean;
  /** The `nested` parameter exists in /sys/module/NAME/parameters. */
  readonly hasNested: boolean;
  /** The raw value, e.g. `Y`, `N`, `1`, `0`. */
  readonly nestedRaw?: string;
  /** Normalised; null when absent, unreadable or not Y/N/1/0. */
  readonly nested: boolean | null;
}

export interface CmdlineParam {
  readonly token: string;
  /** Module, with `-` normalised to `_`, when the token is `module.param=value`. */
  readonly module?: string;
  readonly param?: string;
  readonly value?: string;
}

export interface ModprobeLine {
  /** e.g. /etc/modprobe.d/dist.conf */
  readonly file: string;
  readonly line: number;
  readonly text: string;
  /** options, install, blacklist, softdep, remove, alias. */
  readonly command: string;
  /** Module name as written, and normalised (`-` → `_`). */
  readonly moduleWritten?: string;
  readonly module?: string;
  readonly params: readonly { readonly name: string; readonly value?: string }[];
}

export interface ModprobeFile {
  readonly path: string;
  readonly dir: string;
  readonly base: string;
  readonly denied: boolean;
  readonly lines: readonly ModprobeLine[];
}

export interface LibvirtFacts {
  readonly virsh: boolean;
  readonly version?: string;
  readonly hypervisor?: string;
  /** Error text when virsh could not connect even read-only. */
  readonly connectError?: string;
  readonly source: 'domcapabilities' | 'capabilities' | 'none';
  /** Why domcapabilities failed, e.g. read-only access forbidden. */
  readonly domcapsError?: string;
  readonly domcapsDenied: boolean;
  readonly hostModel?: { readonly name: string; readonly vendor?: string; readonly features: readonly string[]; readonly disabled: readonly string[] };
  readonly hostPassthrough?: boolean;
  readonly models: readonly HostCpuModel[];
  /** From `cpu-models ARCH` when domcapabilities was not available. */
  readonly knownModels: readonly string[];
  /** From `capabilities`: the host CPU model and features. */
  readonly hostCpu?: { readonly model?: string; readonly vendor?: string; readonly features: readonly string[] };
  /** Running domains, from `list --state-running`. */
  readonly runningDomains?: number;
}

export interface ProbeFacts {
  readonly host: string;
  readonly probedAt: string;
  readonly complete: boolean;
  readonly truncated: boolean;
  readonly formatVersion?: number;
  readonly kernel: { readonly release?: string; readonly arch?: string; readonly hostname?: string; readonly cmdline?: string; readonly kvmParams: readonly CmdlineParam[] };
  readonly user: { readonly uid?: number; readonly name?: string; readonly groups: readonly string[] };
  readonly cpu: { readonly vendorId?: string; readonly vendor?: CpuVendor; readonly modelName?: string; readonly flagsSeen: boolean; readonly vmx: boolean; readonly svm: boolean; readonly hypervisor: boolean };
  readonly modules: readonly KvmModule[];
  /** kvm module names listed in modules.builtin; null when the file was absent. */
  readonly builtinList: readonly string[] | null;
  /** kvm module names available on disk (modules.dep); null when absent. */
  readonly availableModules: readonly string[] | null;
  /** /proc/modules was readable. */
  readonly procModules: boolean;
  readonly loadedModules: readonly string[];
  readonly devKvm: { readonly exists: boolean; readonly type?: 'char' | 'other'; readonly mode?: string; readonly owner?: string; readonly group?: string; readonly readable: boolean; readonly writable: boolean };
  readonly modprobe: { readonly files: readonly ModprobeFile[]; readonly libLink?: string };
  readonly qemuProcesses: number;
  readonly novaCompute?: { readonly pid: number; readonly startEpoch?: number };
  readonly libvirt: LibvirtFacts;
  readonly nova: { readonly path: string; readonly present: boolean; readonly denied: boolean; readonly text?: string; readonly mtime?: number };
  readonly remoteNow?: number;
}

export const CHECK_STATUSES = ['PASS', 'WARN', 'FAIL', 'NOTE', 'SKIP'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export const CHECK_IDS = [
  'probe-output',
  'probe-cpu-virt',
  'probe-kvm-module',
  'probe-dev-kvm',
  'probe-nested',
  'probe-nested-persist',
  'probe-modprobe',
  'probe-running-vms',
  'probe-kernel',
  'probe-libvirt',
  'probe-libvirt-cpu',
  'probe-nova-conf',
  'probe-nova-restart',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export interface Check {
  readonly id: CheckId;
  readonly status: CheckStatus;
  readonly title: string;
  /** What is there, in sentences. */
  readonly details: readonly string[];
  /** Commands and file lines that fix it for this host; empty when nothing to do. */
  readonly remediation: readonly string[];
  /** file:line references that back the verdict. */
  readonly evidence?: readonly string[];
}

export type ProbeErrorKind =
  | 'invalid-host'
  | 'unreachable'
  | 'auth'
  | 'host-key'
  | 'timeout'
  | 'missing-tool'
  | 'permission'
  | 'output-too-large'
  | 'bad-output'
  | 'cancelled'
  | 'spawn'
  | 'ssh';

export interface ProbeError {
  readonly kind: ProbeErrorKind;
  readonly message: string;
  /** What to do, e.g. the command that shows the host key. */
  readonly hint?: string;
  /** Last lines of ssh's stderr, cleaned. */
  readonly stderr?: string;
}

export interface HostReport {
  readonly host: string;
  readonly transport: 'ssh' | 'local' | 'results';
  readonly durationMs: number;
  readonly error?: ProbeError;
  readonly facts?: ProbeFacts;
  readonly hostFacts?: HostFacts;
  readonly checks: readonly Check[];
  /** Nested virtualization cannot be used on this host now. */
  readonly blocksNested: boolean;
  /** The FAIL checks' ids that block it. */
  readonly blockReasons: readonly CheckId[];
}
