/** Cross-option rules ("Nova runtime CPU rules" A–H) and host-aware checks. */
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { INTEL_HOST, codes, lint, msg, only } from './helpers';

const libvirt = (...lines: string[]): string => ['[libvirt]', ...lines, ''].join('\n');

describe('nova rules: CPU mode and models', () => {
  it('B2: cpu_models with cpu_mode unset or not custom is fatal at startup (spawn before train)', () => {
    const { doc, diags } = lint(libvirt('cpu_models = Haswell-noTSX'));
    assert.deepEqual(codes(diags), ['nova-cpu-models-without-custom']);
    assert.equal(doc.getText(diags[0].range), 'cpu_models');
    assert.match(msg(diags[0]), /"cpu_mode" is unset, not "custom": nova-compute will not start/);
    const pike = lint(libvirt('cpu_mode = host-model', 'cpu_model = Haswell'), { release: 'pike' }).diags;
    assert.match(msg(only(pike, 'nova-cpu-models-without-custom')[0]), /every instance build fails/);
  });

  it('B3: custom without models', () => {
    const { doc, diags } = lint(libvirt('virt_type = kvm', 'cpu_mode = custom'));
    assert.deepEqual(codes(diags), ['nova-custom-without-models']);
    assert.equal(doc.getText(diags[0].range), 'custom');
  });

  it('B1: lxc or parallels with a cpu_mode other than none', () => {
    for (const vt of ['lxc', 'parallels']) {
      const { doc, diags } = lint(libvirt(`virt_type = ${vt}`, 'cpu_mode = host-passthrough', 'uid_maps = 0:1000:100', 'gid_maps = 0:1000:100'));
      assert.deepEqual(codes(diags), ['nova-cpu-mode-virt-type'], vt);
      assert.equal(doc.getText(diags[0].range), 'host-passthrough');
    }
    assert.deepEqual(codes(lint(libvirt('virt_type = parallels', 'cpu_mode = none')).diags), []);
  });

  it('B4a: model names are matched case-insensitively against cpu_map for the host arch', () => {
    assert.deepEqual(codes(lint(libvirt('cpu_mode = custom', 'cpu_models = haswell-notsx, SKYLAKE-CLIENT', 'cpu_model_extra_flags = vmx')).diags), []);
    const { doc, diags } = lint(libvirt('cpu_mode = custom', 'cpu_models = Haswell-noTSX, Skylak-Client', 'cpu_model_extra_flags = vmx'));
    assert.deepEqual(codes(diags), ['nova-unknown-cpu-model']);
    assert.equal(doc.getText(diags[0].range), 'Skylak-Client');
    assert.match(msg(diags[0]), /Did you mean "Skylake-Client"\?/);
  });

  it('B4a: on aarch64 hosts nova passes names through unchecked (from ussuri)', () => {
    assert.deepEqual(codes(lint(libvirt('cpu_mode = custom', 'cpu_models = made-up'), { arch: 'aarch64' }).diags), []);
  });

  it('B6: with skip_cpu_compare_at_startup a bad name still fails, at spawn', () => {
    const d = lint('[workarounds]\nskip_cpu_compare_at_startup = true\n' + libvirt('cpu_mode = custom', 'cpu_models = Nehalem-XX', 'cpu_model_extra_flags = vmx')).diags;
    assert.deepEqual(codes(d), ['nova-unknown-cpu-model']);
    assert.match(msg(d[0]), /every instance build fails/);
  });
});

