/**
 * The parts of a libvirt domain that the `<cpu>` services look at, with the
 * source ranges of every value. Built from the tolerant XML tree.
 */
import { attribute, childElements, firstChild, parseXml, textContent, type XmlAttribute, type XmlDocument, type XmlElement, type XmlText } from '../xml';

export const CPU_MODES = ['custom', 'host-model', 'host-passthrough', 'maximum'] as const;
export const CPU_MATCHES = ['minimum', 'exact', 'strict'] as const;
export const CPU_CHECKS = ['none', 'partial', 'full'] as const;
export const MODEL_FALLBACKS = ['allow', 'forbid'] as const;
export const FEATURE_POLICIES = ['force', 'require', 'optional', 'disable', 'forbid'] as const;
export const ON_OFF = ['on', 'off'] as const;
export const VCPU_PLACEMENTS = ['static', 'auto'] as const;
export const TOPOLOGY_ATTRS = ['sockets', 'dies', 'clusters', 'cores', 'threads'] as const;

/** Features that let a guest run KVM itself. */
export const NESTED_FEATURES = { vmx: 'Intel', svm: 'AMD' } as const;

export interface FeatureRef {
  readonly el: XmlElement;
  readonly name?: XmlAttribute;
  readonly policy?: XmlAttribute;
}

export interface CpuInfo {
  readonly el: XmlElement;
  readonly mode?: XmlAttribute;
  /** The mode libvirt uses: `custom` when the attribute is absent. */
  readonly effectiveMode: string;
  readonly match?: XmlAttribute;
  readonly check?: XmlAttribute;
  readonly migratable?: XmlAttribute;
  readonly model?: XmlElement;
  readonly modelName?: XmlText;
  readonly vendor?: XmlElement;
  readonly vendorName?: XmlText;
  readonly topology?: XmlElement;
  readonly features: readonly FeatureRef[];
}

export interface VcpuInfo {
  readonly el: XmlElement;
  readonly count?: XmlText;
  readonly current?: XmlAttribute;
  readonly placement?: XmlAttribute;
}

export interface DomainInfo {
  readonly xml: XmlDocument;
  readonly root: XmlElement;
  readonly type?: XmlAttribute;
  /** `<os><type arch=…>`, x86_64 when absent. */
  readonly arch: string;
  readonly archAttr?: XmlAttribute;
  readonly vcpu?: VcpuInfo;
  readonly cpus: readonly CpuInfo[];
}

function readCpu(el: XmlElement): CpuInfo {
  const mode = attribute(el, 'mode');
  const model = firstChild(el, 'model');
  const vendor = firstChild(el, 'vendor');
  return {
    el,
    mode,
    effectiveMode: mode?.value ?? 'custom',
    match: attribute(el, 'match'),
    check: attribute(el, 'check'),
    migratable: attribute(el, 'migratable'),
    model,
    modelName: model ? textContent(model) : undefined,
    vendor,
    vendorName: vendor ? textContent(vendor) : undefined,
    topology: firstChild(el, 'topology'),
    features: childElements(el, 'feature').map((f) => ({ el: f, name: attribute(f, 'name'), policy: attribute(f, 'policy') })),
  };
}

/** Reads a parsed document as a domain; undefined when its root is not `<domain>`. */
export function readDomain(xml: XmlDocument): DomainInfo | undefined {
  const root = xml.root;
  if (!root || root.name !== 'domain') return undefined;
  const os = firstChild(root, 'os');
  const osType = os ? firstChild(os, 'type') : undefined;
  const archAttr = osType ? attribute(osType, 'arch') : undefined;
  const vcpuEl = firstChild(root, 'vcpu');
  return {
    xml,
    root,
    type: attribute(root, 'type'),
    arch: archAttr?.value?.trim() || 'x86_64',
    archAttr,
    vcpu: vcpuEl
      ? { el: vcpuEl, count: textContent(vcpuEl), current: attribute(vcpuEl, 'current'), placement: attribute(vcpuEl, 'placement') }
      : undefined,
    cpus: childElements(root, 'cpu').map(readCpu),
  };
}

export function parseDomain(text: string): { xml: XmlDocument; domain: DomainInfo | undefined } {
  const xml = parseXml(text);
  return { xml, domain: readDomain(xml) };
}

/** A strictly positive decimal integer as libvirt's positiveInteger accepts it. */
export function positiveInteger(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const s = raw.trim();
  if (!/^[0-9]+$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** Effective policy of a feature: libvirt treats a missing policy on a guest CPU as require. */
export function policyOf(f: FeatureRef): string {
  return f.policy?.value ?? 'require';
}

export function enables(policy: string): boolean {
  return policy === 'require' || policy === 'force' || policy === 'optional';
}
