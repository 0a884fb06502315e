/** The collector every domain rule writes to, and the small value checks they share. */
import type { Finding } from '../../core/finding';
import { severityOf } from '../severity';
import { nearest, searchBudget } from '../../core/util/nearest';
import type { XmlAttribute } from '../xml';
import { domainT, type DomainContext } from './context';
import type { DomainMessageKey } from './messages';
import { positiveInteger } from './model';

/** Extra facts a quick-fix needs, carried on the diagnostic. */
export interface DomainDiagnosticData {
  readonly suggestions?: readonly string[];
  readonly preferred?: boolean;
  /** For nested-model-lacks-feature: the feature to require. */
  readonly feature?: string;
  /** For vcpu-current-exceeds: the maximum. */
  readonly max?: number;
}

/** Values quoted in messages stay readable: a pasted blob is cut, the range still covers all of it. */
export const MAX_QUOTED = 80;
export function clip(value: string): string {
  return value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value;
}

export class Collector {
  readonly out: Finding<DomainDiagnosticData>[] = [];
  readonly t;
  /** Fresh nearest-name searches left for this document. */
  readonly budget = searchBudget();

  constructor(readonly ctx: DomainContext) {
    this.t = domainT(ctx);
  }

  /** Adds a finding; its severity is the code's class under the rule (lang/severity.ts). */
  add(
    code: string,
    start: number,
    end: number,
    key: DomainMessageKey,
    args: (string | number)[] = [],
    data?: DomainDiagnosticData,
  ): void {
    this.out.push({ code, severity: severityOf(code), start, end: Math.max(start, end), message: this.t(key, ...args), ...(data ? { data } : {}) });
  }
}


export function checkEnum(c: Collector, attr: XmlAttribute | undefined, allowed: readonly string[], what: string, code: string): boolean {
  if (!attr || attr.value === undefined) return true;
  if (allowed.includes(attr.value)) return true;
  const suggestions = nearest(attr.value, allowed, 1);
  c.add(code, attr.valueStart, attr.valueEnd, 'value-invalid', [clip(attr.value), what, allowed.join(', ')], {
    suggestions,
    preferred: suggestions.length === 1,
  });
  return false;
}

export function checkPositive(c: Collector, raw: string | undefined, start: number, end: number, what: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = positiveInteger(raw);
  if (n === undefined) c.add('number-not-positive', start, end, 'number-not-positive', [what, clip(raw.trim())]);
  return n;
}

