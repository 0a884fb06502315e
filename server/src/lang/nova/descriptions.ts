/**
 * Our own explanations of the `[libvirt]` options that matter for CPU models and
 * nested virtualization, shown on hover and in completion. Written for this
 * extension; nova's help text is not copied.
 */
import { defineMessages, translator, type Locale } from '../../core/l10n';

const en = {
  virt_type:
    'Which libvirt domain type nova asks for. `kvm` uses hardware virtualization and is the only type with which guests can run their own KVM guests (nested). `qemu` is pure software emulation (TCG): slow, but it works where /dev/kvm is missing, for example inside a VM without nested support. `lxc` and `parallels` are containers and reject an explicit `cpu_mode`.',
  cpu_mode:
    'How the guest CPU is described to libvirt. `host-passthrough` hands the host CPU to the guest unchanged, `vmx`/`svm` included: the simplest way to get nested virtualization, but live migration needs identical hosts. `host-model` lets libvirt pick the closest named model plus host features, which migrates better; whether it includes `vmx`/`svm` depends on libvirt and the host. `custom` uses the models in `cpu_models`. `none` leaves the CPU to QEMU. Unset means `host-model` for kvm/qemu, `host-passthrough` on aarch64 guests.',
  cpu_models:
    'Ordered list of named CPU models for `cpu_mode=custom` (and only then: with any other mode nova refuses to start). Names are matched case-insensitively against libvirt\'s models for the host architecture. Each model, together with all extra flags, is compared with the host at startup; put older models first, because nova takes the first model that satisfies a flavor\'s required CPU traits.',
  cpu_model:
    'The single CPU model for `cpu_mode=custom` before train. From train on it is a deprecated name of `cpu_models`.',
  cpu_model_extra_flags:
    'CPU features to add to (`+flag` or plain `flag`) or, from wallaby, remove from (`-flag`) the guest CPU. Names are lower-cased and must be libvirt cpu_map feature names. For nested virtualization add `vmx` on Intel hosts or `svm` on AMD hosts. Ignored with `cpu_mode=none`; pike and queens accept only a short list of security flags.',
  hw_machine_type:
    'Default machine type per guest architecture, as `arch=machine` items, e.g. `x86_64=q35`. The arch must be spelled the way nova spells it (`x86_64`, `aarch64`, not `amd64`/`arm64`), otherwise the item silently never applies. Changing it only affects new instances.',
  live_migration_tunnelled:
    'Send live-migration traffic through the libvirtd connection instead of a direct QEMU stream. Deprecated for removal; it cannot be combined with `live_migration_with_native_tls`.',
  live_migration_with_native_tls:
    'Encrypt live-migration streams (memory and disks) with QEMU\'s native TLS. Needs a TLS setup on every compute host; must not be combined with `live_migration_tunnelled`.',
  live_migration_permit_post_copy:
    'Allow switching a migration that does not converge to post-copy mode. Nested guests that run their own VMs usually cannot be live-migrated at all, so test before relying on it.',
  swtpm_enabled:
    'Offer emulated TPM devices to guests through swtpm. Works only with `virt_type` kvm or qemu; otherwise nova-compute does not start.',
  images_type:
    'Storage backend for instance disks. `rbd` stores them in Ceph and needs `[DEFAULT] force_raw_images` left at true. `default` follows `[DEFAULT] use_cow_images`.',
  cpu_power_management:
    'Let nova power down dedicated CPUs (from `[compute] cpu_dedicated_set`) that no instance uses. Without a dedicated set it does nothing.',
  num_pcie_ports:
    'How many PCIe root ports a q35 guest gets, which limits how many devices can be hot-plugged. 0 keeps libvirt\'s default.',
  file_backed_memory:
    'Back guest memory with files in libvirt\'s memory directory; the value is the space available there in MiB. 0 turns it off.',
  sysinfo_serial:
    'Where the guest\'s SMBIOS system serial number comes from; `unique` gives every instance its own.',
  inject_password: 'Write the admin password into the guest disk at boot. Rarely wanted; cloud-init is the usual way.',
  connection_uri: 'libvirt connection URI; empty means the default for `virt_type` (qemu:///system for kvm and qemu).',
} as const;

type DescriptionKey = keyof typeof en;

