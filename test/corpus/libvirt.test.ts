/**
 * libvirt's own test corpus (vendor/libvirt/tests/qemuxmlconfdata, libvirt 11.3) as our test:
 *  - no error from us on any XML libvirt accepts: every input without an `.err`, and every
 *    XML libvirt writes back (`NAME.ARCH-VARIANT.xml`) unless that same variant has an `.err`
 *    (a domain that parses but fails at start is written back too);
 *  - for every `.err` in our areas (CPU, vCPU, NUMA, cache, topology), classified by the text
 *    of libvirt's message, we flag the same problem on the input with the matching code.
 * Prints the agreement figure.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundledCatalog } from '../../server/src/lang/cpumap/provider';
import { domainFindings } from '../../server/src/lang/domain/diagnostics';
import { parseDomain } from '../../server/src/lang/domain/model';
import type { Finding } from '../../server/src/core/finding';
import { REPO } from '../helpers';

const DIR = path.join(REPO, 'vendor', 'libvirt', 'tests', 'qemuxmlconfdata');

/** libvirt's message → the code we give the same problem. Order matters: first match wins. */
const OUR_AREAS: readonly { readonly area: string; readonly message: RegExp; readonly code: string }[] = [
  { area: 'CPU', message: /unknown CPU feature: /, code: 'cpu-feature-unknown' },
  { area: 'CPU', message: /SVE disabled, but SVE vector lengths provided/, code: 'cpu-sve-lengths-disabled' },
  { area: 'CPU', message: /CPU mode 'host-passthrough' for \S+ qemu domain/, code: 'domain-tcg-host-passthrough' },
  { area: 'CPU', message: /maximum physical address bits number specification cannot be used with mode='passthrough'/, code: 'cpu-maxphysaddr-bits-passthrough' },
  { area: 'cache', message: /CPU cache mode 'emulate' can only be used with level='3'/, code: 'cpu-cache-level-mode' },
  { area: 'cache', message: /unsupported CPU cache level for mode/, code: 'cpu-cache-level-mode' },
  { area: 'cache', message: /CPU cache mode 'passthrough' can only be used with 'host-passthrough'/, code: 'cpu-cache-passthrough-mode' },
  { area: 'vCPU', message: /vCPUs count must be a multiple of the vCPU hotplug granularity/, code: 'vcpu-hotplug-granularity' },
  { area: 'vCPU', message: /Failed to parse bitmap/, code: 'cpuset-invalid' },
  { area: 'vCPU', message: /'vcpusched' attributes 'vcpus' must not overlap/, code: 'cputune-vcpusched-overlap' },
  { area: 'vCPU', message: /Maximum CPUs greater than specified machine type limit/, code: 'vcpu-exceeds-machine' },
  { area: 'vCPU', message: /vcpu id '\d+' is out of range/, code: 'vcpus-id-out-of-range' },
  { area: 'NUMA', message: /does not refer to a valid cell within NUMA/, code: 'numa-sibling-unknown' },
  { area: 'NUMA', message: /Exactly one 'cell' element per guest NUMA cell allowed/, code: 'numa-cell-ids' },
  { area: 'NUMA', message: /have overlapping vCPU ids/, code: 'numa-cells-overlap' },
  { area: 'NUMA', message: /Invalid value for attribute 'memAccess' in element 'cell'/, code: 'numa-cell-memaccess-invalid' },
  { area: 'NUMA', message: /memory size of NUMA node '\d+' overflowed after alignment/, code: 'numa-cell-memory-too-large' },
  { area: 'NUMA', message: /(Number of CPUs|CPU IDs) in <numa> exceed/, code: 'numa-cpus-exceed-vcpus' },
  { area: 'topology', message: /Missing required attribute '(sockets|cores|threads)' in element 'topology'/, code: 'cpu-topology-attr-missing' },
];

/**
 * Near our areas but outside them, on purpose: they depend on the fake host the test suite
 * uses (host NUMA nodes, host CPU), or concern other elements (numatune, hugepages, memory
 * devices). Listed so that a new `.err` in our areas is not missed silently.
 */
