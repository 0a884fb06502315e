/**
 * What the directives and the best-known kvm parameters do, in our words (hover,
 * completion). Keys are `directive.COMMAND` and `param.MODULE.PARAM`, looked up by
 * computed name; a parameter without an entry shows its type and default only.
 */
import { defineMessages, translator, type Locale } from '../../core/l10n';

const en: Record<string, string> = {
  'directive.options': '`options MODULE PARAM=VALUE…`: parameters modprobe passes when it loads MODULE. Lines for one module accumulate; for the same parameter the last value wins.',
  'directive.blacklist': '`blacklist MODULE`: ignore MODULE\'s internal aliases, so it is not loaded automatically for hardware. Loading it by name still works.',
  'directive.install': '`install MODULE COMMAND`: run COMMAND (a shell command) instead of loading MODULE.',
  'directive.remove': '`remove MODULE COMMAND`: run COMMAND instead of unloading MODULE.',
  'directive.softdep': '`softdep MODULE pre: A… post: B…`: load A before and B after MODULE.',
  'directive.alias': '`alias WILDCARD MODULE`: another name for MODULE.',
  'directive.weakdep': '`weakdep MODULE A…`: modules MODULE may need, for initramfs tools (kmod 33).',
  'param.kvm_intel.nested': 'Lets guests use VMX, i.e. run KVM themselves (nested virtualization). Off before Linux 4.20, on since.',
  'param.kvm_amd.nested': 'Lets guests use SVM, i.e. run KVM themselves (nested virtualization). An integer: write `1`, not `y`.',
  'param.kvm_intel.ept': 'Extended page tables (hardware MMU virtualization). Off makes nested guests very slow.',
  'param.kvm_amd.npt': 'Nested page tables (hardware MMU virtualization). Off makes guests slow.',
  'param.kvm_intel.enable_apicv': 'APIC virtualization and posted interrupts.',
  'param.kvm_amd.avic': 'AMD\'s APIC virtualization.',
  'param.kvm.ignore_msrs': 'Ignore guest accesses to MSRs KVM does not emulate instead of injecting #GP. Some nested hypervisors and Windows guests need it.',
  'param.kvm.report_ignored_msrs': 'Log each ignored MSR access (with ignore_msrs).',
  'param.kvm.halt_poll_ns': 'How long a halted vCPU polls before it sleeps, in ns.',
  'param.kvm.enable_pmu': 'Virtual PMU (performance counters) for guests.',
};

const zhCn: Record<string, string> = {
  'directive.options': '`options 模块 参数=值…`：modprobe 加载模块时传递的参数。同一模块的多行会累加；同一参数以最后的值为准。',
  'directive.blacklist': '`blacklist 模块`：忽略该模块的内部别名，使其不会因硬件而自动加载。按名字加载仍然可以。',
  'directive.install': '`install 模块 命令`：执行该 shell 命令，而不是加载模块。',
  'directive.remove': '`remove 模块 命令`：执行该命令，而不是卸载模块。',
  'directive.softdep': '`softdep 模块 pre: A… post: B…`：在模块之前加载 A，之后加载 B。',
  'directive.alias': '`alias 通配名 模块`：模块的另一个名字。',
  'directive.weakdep': '`weakdep 模块 A…`：模块可能需要的其他模块，供 initramfs 工具使用（kmod 33）。',
  'param.kvm_intel.nested': '允许虚拟机使用 VMX，即在虚拟机中再运行 KVM（嵌套虚拟化）。Linux 4.20 之前默认关闭，之后默认开启。',
  'param.kvm_amd.nested': '允许虚拟机使用 SVM，即在虚拟机中再运行 KVM（嵌套虚拟化）。整数类型：写 `1`，不要写 `y`。',
  'param.kvm_intel.ept': '扩展页表（硬件 MMU 虚拟化）。关闭后嵌套虚拟机会非常慢。',
  'param.kvm_amd.npt': '嵌套页表（硬件 MMU 虚拟化）。关闭后虚拟机会变慢。',
  'param.kvm_intel.enable_apicv': 'APIC 虚拟化与 posted interrupt。',
  'param.kvm_amd.avic': 'AMD 的 APIC 虚拟化。',
  'param.kvm.ignore_msrs': '忽略虚拟机对 KVM 未模拟的 MSR 的访问，而不是注入 #GP。某些嵌套 hypervisor 和 Windows 虚拟机需要它。',
  'param.kvm.report_ignored_msrs': '记录每次被忽略的 MSR 访问（配合 ignore_msrs）。',
  'param.kvm.halt_poll_ns': '停机的 vCPU 在睡眠前轮询的时长，单位 ns。',
  'param.kvm.enable_pmu': '为虚拟机提供虚拟 PMU（性能计数器）。',
};

export const modprobeDescriptions = defineMessages<string>(en, zhCn);

export function describe(key: string, locale: Locale): string | undefined {
  if (!(key in en)) return undefined;
  return translator(modprobeDescriptions, locale)(key);
}
