/**
 * The CPU models a probed host can run, as replacements for one it cannot: same
 * vendor, closest first (most of the wanted model's features), newest among equals
 * (more features). Linear in the host's model list.
 */
import type { HostFacts } from '../../../../shared/src/hostFacts';
import type { ArchCatalog } from './catalog';

export function usableReplacements(arch: ArchCatalog, host: HostFacts, model: string, limit = 2): string[] {
  const vendor = arch.vendorOf(model);
  const wanted = arch.fullFeatures(model);
  const scored: { name: string; shared: number; total: number }[] = [];
  for (const m of host.libvirt?.models ?? []) {
    if (m.usable !== 'yes' || m.name === model || !arch.model(m.name)) continue;
    if (vendor !== undefined && arch.vendorOf(m.name) !== vendor) continue;
    const full = arch.fullFeatures(m.name);
    let shared = 0;
    for (const f of wanted) if (full.has(f)) shared++;
    scored.push({ name: m.name, shared, total: full.size });
  }
  scored.sort((a, b) => b.shared - a.shared || b.total - a.total || a.name.localeCompare(b.name));
  return scored.slice(0, limit).map((s) => s.name);
}