const OUT_OF_AREA = [
  /the CPU is incompatible with host CPU/, // pseries-cpu-compat-*: the fake host's CPU
  /NUMA node \d+ is unavailable/, // numatune vs the fake host's NUMA nodes
  /numatune|memnode|nodeset|placement/i, // <numatune>
  /hugepages|hugetlbfs/, // <memoryBacking>
  /memory backend for guest node|numa node has to be configured when enabling memory hotplug|memory device address/, // <memory> devices
  /configured for a NUMA node .* not present|can't be associated with a NUMA node/, // PCI controllers
  /Memory size must be specified/, // <memory>
];

interface Entry {
  readonly file: string;
  readonly findings: Finding[];
}

function lint(file: string): Entry | undefined {
  const text = fs.readFileSync(path.join(DIR, file), 'utf8');
  const { domain } = parseDomain(text);
  if (!domain) return undefined;
  return { file, findings: domainFindings(domain, { catalog: bundledCatalog(), locale: 'en' }) };
}

/** `NAME.xml` → NAME; `NAME.ARCH-VARIANT[.abi-update].xml` → NAME and the variant key. */
function split(file: string): { name: string; variant?: string } {
  const parts = file.replace(/\.(xml|err)$/, '').split('.');
  return parts.length === 1 ? { name: parts[0] } : { name: parts[0], variant: parts.slice(1).join('.') };
}

describe('libvirt 11.3 qemuxmlconfdata corpus', function () {
  this.timeout(300000);
  const files = fs.readdirSync(DIR).sort();
  const errs = files.filter((f) => f.endsWith('.err'));
  const failingNames = new Set(errs.map((f) => split(f).name));
  const failingVariants = new Set(errs.map((f) => f.replace(/\.err$/, '')));
  const xmls = files.filter((f) => f.endsWith('.xml'));

  it('has the whole corpus vendored', () => {
    assert.ok(xmls.length > 2000, `${xmls.length} XML files`);
    assert.ok(errs.length > 200, `${errs.length} .err files`);
  });

  let accepted = 0;
  let agreement = '';

  it('gives no error on any XML libvirt accepts or writes back', () => {
    const false_: string[] = [];
    for (const file of xmls) {
      const { name, variant } = split(file);
      const failing = variant === undefined ? failingNames.has(name) : failingVariants.has(file.replace(/\.xml$/, ''));
      if (failing) continue;
      const e = lint(file);
      if (!e) continue;
      accepted++;
      for (const f of e.findings) if (f.severity === 'error') false_.push(`${file}: ${f.code}: ${f.message}`);
    }
    assert.ok(accepted > 1900, `${accepted} accepted domain files`);
    assert.deepEqual(false_, [], `false errors on libvirt-accepted files:\n${false_.join('\n')}`);
  });

  it('flags the same problem as every .err in the CPU, vCPU, NUMA, cache and topology areas', () => {
    let inArea = 0;
    let flagged = 0;
    const missed: string[] = [];
    const unclassified: string[] = [];
    for (const err of errs) {
      const { name, variant } = split(err);
      // Variants other than -latest fail only with an old QEMU's capabilities.
      if (!variant?.includes('-latest')) continue;
      const message = fs.readFileSync(path.join(DIR, err), 'utf8');
      const rule = OUR_AREAS.find((r) => r.message.test(message));
      if (!rule) {
        if (/CPU|vCPU|NUMA|cell|cache|topology|cpuset|bitmap/i.test(message) && !OUT_OF_AREA.some((r) => r.test(message))) unclassified.push(`${err}: ${message.trim()}`);
        continue;
      }
      inArea++;
      const e = fs.existsSync(path.join(DIR, `${name}.xml`)) ? lint(`${name}.xml`) : undefined;
      const hit = e?.findings.some((f) => f.code === rule.code && f.severity === 'error');
      if (hit) flagged++;
      else missed.push(`${name}.xml (${rule.area}): expected ${rule.code} for "${message.trim()}"; got ${e?.findings.map((f) => f.code).join(', ') || 'nothing'}`);
    }
    agreement = `agreement: ${flagged}/${inArea} .err inputs in our areas flagged; 0 false errors on ${accepted.toLocaleString('en')} files`;
    console.log(`      ${agreement}`);
    assert.deepEqual(unclassified, [], 'an .err mentions our areas but is neither classified nor excluded');
    assert.deepEqual(missed, []);
    assert.ok(inArea >= 14, `${inArea} .err files in our areas`);
  });
});
