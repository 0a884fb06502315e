/** What every probe check gets: the facts, the translator, and where to add its result. */
import type { HostFacts } from '../../../shared/src/hostFacts';
import type { Locale } from '../l10n/index';
import type { ProbeFacts } from './facts';
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
