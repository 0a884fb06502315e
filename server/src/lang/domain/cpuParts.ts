/**
 * Rules for the parts of `<cpu>` besides model, vendor and mode: `<feature>` names,
 * `<topology>` attributes, `<cache>`, `<maxphysaddr>` and ARM SVE vector lengths.
 * Each mirrors a libvirt check named in the README rule table.
 */
import { attribute, firstChild } from '../xml';
import { type Collector, checkEnum, clip } from './collector';
import { enables, policyOf, type CpuInfo, type DomainInfo } from './model';

export const CACHE_MODES = ['emulate', 'passthrough', 'disable'] as const;
export const CACHE_LEVELS = ['1', '2', '3'] as const;
export const MAXPHYSADDR_MODES = ['emulate', 'passthrough'] as const;
/** RNG cpuTopology: sockets, cores and threads are required; dies and clusters optional. */
const TOPOLOGY_REQUIRED = ['sockets', 'cores', 'threads'] as const;

/** libvirt virCPUDefParseXML: a feature without a name is rejected. */
function checkFeatureNames(c: Collector, cpu: CpuInfo): void {
  for (const f of cpu.features) {
    if (f.name?.value === undefined || f.name.value.trim() === '') {
      c.add('cpu-feature-name-missing', f.el.nameStart, f.el.nameEnd, 'cpu-feature-name-missing');
    }
  }
}

/** libvirt virCPUDefParseXML reads sockets, cores and threads as required attributes. */
function checkTopologyAttrs(c: Collector, cpu: CpuInfo): void {
  const topo = cpu.topology;
  if (!topo) return;
  for (const name of TOPOLOGY_REQUIRED) {
    if (!attribute(topo, name)) c.add('cpu-topology-attr-missing', topo.nameStart, topo.nameEnd, 'cpu-topology-attr-missing', [name]);
  }
}

/** libvirt qemuValidateDomainDefCpu: which cache levels each mode takes, and passthrough's CPU modes. */
function checkCache(c: Collector, cpu: CpuInfo): void {
  const cache = firstChild(cpu.el, 'cache');
  if (!cache) return;
  const mode = attribute(cache, 'mode');
  const level = attribute(cache, 'level');
  const modeOk = checkEnum(c, mode, CACHE_MODES, 'cache mode', 'cpu-cache-mode-invalid');
  const levelOk = checkEnum(c, level, CACHE_LEVELS, 'cache level', 'cpu-cache-level-invalid');
  if (!mode?.value || !modeOk || !levelOk) return;
  const anchor = level ?? mode;
  if (mode.value === 'emulate' && level?.value !== '3') {
    c.add('cpu-cache-level-mode', anchor.nameStart, anchor.valueEnd + 1, 'cpu-cache-level-mode', [mode.value, c.t('cpu-cache-level-emulate')]);
  } else if (mode.value !== 'emulate' && level) {
    c.add('cpu-cache-level-mode', level.nameStart, level.valueEnd + 1, 'cpu-cache-level-mode', [mode.value, c.t('cpu-cache-level-none')]);
  }
  const cpuMode = cpu.effectiveMode;
  if (mode.value === 'passthrough' && cpuMode !== 'host-passthrough' && cpuMode !== 'maximum') {
    c.add('cpu-cache-passthrough-mode', mode.valueStart, mode.valueEnd, 'cpu-cache-passthrough-mode', [cpuMode]);
  }
}

/** RNG cpuMaxPhysAddr (mode) and qemuValidateDomainDefCpu (no bits with passthrough). */
function checkMaxPhysAddr(c: Collector, cpu: CpuInfo): void {
  const el = firstChild(cpu.el, 'maxphysaddr');
  if (!el) return;
  const mode = attribute(el, 'mode');
  if (!checkEnum(c, mode, MAXPHYSADDR_MODES, 'maxphysaddr mode', 'cpu-maxphysaddr-mode-invalid')) return;
  const bits = attribute(el, 'bits');
  if (mode?.value === 'passthrough' && bits) {
    c.add('cpu-maxphysaddr-bits-passthrough', bits.nameStart, bits.valueEnd + 1, 'cpu-maxphysaddr-bits-passthrough');
  }
}

/** qemuValidateDomainDefCpu (aarch64): "SVE disabled, but SVE vector lengths provided". */
function checkSve(c: Collector, cpu: CpuInfo, domain: DomainInfo): void {
  if (domain.arch !== 'aarch64') return;
  const sve = cpu.features.find((f) => f.name?.value === 'sve');
  if (!sve || enables(policyOf(sve))) return;
  for (const f of cpu.features) {
    const n = f.name?.value;
    if (n && f.name && /^sve[0-9]+$/.test(n) && enables(policyOf(f))) {
      c.add('cpu-sve-lengths-disabled', f.name.valueStart, f.name.valueEnd, 'cpu-sve-lengths-disabled', [n]);
    }
  }
}

/** libvirt virCPUDefParseXML: "vendor_id must be exactly 12 characters long", printable only. */
function checkVendorId(c: Collector, cpu: CpuInfo): void {
  const id = cpu.model ? attribute(cpu.model, 'vendor_id') : undefined;
  if (id?.value === undefined) return;
  if ([...id.value].length !== 12 || /[^\x20-\x7e]/.test(id.value)) {
    c.add('cpu-vendor-id-invalid', id.valueStart, id.valueEnd, 'cpu-vendor-id-invalid', [clip(id.value), [...id.value].length]);
  }
}

export function checkCpuParts(c: Collector, cpu: CpuInfo, domain: DomainInfo): void {
  checkVendorId(c, cpu);
  checkFeatureNames(c, cpu);
  checkTopologyAttrs(c, cpu);
  checkCache(c, cpu);
  checkMaxPhysAddr(c, cpu);
  checkSve(c, cpu, domain);
}
