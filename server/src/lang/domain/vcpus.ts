/**
 * vCPU lists and limits: `<vcpu cpuset>`, `<vcpus><vcpu id>`, `<cputune><vcpusched vcpus>`,
 * the machine type's vCPU limit and pseries' hotplug granularity. Sources in the README
 * rule table (domain_conf.c, qemu_validate.c).
 */
import { attribute, childElements, firstChild, type XmlElement } from '../xml';
import { CPUMASK_LEN, parseCpuBitmap } from './bitmap';
import { type Collector, clip } from './collector';
import { positiveInteger, type DomainInfo } from './model';

/** QEMU's max_cpus for the i440fx machine (`pc`, `pc-i440fx-*`), as libvirt reads it from the capabilities. */
export const I440FX_MAX_VCPUS = 255;

/** virDomainVcpuParse: "Failed to parse bitmap", and an empty set ("Invalid value of 'cpuset'"). */
function checkCpuset(c: Collector, domain: DomainInfo): void {
  const cpuset = domain.vcpu ? attribute(domain.vcpu.el, 'cpuset') : undefined;
  if (cpuset?.value === undefined) return;
  const map = parseCpuBitmap(cpuset.value);
  if (!map || map.count === 0) c.add('cpuset-invalid', cpuset.valueStart, cpuset.valueEnd, 'cpuset-invalid', [clip(cpuset.value)]);
}

/** virDomainVcpusParse: "vcpu id '%u' is out of range of maximum vcpu count". */
function checkVcpuIds(c: Collector, domain: DomainInfo, maxVcpus: number): void {
  const vcpus = firstChild(domain.root, 'vcpus');
  if (!vcpus) return;
  for (const v of childElements(vcpus, 'vcpu')) {
    const id = attribute(v, 'id');
    if (id?.value === undefined || !/^\s*[0-9]+\s*$/.test(id.value)) continue;
    const n = Number(id.value);
    if (n >= maxVcpus) c.add('vcpus-id-out-of-range', id.valueStart, id.valueEnd, 'vcpus-id-out-of-range', [clip(id.value.trim()), maxVcpus, maxVcpus - 1]);
  }
}

/** virDomainCputuneDefParse / virDomainSchedulerParse: "'vcpusched' attributes 'vcpus' must not overlap". */
function checkVcpuSched(c: Collector, domain: DomainInfo): void {
  const cputune = firstChild(domain.root, 'cputune');
  if (!cputune) return;
  const seen = new Uint8Array(CPUMASK_LEN);
  for (const sched of childElements(cputune, 'vcpusched')) {
    const attr = attribute(sched, 'vcpus');
    if (attr?.value === undefined) continue;
    const map = parseCpuBitmap(attr.value);
    if (!map) {
      c.add('cpuset-invalid', attr.valueStart, attr.valueEnd, 'cpuset-invalid', [clip(attr.value)]);
      continue;
    }
    let clash = -1;
    for (const [lo, hi] of map.ranges) {
      for (let v = lo; v <= hi; v++) {
        if (seen[v] && clash < 0) clash = v;
        seen[v] = 1;
      }
    }
    if (clash >= 0) c.add('cputune-vcpusched-overlap', attr.valueStart, attr.valueEnd, 'cputune-vcpusched-overlap', [clash]);
  }
}

function machineOf(domain: DomainInfo): { el: XmlElement; value: string } | undefined {
  const os = firstChild(domain.root, 'os');
  const type = os ? firstChild(os, 'type') : undefined;
  const m = type ? attribute(type, 'machine') : undefined;
  return type && m?.value ? { el: type, value: m.value.trim() } : undefined;
}

/** qemuValidateDomainDefVcpus: "Maximum CPUs greater than specified machine type limit %u". */
function checkMachineLimit(c: Collector, domain: DomainInfo, maxVcpus: number): void {
  const machine = machineOf(domain);
  if (!machine || !/^(pc|pc-i440fx-.*)$/.test(machine.value) || maxVcpus <= I440FX_MAX_VCPUS) return;
  const count = domain.vcpu?.count;
  if (!count) return;
  c.add('vcpu-exceeds-machine', count.start, count.end, 'vcpu-exceeds-machine', [maxVcpus, machine.value, I440FX_MAX_VCPUS]);
}

/**
 * qemuValidateDomainDefVcpus (pseries): "vCPUs count must be a multiple of the vCPU hotplug
 * granularity"; pseries hotplugs whole cores, so the granularity is threads per core.
 */
function checkGranularity(c: Collector, domain: DomainInfo, maxVcpus: number): void {
  const machine = machineOf(domain);
  if (!machine?.value.startsWith('pseries') || !domain.arch.startsWith('ppc64')) return;
  const topo = domain.cpus[0]?.topology;
  const threads = topo ? positiveInteger(attribute(topo, 'threads')?.value) : undefined;
  if (!threads || threads === 1) return;
  const cur = domain.vcpu?.current;
  const current = positiveInteger(cur?.value);
  if (cur && current !== undefined && current % threads !== 0) {
    c.add('vcpu-hotplug-granularity', cur.valueStart, cur.valueEnd, 'vcpu-hotplug-granularity', [current, threads]);
  } else if (maxVcpus % threads !== 0 && domain.vcpu?.count) {
    const count = domain.vcpu.count;
    c.add('vcpu-hotplug-granularity', count.start, count.end, 'vcpu-hotplug-granularity', [maxVcpus, threads]);
  }
}

export function checkVcpuLists(c: Collector, domain: DomainInfo, maxVcpus: number | undefined): void {
  checkCpuset(c, domain);
  checkVcpuSched(c, domain);
  if (maxVcpus === undefined) return;
  checkVcpuIds(c, domain, maxVcpus);
  checkMachineLimit(c, domain, maxVcpus);
  checkGranularity(c, domain, maxVcpus);
}
