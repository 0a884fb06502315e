/**
 * The resolved cpu_map: models with their parent chain, vendor and full feature
 * set, features with their CPUID/MSR bits, and vendors, per cpu_map arch.
 */
import { cpuMapArchOf, type CpuMapArch, type RawArch, type RawCpuMap, type RawFeature, type RawModel, type RawVendor } from './types';

/** libvirt's virCPUppc64ConvertLegacy: these names stand for the generation (`POWER7`, `POWER8`). */
const PPC64_LEGACY_MODELS = new Set(['POWER7_v2.1', 'POWER7_v2.3', 'POWER7+_v2.1', 'POWER8_v1.0']);

export class ArchCatalog {
  private readonly models = new Map<string, RawModel>();
  private readonly modelsLower = new Map<string, string>();
  private readonly features = new Map<string, RawFeature>();
  private readonly aliasOf = new Map<string, string>();
  private readonly fullCache = new Map<string, ReadonlySet<string>>();
  private readonly addedCache = new Map<string, readonly string[]>();
  private featureUsers: Map<string, string[]> | undefined;
  private featureVendors: Map<string, string | undefined> | undefined;
  readonly vendors: readonly RawVendor[];

  constructor(
    readonly arch: CpuMapArch,
    raw: RawArch,
  ) {
    this.vendors = raw.vendors;
    for (const f of raw.features) {
      this.features.set(f.name, f);
      for (const a of f.aliases ?? []) this.aliasOf.set(a, f.name);
    }
    for (const m of raw.models) {
      this.models.set(m.name, m);
      this.modelsLower.set(m.name.toLowerCase(), m.name);
      // A model may use a feature that this features file predates; know it anyway.
      for (const f of [...m.features, ...(m.removed ?? [])]) {
        if (!this.features.has(f) && !this.aliasOf.has(f)) this.features.set(f, { name: f });
      }
    }
  }

  private modelNameList: readonly string[] | undefined;
  private featureNameList: readonly string[] | undefined;

  /** Computed once: the same array each call, so nearest-name results cache per list. */
  modelNames(): readonly string[] {
    this.modelNameList ??= [...this.models.keys()];
    return this.modelNameList;
  }

  featureNames(): readonly string[] {
    this.featureNameList ??= [...this.features.keys()];
    return this.featureNameList;
  }

  /** A model by name; on ppc64 also by the legacy names libvirt still converts (`POWER8_v1.0` is POWER8). */
  model(name: string): RawModel | undefined {
    const m = this.models.get(name);
    if (m || this.arch !== 'ppc64' || !PPC64_LEGACY_MODELS.has(name)) return m;
    return this.models.get(name.slice(0, 'POWERx'.length));
  }

  /** nova resolves `cpu_models` entries case-insensitively; returns libvirt's spelling. */
  modelIgnoreCase(name: string): RawModel | undefined {
    const canonical = this.modelsLower.get(name.toLowerCase());
    return canonical === undefined ? undefined : this.models.get(canonical);
  }

  /** A feature by its name or by a QEMU alias. */
  feature(name: string): RawFeature | undefined {
    return this.features.get(name) ?? this.features.get(this.aliasOf.get(name) ?? '');
  }

  vendor(name: string): RawVendor | undefined {
    return this.vendors.find((v) => v.name === name);
  }

  /** The model, its parent, its parent's parent… (cycles are cut). */
  parentChain(name: string): string[] {
    const chain: string[] = [];
    let cur = this.model(name);
    while (cur && !chain.includes(cur.name)) {
      chain.push(cur.name);
      cur = cur.parent ? this.models.get(cur.parent) : undefined;
    }
    return chain;
  }

  vendorOf(name: string): string | undefined {
    for (const n of this.parentChain(name)) {
      const v = this.models.get(n)?.vendor;
      if (v) return v;
    }
    return undefined;
  }

  /** Every feature the model enables, through its parents and `-vN` versions. */
  fullFeatures(name: string): ReadonlySet<string> {
    const cached = this.fullCache.get(name);
    if (cached) return cached;
    const chain = this.parentChain(name).reverse();
    const set = new Set<string>();
    for (const n of chain) {
      const m = this.models.get(n);
      if (!m) continue;
      for (const r of m.removed ?? []) set.delete(r);
      for (const f of m.features) set.add(f);
    }
    this.fullCache.set(name, set);
    return set;
  }

  /** Features a model adds over its parent (all of them when it has none), sorted. */
  addedFeatures(name: string): readonly string[] {
    const cached = this.addedCache.get(name);
    if (cached) return cached;
    const m = this.models.get(name);
    if (!m) return [];
    const parentSet = m.parent ? this.fullFeatures(m.parent) : new Set<string>();
    const added = [...this.fullFeatures(name)].filter((f) => !parentSet.has(f)).sort();
    this.addedCache.set(name, added);
    return added;
  }

  /**
   * The one vendor whose models (and only those) have the feature, e.g. AMD for
   * vmcb-clean; undefined when models of several vendors, generic ones or none have it.
   */
  featureVendor(feature: string): string | undefined {
    this.featureVendors ??= new Map();
    if (this.featureVendors.has(feature)) return this.featureVendors.get(feature);
    let vendor: string | undefined;
    let mixed = false;
    for (const m of this.modelsWithFeature(feature)) {
      const v = this.vendorOf(m);
      if (v === undefined || (vendor !== undefined && v !== vendor)) {
        mixed = true;
        break;
      }
      vendor = v;
    }
    const out = mixed ? undefined : vendor;
    this.featureVendors.set(feature, out);
    return out;
  }

  /** Models whose full feature set includes the feature. */
  modelsWithFeature(feature: string): string[] {
    if (!this.featureUsers) {
      const users = new Map<string, string[]>();
      for (const name of this.models.keys()) {
        for (const f of this.fullFeatures(name)) {
          let list = users.get(f);
          if (!list) users.set(f, (list = []));
          list.push(name);
        }
      }
      this.featureUsers = users;
    }
    return this.featureUsers.get(this.aliasOf.get(feature) ?? feature) ?? [];
  }
}

export class CpuMapCatalog {
  private readonly arches = new Map<CpuMapArch, ArchCatalog>();

  constructor(readonly raw: RawCpuMap) {
    for (const [arch, data] of Object.entries(raw.arches) as [CpuMapArch, RawArch][]) {
      this.arches.set(arch, new ArchCatalog(arch, data));
    }
  }

  get source(): string {
    return this.raw.source;
  }

  /** The catalog for a domain or host arch such as x86_64 or aarch64, if cpu_map covers it. */
  forArch(arch: string): ArchCatalog | undefined {
    const a = cpuMapArchOf(arch);
    return a ? this.arches.get(a) : undefined;
  }

  archNames(): CpuMapArch[] {
    return [...this.arches.keys()];
  }

  modelCount(): number {
    let n = 0;
    for (const a of this.arches.values()) n += a.modelNames().length;
    return n;
  }
}
