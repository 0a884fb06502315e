/** The verdict of a probed host for the report banner, the fleet table and the final toast: the fleet report's own. */
import type { Verdict } from '../../../shared/src/fleetReport';
import type { HostReport } from '../../../shared/src/probeReport';
import { hostVerdict } from '../../../shared/src/verdict';

export type { Verdict };

export function verdictOf(r: HostReport): Verdict {
  return hostVerdict(r).verdict;
}

/** The report's colour class of each verdict. */
export const VERDICT_CLASS: Readonly<Record<Verdict, string>> = { ready: 'PASS', attention: 'WARN', blocked: 'FAIL', error: 'FAIL' };

/** The kvm module and its nested state as the probe read them, e.g. `kvm_amd nested=N`; `no kvm module`. */
export function moduleText(r: HostReport, none: string): string {
  const f = r.facts;
  if (!f) return '';
  const mod = f.modules.find((m) => m.hasNested) ?? f.modules.find((m) => m.name !== 'kvm');
  if (!mod) return none;
  const nested = mod.nestedRaw !== undefined ? `nested=${mod.nestedRaw}` : mod.hasNested ? 'nested=?' : '';
  return [mod.name + (mod.builtin ? ' (built in)' : ''), nested].filter(Boolean).join(' ');
}
