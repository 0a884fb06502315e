import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { HostFacts } from '../../../shared/src/hostFacts';
import { bundledCatalog } from '../../../server/src/lang/cpumap/provider';
import { parseDomain } from '../../../server/src/lang/domain/model';
import type { Locale } from '../../../server/src/core/l10n';
import { doc, domainDiagnostics, FIXTURES, messageOf } from '../../helpers';

function lint(text: string, opts: { locale?: Locale; host?: HostFacts } = {}): { d: Diagnostic[]; at: (code: string) => string[] } {
  const document = doc(text);
  const { domain } = parseDomain(text);
  assert.ok(domain, 'fixture must be a domain');
  const d = domainDiagnostics(document, domain, { catalog: bundledCatalog(), locale: opts.locale ?? 'en', host: opts.host ?? null });
  return { d, at: (code) => d.filter((x) => x.code === code).map((x) => document.getText(x.range)) };
}

const wrap = (cpu: string, extra = '', type = 'kvm', vcpu = "<vcpu placement='static'>4</vcpu>"): string =>
  `<domain type='${type}'>\n  <name>t</name>\n  ${vcpu}\n  <os>\n    <type arch='x86_64' machine='q35'>hvm</type>\n  </os>\n  ${cpu}\n${extra}</domain>\n`;

