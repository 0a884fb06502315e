/** Host-aware findings and fixes: usable models from domcapabilities, vmx↔svm by the host, nova host warnings. */
import * as assert from 'node:assert/strict';
import type { CodeAction } from 'vscode-languageserver';
import type { HostFacts } from '../../shared/src/hostFacts';
import { domainCodeActions } from '../../server/src/lang/domain/codeActions';
import { novaCodeActions, parseNovaConf } from '../../server/src/lang/nova';
import { domainDiagnostics, novaDiagnostics } from '../helpers';
import { applyWorkspaceEdit, ctx, load } from './domain/helpers';
import { INTEL_HOST, msg, novaCtx, novaDoc, only } from './nova/helpers';

const AMD_HOST: HostFacts = {
  ...INTEL_HOST,
  host: 'compute-amd',
  cpu: { vendor: 'AMD', modelName: 'AMD EPYC 7302', vmx: false, svm: true, hypervisor: false },
  nested: { module: 'kvm_amd', enabled: true },
};
const INTEL_WITH_MODELS: HostFacts = {
  ...INTEL_HOST,
  libvirt: {
    version: '9.0.0',
    source: 'domcapabilities',
    models: [
      { name: 'Haswell-noTSX', usable: 'yes', blockers: [] },
      { name: 'Cascadelake-Server-noTSX', usable: 'yes', blockers: [] },
      { name: 'EPYC-Rome', usable: 'no', blockers: ['svm'] },
      { name: 'Icelake-Server-noTSX', usable: 'no', blockers: ['avx512-vpopcntdq', 'la57'] },
    ],
  },
};

const domain = (cpu: string): string => `<domain type='kvm'>\n  <name>t</name>\n  <vcpu>2</vcpu>\n  ${cpu}\n</domain>\n`;

function domainFixes(text: string, host: HostFacts): { list: CodeAction[]; apply: (a: CodeAction) => string; messages: Record<string, string> } {
  const l = load(text);
  const diags = domainDiagnostics(l.doc, l.domain, ctx({ host }));
  const all = { start: l.doc.positionAt(0), end: l.doc.positionAt(text.length) };
  const messages = Object.fromEntries(diags.map((d) => [String(d.code), msg(d)]));
  return { list: domainCodeActions(l.doc, l.domain, all, diags, ctx({ host })), apply: (a) => applyWorkspaceEdit(l.doc, a.edit), messages };
}

describe('host-aware domain XML', () => {
  it('an unusable model lists the blockers and offers the closest usable model of the same vendor', () => {
    const r = domainFixes(domain("<cpu mode='custom'>\n    <model>Icelake-Server-noTSX</model>\n  </cpu>"), INTEL_WITH_MODELS);
    assert.equal(r.messages['host-model-unusable'], 'Model Icelake-Server-noTSX is not usable on host compute-1; missing: avx512-vpopcntdq, la57.');
    const titles = r.list.map((a) => a.title);
    // Cascadelake shares more of Icelake's features than Haswell does; EPYC-Rome is AMD and unusable.
    assert.deepEqual(titles.filter((t) => t.startsWith('Replace')), ['Replace with "Cascadelake-Server-noTSX"', 'Replace with "Haswell-noTSX"']);
    assert.match(r.apply(r.list.find((a) => a.title.startsWith('Replace'))!), /<model>Cascadelake-Server-noTSX<\/model>/);
    assert.ok(titles.includes('Switch to host-passthrough'));
  });

  it('vmx on an AMD host: a preferred fix switches it to svm', () => {
    const r = domainFixes(domain("<cpu mode='custom'>\n    <model>qemu64</model>\n    <feature policy='require' name='vmx'/>\n  </cpu>"), AMD_HOST);
    assert.equal(r.messages['host-vendor-mismatch'], 'vmx is the Intel virtualization flag, but the CPU of host compute-amd is made by AMD.');
    const fix = r.list.find((a) => a.title === 'Replace with "svm"');
    assert.ok(fix?.isPreferred);
    assert.match(r.apply(fix), /name='svm'/);
  });
});

describe('host-aware nova.conf', () => {
  const lintNova = (text: string, host: HostFacts): { diags: ReturnType<typeof novaDiagnostics>; actions: CodeAction[]; apply: (a: CodeAction) => string } => {
    const doc = novaDoc(text);
    const file = parseNovaConf(text);
    const diags = novaDiagnostics(doc, file, novaCtx({ host }));
    const all = { start: doc.positionAt(0), end: doc.positionAt(text.length) };
    const actions = novaCodeActions(doc, file, all, diags, novaCtx({ host }));
    return { diags, actions, apply: (a) => applyWorkspaceEdit(doc, a.edit) };
  };

  it('an unusable model in cpu_models is replaced by the closest usable one', () => {
    const r = lintNova('[libvirt]\nvirt_type = kvm\ncpu_mode = custom\ncpu_models = Icelake-Server-noTSX\n', INTEL_WITH_MODELS);
    const [d] = only(r.diags, 'nova-host-model-unusable');
    assert.match(msg(d), /blockers: avx512-vpopcntdq, la57/);
    const fix = r.actions.find((a) => a.title === 'Change to "Cascadelake-Server-noTSX"');
    assert.ok(fix, r.actions.map((a) => a.title).join(' | '));
    assert.match(r.apply(fix), /cpu_models = Cascadelake-Server-noTSX\n/);
  });

  it('virt_type=kvm on a host without vmx or svm warns, as domain XML does', () => {
    const host: HostFacts = { ...INTEL_HOST, cpu: { ...INTEL_HOST.cpu, vmx: false, svm: false, hypervisor: true }, nested: { enabled: null } };
    const r = lintNova('[libvirt]\nvirt_type = kvm\ncpu_mode = host-passthrough\n', host);
    const [d] = only(r.diags, 'nova-host-no-kvm');
    assert.equal(d.severity, 2);
    assert.match(msg(d), /^compute-1 shows neither vmx nor svm/);
    assert.deepEqual(only(lintNova('[libvirt]\nvirt_type = qemu\n', host).diags, 'nova-host-no-kvm'), []);
    assert.deepEqual(only(lintNova('[libvirt]\nvirt_type = kvm\n', INTEL_HOST).diags, 'nova-host-no-kvm'), []);
  });

  it('host-passthrough on a VM host without nested warns once, naming the module state', () => {
    const vm: HostFacts = { ...INTEL_HOST, cpu: { ...INTEL_HOST.cpu, hypervisor: true }, nested: { module: 'kvm_intel', enabled: false } };
    const r = lintNova('[libvirt]\nvirt_type = kvm\ncpu_mode = host-passthrough\n', vm);
    assert.deepEqual(r.diags.filter((d) => String(d.code).startsWith('nova-host')).map((d) => d.code), ['nova-host-vm-no-nested']);
    assert.match(msg(r.diags.find((d) => d.code === 'nova-host-vm-no-nested')!), /itself a virtual machine .*\(kvm_intel nested=N\)/);
    // The same host as bare metal gets the general nested-off warning instead.
    assert.deepEqual(only(lintNova('[libvirt]\nvirt_type = kvm\ncpu_mode = host-passthrough\n', INTEL_HOST).diags, 'nova-host-nested-off').length, 1);
  });
});
