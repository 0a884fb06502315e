/**
 * One test per signature, each on a real message as the project prints it (with the
 * log prefix users paste), and the place it comes from.
 */
import * as assert from 'node:assert/strict';
import { CATEGORIES, explain, SIGNATURES, type Captures } from '../../../server/src/lang/explain';

interface Case {
  readonly text: string;
  /** Where the message comes from (source file, test data, or the bug report that quotes it). */
  readonly source: string;
  readonly captures?: Partial<Record<keyof Captures, string | readonly string[]>>;
}

const ERR = 'libvirt 11.3.0 tests/qemuxmlconfdata/';

const CASES: Readonly<Record<string, Case>> = {
  'kernel-disabled-by-bios': { text: '[   14.229805] kvm: disabled by bios', source: 'Linux arch/x86/kvm/x86.c kvm_arch_init (printk "kvm: disabled by bios")' },
  'kernel-vmx-feat-ctl': { text: 'Dec 02 09:12:44 node7 kernel: kvm_intel: VMX not enabled (by BIOS) in MSR_IA32_FEAT_CTL on CPU 0', source: 'Linux arch/x86/kvm/vmx/vmx.c kvm_is_vmx_supported' },
  'kernel-svm-vm-cr': { text: '[    6.402114] kvm_amd: SVM disabled (by BIOS) in MSR_VM_CR on CPU 0', source: 'Linux arch/x86/kvm/svm/svm.c kvm_is_svm_supported' },
  'kernel-txt': { text: '[    4.118220] kvm: disable TXT in the BIOS or activate TXT before enabling KVM', source: 'Linux arch/x86/kvm/vmx/vmx.c vmx_disabled_by_bios (printk KERN_WARNING)' },
  'kernel-no-hardware-support': { text: "Dec 02 09:12:44 node7 kernel: kvm: no hardware support for 'kvm_intel'", source: 'Linux arch/x86/kvm/x86.c kvm_x86_vendor_init (6.2+)', captures: { module: 'kvm_intel' } },
  'kernel-vmx-not-supported': { text: '[    5.123456] kvm_intel: VMX not supported by CPU 0', source: 'Linux arch/x86/kvm/vmx/vmx.c kvm_is_vmx_supported' },
  'kernel-svm-not-supported': { text: '[    5.123456] kvm_amd: SVM not supported by CPU 0, not amd or hygon', source: 'Linux arch/x86/kvm/svm/svm.c kvm_is_svm_supported' },
  'kernel-cpu-inconsistent': { text: '[    6.001122] kvm_intel: CPU 3 feature inconsistency!', source: 'Linux arch/x86/kvm/vmx/vmx.c vmx_check_processor_compat' },
  'kernel-other-vendor-loaded': { text: "[   30.774311] kvm: already loaded vendor module 'kvm_intel'", source: 'Linux arch/x86/kvm/x86.c kvm_x86_vendor_init (6.2+)', captures: { module: 'kvm_intel' } },
  'kernel-unknown-parameter': { text: "[  212.331201] kvm_amd: Unknown parameter `nestd'", source: 'Linux kernel/params.c parse_args', captures: { module: 'kvm_amd', param: 'nestd' } },
  'kernel-invalid-parameter-value': { text: "[  212.331201] kvm_intel: 'yes' invalid for parameter 'nested'", source: 'Linux kernel/params.c parse_one', captures: { module: 'kvm_intel', value: 'yes', param: 'nested' } },
  'kmod-module-not-found': { text: 'modprobe: FATAL: Module kvm_amd not found in directory /lib/modules/5.15.0-91-generic', source: 'kmod tools/modprobe.c', captures: { module: 'kvm_amd', file: '/lib/modules/5.15.0-91-generic' } },
  'kmod-insert-not-supported': { text: "modprobe: ERROR: could not insert 'kvm_intel': Operation not supported", source: 'kmod tools/modprobe.c (insmod error, EOPNOTSUPP)', captures: { module: 'kvm_intel' } },
  'kmod-insert-no-device': { text: "modprobe: ERROR: could not insert 'kvm_amd': No such device", source: 'kmod tools/modprobe.c (insmod error, ENODEV)', captures: { module: 'kvm_amd' } },
  'kmod-insert-invalid-argument': { text: "modprobe: ERROR: could not insert 'kvm_intel': Invalid argument", source: 'kmod tools/modprobe.c (insmod error, EINVAL)', captures: { module: 'kvm_intel' } },
  'kmod-insert-busy': { text: "modprobe: ERROR: could not insert 'kvm_intel': Device or resource busy", source: 'kmod tools/modprobe.c (insmod error, EBUSY)' },
  'kmod-module-in-use': { text: 'modprobe: FATAL: Module kvm_intel is in use.', source: 'kmod tools/modprobe.c (modprobe -r)', captures: { module: 'kvm_intel' } },
  'kmod-module-builtin': { text: 'modprobe: FATAL: Module kvm_intel is builtin.', source: 'kmod tools/modprobe.c (modprobe -r)', captures: { module: 'kvm_intel' } },
  'kmod-bad-config-line': {
    text: "libkmod: ERROR ../libkmod/libkmod-config.c:712 kmod_config_parse: /etc/modprobe.d/kvm.conf line 2: ignoring bad line starting with 'option'",
    source: 'kmod libkmod/libkmod-config.c kmod_config_parse',
    captures: { file: '/etc/modprobe.d/kvm.conf', line: '2', value: 'option' },
  },
  'qemu-kvm-missing': { text: 'Could not access KVM kernel module: No such file or directory\nqemu-system-x86_64: failed to initialize kvm: No such file or directory', source: 'QEMU accel/kvm/kvm-all.c kvm_init' },
  'qemu-kvm-permission': { text: 'Could not access KVM kernel module: Permission denied\nqemu-system-x86_64: failed to initialize kvm: Permission denied', source: 'QEMU accel/kvm/kvm-all.c kvm_init (EACCES)' },
  'qemu-kvm-busy': { text: 'ioctl(KVM_CREATE_VM) failed: 16 Device or resource busy', source: 'QEMU accel/kvm/kvm-all.c kvm_init', captures: { value: 'Device or resource busy' } },
  'qemu-host-lacks-feature': { text: "qemu-system-x86_64: warning: host doesn't support requested feature: CPUID.01H:ECX.vmx [bit 5]", source: 'QEMU target/i386/cpu.c mark_unavailable_features', captures: { feature: 'vmx' } },
  'qemu-tcg-lacks-feature': { text: "qemu-system-x86_64: warning: TCG doesn't support requested feature: CPUID.01H:ECX.vmx [bit 5]", source: 'QEMU target/i386/cpu.c mark_unavailable_features', captures: { feature: 'vmx' } },
  'qemu-unknown-cpu-model': { text: "qemu-system-x86_64: -cpu Skylake-Foo: unable to find CPU model 'Skylake-Foo'", source: 'QEMU cpu-target.c parse_cpu_option', captures: { model: 'Skylake-Foo' } },
  'qemu-host-cpu-needs-kvm': { text: "qemu-system-x86_64: CPU model 'host' requires KVM", source: 'QEMU target/i386/host-cpu.c', captures: { model: 'host' } },
  'qemu-set-msr-failed': {
    text: "qemu-kvm: error: failed to set MSR 0x48d to 0x5600000016\nqemu-kvm: ../target/i386/kvm/kvm.c:2893: kvm_buf_set_msrs: Assertion `ret == cpu->kvm_msr_buf->nmsrs' failed.",
    source: 'QEMU target/i386/kvm/kvm.c kvm_buf_set_msrs',
  },
  'virt-install-no-kvm': { text: "WARNING  KVM acceleration not available, using 'qemu'", source: 'virt-manager virtinst/virtinstall.py', captures: { virttype: 'qemu' } },
  'virt-host-validate-no-dev-kvm': { text: '  QEMU: Checking if device /dev/kvm exists                                   : FAIL (Check that CPU and firmware supports virtualization and kvm module is loaded)', source: 'libvirt tools/virt-host-validate-common.c' },
  'virt-host-validate-dev-kvm-access': { text: '  QEMU: Checking if device /dev/kvm is accessible                            : FAIL (Check /dev/kvm is world writable or you are in a group that is allowed to access it)', source: 'libvirt tools/virt-host-validate-common.c' },
  'virt-host-validate-no-hw-virt': { text: '  QEMU: Checking for hardware virtualization                                 : FAIL (Only emulated CPUs are available, performance will be significantly limited)', source: 'libvirt tools/virt-host-validate-common.c' },
  'kvm-ok-disabled-by-bios': { text: 'INFO: /dev/kvm does not exist\nHINT:   sudo modprobe kvm_intel\nINFO: Your CPU supports KVM extensions\nINFO: KVM (vmx) is disabled by your BIOS\nHINT: Enter your BIOS setup and enable Virtualization Technology (VT),', source: 'cpu-checker kvm-ok', captures: { feature: 'vmx' } },
  'kvm-ok-no-extensions': { text: 'INFO: Your CPU does not support KVM extensions\nKVM acceleration can NOT be used', source: 'cpu-checker kvm-ok' },
  'libvirt-no-kvm-capabilities': { text: 'error: invalid argument: could not find capabilities for domaintype=kvm', source: 'libvirt src/conf/capabilities.c virCapabilitiesDomainDataLookup', captures: { domaintype: 'kvm' } },
  'libvirt-emulator-no-virttype': { text: "error: unsupported configuration: Emulator '/usr/bin/qemu-system-x86_64' does not support virt type 'kvm'", source: `libvirt src/qemu/qemu_validate.c (${ERR}hvf-x86_64-q35-headless.x86_64-latest.err, with 'hvf')`, captures: { file: '/usr/bin/qemu-system-x86_64', virttype: 'kvm' } },
  'libvirt-kvm-not-supported': { text: "error: invalid argument: KVM is not supported by '/usr/bin/qemu-system-x86_64' on this host", source: 'libvirt src/qemu/qemu_capabilities.c', captures: { file: '/usr/bin/qemu-system-x86_64' } },
  'libvirt-cpu-mode-unsupported': {
    text: "unsupported configuration: CPU mode 'host-passthrough' for x86_64 qemu domain on x86_64 host is not supported by hypervisor",
    source: `${ERR}cpu-qemu-host-passthrough.x86_64-latest.err`,
    captures: { mode: 'host-passthrough', arch: 'x86_64', domaintype: 'qemu' },
  },
  'libvirt-missing-features': { text: "error: Failed to start domain 'nested-guest'\nerror: operation failed: guest CPU doesn't match specification: missing features: vmx", source: 'libvirt src/qemu/qemu_process.c qemuProcessVerifyCPUFeatures', captures: { feature: 'vmx', features: ['vmx'] } },
  'libvirt-host-lacks-features': { text: 'error: the CPU is incompatible with host CPU: Host CPU does not provide required features: vmx, avx512f', source: 'libvirt src/cpu/cpu_x86.c virCPUx86Compare', captures: { features: ['vmx', 'avx512f'] } },
  'libvirt-cpu-incompatible': { text: 'the CPU is incompatible with host CPU', source: `${ERR}pseries-cpu-compat-power10.ppc64-latest.err` },
  'libvirt-unknown-cpu-model': { text: 'error: internal error: Unknown CPU model Skylake-Foo', source: 'libvirt src/cpu/cpu_x86.c x86ModelFromCPU', captures: { model: 'Skylake-Foo' } },
  'libvirt-unknown-cpu-feature': { text: 'unsupported configuration: unknown CPU feature: vmx', source: `${ERR}aarch64-features-wrong.aarch64-latest.err`, captures: { feature: 'vmx' } },
  'libvirt-duplicate-cpu-feature': { text: "error: XML error: CPU feature 'vmx' specified more than once", source: 'libvirt src/conf/cpu_conf.c virCPUDefParseXML', captures: { feature: 'vmx' } },
  'libvirt-features-without-model': { text: 'error: XML error: Non-empty feature list specified without CPU model', source: 'libvirt src/conf/cpu_conf.c virCPUDefParseXML' },
  'libvirt-invalid-cpu-attribute': { text: "error: XML error: Invalid mode attribute 'host_passthrough'", source: 'libvirt src/conf/cpu_conf.c virCPUDefParseXML', captures: { mode: 'host_passthrough' } },
  'libvirt-cache-mode-needs-passthrough': { text: "unsupported configuration: CPU cache mode 'passthrough' can only be used with 'host-passthrough' / 'maximum' CPUs", source: `${ERR}cpu-cache-passthrough3.x86_64-latest.err`, captures: { mode: 'passthrough' } },
  'libvirt-maxphysaddr-mode': { text: "unsupported configuration: CPU maximum physical address bits number specification cannot be used with mode='passthrough'", source: `${ERR}cpu-phys-bits-passthrough2.x86_64-latest.err`, captures: { mode: 'passthrough' } },
  'libvirt-numa-cells': { text: "XML error: Exactly one 'cell' element per guest NUMA cell allowed, non-contiguous ranges or ranges not starting from 0 are not allowed", source: `${ERR}cpu-numa3.x86_64-latest.err` },
  'libvirt-vcpu-hotplug-granularity': { text: 'unsupported configuration: vCPUs count must be a multiple of the vCPU hotplug granularity (4)', source: `${ERR}cpu-hotplug-granularity.ppc64-latest.err`, captures: { value: '4' } },
  'libvirt-deprecated-features-unsupported': { text: 'unsupported configuration: toggling deprecated features for CPU model is unsupported', source: `${ERR}cpu-model-deprecated-features-off.s390x-8.2.0.err` },
  'libvirt-migration-cpu-mismatch': { text: 'error: unsupported configuration: Target CPU model Haswell-noTSX does not match source Skylake-Server-IBRS', source: 'libvirt src/conf/cpu_conf.c virCPUDefIsEqual' },
  'nova-cpu-not-compatible': {
    text: "2020-04-07 13:24:20.590 8 ERROR oslo_messaging.rpc.server [req-e0754632-4c01-467c-8ca7-48ae26357c02 c928cb47fcab4408bfcc9ec23251a0c3 31cf116facb8447b891a55e222b9b4db - default default] Exception during message handling: InvalidCPUInfo: Unacceptable CPU info: CPU doesn't have compatibility.",
    source: 'nova nova/virt/libvirt/driver.py _compare_cpu, as quoted from a RHOSP 13 nova-compute.log in a public migration how-to',
  },
  'nova-invalid-cpu-info': { text: '2026-12-02 10:01:02.003 2817 ERROR nova.compute.manager nova.exception.InvalidCPUInfo: Unacceptable CPU info: unable to compare the guest CPU', source: 'nova nova/exception.py InvalidCPUInfo msg_fmt "Unacceptable CPU info: %(reason)s"' },
  'nova-cpu-model-not-correct': {
    text: '2026-12-02 10:01:02.003 2817 ERROR nova.virt.libvirt.driver nova.exception.InvalidCPUInfo: Unacceptable CPU info: Configured CPU model: skylake-client is not correct, or your host CPU arch does not support this model. Please correct your config and try again.',
    source: 'nova nova/virt/libvirt/driver.py _get_cpu_model_mapping',
    captures: { model: 'skylake-client' },
  },
  'nova-cpu-model-flags-incompatible': {
    text: "nova.exception.InvalidCPUInfo: Unacceptable CPU info: Configured CPU model: Cascadelake-Server and CPU Flags ['vmx'] ar not compatible with host CPU. Please correct your config and try again. Unacceptable CPU info: CPU doesn't have compatibility.",
    source: 'nova nova/virt/libvirt/driver.py _check_cpu_compatibility (the "ar" typo is nova\'s)',
    captures: { model: 'Cascadelake-Server', feature: 'vmx' },
  },
  'nova-custom-without-model': { text: '2019-05-14 08:30:12.411 1 ERROR nova.virt.libvirt.driver [-] Config requested a custom CPU model, but no model name was provided.', source: 'nova nova/virt/libvirt/driver.py _get_guest_cpu_model_config (Queens–Ussuri)' },
  'nova-cpu-models-required': { text: 'nova.exception.Invalid: The cpu_models option is required when cpu_mode=custom', source: 'nova nova/virt/libvirt/driver.py _check_cpu_compatibility' },
  'nova-cpu-models-not-required': { text: 'nova.exception.Invalid: The cpu_models option is not required when cpu_mode!=custom', source: 'nova nova/virt/libvirt/driver.py _check_cpu_compatibility' },
  'nova-cpu-model-hypervisor': { text: "nova.exception.Invalid: Config requested an explicit CPU model, but the current libvirt hypervisor 'lxc' does not support selecting CPU models", source: 'nova nova/virt/libvirt/driver.py _check_cpu_compatibility', captures: { virttype: 'lxc' } },
  'nova-no-model-matches-traits': {
    text: "2026-12-02 10:03:11.554 2817 ERROR nova.compute.manager [instance: 0a1b2c3d] nova.exception.InvalidCPUInfo: Unacceptable CPU info: No CPU model match traits, models: ['Skylake-Client-IBRS'], required flags: {'avx512f'}",
    source: 'nova nova/virt/libvirt/driver.py _match_cpu_model_by_flags (read at cleura/nova 12e9ac49)',
    captures: { model: 'Skylake-Client-IBRS', feature: 'avx512f' },
  },
  'kubevirt-no-kvm-device': { text: '  Warning  FailedScheduling  12s   default-scheduler  0/3 nodes are available: 3 Insufficient devices.kubevirt.io/kvm. preemption: 0/3 nodes are available', source: 'KubeVirt virt-handler device plugin devices.kubevirt.io/kvm (kubectl describe pod virt-launcher-*)' },
  'kubevirt-software-emulation': { text: '{"component":"virt-launcher","level":"info","msg":"Hardware emulation device \'/dev/kvm\' not present. Using software emulation.","pos":"converter.go:1180"}', source: 'KubeVirt pkg/virt-launcher/virtwrap/converter' },
  'minikube-host-virt-unavailable': { text: "X Exiting due to HOST_VIRT_UNAVAILABLE: Failed to start host: creating host: create: precreate: This computer doesn't have VT-X/AMD-v enabled. Enabling it in the BIOS is mandatory", source: 'minikube pkg/minikube/reason/reason.go and the VirtualBox driver precreate check' },
};