describe('nova rules: cpu_model_extra_flags', () => {
  it('the +/- syntax exists only from wallaby', () => {
    const { doc, diags } = lint(libvirt('cpu_mode = host-model', 'cpu_model_extra_flags = +vmx, pcid'), { release: 'victoria' });
    assert.deepEqual(codes(diags), ['nova-extra-flag-sign']);
    assert.equal(doc.getText(diags[0].range), '+vmx');
    assert.deepEqual(codes(lint(libvirt('cpu_mode = host-model', 'cpu_model_extra_flags = +vmx, pcid'), { release: 'wallaby' }).diags), []);
  });

  it('names must be cpu_map features, case-insensitively after nova lower-cases them', () => {
    assert.deepEqual(codes(lint(libvirt('cpu_mode = host-model', 'cpu_model_extra_flags = VMX, +PCID')).diags), []);
    const { doc, diags } = lint(libvirt('cpu_mode = host-model', 'cpu_model_extra_flags = vmx, -avx5l2f'));
    assert.deepEqual(codes(diags), ['nova-unknown-cpu-feature']);
    assert.equal(doc.getText(diags[0].range), '-avx5l2f');
  });

  it('the same flag with both signs is an error on each occurrence', () => {
    const { doc, diags } = lint(libvirt('cpu_mode = host-model', 'cpu_model_extra_flags = +vmx, pcid, -VMX'));
    assert.deepEqual(diags.map((d) => [d.code, doc.getText(d.range)]), [['nova-extra-flag-conflict', '+vmx'], ['nova-extra-flag-conflict', '-VMX']]);
  });

  it('is ignored silently with cpu_mode=none, and before rocky unless custom', () => {
    const none = lint(libvirt('cpu_mode = none', 'cpu_model_extra_flags = vmx'));
    assert.deepEqual(codes(none.diags), ['nova-extra-flags-ignored']);
    assert.equal(none.doc.getText(none.diags[0].range), 'cpu_model_extra_flags');
    assert.deepEqual(codes(lint(libvirt('cpu_mode = host-passthrough', 'cpu_model_extra_flags = pcid'), { release: 'queens' }).diags), ['nova-extra-flags-ignored']);
  });

  it('vmx with an AMD model (or svm with an Intel model) fails the startup comparison', () => {
    const { doc, diags } = lint(libvirt('cpu_mode = custom', 'cpu_models = EPYC-Rome', 'cpu_model_extra_flags = +vmx'));
    assert.deepEqual(codes(diags), ['nova-virt-flag-vendor']);
    assert.equal(doc.getText(diags[0].range), '+vmx');
    assert.match(msg(diags[0]), /"EPYC-Rome" is a model of vendor AMD/);
    assert.deepEqual(codes(lint(libvirt('cpu_mode = custom', 'cpu_models = EPYC-Rome', 'cpu_model_extra_flags = +svm')).diags), []);
  });

  it('custom models without vmx/svm and no flag adding one: guests cannot nest (information)', () => {
    const d = lint(libvirt('cpu_mode = custom', 'cpu_models = Opteron_G1')).diags;
    assert.deepEqual(codes(d), ['nova-no-nested-flag']);
    assert.equal(d[0].severity, DiagnosticSeverity.Information);
    assert.match(msg(d[0]), /"\+svm"/);
    assert.match(msg(lint(libvirt('cpu_mode = custom', 'cpu_models = Skylake-Client')).diags[0]), /"\+vmx"/);
    // cpu_map's EPYC models carry svm themselves.
    assert.deepEqual(codes(lint(libvirt('cpu_mode = custom', 'cpu_models = EPYC-Rome')).diags), []);
  });
});

