/** Fleet report text, English and Simplified Chinese. Identifiers (cpu_models, host-passthrough) stay as they are. */
import { defineMessages, translator, type Locale, type Translate } from '../core/l10n/index';

const en = {
  'fleet.title': 'Fleet: {0} hosts — {1} ready, {2} need attention, {3} blocked, {4} not probed',
  'fleet.verdict.ready': 'ready',
  'fleet.verdict.attention': 'needs attention',
  'fleet.verdict.blocked': 'blocked',
  'fleet.verdict.error': 'not probed',
  'fleet.verdicts': 'Verdict per host:',
  'fleet.groups': 'Hosts grouped by what stops them (remediation once per group):',
  'fleet.groupsNone': 'No host is blocked and no check fails.',
  'fleet.group': '[{0}] {1} ({2} hosts): {3}',
  'fleet.groupHosts': 'Hosts: {0}',
  'fleet.groupVaries': 'N stands for a number that differs per host; the host reports give each one.',
  'fleet.errorGroup': 'probe failed: {0}',
  'fleet.baseline': 'CPU models usable on all {0} hosts with libvirt CPU data, newest first:',
  'fleet.baselineVendor': '{0} hosts ({1}), newest first:',
  'fleet.baselineNone': 'No CPU model is usable on every host with libvirt CPU data.',
  'fleet.baselineNoData': 'No host reported libvirt CPU models (domcapabilities), so there is no baseline.',
  'fleet.baselineHint': 'For nova.conf [libvirt] on every host (guests then get the newest model all hosts can run; add the vendor flag for nested guests):',
  'fleet.migration': 'Migration safety:',
  'fleet.migrationNone': 'No migration-safety problem found.',
  'fleet.w.passthrough': 'cpu_mode = host-passthrough on hosts with different CPUs ({0}): a guest started on one of them cannot be live-migrated safely to a host with another CPU. Use cpu_mode = custom with the baseline above, or keep each CPU type in its own host aggregate.',
  'fleet.w.mixedVendors': 'The fleet mixes CPU vendors ({0}): guests never live-migrate between them, and no single cpu_model_extra_flags gives nested guests vmx and svm. Keep each vendor in its own aggregate and use its baseline.',
  'fleet.w.partial': '{0} is usable on {1} of {2} hosts (not on: {3}): a guest with this model cannot move to those hosts.',
  'fleet.w.configuredPartial': 'nova.conf cpu_models on {0} lists {1}, which is not usable on {2}: guests with it cannot be live-migrated there, and nova-compute there refuses it.',
  'fleet.w.incomplete': 'No libvirt CPU model data from {0}: the baseline does not cover them.',
  'fleet.w.more': '{0} and {1} more',
  'fleet.proxy': 'ProxyJump/ProxyCommand configured for {0} (ssh -G): concurrency defaults to {1}, because sshd on a bastion drops connections beyond MaxStartups (10 by default).',
  'fleet.host': '{0}: {1}{2}',
};

type Key = keyof typeof en;

const zhCn: Record<Key, string> = {
  'fleet.title': '集群：{0} 台宿主机 — {1} 台就绪，{2} 台需处理，{3} 台被阻止，{4} 台未探测',
  'fleet.verdict.ready': '就绪',
  'fleet.verdict.attention': '需处理',
  'fleet.verdict.blocked': '被阻止',
  'fleet.verdict.error': '未探测',
  'fleet.verdicts': '每台宿主机的结论：',
  'fleet.groups': '按阻止原因分组的宿主机（每组只给一次修复方法）：',
  'fleet.groupsNone': '没有被阻止的宿主机，也没有失败的检查。',
  'fleet.group': '[{0}] {1}（{2} 台宿主机）：{3}',
  'fleet.groupHosts': '宿主机：{0}',
  'fleet.groupVaries': 'N 表示各宿主机不同的数字；各宿主机的报告给出具体值。',
  'fleet.errorGroup': '探测失败：{0}',
  'fleet.baseline': '在全部 {0} 台有 libvirt CPU 数据的宿主机上都可用的 CPU 型号（从新到旧）：',
  'fleet.baselineVendor': '{0} 宿主机（{1}），从新到旧：',
  'fleet.baselineNone': '没有在每台有 libvirt CPU 数据的宿主机上都可用的 CPU 型号。',
  'fleet.baselineNoData': '没有宿主机报告 libvirt CPU 型号（domcapabilities），因此没有基线。',
  'fleet.baselineHint': '用于每台宿主机的 nova.conf [libvirt]（虚拟机将得到所有宿主机都能运行的最新型号；嵌套虚拟机还需加上厂商标志）：',
  'fleet.migration': '迁移安全：',
  'fleet.migrationNone': '未发现迁移安全问题。',
  'fleet.w.passthrough': 'CPU 不同的宿主机（{0}）上使用 cpu_mode = host-passthrough：在其中一台上启动的虚拟机无法安全地热迁移到 CPU 不同的宿主机。请使用 cpu_mode = custom 和上面的基线，或把每种 CPU 放进各自的主机聚合。',
  'fleet.w.mixedVendors': '集群混用了 CPU 厂商（{0}）：虚拟机不会在不同厂商之间热迁移，也没有一个 cpu_model_extra_flags 能同时为嵌套虚拟机提供 vmx 和 svm。请按厂商分主机聚合，并使用各自的基线。',
  'fleet.w.partial': '{0} 在 {2} 台宿主机中的 {1} 台上可用（不可用：{3}）：使用该型号的虚拟机无法迁移到这些宿主机。',
  'fleet.w.configuredPartial': '{0} 的 nova.conf cpu_models 列出了 {1}，而它在 {2} 上不可用：使用它的虚拟机无法热迁移到那里，那里的 nova-compute 也会拒绝它。',
  'fleet.w.incomplete': '{0} 没有 libvirt CPU 型号数据：基线未覆盖这些宿主机。',
  'fleet.w.more': '{0} 等另外 {1} 台',
  'fleet.proxy': '{0} 配置了 ProxyJump/ProxyCommand（ssh -G）：并发数默认为 {1}，因为跳板机上的 sshd 会丢弃超过 MaxStartups（默认 10）的连接。',
  'fleet.host': '{0}：{1}{2}',
};

export const fleetMessages = defineMessages<Key>(en, zhCn);
export type FleetT = Translate<Key>;
export const fleetTranslator = (locale: Locale): FleetT => translator(fleetMessages, locale);
