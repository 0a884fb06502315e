import * as assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver';
import { domainHover } from '../../../server/src/lang/domain/hover';
import { caret, ctx, fixture, slice } from './helpers';

function hover(marked: string, extra: Parameters<typeof ctx>[0] = {}): { h: Hover | null; value: string; covered: string } {
  const c = caret(marked);
  const h = domainHover(c.doc, c.domain, c.offset, ctx(extra));
  const value = h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
  return { h, value, covered: h?.range ? slice(c.doc, h.range) : '' };
}

const custom = fixture('dumpxml-custom.xml');

describe('domain hover', () => {
  it('a model: vendor, parent chain, group, added and full features', () => {
    const r = hover("<domain type='kvm'>\n  <cpu mode='custom'>\n    <model>Skylake-Client-v|2</model>\n  </cpu>\n</domain>");
    assert.equal(r.covered, 'Skylake-Client-v2');
    const lines = r.value.split('\n');
    assert.equal(lines[0], '**Skylake-Client-v2**');
    assert.ok(lines.includes('Vendor: Intel  '));
    assert.ok(lines.includes('Based on: Skylake-Client-IBRS  '));
    assert.ok(lines.includes('Group: Intel CPU models  '));
    const features = lines.find((l) => l.startsWith('Features ('));
    assert.ok(features);
    const list = features.replace(/^Features \(\d+\): /, '').split(', ');
    assert.deepEqual(list, [...list].sort(), 'sorted');
    assert.equal(features.match(/^Features \((\d+)\)/)?.[1], String(list.length));
    assert.ok(list.includes('spec-ctrl') && list.includes('avx2'));
    assert.equal(lines[lines.length - 1], '_cpu_map: bundled_');
  });

  it('a versioned model shows what it adds over its parent', () => {
    const r = hover(custom.replace('Haswell-noTSX', 'Skylake-Client-IBRS').replace('Skylake-Client-IBRS', 'Skylake-|Client-IBRS'));
    assert.match(r.value, /^Vendor: Intel {2}$/m);
    const v = hover("<domain>\n  <cpu>\n    <model>Cascadelake-Server-v|3</model>\n  </cpu>\n</domain>");
    assert.match(v.value, /^Based on: /m);
  });

  it('a feature: CPUID leaf, register and bit, models that include it', () => {
    const r = hover(custom.replace("name='ss'", "name='s|s'"));
    assert.equal(r.covered, 'ss');
    assert.match(r.value, /^CPUID leaf 0x1, register EDX, bit 27 {2}$/m);
    assert.match(r.value, /^In 24 models: ClearwaterForest, ClearwaterForest-v1, ClearwaterForest-v2, ClearwaterForest-v3, DiamondRapids, DiamondRapids-v1, … {2}$/m);
    const vmx = hover(custom.replace("name='ss'", "name='vm|x'"));
    assert.match(vmx.value, /^CPUID leaf 0x1, register ECX, bit 5 {2}$/m);
    assert.match(vmx.value, /No model of this arch includes it\./);
  });

  it('a feature with a subleaf, an MSR, a QEMU alias, or not migratable', () => {
    const xsaves = hover(custom.replace("name='ss'", "name='xsa|ves'"));
    assert.match(xsaves.value, /^CPUID leaf 0xd, subleaf 0x1, register EAX, bit 3 {2}$/m);
    assert.match(xsaves.value, /^Not migratable: /m);
    assert.match(xsaves.value, /^In \d+ models: [^,]+, [^,]+, [^,]+, [^,]+, [^,]+, [^,]+, …/m);
    const msr = hover(custom.replace("name='ss'", "name='split-lock-|detect'"));
    assert.match(msr.value, /^MSR 0xcf, register EAX, bit 5 {2}$/m);
    assert.match(msr.value, /^In 4 models: Snowridge, Snowridge-v1, Snowridge-v2, Snowridge-v3 {2}$/m);
    const alias = hover(custom.replace("name='ss'", "name='sse|3'"));
    assert.equal(alias.value.split('\n')[0], '**sse3** → pni');
    assert.match(alias.value, /^QEMU names: sse3 {2}$/m);
  });

  it('a mode value: what the mode means', () => {
    const r = hover(fixture('seed-howto.xml').replace("mode='host-passthrough'", "mode='host-pass|through'"));
    assert.equal(r.covered, 'host-passthrough');
    assert.match(r.value, /^host-passthrough: the guest sees the host CPU exactly/);
    assert.equal(hover("<domain>\n  <cpu mode='bo|gus'/>\n</domain>").h, null);
  });

  it('the <cpu> tag: the QEMU -cpu argument', () => {
    const r = hover(custom.replace('<cpu mode', '<c|pu mode'));
    assert.equal(r.covered, 'cpu');
    assert.ok(r.value.startsWith('Guest CPU definition. Mode: custom.\n\nQEMU equivalent:\n```sh\n-cpu Haswell-noTSX,+ss,-pcid\n```'));
    const pt = hover(fixture('seed-howto.xml').replace('<cpu mode', '<|cpu mode'));
    assert.match(pt.value, /```sh\n-cpu host\n```/);
    const hm = hover(fixture('etc-libvirt-qemu-instance.xml').replace('<cpu mode', '<cp|u mode'));
    assert.match(hm.value, /```sh\n-cpu host,\+vmx\n```\n\nDepends on the host: /);
    const none = hover("<domain type='kvm'>\n  <|cpu><topology sockets='1' cores='1' threads='1'/></cpu>\n</domain>");
    assert.match(none.value, /No -cpu argument: QEMU's default CPU \(qemu64\)\./);
  });

  it('speaks Chinese when asked', () => {
    const r = hover(custom.replace("name='ss'", "name='s|s'"), { locale: 'zh-cn' });
    assert.match(r.value, /^CPUID 叶 0x1，寄存器 EDX，位 27 {2}$/m);
  });

  it('nothing elsewhere, or for names cpu_map does not know', () => {
    assert.equal(hover(custom.replace('<name>', '<na|me>')).h, null);
    assert.equal(hover(custom.replace('Haswell-noTSX', 'Has|wel')).h, null);
    assert.equal(hover("<domain>\n  <os><type arch='s390x'>hvm</type></os>\n  <cpu mode='custom'><model>z1|4</model></cpu>\n</domain>").h, null);
  });
});
