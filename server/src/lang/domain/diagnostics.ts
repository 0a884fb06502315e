/**
 * Diagnostics for libvirt domain XML: malformed XML, `<cpu>` values and names
 * against cpu_map, libvirt's mode rules, vCPU consistency, nested readiness and,
 * when a probed host is selected, what that host can run.
 */
import type { Finding } from '../../core/finding';
import type { ArchCatalog } from '../cpumap/catalog';
import { cpuMapArchOf } from '../cpumap/types';
import type { XmlDocument, XmlText } from '../xml';
import { checkCpuParts } from './cpuParts';
import { checkNuma } from './numa';
import { checkVcpuLists } from './vcpus';
import { qemuJudgesModels, qemuKnowsModel, qemuModelNames } from './qemuModels';
import { isClearWinner, nearest } from '../../core/util/nearest';
import type { DomainContext } from './context';
import type { DomainMessageKey } from './messages';
import { Collector, checkEnum, checkPositive, clip, type DomainDiagnosticData } from './collector';
import {
  CPU_CHECKS, CPU_MATCHES, CPU_MODES, FEATURE_POLICIES, MODEL_FALLBACKS, NESTED_FEATURES, ON_OFF, TOPOLOGY_ATTRS, VCPU_PLACEMENTS,
  enables, policyOf, type CpuInfo, type DomainInfo, type FeatureRef,
} from './model';
import { attribute } from '../xml';
import { usableReplacements } from '../cpumap/usable';

export type { DomainDiagnosticData } from './collector';

/** Past this many, more XML errors only bury the first one, which is the one to fix. */
export const MAX_XML_ERRORS = 100;

function xmlErrors(c: Collector, xml: XmlDocument): void {
  for (const e of xml.errors.slice(0, MAX_XML_ERRORS)) {
    c.add(e.code, e.start, e.end, e.code, [...e.args]);
  }
}

function unknownName(
  c: Collector,
  code: string,
  start: number,
  end: number,
  name: string,
  arch: string,
  candidates: Iterable<string>,
  keys: [DomainMessageKey, DomainMessageKey],
): void {
  const suggestions = nearest(name, candidates, 3, c.budget);
  if (suggestions.length) {
    c.add(code, start, end, keys[1], [clip(name), arch, suggestions.join(', ')], { suggestions, preferred: isClearWinner(name, suggestions) });
  } else {
    c.add(code, start, end, keys[0], [clip(name), arch]);
  }
}

/**
 * A custom model not in cpu_map. x86: libvirt refuses it ("Unknown CPU model"). ARM and PPC64:
 * libvirt passes the name to QEMU unchecked, so a name QEMU has is fine and any other is a
 * warning naming what we know (QEMU's list varies by version).
 */
function unknownModel(c: Collector, model: XmlText & { value: string }, domain: DomainInfo, arch: ArchCatalog): void {
  const archName = domain.arch;
  if (!qemuJudgesModels(archName, domain.type?.value)) {
    unknownName(c, 'cpu-model-unknown', model.start, model.end, model.value, archName, arch.modelNames(), ['cpu-model-unknown', 'cpu-model-unknown-suggest']);
    return;
  }
  if (qemuKnowsModel(archName, model.value)) return;
  const known = [...arch.modelNames(), ...qemuModelNames(archName)];
  unknownName(c, 'cpu-model-unverified', model.start, model.end, model.value, archName, known, ['cpu-model-unverified', 'cpu-model-unverified-suggest']);
}

function checkVcpu(c: Collector, domain: DomainInfo): number | undefined {
  const v = domain.vcpu;
  if (!v) return undefined;
  const max = v.count ? checkPositive(c, v.count.value, v.count.start, v.count.end, '<vcpu>') : undefined;
  checkEnum(c, v.placement, VCPU_PLACEMENTS, 'vcpu placement', 'vcpu-placement-invalid');
  const cur = v.current;
  if (cur?.value !== undefined) {
    const n = checkPositive(c, cur.value, cur.valueStart, cur.valueEnd, 'vcpu current');
    if (n !== undefined && max !== undefined && n > max) {
      c.add('vcpu-current-exceeds', cur.valueStart, cur.valueEnd, 'vcpu-current-exceeds', [n, max], { max });
    }
  }
  return max;
}

