/** Plain data read from a libvirt cpu_map, before models are resolved. */

/** libvirt's cpu_map arch names. */
export type CpuMapArch = 'x86' | 'arm' | 'ppc64';

export interface CpuIdBits {
  readonly eax_in: string;
  readonly ecx_in?: string;
  readonly eax?: string;
  readonly ebx?: string;
  readonly ecx?: string;
  readonly edx?: string;
}

export interface MsrBits {
  readonly index: string;
  readonly eax?: string;
  readonly edx?: string;
}

export interface RawFeature {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly cpuid?: CpuIdBits;
  readonly msr?: MsrBits;
  /** false when libvirt marks the feature migratable='no'. */
  readonly migratable?: false;
}

export interface RawModel {
  readonly name: string;
  /** Parent model named by a `<model name=…/>` child (the `-vN` aliases use this too). */
  readonly parent?: string;
  readonly vendor?: string;
  /** Features the model lists itself. */
  readonly features: readonly string[];
  /** Features listed with removed='yes': dropped from what the parent gives. */
  readonly removed?: readonly string[];
  /** The libvirt group in index.xml, e.g. "Intel CPU models". */
  readonly group?: string;
}

export interface RawVendor {
  readonly name: string;
  /** CPUID vendor string (x86) or implementer value (arm). */
  readonly id?: string;
}

export interface RawArch {
  readonly vendors: RawVendor[];
  readonly features: RawFeature[];
  readonly models: RawModel[];
}

export interface RawCpuMap {
  /** Where it was read from: "bundled" or a path. */
  readonly source: string;
  readonly arches: Partial<Record<CpuMapArch, RawArch>>;
}

/** Maps a domain or host arch (x86_64, aarch64, ppc64le, …) to the cpu_map arch. */
export function cpuMapArchOf(arch: string): CpuMapArch | undefined {
  if (/^(x86_64|i[3-6]86|x86)$/.test(arch)) return 'x86';
  if (/^(aarch64|armv[67]l|arm)$/.test(arch)) return 'arm';
  if (/^(ppc64|ppc64le|ppc)$/.test(arch)) return 'ppc64';
  return undefined;
}