const zhCn: Record<DescriptionKey, string> = {
  virt_type:
    'nova 向 libvirt 请求的域类型。`kvm` 使用硬件辅助虚拟化，也是唯一能让虚拟机内部再运行 KVM 虚拟机（嵌套虚拟化）的类型。`qemu` 是纯软件模拟（TCG），速度慢，但在没有 /dev/kvm 的地方也能用，例如未开启嵌套的虚拟机里。`lxc` 和 `parallels` 是容器类型，不接受显式设置的 `cpu_mode`。',
  cpu_mode:
    '向 libvirt 描述虚拟机 CPU 的方式。`host-passthrough` 把宿主机 CPU 原样交给虚拟机，包括 `vmx`/`svm`：这是开启嵌套虚拟化最简单的方式，但热迁移要求宿主机完全相同。`host-model` 由 libvirt 选出最接近的命名型号再加上宿主机特性，更利于迁移；是否包含 `vmx`/`svm` 取决于 libvirt 和宿主机。`custom` 使用 `cpu_models` 中的型号。`none` 交给 QEMU 默认 CPU。未设置时，kvm/qemu 下等同 `host-model`，aarch64 虚拟机为 `host-passthrough`。',
  cpu_models:
    '`cpu_mode=custom` 时使用的有序 CPU 型号列表（只能用于 custom：其他模式下设置它 nova 将无法启动）。名称与 libvirt 针对宿主机架构的型号列表做不区分大小写的匹配。启动时每个型号加上全部额外特性都会与宿主机比较；请把较旧的型号放在前面，因为 nova 会选第一个满足规格（flavor）所需 CPU trait 的型号。',
  cpu_model:
    'train 之前 `cpu_mode=custom` 使用的单个 CPU 型号。从 train 起它是 `cpu_models` 的已弃用名称。',
  cpu_model_extra_flags:
    '为虚拟机 CPU 添加（`+flag` 或直接写 `flag`）或从 wallaby 起移除（`-flag`）的 CPU 特性。名称会被转为小写，必须是 libvirt cpu_map 中的特性名。要开启嵌套虚拟化，Intel 宿主机加 `vmx`，AMD 宿主机加 `svm`。`cpu_mode=none` 时会被忽略；pike 和 queens 只接受少数几个安全相关特性。',
  hw_machine_type:
    '按虚拟机架构设置默认机器类型，格式为 `arch=machine`，例如 `x86_64=q35`。架构名必须与 nova 的写法一致（`x86_64`、`aarch64`，而不是 `amd64`/`arm64`），否则该项永远不会生效且没有任何提示。修改只影响新建实例。',
  live_migration_tunnelled:
    '通过 libvirtd 连接而不是直接的 QEMU 数据流传输热迁移数据。已弃用并计划移除；不能与 `live_migration_with_native_tls` 同时使用。',
  live_migration_with_native_tls:
    '使用 QEMU 原生 TLS 加密热迁移数据流（内存和磁盘）。需要在每个计算节点上配置 TLS；不能与 `live_migration_tunnelled` 同时使用。',
  live_migration_permit_post_copy:
    '允许把无法收敛的迁移切换到 post-copy 模式。运行着自己虚拟机的嵌套虚拟机通常根本无法热迁移，请先测试。',
  swtpm_enabled:
    '通过 swtpm 为虚拟机提供模拟的 TPM 设备。只适用于 `virt_type` 为 kvm 或 qemu；否则 nova-compute 无法启动。',
  images_type:
    '实例磁盘的存储后端。`rbd` 把磁盘存放在 Ceph 中，需要保持 `[DEFAULT] force_raw_images` 为 true。`default` 跟随 `[DEFAULT] use_cow_images`。',
  cpu_power_management:
    '让 nova 关闭未被任何实例使用的专用 CPU（来自 `[compute] cpu_dedicated_set`）。没有专用 CPU 集合时不起作用。',
  num_pcie_ports: 'q35 虚拟机获得的 PCIe 根端口数量，决定了可以热插拔多少设备。0 表示使用 libvirt 的默认值。',
  file_backed_memory: '用 libvirt 内存目录中的文件作为虚拟机内存；值为该目录可用空间（MiB）。0 表示关闭。',
  sysinfo_serial: '虚拟机 SMBIOS 系统序列号的来源；`unique` 为每个实例生成各自的序列号。',
  inject_password: '启动时把管理员密码写入虚拟机磁盘。通常不需要，一般使用 cloud-init。',
  connection_uri: 'libvirt 连接 URI；为空时使用 `virt_type` 的默认值（kvm 和 qemu 为 qemu:///system）。',
};

export const novaDescriptions = defineMessages<DescriptionKey>(en, zhCn);

/** Our description of an option, when we wrote one. */
export function describeOption(name: string, locale: Locale): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(en, name)) return undefined;
  return translator(novaDescriptions, locale)(name as DescriptionKey);
}
