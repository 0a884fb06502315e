/** libvirt rules for NUMA cells, cache, maxphysaddr, topology, features and vCPU lists, each from a realistic domain. */
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { bundledCatalog } from '../../../server/src/lang/cpumap/provider';
import { parseDomain } from '../../../server/src/lang/domain/model';
import { parseCpuBitmap } from '../../../server/src/lang/domain/bitmap';
import { doc, domainDiagnostics, messageOf } from '../../helpers';

function lint(text: string): { d: Diagnostic[]; at: (code: string) => string[] } {
  const document = doc(text);
  const { domain } = parseDomain(text);
  assert.ok(domain);
  const d = domainDiagnostics(document, domain, { catalog: bundledCatalog(), locale: 'en' });
  for (const x of d) assert.equal(x.severity, DiagnosticSeverity.Error, `${x.code} is an error: libvirt refuses it`);
  return { d, at: (code) => d.filter((x) => x.code === code).map((x) => document.getText(x.range)) };
}

/** A NUMA guest as virt-install writes it, with the parts each test changes. */
function guest(opts: { vcpu?: string; cpu?: string; numa?: string; machine?: string; arch?: string; extra?: string } = {}): string {
  const numa =
    opts.numa ??
    `<numa>
      <cell id='0' cpus='0-3' memory='4194304' unit='KiB'/>
      <cell id='1' cpus='4-7' memory='4194304' unit='KiB'/>
    </numa>`;
  return `<domain type='kvm'>
  <name>db01</name>
  <memory unit='KiB'>8388608</memory>
  ${opts.vcpu ?? "<vcpu placement='static'>8</vcpu>"}
  ${opts.extra ?? ''}
  <os>
    <type arch='${opts.arch ?? 'x86_64'}' machine='${opts.machine ?? 'pc-q35-8.2'}'>hvm</type>
  </os>
  <cpu mode='host-passthrough' check='none' migratable='on'>
    <topology sockets='2' dies='1' cores='2' threads='2'/>
    ${opts.cpu ?? ''}
    ${numa}
  </cpu>
</domain>
`;
}

describe('libvirt NUMA rules', () => {
  it('a good two-cell guest has no finding', () => {
    assert.deepEqual(lint(guest()).d.map((x) => x.code), []);
  });

  it('cells naming more vCPUs than <vcpu>', () => {
    const { at, d } = lint(guest({ numa: `<numa>\n      <cell id='0' cpus='0-3' memory='4194304' unit='KiB'/>\n      <cell id='1' cpus='4-11' memory='4194304' unit='KiB'/>\n    </numa>` }));
    assert.deepEqual(at('numa-cpus-exceed-vcpus'), ['numa']);
    assert.match(messageOf(d[0]), /name 12 \(vCPU ids up to 11\) but <vcpu> is 8/);
  });

  it('overlapping cells', () => {
    const { at, d } = lint(guest({ numa: `<numa>\n      <cell id='0' cpus='0-4' memory='4194304' unit='KiB'/>\n      <cell id='1' cpus='4-7' memory='4194304' unit='KiB'/>\n    </numa>` }));
    assert.deepEqual(at('numa-cells-overlap'), ['4-7']);
    assert.match(messageOf(d.find((x) => x.code === 'numa-cells-overlap')!), /Cells 0 and 1 both list vCPU 4/);
  });

  it('non-contiguous and duplicate cell ids (libvirt cpu-numa3)', () => {
    assert.deepEqual(lint(guest({ numa: `<numa>\n      <cell id='1' cpus='0-3' memory='4194304' unit='KiB'/>\n      <cell id='2' cpus='4-7' memory='4194304' unit='KiB'/>\n    </numa>` })).at('numa-cell-ids'), ['2']);
    assert.deepEqual(lint(guest({ numa: `<numa>\n      <cell id='0' cpus='0-3' memory='4194304' unit='KiB'/>\n      <cell id='0' cpus='4-7' memory='4194304' unit='KiB'/>\n    </numa>` })).at('numa-cell-ids'), ['0']);
  });

  it('a cell without memory, an unknown memAccess, a size that overflows', () => {
    const { at } = lint(guest({ numa: `<numa>\n      <cell id='0' cpus='0-3'/>\n      <cell id='1' cpus='4-7' memory='9007199254740991' unit='KiB' memAccess='sharde'/>\n    </numa>` }));
    assert.deepEqual(at('numa-cell-memory-missing'), ['cell']);
    assert.deepEqual(at('numa-cell-memory-too-large'), ['9007199254740991']);
    assert.deepEqual(at('numa-cell-memaccess-invalid'), ['sharde']);
  });

  it('distances: unknown sibling, bad value, and a pair with no distance', () => {
    const three = (cell0: string): string =>
      guest({
        vcpu: "<vcpu placement='static'>12</vcpu>",
        cpu: '',
        numa: `<numa>
      <cell id='0' cpus='0-3' memory='2097152' unit='KiB'>
        <distances>${cell0}</distances>
      </cell>
      <cell id='1' cpus='4-7' memory='2097152' unit='KiB'/>
      <cell id='2' cpus='8-11' memory='2097152' unit='KiB'/>
    </numa>`,
      }).replace("sockets='2' dies='1' cores='2' threads='2'", "sockets='3' dies='1' cores='2' threads='2'");
    const complete = "\n          <sibling id='0' value='10'/>\n          <sibling id='1' value='21'/>\n          <sibling id='2' value='31'/>\n        ";
    assert.deepEqual(lint(three(complete)).d.map((x) => x.code), ['numa-distances-incomplete']);
    const withRest = three(complete).replace("<cell id='1' cpus='4-7' memory='2097152' unit='KiB'/>", "<cell id='1' cpus='4-7' memory='2097152' unit='KiB'>\n        <distances>\n          <sibling id='2' value='21'/>\n        </distances>\n      </cell>");
    assert.deepEqual(lint(withRest).d.map((x) => x.code), []);
    assert.deepEqual(lint(three("\n          <sibling id='3' value='21'/>\n        ")).at('numa-sibling-unknown'), ['3']);
    assert.deepEqual(lint(three(complete.replace("value='21'", "value='10'"))).at('numa-distance-invalid'), ['10']);
  });

  it('a <numa> without cells', () => {
    assert.deepEqual(lint(guest({ numa: '<numa/>' })).at('numa-no-cells'), ['numa']);
  });
});

