/** What every probe check gets: the facts, the translator, and where to add its result. */
import type { HostArch, NovaRelease } from '../../../shared/src/settings';
import type { CpuMapCatalog } from '../lang/cpumap/catalog';
import type { Locale } from '../core/l10n/index';
import type { ProbeFacts } from './facts';
import type { ProbeT } from './messages';
import type { CheckId, CheckStatus } from './types';

/**
 * What the nova.conf checks run with: the rules of one OpenStack release, the host
 * arch for hosts that do not report theirs, and the cpu_map the rules check models
 * and flags against. Built from ProbeSettings (probeNovaContext in novaRules.ts).
 */
export interface NovaCheckContext {
  readonly release: NovaRelease;
  readonly hostArch: HostArch;
  readonly catalog: CpuMapCatalog;
}

export interface EvaluateOptions {
  readonly locale?: Locale;
  /** Default: the newest release, x86_64 and the bundled cpu_map. */
  readonly nova?: NovaCheckContext;
}

export interface Ctx {
  readonly f: ProbeFacts;
  readonly t: ProbeT;
  readonly vm?: 'kvm_intel' | 'kvm_amd';
  readonly flag?: 'vmx' | 'svm';
  readonly runningVms: number;
  readonly add: (id: CheckId, status: CheckStatus, details: string[], remediation?: string[], evidence?: string[]) => void;
}

const RANK: Record<CheckStatus, number> = { SKIP: 0, PASS: 1, NOTE: 2, WARN: 3, FAIL: 4 };

/** A check's status that only gets worse: starts at PASS, `worse(s)` keeps the more severe one. */
export function statusTracker(): { worse: (s: CheckStatus) => void; readonly status: CheckStatus } {
  let status: CheckStatus = 'PASS';
  return {
    worse: (s) => { if (RANK[s] > RANK[status]) status = s; },
    get status() { return status; },
  };
}
