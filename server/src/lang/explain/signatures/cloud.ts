/** What nova-compute, KubeVirt and minikube say when the CPU or KVM is wrong. */
import type { Signature } from '../types';
import { CHECK } from './checks';
import { GUEST_WITHOUT_VIRT, NESTED_OFF } from './refine';

/** Strings checked in nova/virt/libvirt/driver.py of a 2024 nova tree (cleura/nova, commit 12e9ac49). */
const NOVA = 'nova nova/virt/libvirt/driver.py';

export const CLOUD_SIGNATURES: readonly Signature[] = [
  {
    id: 'nova-cpu-not-compatible',
    category: 'migration-cpu',
    origin: 'nova',
    source: `${NOVA} _compare_cpu: InvalidCPUInfo(reason="CPU doesn't have compatibility...") ; nova/exception.py InvalidCPUInfo "Unacceptable CPU info: %(reason)s"`,
    keywords: ["doesn't have compatibility", 'does not have compatibility'],
    pattern: "CPU does(?:n't| not) have compatibility",
    priority: 82,
    explanation: {
      en: 'nova compared the instance\'s CPU with this compute host\'s CPU (libvirt compareCPU) and they are not compatible: the destination of a live migration lacks features the source offered.',
      zh: 'nova 用 libvirt compareCPU 比较了实例的 CPU 与本计算节点的 CPU，两者不兼容：热迁移的目标宿主机缺少源宿主机提供的特性。',
    },
    fix: {
      en: 'Give all compute hosts of the migration group the same guest CPU: `cpu_mode = custom` with `cpu_models` set to a model every host can run (the oldest CPU generation), then restart nova-compute; or migrate only between identical hosts.',
      zh: '让同一迁移组中的所有计算节点使用相同的客户机 CPU：设置 `cpu_mode = custom`，并把 `cpu_models` 设为所有宿主机都能运行的型号（最旧一代 CPU），然后重启 nova-compute；或只在相同的宿主机之间迁移。',
    },
    checks: [CHECK.cpuCompare, CHECK.novaConf],
  },
  {
    id: 'nova-invalid-cpu-info',
    category: 'nova-cpu-config',
    origin: 'nova',
    source: 'nova nova/exception.py InvalidCPUInfo: "Unacceptable CPU info: %(reason)s"',
    keywords: ['unacceptable cpu info', 'invalidcpuinfo'],
    pattern: 'Unacceptable CPU info|InvalidCPUInfo',
    priority: 40,
    explanation: {
      en: 'nova-compute judged the CPU configuration unusable on this host: the CPU options in nova.conf ask for something this host\'s CPU or libvirt cannot give. The rest of the message says what.',
      zh: 'nova-compute 判断 CPU 配置在本宿主机上不可用：nova.conf 中的 CPU 选项要求了本宿主机 CPU 或 libvirt 无法提供的东西。消息的其余部分会说明原因。',
    },
    fix: {
      en: 'Read the reason after "Unacceptable CPU info:", correct cpu_mode / cpu_models / cpu_model_extra_flags in [libvirt], and restart nova-compute.',
      zh: '查看 "Unacceptable CPU info:" 之后的原因，改正 [libvirt] 中的 cpu_mode / cpu_models / cpu_model_extra_flags，然后重启 nova-compute。',
    },
    checks: [CHECK.novaConf, CHECK.usableModels],
  },
  {
    id: 'nova-cpu-model-not-correct',
    category: 'nova-cpu-config',
    origin: 'nova',
    source: `${NOVA} _get_cpu_model_mapping: "Configured CPU model: %(model)s is not correct, or your host CPU arch does not support this model. Please correct your config and try again."`,
    keywords: ['configured cpu model', 'invalid cpu model'],
    pattern: "Configured CPU model: (?<model>[A-Za-z0-9_.+-]{1,64}) (?:is not correct|is not supported by the hypervisor)|Invalid CPU model:? {Q}(?<model2>[A-Za-z0-9_.+-]{1,64}){Q}",
    priority: 84,
    explanation: {
      en: 'A name in [libvirt] cpu_models, "{model}", is not a CPU model libvirt knows for this host\'s architecture, so nova-compute will not start.',
      zh: '[libvirt] cpu_models 中的名称 "{model}" 不是 libvirt 在本宿主机架构下认识的 CPU 型号，因此 nova-compute 不会启动。',
    },
    fix: {
      en: 'Correct the name in cpu_models (case as in `virsh cpu-models x86_64`), then restart nova-compute.',
      zh: '改正 cpu_models 中的名称（大小写与 `virsh cpu-models x86_64` 一致），然后重启 nova-compute。',
    },
    checks: [CHECK.novaConf, CHECK.qemuModels],
  },
  {
    id: 'nova-cpu-model-flags-incompatible',
    category: 'cpu-feature-unavailable',
    origin: 'nova',
    source: `${NOVA} _check_cpu_compatibility: "Configured CPU model: %(model)s and CPU Flags %(flags)s ar not compatible with host CPU. Please correct your config and try again. %(e)s"`,
    keywords: ['configured cpu model'],
    pattern: "Configured CPU model: (?<model>[A-Za-z0-9_.+-]{1,64}) and CPU Flags \\[?(?:{Q}(?<feature>[A-Za-z0-9_.-]{1,64}){Q})?[^\\]\\n]{0,200}\\]? are? not compatible with host CPU",
    priority: 86,
    explanation: {
      en: 'nova-compute checked cpu_models "{model}" with cpu_model_extra_flags against this host\'s CPU and they do not fit: the host lacks the model\'s features or a flag (often vmx/svm on a VM without nested virtualization). nova-compute will not start.',
      zh: 'nova-compute 用本宿主机 CPU 检查了 cpu_models "{model}" 和 cpu_model_extra_flags，二者不匹配：宿主机缺少该型号的特性或某个标志（通常是没有嵌套虚拟化的虚拟机上的 vmx/svm）。nova-compute 不会启动。',
    },
    fix: {
      en: 'Pick a model listed usable by `virsh domcapabilities` and only flags the host has; for vmx/svm on a VM, enable nested on its host. Then restart nova-compute.',
      zh: '选择 `virsh domcapabilities` 中可用的型号，并只使用宿主机具有的标志；若在虚拟机上需要 vmx/svm，请在其宿主机上开启嵌套虚拟化。然后重启 nova-compute。',
    },
    checks: [CHECK.novaConf, CHECK.usableModels, CHECK.cpuinfo],
    refine: [NESTED_OFF, GUEST_WITHOUT_VIRT],
  },
  {
    id: 'nova-custom-without-model',
    category: 'nova-cpu-config',
    origin: 'nova',
    source: `${NOVA} _get_guest_cpu_model_config (Queens–Ussuri): "Config requested a custom CPU model, but no model name was provided."`,
    keywords: ['no model name was provided'],
    pattern: 'Config requested a custom CPU model, but no model name was provided',
    priority: 84,
    explanation: {
      en: '[libvirt] cpu_mode is custom, but no CPU model is named (cpu_models, formerly cpu_model, is empty).',
      zh: '[libvirt] cpu_mode 为 custom，但没有指定 CPU 型号（cpu_models，旧名 cpu_model，为空）。',
    },
    fix: {
      en: 'Set `cpu_models = MODEL` in [libvirt] (a model all compute hosts can run), or use `cpu_mode = host-passthrough`; restart nova-compute.',
      zh: '在 [libvirt] 中设置 `cpu_models = 型号`（所有计算节点都能运行的型号），或使用 `cpu_mode = host-passthrough`；然后重启 nova-compute。',
    },
    checks: [CHECK.novaConf],
  },
  {
    id: 'nova-cpu-models-required',
    category: 'nova-cpu-config',
    origin: 'nova',
    source: `${NOVA} _check_cpu_compatibility (Ussuri+): "The cpu_models option is required when cpu_mode=custom"`,
    keywords: ['cpu_models option is required'],
    pattern: 'The cpu_models option is required when cpu_mode ?= ?custom',
    priority: 84,
    explanation: {
      en: '[libvirt] cpu_mode is custom, but cpu_models is empty; nova-compute refuses to start.',
      zh: '[libvirt] cpu_mode 为 custom，但 cpu_models 为空；nova-compute 拒绝启动。',
    },
    fix: {
      en: 'Add `cpu_models = MODEL` under [libvirt], or switch to `cpu_mode = host-passthrough`; restart nova-compute.',
      zh: '在 [libvirt] 下添加 `cpu_models = 型号`，或改为 `cpu_mode = host-passthrough`；然后重启 nova-compute。',
    },
    checks: [CHECK.novaConf],
  },
  {
    id: 'nova-cpu-models-not-required',
    category: 'nova-cpu-config',
    origin: 'nova',
    source: `${NOVA} _check_cpu_compatibility (Ussuri+): "The cpu_models option is not required when cpu_mode!=custom"`,
    keywords: ['cpu_models option is not required'],
    pattern: 'The cpu_models option is not required when cpu_mode ?!= ?custom',
    priority: 84,
    explanation: {
      en: '[libvirt] cpu_models is set while cpu_mode is not custom; nova-compute refuses this combination.',
      zh: '[libvirt] 设置了 cpu_models，但 cpu_mode 不是 custom；nova-compute 拒绝这种组合。',
    },
    fix: {
      en: 'Either set `cpu_mode = custom`, or remove cpu_models; restart nova-compute.',
      zh: '要么设置 `cpu_mode = custom`，要么删除 cpu_models；然后重启 nova-compute。',
    },
    checks: [CHECK.novaConf],
  },
  {
    id: 'nova-cpu-model-hypervisor',
    category: 'nova-cpu-config',
    origin: 'nova',
    source: `${NOVA} _check_cpu_compatibility / _get_guest_cpu_model_config: "Config requested an explicit CPU model, but the current libvirt hypervisor '%s' does not support selecting CPU models"`,
    keywords: ['requested an explicit cpu model'],
    pattern: "Config requested an explicit CPU model, but the current libvirt hypervisor {Q}(?<virttype>[a-z]{1,16}){Q} does not support selecting CPU models",
    priority: 84,
    explanation: {
      en: '[libvirt] virt_type is {virttype}, which has no CPU models; cpu_mode (other than none) only works with virt_type kvm or qemu.',
      zh: '[libvirt] virt_type 为 {virttype}，它没有 CPU 型号；cpu_mode（除 none 外）只能与 virt_type kvm 或 qemu 一起使用。',
    },
    fix: {
      en: 'Set `virt_type = kvm` (for nested virtualization), or remove cpu_mode/cpu_models; restart nova-compute.',
      zh: '设置 `virt_type = kvm`（嵌套虚拟化需要），或删除 cpu_mode/cpu_models；然后重启 nova-compute。',
    },
    checks: [CHECK.novaConf],
  },
  {
    id: 'nova-no-model-matches-traits',
    category: 'nova-cpu-config',
    origin: 'nova',
    source: `${NOVA} _match_cpu_model_by_flags: "No CPU model match traits, models: {models}, required flags: {flags}"`,
    keywords: ['no cpu model match traits'],
    pattern: "No CPU model match traits, models: \\[?{Q}(?<model>[A-Za-z0-9_.+-]{1,64})?[^\\]\\n]{0,300}\\]?, required flags: [{\\[]?{Q}(?<feature>[A-Za-z0-9_.-]{1,64})?",
    priority: 84,
    explanation: {
      en: 'The flavor or image requires CPU traits ({feature}) that none of the [libvirt] cpu_models of this compute host provides, so nova cannot build the instance here.',
      zh: '规格或镜像要求的 CPU 特性（{feature}）在本计算节点 [libvirt] cpu_models 的任何型号中都没有，因此 nova 无法在此创建实例。',
    },
    fix: {
      en: 'Add to cpu_models a model that has those features (listed usable by `virsh domcapabilities`), or drop the trait from the flavor (`trait:HW_CPU_X86_...=required`); restart nova-compute after changing nova.conf.',
      zh: '在 cpu_models 中加入具有这些特性的型号（`virsh domcapabilities` 中可用的），或从规格中去掉该特性要求（`trait:HW_CPU_X86_...=required`）；修改 nova.conf 后重启 nova-compute。',
    },
    checks: [CHECK.novaConf, CHECK.usableModels],
  },
  {
    id: 'kubevirt-no-kvm-device',
    category: 'kvm-unavailable',
    origin: 'kubevirt',
    source: 'KubeVirt: scheduler event "Insufficient devices.kubevirt.io/kvm" (the virt-handler device plugin found no /dev/kvm on the node)',
    keywords: ['devices.kubevirt.io/kvm', 'no kvm device'],
    pattern: 'Insufficient devices\\.kubevirt\\.io/kvm|no KVM device',
    priority: 75,
    explanation: {
      en: 'No schedulable node offers /dev/kvm to KubeVirt, so the VM pod cannot be placed. The nodes lack KVM (VMs without nested virtualization, or modules not loaded).',
      zh: '没有可调度的节点向 KubeVirt 提供 /dev/kvm，因此虚拟机 Pod 无法调度。这些节点没有 KVM（是没有嵌套虚拟化的虚拟机，或未加载模块）。',
    },
    fix: {
      en: 'Enable KVM on the nodes (on cloud VMs, an instance type with nested virtualization); or, for tests only, set `spec.configuration.developerConfiguration.useEmulation: true` in the KubeVirt CR.',
      zh: '在节点上启用 KVM（云虚拟机需选择支持嵌套虚拟化的实例类型）；或仅在测试时在 KubeVirt CR 中设置 `spec.configuration.developerConfiguration.useEmulation: true`。',
    },
    checks: [CHECK.devKvm, CHECK.cpuinfo],
    refine: [GUEST_WITHOUT_VIRT],
  },
  {
    id: 'kubevirt-software-emulation',
    category: 'kvm-unavailable',
    origin: 'kubevirt',
    source: 'KubeVirt pkg/virt-launcher/virtwrap/converter: "Hardware emulation device \'/dev/kvm\' not present. Using software emulation."',
    keywords: ['software emulation'],
    pattern: "(?:device {Q}/dev/kvm{Q} not present\\. )?Using software emulation",
    priority: 70,
    explanation: {
      en: 'KubeVirt runs this VM without KVM (useEmulation is on and the node has no /dev/kvm): it will be slow and cannot run KVM inside.',
      zh: 'KubeVirt 在没有 KVM 的情况下运行此虚拟机（开启了 useEmulation 且节点没有 /dev/kvm）：它会很慢，其中也无法运行 KVM。',
    },
    fix: {
      en: 'Give the node KVM (nested virtualization on its host) and turn useEmulation off.',
      zh: '让节点拥有 KVM（在其宿主机上开启嵌套虚拟化），并关闭 useEmulation。',
    },
    checks: [CHECK.devKvm, CHECK.guest],
    refine: [GUEST_WITHOUT_VIRT],
  },
  {
    id: 'minikube-host-virt-unavailable',
    category: 'firmware-disabled',
    origin: 'minikube',
    source: 'minikube pkg/minikube/reason/reason.go HOST_VIRT_UNAVAILABLE and pkg/drivers: "This computer doesn\'t have VT-X/AMD-v enabled. Enabling it in the BIOS is mandatory"',
    keywords: ['host_virt_unavailable', 'vt-x/amd-v enabled'],
    pattern: "HOST_VIRT_UNAVAILABLE|does(?:n't| not) have VT-X/AMD-v enabled",
    priority: 75,
    explanation: {
      en: 'minikube\'s VM driver found no usable VT-x/AMD-V: it is off in the firmware, or this machine is a VM without nested virtualization, or another hypervisor holds it.',
      zh: 'minikube 的虚拟机驱动找不到可用的 VT-x/AMD-V：固件中关闭了它，或本机是没有嵌套虚拟化的虚拟机，或另一个虚拟化软件占用了它。',
    },
    fix: {
      en: 'Enable VT-x/AMD-V in the firmware (or nested virtualization on this VM\'s host); or use a driver that needs none: `minikube start --driver=docker`.',
      zh: '在固件中开启 VT-x/AMD-V（或在本虚拟机的宿主机上开启嵌套虚拟化）；或使用不需要它的驱动：`minikube start --driver=docker`。',
    },
    checks: [CHECK.firmware, CHECK.cpuinfo, CHECK.guest],
    refine: [GUEST_WITHOUT_VIRT],
  },
];