describe('libvirt <cpu> part rules', () => {
  it('cache modes and levels (qemuValidateDomainDefCpu)', () => {
    assert.deepEqual(lint(guest({ cpu: "<cache mode='passthru'/>" })).at('cpu-cache-mode-invalid'), ['passthru']);
    assert.deepEqual(lint(guest({ cpu: "<cache level='3' mode='passthrough'/>" })).at('cpu-cache-level-mode'), ["level='3'"]);
    assert.deepEqual(lint(guest({ cpu: "<cache level='2' mode='emulate'/>" })).at('cpu-cache-level-mode'), ["level='2'"]);
    assert.deepEqual(lint(guest({ cpu: "<cache level='3' mode='emulate'/>" })).d.map((x) => x.code), []);
    const custom = guest({ cpu: "<cache mode='passthrough'/>" }).replace("<cpu mode='host-passthrough' check='none' migratable='on'>", "<cpu mode='custom' match='exact'>\n    <model fallback='forbid'>Skylake-Server</model>\n    <feature policy='require' name='vmx'/>");
    assert.deepEqual(lint(custom).at('cpu-cache-passthrough-mode'), ['passthrough']);
  });

  it('maxphysaddr: unknown mode, bits with passthrough', () => {
    assert.deepEqual(lint(guest({ cpu: "<maxphysaddr mode='host'/>" })).at('cpu-maxphysaddr-mode-invalid'), ['host']);
    assert.deepEqual(lint(guest({ cpu: "<maxphysaddr mode='passthrough' bits='42'/>" })).at('cpu-maxphysaddr-bits-passthrough'), ["bits='42'"]);
    assert.deepEqual(lint(guest({ cpu: "<maxphysaddr mode='emulate' bits='42'/>" })).d.map((x) => x.code), []);
  });

  it('<model vendor_id> must be exactly 12 printable characters (libvirt cpu-host-model-vendor uses "Libvirt QEMU")', () => {
    const custom = (id: string): string =>
      guest().replace("<cpu mode='host-passthrough' check='none' migratable='on'>", `<cpu mode='custom' match='exact'>\n    <model fallback='forbid' vendor_id='${id}'>Skylake-Server</model>\n    <feature policy='require' name='vmx'/>`);
    assert.deepEqual(lint(custom('Libvirt QEMU')).d.map((x) => x.code), []);
    assert.deepEqual(lint(custom('GenuineIntelX')).at('cpu-vendor-id-invalid'), ['GenuineIntelX']);
    assert.deepEqual(lint(custom('AMD')).at('cpu-vendor-id-invalid'), ['AMD']);
  });

  it('a feature without a name, a topology without cores', () => {
    assert.deepEqual(lint(guest({ cpu: "<feature policy='require'/>" })).at('cpu-feature-name-missing'), ['feature']);
    const noCores = guest().replace("sockets='2' dies='1' cores='2' threads='2'", "sockets='4' threads='2'");
    assert.deepEqual(lint(noCores).at('cpu-topology-attr-missing'), ['topology']);
  });

  it('aarch64: SVE vector lengths with SVE disabled', () => {
    const arm = `<domain type='kvm'>\n  <name>arm</name>\n  <memory unit='KiB'>1048576</memory>\n  <vcpu placement='static'>1</vcpu>\n  <os>\n    <type arch='aarch64' machine='virt'>hvm</type>\n  </os>\n  <cpu mode='host-passthrough'>\n    <feature policy='disable' name='sve'/>\n    <feature policy='require' name='sve128'/>\n  </cpu>\n</domain>\n`;
    assert.deepEqual(lint(arm).at('cpu-sve-lengths-disabled'), ['sve128']);
  });
});

