/** What every probe check gets: the facts, the translator, and where to add its result. */
import type { HostFacts } from '../../../shared/src/hostFacts';
import type { Locale } from '../core/l10n/index';
import type { ProbeFacts } from './factTypes';
import type { ProbeT } from './messages';
import type { CheckId, CheckStatus } from './types';

/** The editor's nova.conf rules for a nova.conf text; see novaRules.ts. */
export type NovaDiagnosticsFn = (
  text: string,
  path: string,
  host: HostFacts,
  locale: Locale,
) => readonly { line: number; code: string; message: string; severity: 'error' | 'warning' | 'info' }[];

export interface EvaluateOptions {
  readonly locale?: Locale;
  readonly novaDiagnostics?: NovaDiagnosticsFn;
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
