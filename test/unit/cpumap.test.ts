import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CpuMapCatalog } from '../../server/src/lang/cpumap/catalog';
import { bundledCatalog, CatalogProvider } from '../../server/src/lang/cpumap/provider';
import { readCpuMap } from '../../server/src/lang/cpumap/read';
import { readCpuMapFiles, readCpuMapFilesSync } from '../../server/src/io/cpuMapFiles';
import { cpuMapArchOf } from '../../server/src/lang/cpumap/types';
import { FIXTURES, VENDOR_CPU_MAP } from '../helpers';

const SYSTEM_DIR = '/usr/share/libvirt/cpu_map';

/** Inlines every include of an index.xml layout into one legacy-style cpu_map.xml. */
function inlineLegacy(dir: string): string {
  const index = fs.readFileSync(path.join(dir, 'index.xml'), 'utf8');
  return index.replace(/<include filename='([^']+)'\/>/g, (_whole, file: string) => {
    const p = path.join(dir, file);
    if (!fs.existsSync(p)) return '';
    return fs.readFileSync(p, 'utf8').replace(/<\?xml[^>]*\?>/, '').replace(/<\/?cpus>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  });
}

describe('cpu_map catalog', () => {
  const cat = bundledCatalog();
  const x86 = cat.forArch('x86_64')!;

  it('covers every arch of the data, mapping domain arches to cpu_map arches', () => {
    assert.deepEqual(cat.archNames().sort(), ['arm', 'ppc64', 'x86']);
    assert.equal(cpuMapArchOf('i686'), 'x86');
    assert.equal(cpuMapArchOf('aarch64'), 'arm');
    assert.equal(cpuMapArchOf('ppc64le'), 'ppc64');
    assert.equal(cpuMapArchOf('s390x'), undefined);
    assert.ok(cat.forArch('aarch64')!.model('Neoverse-N1'));
    assert.ok(cat.forArch('ppc64le')!.model('POWER9'));
    assert.equal(cat.forArch('aarch64')!.model('Haswell'), undefined);
  });

  it('resolves a -vN version through its alias to the parent chain', () => {
    assert.deepEqual(x86.parentChain('Haswell-v2'), ['Haswell-v2', 'Haswell-noTSX']);
    assert.equal(x86.vendorOf('Haswell-v2'), 'Intel');
    const v2 = x86.fullFeatures('Haswell-v2');
    const noTsx = x86.fullFeatures('Haswell-noTSX');
    assert.deepEqual([...v2].sort(), [...noTsx].sort());
    assert.ok(!v2.has('hle'), 'noTSX drops hle');
    assert.ok(x86.fullFeatures('Haswell').has('hle'));
  });

  it('features carry CPUID bits and QEMU aliases, looked up by either name', () => {
    const vmx = x86.feature('vmx')!;
    assert.deepEqual(vmx.cpuid, { eax_in: '0x00000001', ecx: '0x00000020' });
    assert.equal(x86.feature('sse3')!.name, 'pni');
    assert.ok(x86.modelsWithFeature('svm').includes('EPYC'));
    assert.ok(!x86.modelsWithFeature('svm').includes('Haswell'));
  });

  it('knows features that only newer models reference', () => {
    // DiamondRapids uses features its x86_features.xml revision predates.
    assert.ok(x86.feature('apxf'));
  });

  it('finds models case-insensitively, returning libvirt spelling', () => {
    assert.equal(x86.modelIgnoreCase('haswell-notsx')!.name, 'Haswell-noTSX');
    assert.equal(x86.modelIgnoreCase('epyc-rome')!.name, 'EPYC-Rome');
  });

  it('reads the index.xml layout from vendor/libvirt/cpu_map like the generator', () => {
    const { map, missing } = readCpuMap(VENDOR_CPU_MAP, readCpuMapFilesSync(VENDOR_CPU_MAP));
    assert.deepEqual([...missing].sort(), ['arm_FT-2000plus.xml', 'arm_Tengyun-S2500.xml']);
    const fromDir = new CpuMapCatalog(map);
    assert.deepEqual(fromDir.forArch('x86_64')!.modelNames(), x86.modelNames());
  });

  it('reads a legacy single cpu_map.xml built from the same data identically', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cpumap-'));
    const file = path.join(tmp, 'cpu_map.xml');
    fs.writeFileSync(file, inlineLegacy(VENDOR_CPU_MAP));
    const legacy = new CpuMapCatalog(readCpuMap(file, readCpuMapFilesSync(file)).map).forArch('x86_64')!;
    assert.deepEqual(legacy.modelNames(), x86.modelNames());
    assert.deepEqual([...legacy.fullFeatures('Skylake-Server-v4')].sort(), [...x86.fullFeatures('Skylake-Server-v4')].sort());
    // A directory that only holds cpu_map.xml is read as the legacy layout too.
    assert.deepEqual(new CpuMapCatalog(readCpuMap(tmp, readCpuMapFilesSync(tmp)).map).forArch('x86_64')!.modelNames(), x86.modelNames());
  });

  it('reads a pre-4.7 cpu_map.xml with function= CPUID attributes', () => {
    const legacy = new CpuMapCatalog(readCpuMap(path.join(FIXTURES, 'cpumap', 'legacy', 'cpu_map.xml'), readCpuMapFilesSync(path.join(FIXTURES, 'cpumap', 'legacy', 'cpu_map.xml'))).map);
    const x = legacy.forArch('x86_64')!;
    assert.deepEqual(x.feature('vmx')!.cpuid, { eax_in: '0x00000001', ecx: '0x00000020' });
    assert.deepEqual([...x.fullFeatures('core2duo')].sort(), ['fpu', 'lm', 'pni', 'pse', 'sse2', 'ssse3']);
    assert.equal(x.vendorOf('Opteron_G1'), 'AMD');
    assert.ok(legacy.forArch('ppc64')!.model('POWER7'));
  });

  it('the provider honours auto, bundled, a directory and a legacy file, and falls back with a warning', () => {
    const provider = new CatalogProvider('/nonexistent/cpu_map', undefined, { readSync: readCpuMapFilesSync });
    assert.equal(provider.get('auto').catalog.source, 'bundled');
    assert.equal(provider.get('bundled').catalog.source, 'bundled');
    const legacyPath = path.join(FIXTURES, 'cpumap', 'legacy', 'cpu_map.xml');
    assert.equal(provider.get(legacyPath).catalog.source, legacyPath);
    const bad = provider.get('/nonexistent/elsewhere');
    assert.equal(bad.catalog.source, 'bundled');
    assert.match(bad.warning!, /cpu_map not found at \/nonexistent\/elsewhere/);
    const garbage = fs.mkdtempSync(path.join(os.tmpdir(), 'cpumap-bad-'));
    fs.writeFileSync(path.join(garbage, 'index.xml'), '<cpus><arch name="x86"><include filename="x.xml"/>');
    assert.match(provider.get(garbage).warning!, /not well-formed|no known architecture|missing/);
  });

  it('the server reads asynchronously: /dev/zero, a FIFO and a too-large file give a clear warning, never a hang', async () => {
    const warnings: string[] = [];
    const loaded: string[] = [];
    const provider = new CatalogProvider('/nonexistent/cpu_map', (w) => warnings.push(w), { read: readCpuMapFiles }, (k) => loaded.push(k));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpumap-special-'));
    const fifo = path.join(dir, 'fifo.xml');
    execFileSync('mkfifo', [fifo]);
    const big = path.join(dir, 'big.xml');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 17 * 1024 * 1024);
    // Until the read finishes the bundled catalog answers, synchronously.
    assert.equal(provider.get('/dev/zero').catalog.source, 'bundled');
    for (const p of ['/dev/zero', fifo, big]) {
      const r = await provider.load(p);
      assert.equal(r.catalog.source, 'bundled', p);
    }
    assert.match(warnings[0], /\/dev\/zero: it is a character device, not a regular file; using the bundled cpu_map/);
    assert.match(warnings[1], /fifo\.xml: it is a FIFO, not a regular file/);
    assert.match(warnings[2], /big\.xml: it is 17\.0 MB, over the 16 MB limit/);
    assert.deepEqual(loaded, ['/dev/zero', fifo, big]);
    const legacyPath = path.join(FIXTURES, 'cpumap', 'legacy', 'cpu_map.xml');
    assert.equal((await provider.load(legacyPath)).catalog.source, legacyPath);
    assert.equal(provider.get(legacyPath).catalog.source, legacyPath);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reads Debian's libvirt 9.0 cpu_map directory (libvirt-daemon)", function () {
    if (!fs.existsSync(path.join(SYSTEM_DIR, 'index.xml'))) {
      if (process.env.CI) assert.fail(`${SYSTEM_DIR} is missing: .ci/run must install libvirt-daemon`);
      this.skip();
    }
    const provider = new CatalogProvider(SYSTEM_DIR, undefined, { readSync: readCpuMapFilesSync });
    const { catalog, warning } = provider.get('auto');
    assert.equal(catalog.source, SYSTEM_DIR);
    assert.equal(warning, undefined);
    const x = catalog.forArch('x86_64')!;
    assert.ok(x.model('Skylake-Server-IBRS'));
    assert.ok(x.model('EPYC-Rome'));
    assert.equal(x.vendorOf('EPYC-Rome'), 'AMD');
    // libvirt 9.0 predates the -vN models and DiamondRapids.
    assert.equal(x.model('DiamondRapids'), undefined);
    assert.ok(catalog.forArch('aarch64'));
  });
});
