/** Checks shared by several signatures: each confirms or rules out one cause. */
import type { Localized } from '../types';

export const CHECK = {
  cpuinfo: {
    en: '`grep -cwE "vmx|svm" /proc/cpuinfo`: 0 means the CPU, or the VM this runs in, shows no vmx/svm to the kernel.',
    zh: '`grep -cwE "vmx|svm" /proc/cpuinfo`：结果为 0 表示 CPU（或本机所在的虚拟机）没有向内核提供 vmx/svm。',
  },
  kernelLog: {
    en: '`dmesg | grep -i kvm` (or `journalctl -k -b -g kvm`): "disabled by bios" points to the firmware, "no hardware support" to the CPU or the VM.',
    zh: '`dmesg | grep -i kvm`（或 `journalctl -k -b -g kvm`）：出现 "disabled by bios" 是固件的问题，出现 "no hardware support" 是 CPU 或虚拟机的问题。',
  },
  firmware: {
    en: 'In the firmware (BIOS/UEFI) setup, look for "Intel Virtualization Technology" (VT-x) or "SVM Mode" (AMD-V); it must be Enabled, then power-cycle.',
    zh: '在固件（BIOS/UEFI）设置中找到 "Intel Virtualization Technology"（VT-x）或 "SVM Mode"（AMD-V），设为 Enabled，然后断电重启。',
  },
  guest: {
    en: '`systemd-detect-virt`: anything but "none" means this machine is a VM; then its own host (L0) must pass vmx/svm through (nested on, host-passthrough).',
    zh: '`systemd-detect-virt`：结果不是 "none" 表示本机是虚拟机；此时它的宿主机（L0）必须把 vmx/svm 传给它（开启嵌套虚拟化并使用 host-passthrough）。',
  },
  lsmod: {
    en: '`lsmod | grep kvm`: kvm and kvm_intel or kvm_amd must be listed (or built in: `grep kvm /lib/modules/$(uname -r)/modules.builtin`).',
    zh: '`lsmod | grep kvm`：应当列出 kvm 以及 kvm_intel 或 kvm_amd（或为内置模块：`grep kvm /lib/modules/$(uname -r)/modules.builtin`）。',
  },
  devKvm: {
    en: '`ls -l /dev/kvm`: it must exist; it appears when kvm_intel or kvm_amd is loaded.',
    zh: '`ls -l /dev/kvm`：该文件必须存在；加载 kvm_intel 或 kvm_amd 后才会出现。',
  },
  devKvmAccess: {
    en: '`ls -l /dev/kvm` and `id`: the user that runs QEMU must be able to read and write it, usually through the kvm group.',
    zh: '`ls -l /dev/kvm` 和 `id`：运行 QEMU 的用户必须能读写它，通常通过 kvm 组获得权限。',
  },
  nested: {
    en: '`cat /sys/module/kvm_intel/parameters/nested` (or kvm_amd) on the host: Y or 1 means nested virtualization is on.',
    zh: '在宿主机上执行 `cat /sys/module/kvm_intel/parameters/nested`（或 kvm_amd）：Y 或 1 表示嵌套虚拟化已开启。',
  },
  domcaps: {
    en: '`virsh domcapabilities --virttype kvm`: an error means libvirt cannot use KVM; `<mode name=\'host-passthrough\' supported=\'yes\'>` means that mode works.',
    zh: '`virsh domcapabilities --virttype kvm`：报错表示 libvirt 无法使用 KVM；出现 `<mode name=\'host-passthrough\' supported=\'yes\'>` 表示该模式可用。',
  },
  usableModels: {
    en: '`virsh domcapabilities | grep usable=`: a model with usable=\'no\' needs features this host does not have.',
    zh: '`virsh domcapabilities | grep usable=`：usable=\'no\' 的型号需要本宿主机没有的特性。',
  },
  qemuModels: {
    en: '`qemu-system-x86_64 -cpu help` (or `virsh cpu-models x86_64`): lists the CPU model names this QEMU or libvirt knows.',
    zh: '`qemu-system-x86_64 -cpu help`（或 `virsh cpu-models x86_64`）：列出本 QEMU 或 libvirt 认识的 CPU 型号名称。',
  },
  domainCpu: {
    en: '`virsh dumpxml DOMAIN | sed -n "/<cpu/,/<\\/cpu>/p"`: shows the `<cpu>` element libvirt was given.',
    zh: '`virsh dumpxml DOMAIN | sed -n "/<cpu/,/<\\/cpu>/p"`：显示 libvirt 收到的 `<cpu>` 元素。',
  },
  novaConf: {
    en: '`grep -nE "^(virt_type|cpu_mode|cpu_models|cpu_model_extra_flags)" /etc/nova/nova.conf`: the [libvirt] CPU options nova-compute reads.',
    zh: '`grep -nE "^(virt_type|cpu_mode|cpu_models|cpu_model_extra_flags)" /etc/nova/nova.conf`：nova-compute 读取的 [libvirt] CPU 选项。',
  },
  modprobeD: {
    en: '`grep -rn kvm /etc/modprobe.d /run/modprobe.d /usr/lib/modprobe.d /lib/modprobe.d`: each options line must name kvm_intel or kvm_amd and a parameter it has.',
    zh: '`grep -rn kvm /etc/modprobe.d /run/modprobe.d /usr/lib/modprobe.d /lib/modprobe.d`：每行 options 都必须写 kvm_intel 或 kvm_amd，并且只用该模块有的参数。',
  },
  modinfo: {
    en: '`modinfo -p {module}`: lists the parameters the module accepts and their types (nested takes Y/N or 1/0).',
    zh: '`modinfo -p {module}`：列出该模块接受的参数及其类型（nested 取 Y/N 或 1/0）。',
  },
  builtin: {
    en: '`grep kvm /lib/modules/$(uname -r)/modules.builtin`: a built-in module takes its options from the kernel command line only.',
    zh: '`grep kvm /lib/modules/$(uname -r)/modules.builtin`：内置模块只从内核命令行读取参数。',
  },
  running: {
    en: '`virsh list` and `pgrep -a qemu`: running VMs hold kvm_intel/kvm_amd in use.',
    zh: '`virsh list` 和 `pgrep -a qemu`：正在运行的虚拟机会占用 kvm_intel/kvm_amd。',
  },
  cpuCompare: {
    en: '`virsh capabilities` on both hosts: compare the host `<cpu>` models and features; `virsh hypervisor-cpu-baseline` gives a model both can run.',
    zh: '在两台宿主机上执行 `virsh capabilities`：比较宿主机 `<cpu>` 的型号和特性；`virsh hypervisor-cpu-baseline` 可给出两者都能运行的型号。',
  },
  validate: {
    en: '`virt-host-validate qemu`: checks hardware virtualization, /dev/kvm and its access in one go.',
    zh: '`virt-host-validate qemu`：一次检查硬件虚拟化、/dev/kvm 及其访问权限。',
  },
} as const satisfies Record<string, Localized>;
