/**
 * The verdict of one probed host, the same everywhere: the fleet report (CLI text, JSON, SARIF,
 * Prometheus), the VS Code report's banner and fleet table, and the toast when a probe ends.
 */
import type { Verdict } from './fleetReport';
import type { HostReport } from './probeReport';

export interface HostVerdict {
  readonly verdict: Verdict;
  /** The probe error kind (error), the checks that block nested (blocked), or the FAIL then WARN checks (attention). */
  readonly reasons: readonly string[];
}

/**
 * error: the host was not probed; blocked: nested virtualization cannot be used now; attention: it
 * can, but a check FAILs or WARNs (nova.conf, persistence, a stale nova-compute…); ready: nothing to do.
 */
export function hostVerdict(r: HostReport): HostVerdict {
  if (r.error) return { verdict: 'error', reasons: [r.error.kind] };
  if (r.blocksNested) return { verdict: 'blocked', reasons: [...r.blockReasons] };
  const failing = r.checks.filter((c) => c.status === 'FAIL').map((c) => c.id);
  const warning = r.checks.filter((c) => c.status === 'WARN').map((c) => c.id);
  const reasons = [...failing, ...warning];
  return reasons.length ? { verdict: 'attention', reasons } : { verdict: 'ready', reasons };
}