function checkTopology(c: Collector, cpu: CpuInfo, maxVcpus: number | undefined): void {
  const topo = cpu.topology;
  if (!topo) return;
  let product = 1;
  const parts: string[] = [];
  let complete = true;
  for (const name of TOPOLOGY_ATTRS) {
    const a = attribute(topo, name);
    if (!a || a.value === undefined) continue;
    const n = checkPositive(c, a.value, a.valueStart, a.valueEnd, `topology ${name}`);
    if (n === undefined) complete = false;
    else {
      product *= n;
      parts.push(`${name}=${n}`);
    }
  }
  if (complete && maxVcpus !== undefined && parts.length > 0 && product !== maxVcpus) {
    c.add('cpu-topology-mismatch', topo.nameStart, topo.nameEnd, 'cpu-topology-mismatch', [product, parts.join(' × '), maxVcpus]);
  }
}

function checkNames(c: Collector, cpu: CpuInfo, domain: DomainInfo, arch: ArchCatalog | undefined): void {
  const archName = domain.arch;
  const model = cpu.modelName;
  if (!arch) {
    if (model?.value) c.add('cpu-arch-unchecked', model.start, model.end, 'cpu-arch-unchecked', [archName]);
    return;
  }
  if (model?.value && cpu.effectiveMode === 'custom' && !arch.model(model.value)) {
    unknownModel(c, model as XmlText & { value: string }, domain, arch);
  }
  const vendor = cpu.vendorName;
  if (vendor?.value && !arch.vendor(vendor.value)) {
    const names = arch.vendors.map((v) => v.name);
    const suggestions = nearest(vendor.value, names, 3, c.budget);
    if (suggestions.length) {
      c.add('cpu-vendor-unknown', vendor.start, vendor.end, 'cpu-vendor-unknown-suggest', [clip(vendor.value), archName, suggestions.join(', ')], {
        suggestions,
        preferred: isClearWinner(vendor.value, suggestions),
      });
    } else {
      c.add('cpu-vendor-unknown', vendor.start, vendor.end, 'cpu-vendor-unknown', [clip(vendor.value), archName, names.join(', ')]);
    }
  }
  for (const f of cpu.features) {
    const n = f.name;
    if (n?.value && !arch.feature(n.value)) {
      unknownName(c, 'cpu-feature-unknown', n.valueStart, n.valueEnd, n.value, archName, arch.featureNames(), ['cpu-feature-unknown', 'cpu-feature-unknown-suggest']);
    }
  }
}

function checkModeRules(c: Collector, cpu: CpuInfo, domain: DomainInfo): void {
  const mode = cpu.effectiveMode;
  // On ppc64 the host-model <model> is the compatibility mode (power8, power9…), which libvirt uses.
  const compatMode = mode === 'host-model' && cpuMapArchOf(domain.arch) === 'ppc64';
  if (cpu.modelName?.value && (mode === 'host-passthrough' || (mode === 'host-model' && !compatMode)) && cpu.model) {
    c.add('cpu-model-ignored', cpu.modelName.start, cpu.modelName.end, 'cpu-model-ignored', [mode]);
  }
  if (cpu.match && mode !== 'custom') {
    c.add('cpu-match-ignored', cpu.match.nameStart, cpu.match.valueEnd + 1, 'cpu-match-ignored', [mode]);
  }
  // libvirt virCPUDefParseXML: "Attribute migratable is only allowed for 'host-passthrough' / 'maximum' CPU mode".
  if (cpu.migratable && mode !== 'host-passthrough' && mode !== 'maximum') {
    c.add('cpu-migratable-mode', cpu.migratable.nameStart, cpu.migratable.valueEnd + 1, 'cpu-migratable-mode', [mode]);
  }
  const hasModel = !!cpu.modelName?.value;
  // libvirt virCPUDefParseXML: "Non-empty feature list specified without CPU model".
  if (mode === 'custom' && !hasModel && cpu.features.length > 0) {
    const f = cpu.features[0].el;
    c.add('cpu-features-without-model', f.nameStart, f.nameEnd, 'cpu-features-without-model');
  }
  // libvirt virCPUDefParseXML: "CPU vendor specified without CPU model".
  if (mode === 'custom' && !hasModel && cpu.vendor) {
    c.add('cpu-vendor-without-model', cpu.vendor.nameStart, cpu.vendor.nameEnd, 'cpu-vendor-without-model');
  }
}