describe('explain: the catalog', () => {
  it('has at least 40 signatures with unique ids, one known category each, and a source', () => {
    assert.ok(SIGNATURES.length >= 40, `${SIGNATURES.length}`);
    assert.equal(new Set(SIGNATURES.map((s) => s.id)).size, SIGNATURES.length);
    for (const s of SIGNATURES) {
      assert.ok((CATEGORIES as readonly string[]).includes(s.category), s.id);
      assert.ok(s.source.length > 10, `${s.id}: source`);
      assert.ok(s.keywords.length && s.keywords.every((k) => k === k.toLowerCase()), `${s.id}: keywords must be lower case`);
      assert.ok(s.checks.length > 0, `${s.id}: checks`);
      for (const r of s.refine ?? []) assert.ok((CATEGORIES as readonly string[]).includes(r.category), `${s.id}: refine`);
    }
  });

  it('has a test case for every signature, and none for an unknown one', () => {
    assert.deepEqual(SIGNATURES.map((s) => s.id).filter((id) => !(id in CASES)), []);
    assert.deepEqual(Object.keys(CASES).filter((id) => !SIGNATURES.some((s) => s.id === id)), []);
  });

  it('uses the same named placeholders in English and Chinese', () => {
    const names = (s: string): string[] => [...new Set([...s.matchAll(/\{([a-z]+)\}/g)].map((m) => m[1]))].sort();
    for (const s of SIGNATURES) {
      for (const l of [s.explanation, s.fix, ...s.checks, ...(s.refine ?? []).map((r) => r.explanation)]) {
        assert.deepEqual(names(l.zh), names(l.en), `${s.id}: ${l.en}`);
      }
    }
  });

  it('only uses bounded repetition in its patterns (no catastrophic backtracking)', () => {
    for (const s of SIGNATURES) {
      // Character classes and escapes may hold literal * and +; outside them none may occur.
      const outside = s.pattern.replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
      assert.doesNotMatch(outside, /[*+]/, `${s.id}: ${s.pattern}`);
      assert.doesNotMatch(s.pattern, /\{\d+,\}/, `${s.id}: open-ended {n,}`);
      // {Q} is already optional: {Q}? would make it lazy.
      assert.doesNotMatch(s.pattern, /\{Q\}[?*+]/, `${s.id}: quantified {Q}`);
    }
  });
});

describe('explain: one real message per signature', () => {
  for (const [id, c] of Object.entries(CASES)) {
    it(`${id} (${c.source})`, () => {
      const list = explain(c.text, { locale: 'en' });
      assert.ok(list.length > 0, 'nothing matched');
      assert.equal(list[0].id, id, `got ${list.map((e) => e.id).join(', ')}`);
      const sig = SIGNATURES.find((s) => s.id === id)!;
      assert.equal(list[0].category, sig.category);
      assert.equal(c.text.slice(list[0].evidence.start, list[0].evidence.end), list[0].evidence.text);
      for (const [k, v] of Object.entries(c.captures ?? {})) assert.deepEqual(list[0].captures[k as keyof Captures], v, `${id}: capture ${k}`);
      assert.doesNotMatch(list[0].message, /\{[a-z]+\}/, 'every placeholder filled');
      const zh = explain(c.text, { locale: 'zh-cn' })[0];
      assert.match(zh.message, /[\u4e00-\u9fff]/, 'Chinese explanation');
      assert.equal(zh.category, list[0].category);
    });
  }
});
