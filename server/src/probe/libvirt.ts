/**
 * libvirt facts from the probe's virsh sections: version, domain capabilities
 * (host-model, usable custom models and their blockers) or, when those are
 * forbidden, capabilities and cpu-models. The XML is untrusted host output and is
 * read with fast-xml-parser without entity expansion; nothing here throws.
 */
import { XMLParser } from 'fast-xml-parser';
import type { HostCpuModel, Usable } from '../../../shared/src/hostFacts';
import type { LibvirtFacts } from '../../../shared/src/probeReport';
import { dataLines, exitCode, type RawProbe } from './parse';

type XNode = Record<string, unknown>;
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseAttributeValue: false,
  parseTagValue: false,
  processEntities: false,
  isArray: (name) => ['mode', 'model', 'feature', 'blockers', 'value', 'enum'].includes(name),
});

function asArr(v: unknown): XNode[] {
  if (Array.isArray(v)) return v.filter((x): x is XNode => typeof x === 'object' && x !== null);
  if (typeof v === 'object' && v !== null) return [v as XNode];
  return [];
}
function first(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}
function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'object' && v !== null) {
    const t = (v as XNode)['#text'];
    if (typeof t === 'string' || typeof t === 'number') return String(t).trim();
  }
  return undefined;
}
function attr(n: XNode, a: string): string | undefined {
  const v = n['@' + a];
  return typeof v === 'string' ? v : undefined;
}
function parseXml(lines: string[]): XNode | undefined {
  const t = lines.join('\n');
  const start = t.indexOf('<');
  if (start < 0) return undefined;
  try {
    const r = xml.parse(t.slice(start)) as unknown;
    return typeof r === 'object' && r !== null ? (r as XNode) : undefined;
  } catch {
    return undefined;
  }
}

export function parseDomcaps(lines: string[]): Pick<LibvirtFacts, 'hostModel' | 'models' | 'hostPassthrough'> | undefined {
  const doc = parseXml(lines);
  const root = doc?.domainCapabilities as XNode | undefined;
  if (!root || typeof root !== 'object') return undefined;
  const cpu = asArr(root.cpu)[0];
  if (!cpu) return { models: [] };
  let hostModel: LibvirtFacts['hostModel'];
  let hostPassthrough: boolean | undefined;
  const models: HostCpuModel[] = [];
  for (const mode of asArr(cpu.mode)) {
    const name = attr(mode, 'name');
    const supported = attr(mode, 'supported') === 'yes';
    if (name === 'host-passthrough') hostPassthrough = supported;
    if (name === 'host-model' && supported) {
      const m = first(mode.model);
      const features: string[] = [];
      const disabled: string[] = [];
      for (const f of asArr(mode.feature)) {
        const fn = attr(f, 'name');
        if (!fn) continue;
        if (attr(f, 'policy') === 'disable' || attr(f, 'policy') === 'forbid') disabled.push(fn);
        else features.push(fn);
      }
      hostModel = { name: text(m) || 'unknown', vendor: text(mode.vendor), features, disabled };
    }
    if (name === 'custom') {
      const blockers = new Map<string, string[]>();
      for (const b of asArr(mode.blockers)) {
        const bm = attr(b, 'model');
        if (bm) blockers.set(bm, asArr(b.feature).map((f) => attr(f, 'name')).filter((x): x is string => !!x));
      }
      for (const m of Array.isArray(mode.model) ? (mode.model as unknown[]) : [mode.model]) {
        const mn = text(m);
        if (!mn || models.length >= 2000) continue;
        const u = typeof m === 'object' && m !== null ? attr(m as XNode, 'usable') : undefined;
        const usable: Usable = u === 'yes' || u === 'no' ? u : 'unknown';
        models.push({ name: mn, usable, blockers: blockers.get(mn) ?? [] });
      }
    }
  }
  return { hostModel, models, hostPassthrough };
}

export function parseCapabilities(lines: string[]): LibvirtFacts['hostCpu'] | undefined {
  const doc = parseXml(lines);
  const host = (doc?.capabilities as XNode | undefined)?.host as XNode | undefined;
  const cpu = host ? asArr(host.cpu)[0] : undefined;
  if (!cpu) return undefined;
  return {
    model: text(first(cpu.model)),
    vendor: text(cpu.vendor),
    features: asArr(cpu.feature).map((f) => attr(f, 'name')).filter((x): x is string => !!x),
  };
}

function firstErrorLine(lines: string[]): string | undefined {
  const errs = lines.filter((x) => /error/i.test(x));
  const l = errs.length ? errs[errs.length - 1] : lines[0];
  return l?.replace(/^error:\s*/i, '').slice(0, 500);
}

export function libvirt(raw: RawProbe): LibvirtFacts {
  const virsh = !raw.sections.get('virsh-version') ? false : true;
  if (!virsh) {
    return { virsh: false, source: 'none', models: [], knownModels: [], domcapsDenied: false };
  }
  const verLines = dataLines(raw, 'virsh-version');
  const verOk = exitCode(raw, 'virsh-version') === 0;
  let version: string | undefined;
  let hypervisor: string | undefined;
  for (const l of verLines) {
    const lib = /Using library:\s*libvirt\s+([0-9][0-9.]*)/i.exec(l);
    if (lib) version = lib[1];
    const hv = /Running hypervisor:\s*(.+)$/i.exec(l);
    if (hv) hypervisor = hv[1].trim();
  }
  const dcLines = dataLines(raw, 'domcaps');
  const dcOk = exitCode(raw, 'domcaps') === 0;
  const dc = dcOk ? parseDomcaps(dcLines) : undefined;
  const domcapsError = dc ? undefined : firstErrorLine(dcLines);
  const domcapsDenied = !dc && /forbidden|denied|authoriz|authenticat|polkit/i.test(dcLines.join('\n'));
  const hostCpu = exitCode(raw, 'caps') === 0 ? parseCapabilities(dataLines(raw, 'caps')) : undefined;
  const knownModels = exitCode(raw, 'cpu-models') === 0
    ? dataLines(raw, 'cpu-models').map((s) => s.trim()).filter((s) => /^[A-Za-z0-9_.-]{1,64}$/.test(s)).slice(0, 2000)
    : [];
  let runningDomains: number | undefined;
  if (exitCode(raw, 'vmlist') === 0) runningDomains = dataLines(raw, 'vmlist').filter((s) => s.trim() !== '').length;
  const source = dc ? 'domcapabilities' : hostCpu || knownModels.length ? 'capabilities' : 'none';
  return {
    virsh: true,
    version,
    hypervisor,
    connectError: verOk ? undefined : firstErrorLine(verLines),
    source,
    domcapsError,
    domcapsDenied,
    hostModel: dc?.hostModel,
    hostPassthrough: dc?.hostPassthrough,
    models: dc?.models ?? [],
    knownModels,
    hostCpu,
    runningDomains,
  };
}
