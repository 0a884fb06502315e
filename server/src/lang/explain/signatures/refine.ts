/** Host-specific causes shared by several signatures (see HostRefinement). */
import type { HostRefinement } from '../types';

/** The host has nested=N: an L1 guest sees no vmx/svm whatever its XML says. */
export const NESTED_OFF: HostRefinement = {
  when: 'nested-off',
  category: 'nested-off',
  explanation: {
    en: 'On {host}, {module} has nested=N, so no guest on it can see vmx/svm. This is why the feature is missing: turn nested on for {module} on {host} (modprobe.d `options {module} nested=1` and reload the module, or `{module}.nested=1` on the kernel command line if it is built in).',
    zh: '宿主机 {host} 上 {module} 的 nested=N，因此其上的虚拟机都看不到 vmx/svm，这就是缺少该特性的原因：在 {host} 上为 {module} 开启嵌套虚拟化（在 modprobe.d 中写 `options {module} nested=1` 并重新加载模块；若模块为内置，则在内核命令行加 `{module}.nested=1`）。',
  },
};

/** The host is a VM and shows no vmx/svm: its own host must pass them through. */
export const GUEST_WITHOUT_VIRT: HostRefinement = {
  when: 'guest-without-virt',
  category: 'nested-off',
  explanation: {
    en: '{host} is itself a virtual machine and its CPU shows no vmx/svm. Its host (L0) does not pass hardware virtualization through: turn nested on there and give {host} a host-passthrough CPU (or require vmx/svm in its `<cpu>`).',
    zh: '{host} 本身是一台虚拟机，其 CPU 没有 vmx/svm。它的宿主机（L0）没有把硬件虚拟化传进来：请在 L0 上开启嵌套虚拟化，并让 {host} 使用 host-passthrough CPU（或在其 `<cpu>` 中要求 vmx/svm）。',
  },
};

/** Bare metal without vmx/svm in cpuinfo: firmware off, or a CPU without it. */
export const NO_VIRT_FLAGS: HostRefinement = {
  when: 'no-virt-flags',
  category: 'firmware-disabled',
  explanation: {
    en: '{host} is not a VM, yet its /proc/cpuinfo shows no vmx/svm. Recent kernels hide the flag when the firmware leaves VT-x/AMD-V off, so the firmware setting is the likely cause: enable it and power-cycle {host}.',
    zh: '{host} 不是虚拟机，但其 /proc/cpuinfo 中没有 vmx/svm。较新的内核在固件关闭 VT-x/AMD-V 时会隐藏该标志，因此最可能的原因是固件设置：请在固件中开启后给 {host} 断电重启。',
  },
};

/** kvm_amd on an Intel host, or kvm_intel on an AMD one. */
export const VENDOR_MISMATCH: HostRefinement = {
  when: 'vendor-mismatch',
  category: 'modprobe-config',
  explanation: {
    en: '{host} has a CPU of the other vendor: {module} does not apply to it. Use kvm_intel on Intel and Zhaoxin CPUs, kvm_amd on AMD and Hygon CPUs, in commands and in modprobe.d lines.',
    zh: '{host} 的 CPU 属于另一家厂商，{module} 不适用于它。Intel 和兆芯 CPU 用 kvm_intel，AMD 和海光 CPU 用 kvm_amd，命令和 modprobe.d 中都应如此。',
  },
};