describe('nova rules: hw_machine_type and startup-fatal pairs', () => {
  it('hw_machine_type items need arch=type with nova arch names', () => {
    const { doc, diags } = lint(libvirt('hw_machine_type = x86_64=q35, arm64=virt, aarch64='));
    assert.deepEqual(diags.map((d) => [d.code, doc.getText(d.range)]), [['nova-machine-type-arch', 'arm64'], ['nova-machine-type-item', 'aarch64=']]);
    assert.deepEqual(diags[0].data, { kind: 'replace', candidates: ['aarch64'] });
  });

  it('tunnelled with native TLS, swtpm without kvm/qemu, rbd with force_raw_images=false, enforce multipath without multipath', () => {
    const d = lint('[DEFAULT]\nforce_raw_images = False\n' + libvirt(
      'virt_type = lxc', 'uid_maps = 0:1:2', 'gid_maps = 0:1:2', 'live_migration_tunnelled = True', 'live_migration_with_native_tls = on',
      'swtpm_enabled = yes', 'images_type = rbd', 'volume_enforce_multipath = true',
    ), { release: '2025.1' });
    assert.deepEqual(codes(d.diags), ['nova-deprecated-for-removal', 'nova-tunnelled-with-tls', 'nova-swtpm-virt-type', 'nova-rbd-force-raw', 'nova-multipath-enforce']);
    assert.deepEqual(only(d.diags, 'nova-swtpm-virt-type').map((x) => d.doc.getText(x.range)), ['yes']);
    assert.deepEqual(codes(lint(libvirt('volume_enforce_multipath = true', 'iscsi_use_multipath = true'), { release: '2025.1' }).diags), ['nova-deprecated-name']);
  });

  it('lxc without uid_maps/gid_maps and cpu_power_management without dedicated CPUs are warnings', () => {
    assert.deepEqual(codes(lint(libvirt('virt_type = lxc')).diags), ['nova-lxc-id-maps']);
    assert.deepEqual(codes(lint(libvirt('cpu_power_management = true')).diags), ['nova-power-management-no-dedicated']);
    assert.deepEqual(codes(lint('[compute]\ncpu_dedicated_set = 4-15\n' + libvirt('cpu_power_management = true')).diags), []);
    assert.deepEqual(codes(lint(libvirt('cpu_power_management = true'), { release: 'zed' }).diags), ['nova-key-not-in-release']);
  });
});

describe('nova rules: host-aware (selected probed host)', () => {
  it('a model the host cannot run, with libvirt blockers', () => {
    const { doc, diags } = lint(libvirt('cpu_mode = custom', 'cpu_models = Cascadelake-Server-noTSX, icelake-server-notsx', 'cpu_model_extra_flags = +vmx'), { host: { ...INTEL_HOST, nested: { module: 'kvm_intel', enabled: true } } });
    assert.deepEqual(codes(diags), ['nova-host-model-unusable']);
    assert.equal(doc.getText(diags[0].range), 'icelake-server-notsx');
    assert.match(msg(diags[0]), /not usable on compute-1\. libvirt reports these blockers: avx512-vpopcntdq, la57\./);
  });

  it('svm on an Intel host', () => {
    const { doc, diags } = lint(libvirt('cpu_mode = host-passthrough', 'cpu_model_extra_flags = +svm'), { host: { ...INTEL_HOST, nested: { module: 'kvm_intel', enabled: true } } });
    assert.deepEqual(codes(diags), ['nova-host-virt-flag-vendor']);
    assert.equal(doc.getText(diags[0].range), '+svm');
    assert.deepEqual(diags[0].data, { kind: 'replace', candidates: ['+vmx'] });
  });

  it('nested off on the host while cpu_mode or a flag asks for vmx', () => {
    const { doc, diags } = lint(libvirt('virt_type = kvm', 'cpu_mode = host-passthrough'), { host: INTEL_HOST });
    assert.deepEqual(codes(diags), ['nova-host-nested-off']);
    assert.equal(doc.getText(diags[0].range), 'host-passthrough');
    assert.match(msg(diags[0]), /compute-1 \(kvm_intel nested=N\)/);
    assert.deepEqual(codes(lint(libvirt('virt_type = kvm', 'cpu_mode = host-passthrough')).diags), []);
    const zh = lint(libvirt('virt_type = kvm', 'cpu_mode = host-passthrough'), { host: INTEL_HOST, locale: 'zh-cn' }).diags;
    assert.match(msg(zh[0]), /宿主机 compute-1 未开启嵌套虚拟化/);
  });
});