describe('domain XML diagnostics', () => {
  it('flags bad enum values at the value, with the nearest value as the fix', () => {
    const { d, at } = lint(wrap(`<cpu mode='host-passthru' match='exactly' check='ful' migratable='yes'/>`));
    assert.deepEqual(at('cpu-mode-invalid'), ['host-passthru']);
    assert.deepEqual(at('cpu-match-invalid'), ['exactly']);
    assert.deepEqual(at('cpu-check-invalid'), ['ful']);
    assert.deepEqual(at('cpu-migratable-invalid'), ['yes']);
    const mode = d.find((x) => x.code === 'cpu-mode-invalid')!;
    assert.equal(mode.severity, DiagnosticSeverity.Error);
    assert.deepEqual((mode.data as { suggestions: string[] }).suggestions, ['host-passthrough']);
  });

  it('flags fallback and policy values', () => {
    const { at } = lint(wrap(`<cpu mode='custom'>\n    <model fallback='alow'>Haswell</model>\n    <feature policy='requires' name='vmx'/>\n  </cpu>`));
    assert.deepEqual(at('cpu-fallback-invalid'), ['alow']);
    assert.deepEqual(at('cpu-feature-policy-invalid'), ['requires']);
  });

  it('an unknown model is an error with the nearest names', () => {
    const { d, at } = lint(wrap(`<cpu mode='custom'>\n    <model>Skylake-Sever</model>\n  </cpu>`));
    assert.deepEqual(at('cpu-model-unknown'), ['Skylake-Sever']);
    const diag = d.find((x) => x.code === 'cpu-model-unknown')!;
    assert.equal((diag.data as { suggestions: string[] }).suggestions[0], 'Skylake-Server');
    assert.match(messageOf(diag), /Did you mean Skylake-Server/);
  });

  it('models are per arch: an x86 model on aarch64 is a warning naming what QEMU has (libvirt leaves ARM names to QEMU)', () => {
    const text = `<domain type='kvm'><os><type arch='aarch64'>hvm</type></os><cpu mode='custom'><model>Haswell</model></cpu></domain>`;
    const { d, at } = lint(text);
    assert.deepEqual(at('cpu-model-unknown'), []);
    assert.deepEqual(at('cpu-model-unverified'), ['Haswell']);
    assert.equal(d[0].severity, DiagnosticSeverity.Warning);
    const typo = lint(text.replace('Haswell', 'cortex-a75x')).d.find((x) => x.code === 'cpu-model-unverified')!;
    assert.match(messageOf(typo), /Known names near it: .*cortex-a7/);
  });

  it('non-x86 models QEMU has are valid, as libvirt writes them back in its own tests', () => {
    const guest = (arch: string, machine: string, model: string): string =>
      `<domain type='qemu'>\n  <name>g</name>\n  <memory>1048576</memory>\n  <vcpu placement='static'>1</vcpu>\n  <os>\n    <type arch='${arch}' machine='${machine}'>hvm</type>\n  </os>\n  <cpu mode='custom' match='exact' check='none'>\n    <model fallback='forbid'>${model}</model>\n  </cpu>\n</domain>\n`;
    for (const [arch, machine, model] of [
      ['aarch64', 'virt-4.2', 'cortex-a15'],
      ['armv7l', 'vexpress-a9', 'cortex-a9'],
      ['armv7l', 'versatilepb', 'arm926'],
      ['ppc64', 'mac99', 'g3'],
      ['ppc64', 'pseries', 'ppc64'],
      ['ppc64', 'pseries', 'POWER9'],
    ]) {
      assert.deepEqual(lint(guest(arch, machine, model)).d.map((x) => x.code), [], `${model} on ${arch}`);
    }
    // x86 keeps libvirt's cpu_map check: an unknown name is refused at start.
    assert.deepEqual(lint(guest('x86_64', 'pc', 'cortex-a15')).at('cpu-model-unknown'), ['cortex-a15']);
  });

  it('unknown features and vendors get suggestions', () => {
    const { at, d } = lint(wrap(`<cpu mode='custom'>\n    <model>Haswell</model>\n    <vendor>Intle</vendor>\n    <feature policy='require' name='vmxx'/>\n  </cpu>`));
    assert.deepEqual(at('cpu-feature-unknown'), ['vmxx']);
    assert.deepEqual(at('cpu-vendor-unknown'), ['Intle']);
    assert.equal((d.find((x) => x.code === 'cpu-vendor-unknown')!.data as { suggestions: string[] }).suggestions[0], 'Intel');
  });

  it('mode rules: ignored model and match, migratable outside passthrough/maximum, features without model', () => {
    const a = lint(wrap(`<cpu mode='host-passthrough' match='exact'>\n    <model>Haswell</model>\n  </cpu>`));
    assert.deepEqual(a.at('cpu-model-ignored'), ['Haswell']);
    assert.deepEqual(a.at('cpu-match-ignored'), ["match='exact'"]);
    assert.equal(a.d.find((x) => x.code === 'cpu-model-ignored')!.severity, DiagnosticSeverity.Warning);
    const b = lint(wrap(`<cpu mode='host-model' migratable='on'/>`));
    assert.deepEqual(b.at('cpu-migratable-mode'), ["migratable='on'"]);
    const c = lint(wrap(`<cpu>\n    <vendor>Intel</vendor>\n    <feature policy='require' name='vmx'/>\n  </cpu>`));
    assert.deepEqual(c.at('cpu-features-without-model'), ['feature']);
    assert.deepEqual(c.at('cpu-vendor-without-model'), ['vendor']);
  });

  it('ppc64: the host-model <model> is the compatibility mode, and legacy model names are accepted', () => {
    const power = (cpu: string): string => wrap(cpu).replace("arch='x86_64' machine='q35'", "arch='ppc64le' machine='pseries'");
    const compat = lint(power(`<cpu mode='host-model'>\n    <model fallback='allow'>power9</model>\n  </cpu>`));
    assert.deepEqual(compat.d.map((x) => x.code), []);
    const legacy = lint(power(`<cpu mode='custom' match='exact'>\n    <model>POWER8_v1.0</model>\n  </cpu>`));
    assert.deepEqual(legacy.d.map((x) => x.code), []);
    // Still a warning on x86, where host-model replaces the model.
    assert.deepEqual(lint(wrap(`<cpu mode='host-model'>\n    <model>Haswell</model>\n  </cpu>`)).at('cpu-model-ignored'), ['Haswell']);
    assert.deepEqual(lint(power(`<cpu mode='custom'>\n    <model>POWER8_v2.0</model>\n  </cpu>`)).at('cpu-model-unknown'), ['POWER8_v2.0']);
  });

  it('duplicate features and conflicting policies', () => {
    const { at } = lint(
      wrap(`<cpu mode='custom'>\n    <model>Haswell</model>\n    <feature policy='require' name='pcid'/>\n    <feature policy='require' name='pcid'/>\n    <feature policy='require' name='vmx'/>\n    <feature policy='disable' name='vmx'/>\n  </cpu>`),
    );
    assert.deepEqual(at('cpu-feature-duplicate'), ['pcid']);
    assert.deepEqual(at('cpu-feature-conflict'), ['vmx']);
  });

  it('vmx with an AMD model and svm with an Intel vendor', () => {
    const a = lint(wrap(`<cpu mode='custom'>\n    <model>EPYC-Rome</model>\n    <feature policy='require' name='vmx'/>\n  </cpu>`));
    assert.deepEqual(a.at('cpu-nested-vendor-mismatch'), ['vmx']);
    const b = lint(wrap(`<cpu mode='custom'>\n    <model>qemu64</model>\n    <vendor>Intel</vendor>\n    <feature policy='require' name='svm'/>\n  </cpu>`));
    assert.deepEqual(b.at('cpu-nested-vendor-mismatch'), ['svm']);
  });

  it('TCG domains with host CPU modes', () => {
    assert.deepEqual(lint(wrap(`<cpu mode='host-passthrough'/>`, '', 'qemu')).at('domain-tcg-host-passthrough'), ['host-passthrough']);
    assert.deepEqual(lint(wrap(`<cpu mode='host-model'/>`, '', 'qemu')).at('domain-tcg-host-model'), ['host-model']);
  });

  it('vcpu current above the maximum, topology mismatch, non-positive numbers', () => {
    const a = lint(wrap(`<cpu mode='host-passthrough'>\n    <topology sockets='2' cores='4' threads='2'/>\n  </cpu>`, '', 'kvm', `<vcpu placement='static' current='24'>22</vcpu>`));
    assert.deepEqual(a.at('vcpu-current-exceeds'), ['24']);
    assert.deepEqual((a.d.find((x) => x.code === 'vcpu-current-exceeds')!.data as { max: number }).max, 22);
    assert.deepEqual(a.at('cpu-topology-mismatch'), ['topology']);
    assert.match(messageOf(a.d.find((x) => x.code === 'cpu-topology-mismatch')!), /16 vCPUs \(sockets=2 × cores=4 × threads=2\) but <vcpu> is 22/);
    const b = lint(wrap(`<cpu mode='host-passthrough'>\n    <topology sockets='0' cores='x' threads='1'/>\n  </cpu>`, '', 'kvm', `<vcpu current='-1'>two</vcpu>`));
    assert.deepEqual(b.at('number-not-positive').sort(), ['-1', '0', 'two', 'x']);
  });

  it('nested readiness: a custom model without vmx, a disabled vmx, and no <cpu> at all', () => {
    const a = lint(wrap(`<cpu mode='custom' match='exact'>\n    <model fallback='allow'>core2duo</model>\n  </cpu>`));
    assert.deepEqual(a.at('nested-model-lacks-feature'), ['core2duo']);
    const info = a.d.find((x) => x.code === 'nested-model-lacks-feature')!;
    assert.equal(info.severity, DiagnosticSeverity.Information);
    assert.equal((info.data as { feature: string }).feature, 'vmx');
    const amd = lint(wrap(`<cpu mode='custom'>\n    <model>EPYC</model>\n    <feature policy='disable' name='svm'/>\n  </cpu>`));
    assert.deepEqual(amd.at('nested-feature-disabled'), ['svm']);
    assert.deepEqual(amd.at('nested-model-lacks-feature'), ['EPYC']);
    assert.equal((amd.d.find((x) => x.code === 'nested-model-lacks-feature')!.data as { feature: string }).feature, 'svm');
    assert.deepEqual(lint(wrap('')).at('nested-no-cpu'), ['domain']);
    assert.deepEqual(lint(wrap(`<cpu mode='custom'>\n    <model>Haswell</model>\n    <feature policy='require' name='vmx'/>\n  </cpu>`)).at('nested-model-lacks-feature'), []);
  });

  it('malformed XML: a clear error at the spot, and the rest keeps its diagnostics', () => {
    const text = wrap(`<cpu mode='custom'>\n    <model>Haswel</model>\n  </cpu>`, `  <devices>\n    <disk type='file'\n`);
    const { d, at } = lint(text);
    assert.ok(at('xml-unclosed-tag').includes('<disk'));
    assert.deepEqual(at('cpu-model-unknown'), ['Haswel']);
    assert.ok(d.every((x) => x.source === 'nested-virt'));
  });

  it('a file of garbage gets its first XML errors, not one per character', () => {
    const text = `<domain type='kvm'>` + '<'.repeat(5000) + `<cpu mode='host-modle'/></domain>`;
    const { d, at } = lint(text);
    assert.equal(d.filter((x) => String(x.code).startsWith('xml-')).length, 100);
    assert.deepEqual(at('cpu-mode-invalid'), ['host-modle']);
  });

  it('host-aware: unusable model with blockers, vendor mismatch, nested off', () => {
    const host: HostFacts = {
      host: 'cmp-07',
      probedAt: '2026-11-24T00:00:00Z',
      arch: 'x86_64',
      cpu: { vendor: 'AMD', vmx: false, svm: true, hypervisor: false },
      nested: { module: 'kvm_amd', enabled: false },
      libvirt: { source: 'domcapabilities', models: [{ name: 'Skylake-Server', usable: 'no', blockers: ['avx512f', 'pku'] }] },
    };
    const a = lint(wrap(`<cpu mode='custom'>\n    <model>Skylake-Server</model>\n    <feature policy='require' name='vmx'/>\n  </cpu>`), { host });
    assert.deepEqual(a.at('host-model-unusable'), ['Skylake-Server']);
    assert.match(messageOf(a.d.find((x) => x.code === 'host-model-unusable')!), /missing: avx512f, pku/);
    assert.deepEqual(a.at('host-vendor-mismatch'), ['vmx']);
    assert.deepEqual(a.at('host-nested-off'), ['custom']);
    const b = lint(wrap(`<cpu mode='host-passthrough'/>`), { host });
    assert.deepEqual(b.at('host-nested-off'), ['host-passthrough']);
    assert.match(messageOf(b.d.find((x) => x.code === 'host-nested-off')!), /kvm_amd nested=N/);
    assert.deepEqual(lint(wrap(`<cpu mode='host-passthrough'/>`)).at('host-nested-off'), []);
  });

  it('a huge value is cut in the message, while the range still covers all of it', () => {
    const huge = 'x'.repeat(100000);
    const { d, at } = lint(wrap(`<cpu mode='${huge}'/>`));
    assert.deepEqual(at('cpu-mode-invalid'), [huge]);
    const message = messageOf(d.find((x) => x.code === 'cpu-mode-invalid')!);
    assert.ok(message.length < 300, `message of ${message.length} characters`);
    assert.match(message, /^Invalid value "x{80}…" for cpu mode/);
    const model = lint(wrap(`<cpu mode='custom'><model>${huge}</model></cpu>`)).d.find((x) => x.code === 'cpu-model-unknown')!;
    assert.ok(messageOf(model).length < 300);
  });

  it('messages follow the locale, codes do not', () => {
    const text = wrap(`<cpu mode='custom'>\n    <model>Skylake-Sever</model>\n  </cpu>`);
    const en = lint(text).d.find((x) => x.code === 'cpu-model-unknown')!;
    const zh = lint(text, { locale: 'zh-cn' }).d.find((x) => x.code === 'cpu-model-unknown')!;
    assert.equal(zh.code, en.code);
    assert.deepEqual(zh.range, en.range);
    assert.match(messageOf(zh), /CPU 型号 "Skylake-Sever" 不在 x86_64 的 cpu_map 中/);
  });
});

describe('never an error on what libvirt accepts', () => {
  const dir = path.join(FIXTURES, 'domain', 'valid');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.xml'));
  let validator: string | undefined;
  before(function () {
    try {
      execFileSync('sh', ['-c', 'command -v virt-xml-validate && command -v xmllint'], { stdio: 'pipe' });
      validator = 'virt-xml-validate';
    } catch {
      if (process.env.CI) assert.fail('virt-xml-validate (libvirt-clients, libxml2-utils) is required under CI');
    }
  });

  for (const f of files) {
    it(`${f}: valid for virt-xml-validate and free of our errors`, function () {
      const file = path.join(dir, f);
      if (validator) execFileSync(validator, [file, 'domain'], { stdio: 'pipe' });
      const { d } = lint(fs.readFileSync(file, 'utf8'));
      assert.deepEqual(d.filter((x) => x.severity === DiagnosticSeverity.Error).map((x) => `${x.code}: ${x.message}`), []);
    });
  }
});
