import type { HostFacts } from '../../../shared/src/hostFacts';
import type { ProbeFacts } from './factTypes';

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
