/** The one-line verdict of a probed host, for the report banner, the fleet table and the final toast. */
import type { HostReport } from '../../../shared/src/probeReport';

export type Verdict = 'ready' | 'warnings' | 'blocked' | 'error';

export function verdictOf(r: HostReport): Verdict {
  if (r.error) return 'error';
  if (r.blocksNested || r.checks.some((c) => c.status === 'FAIL')) return 'blocked';
  if (r.checks.some((c) => c.status === 'WARN')) return 'warnings';
  return 'ready';
}

/** The kvm module and its nested state as the probe read them, e.g. `kvm_amd nested=N`; `no kvm module`. */
export function moduleText(r: HostReport, none: string): string {
  const f = r.facts;
  if (!f) return '';
  const mod = f.modules.find((m) => m.hasNested) ?? f.modules.find((m) => m.name !== 'kvm');
  if (!mod) return none;
  const nested = mod.nestedRaw !== undefined ? `nested=${mod.nestedRaw}` : mod.hasNested ? 'nested=?' : '';
  return [mod.name + (mod.builtin ? ' (built in)' : ''), nested].filter(Boolean).join(' ');
}