function checkFeatures(c: Collector, cpu: CpuInfo): void {
  const seen = new Map<string, FeatureRef>();
  for (const f of cpu.features) {
    checkEnum(c, f.policy, FEATURE_POLICIES, 'feature policy', 'cpu-feature-policy-invalid');
    const name = f.name?.value;
    if (!name || !f.name) continue;
    if (!f.policy && cpu.effectiveMode !== 'host-passthrough' && cpu.effectiveMode !== 'maximum') {
      c.add('cpu-feature-policy-missing', f.el.nameStart, f.el.nameEnd, 'cpu-feature-policy-missing', [name]);
    }
    const prev = seen.get(name);
    if (!prev) {
      seen.set(name, f);
      continue;
    }
    // libvirt virCPUDefAddFeature: "CPU feature '%s' specified more than once".
    const a = policyOf(prev);
    const b = policyOf(f);
    if (enables(a) !== enables(b)) {
      const [on, off] = enables(a) ? [a, b] : [b, a];
      c.add('cpu-feature-conflict', f.name.valueStart, f.name.valueEnd, 'cpu-feature-conflict', [name, on, off]);
    } else {
      c.add('cpu-feature-duplicate', f.name.valueStart, f.name.valueEnd, 'cpu-feature-duplicate', [name]);
    }
  }
}

/** The vendor the `<cpu>` implies: its `<vendor>`, else its model's vendor. */
export function cpuVendor(cpu: CpuInfo, arch: ArchCatalog | undefined): string | undefined {
  if (cpu.vendorName?.value) return cpu.vendorName.value;
  if (cpu.modelName?.value && arch) return arch.vendorOf(cpu.modelName.value);
  return undefined;
}

/** Intel-like vendors use vmx; AMD and Hygon use svm. */
export function nestedFeatureFor(vendor: string | undefined): 'vmx' | 'svm' | undefined {
  if (!vendor) return undefined;
  if (/^(AMD|Hygon)$/i.test(vendor)) return 'svm';
  if (/^(Intel|Zhaoxin)/i.test(vendor)) return 'vmx';
  return undefined;
}

function checkConsistency(c: Collector, cpu: CpuInfo, domain: DomainInfo, arch: ArchCatalog | undefined): void {
  const vendor = cpu.effectiveMode === 'custom' ? cpuVendor(cpu, arch) : undefined;
  const wanted = nestedFeatureFor(vendor);
  if (wanted) {
    for (const f of cpu.features) {
      const n = f.name?.value;
      if ((n === 'vmx' || n === 'svm') && n !== wanted && enables(policyOf(f)) && f.name) {
        c.add('cpu-nested-vendor-mismatch', f.name.valueStart, f.name.valueEnd, 'cpu-nested-vendor-mismatch', [n, NESTED_FEATURES[n], vendor ?? '']);
      }
    }
  }
  if (domain.type?.value === 'qemu' && cpu.mode) {
    if (cpu.effectiveMode === 'host-passthrough') {
      c.add('domain-tcg-host-passthrough', cpu.mode.valueStart, cpu.mode.valueEnd, 'domain-tcg-host-passthrough');
    } else if (cpu.effectiveMode === 'host-model') {
      c.add('domain-tcg-host-model', cpu.mode.valueStart, cpu.mode.valueEnd, 'domain-tcg-host-model');
    }
  }
}

function checkNested(c: Collector, cpu: CpuInfo, domain: DomainInfo, arch: ArchCatalog | undefined): void {
  if (arch?.arch !== 'x86' && arch !== undefined) return;
  for (const f of cpu.features) {
    const n = f.name?.value;
    if ((n === 'vmx' || n === 'svm') && !enables(policyOf(f)) && f.name) {
      c.add('nested-feature-disabled', f.name.valueStart, f.name.valueEnd, 'nested-feature-disabled', [n, policyOf(f)]);
    }
  }
  if (cpu.effectiveMode !== 'custom' || !arch) return;
  const model = cpu.modelName;
  if (!model?.value) {
    if (cpu.features.length === 0 && domain.type?.value === 'kvm' && !cpu.model) {
      // A <cpu> with only topology or numa: QEMU's default model.
      c.add('nested-no-model', cpu.el.nameStart, cpu.el.nameEnd, 'nested-no-model');
    }
    return;
  }
  if (!arch.model(model.value)) return;
  const full = arch.fullFeatures(model.value);
  const requested = cpu.features.filter((f) => enables(policyOf(f))).map((f) => f.name?.value);
  const hasNested = ['vmx', 'svm'].some((x) => requested.includes(x) || (full.has(x) && !cpu.features.some((f) => f.name?.value === x && !enables(policyOf(f)))));
  if (hasNested) return;
  const feature = nestedFeatureFor(cpuVendor(cpu, arch)) ?? 'vmx';
  c.add('nested-model-lacks-feature', model.start, model.end, 'nested-model-lacks-feature', [model.value, feature], { feature });
}

