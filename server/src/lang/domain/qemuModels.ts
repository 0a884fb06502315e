/**
 * QEMU's own CPU model names per guest arch (generated from QEMU's sources, see
 * scripts/data/SOURCE.md). libvirt checks a custom `<model>` against cpu_map only on
 * x86; on ARM and PPC64 it hands the name to QEMU, so a name QEMU knows is valid there
 * even when cpu_map does not list it (cortex-a15, arm926, g3, ppc64…).
 */
import data from '../data/qemuModels.generated.json';

interface ArchModels {
  readonly caseless: boolean;
  readonly models: ReadonlySet<string>;
}

const ARCHES = new Map<string, ArchModels>(
  Object.entries(data.arches).map(([arch, v]) => [arch, { caseless: v.caseless, models: new Set(v.models) }]),
);

/**
 * True when libvirt lets QEMU judge custom model names for this guest (no cpu_map check):
 * ARM always (libvirt's ARM driver has no model check); PPC64 under TCG only, because for a
 * KVM guest libvirt's ppc64 driver compares the model with the host through cpu_map
 * ("Unknown CPU model").
 */
export function qemuJudgesModels(arch: string, domainType: string | undefined): boolean {
  if (!ARCHES.has(arch)) return false;
  return !ARCHES.get(arch)!.caseless || domainType !== 'kvm';
}

/** True when QEMU for this guest arch accepts `name` as a -cpu model. */
export function qemuKnowsModel(arch: string, name: string): boolean {
  const a = ARCHES.get(arch);
  if (!a) return false;
  return a.models.has(a.caseless ? name.toLowerCase() : name);
}

/** QEMU's model names for this guest arch, for suggestions and completion. */
export function qemuModelNames(arch: string): readonly string[] {
  return [...(ARCHES.get(arch)?.models ?? [])];
}