describe('libvirt vCPU list rules', () => {
  it('<vcpu cpuset> that does not parse', () => {
    assert.deepEqual(lint(guest({ vcpu: "<vcpu placement='static' cpuset='aaa'>8</vcpu>" })).at('cpuset-invalid'), ['aaa']);
    assert.deepEqual(lint(guest({ vcpu: "<vcpu placement='static' cpuset='0-3,^2,8'>8</vcpu>" })).d.map((x) => x.code), []);
  });

  it('<vcpus> ids out of range', () => {
    const vcpus = `<vcpus>\n    <vcpu id='0' enabled='yes' hotpluggable='no' order='1'/>\n    <vcpu id='8' enabled='no' hotpluggable='yes'/>\n  </vcpus>`;
    assert.deepEqual(lint(guest({ extra: vcpus })).at('vcpus-id-out-of-range'), ['8']);
  });

  it('overlapping <vcpusched>', () => {
    const tune = `<cputune>\n    <vcpusched vcpus='0-1' scheduler='fifo' priority='1'/>\n    <vcpusched vcpus='1-2' scheduler='fifo' priority='1'/>\n  </cputune>`;
    assert.deepEqual(lint(guest({ extra: tune })).at('cputune-vcpusched-overlap'), ['1-2']);
  });

  it('more vCPUs than i440fx allows; q35 takes them', () => {
    const big = (machine: string): string =>
      guest({ machine, vcpu: "<vcpu placement='static'>256</vcpu>", numa: '' }).replace("sockets='2' dies='1' cores='2' threads='2'", "sockets='2' dies='1' cores='64' threads='2'");
    assert.deepEqual(lint(big('pc-i440fx-8.2')).at('vcpu-exceeds-machine'), ['256']);
    assert.deepEqual(lint(big('pc')).at('vcpu-exceeds-machine'), ['256']);
    assert.deepEqual(lint(big('pc-q35-8.2')).d.map((x) => x.code), []);
  });

  it('pseries hotplug granularity (libvirt cpu-hotplug-granularity)', () => {
    const ppc = `<domain type='kvm'>\n  <name>p</name>\n  <memory unit='KiB'>524288</memory>\n  <vcpu placement='static' current='2'>8</vcpu>\n  <os>\n    <type arch='ppc64' machine='pseries'>hvm</type>\n  </os>\n  <cpu>\n    <topology sockets='1' dies='1' cores='2' threads='4'/>\n  </cpu>\n</domain>\n`;
    assert.deepEqual(lint(ppc).at('vcpu-hotplug-granularity'), ['2']);
    assert.deepEqual(lint(ppc.replace("current='2'", "current='4'")).d.map((x) => x.code), []);
  });
});

describe('libvirt CPU bitmaps', () => {
  it('parses like virBitmapParse', () => {
    assert.deepEqual(parseCpuBitmap('0-3,^2,8')?.ranges, [[0, 1], [3, 3], [8, 8]]);
    assert.deepEqual(parseCpuBitmap(' 1 , 3-4 ')?.ranges, [[1, 1], [3, 4]]);
    assert.equal(parseCpuBitmap('0-16383')?.count, 16384);
    for (const bad of ['aaa', '', '0,,1', '3-1', '16384', '^1-2']) assert.equal(parseCpuBitmap(bad), undefined, bad);
  });
});