function checkHost(c: Collector, cpu: CpuInfo, arch: ArchCatalog | undefined): void {
  const host = c.ctx.host;
  if (!host) return;
  const model = cpu.modelName;
  if (cpu.effectiveMode === 'custom' && model?.value) {
    const hm = host.libvirt?.models.find((m) => m.name === model.value);
    if (hm?.usable === 'no') {
      const suggestions = arch ? usableReplacements(arch, host, model.value) : [];
      const data = suggestions.length ? { suggestions } : undefined;
      if (hm.blockers.length) {
        c.add('host-model-unusable', model.start, model.end, 'host-model-unusable-blockers', [model.value, host.host, hm.blockers.join(', ')], data);
      } else {
        c.add('host-model-unusable', model.start, model.end, 'host-model-unusable', [model.value, host.host], data);
      }
    }
  }
  const hostVendor = host.cpu.vendor;
  const hostFlag = nestedFeatureFor(hostVendor);
  const wantsNested: string[] = [];
  for (const f of cpu.features) {
    const n = f.name?.value;
    if ((n === 'vmx' || n === 'svm') && enables(policyOf(f)) && f.name) {
      wantsNested.push(n);
      if (hostFlag && n !== hostFlag) {
        c.add('host-vendor-mismatch', f.name.valueStart, f.name.valueEnd, 'host-vendor-mismatch', [n, NESTED_FEATURES[n], host.host, hostVendor ?? ''], {
          suggestions: [hostFlag],
          preferred: true,
        });
      }
    }
  }
  const passesHost = cpu.effectiveMode === 'host-passthrough' || cpu.effectiveMode === 'host-model' || cpu.effectiveMode === 'maximum';
  if (!passesHost && wantsNested.length === 0) {
    const full = model?.value && arch?.model(model.value) ? arch.fullFeatures(model.value) : undefined;
    if (full?.has('vmx')) wantsNested.push('vmx');
    if (full?.has('svm')) wantsNested.push('svm');
  }
  if (!passesHost && wantsNested.length === 0) return;
  const anchor = cpu.mode ? { s: cpu.mode.valueStart, e: cpu.mode.valueEnd } : { s: cpu.el.nameStart, e: cpu.el.nameEnd };
  const flag = hostFlag ?? wantsNested[0] ?? 'vmx/svm';
  if (!host.cpu.vmx && !host.cpu.svm) {
    c.add('host-no-virt-ext', anchor.s, anchor.e, 'host-no-virt-ext', [host.host]);
  } else if (host.nested.enabled === false) {
    c.add('host-nested-off', anchor.s, anchor.e, 'host-nested-off', [host.host, host.nested.module ?? 'kvm', flag]);
  }
}

function checkCpu(c: Collector, cpu: CpuInfo, domain: DomainInfo, arch: ArchCatalog | undefined, maxVcpus: number | undefined): void {
  const modeOk = checkEnum(c, cpu.mode, CPU_MODES, 'cpu mode', 'cpu-mode-invalid');
  checkEnum(c, cpu.match, CPU_MATCHES, 'cpu match', 'cpu-match-invalid');
  checkEnum(c, cpu.check, CPU_CHECKS, 'cpu check', 'cpu-check-invalid');
  checkEnum(c, cpu.migratable, ON_OFF, 'cpu migratable', 'cpu-migratable-invalid');
  if (cpu.model) checkEnum(c, attribute(cpu.model, 'fallback'), MODEL_FALLBACKS, 'model fallback', 'cpu-fallback-invalid');
  checkTopology(c, cpu, maxVcpus);
  checkFeatures(c, cpu);
  checkCpuParts(c, cpu, domain);
  if (!modeOk) return;
  checkNames(c, cpu, domain, arch);
  checkModeRules(c, cpu, domain);
  checkConsistency(c, cpu, domain, arch);
  checkNested(c, cpu, domain, arch);
  checkHost(c, cpu, arch);
}

/** Every finding for one domain, in offsets of its text. */
export function domainFindings(domain: DomainInfo, ctx: DomainContext): Finding<DomainDiagnosticData>[] {
  const c = new Collector(ctx);
  xmlErrors(c, domain.xml);
  const arch = ctx.catalog.forArch(domain.arch);
  const maxVcpus = checkVcpu(c, domain);
  checkVcpuLists(c, domain, maxVcpus);
  for (const cpu of domain.cpus) checkCpu(c, cpu, domain, arch, maxVcpus);
  if (domain.cpus[0]) checkNuma(c, domain.cpus[0], domain, maxVcpus);
  if (domain.cpus.length === 0 && domain.type?.value === 'kvm' && (arch?.arch ?? 'x86') === 'x86') {
    c.add('nested-no-cpu', domain.root.nameStart, domain.root.nameEnd, 'nested-no-cpu');
  }
  return c.out;
}
