/**
 * What each diagnostic code means, where the rule comes from and how to fix it:
 * the source of docs/diagnostics.md (scripts/gen.ts). The message
 * text itself comes from the feature catalogs, so the page says what the editor says.
 * test/unit/diagnosticDocs.test.ts checks that every code the services emit is here.
 */
import { domainMessages, type DomainMessageKey } from './domain/messages';
import { novaMessages, type NovaMessageKey } from './nova/messages';
import { stackMessages, type StackMessageKey } from './nova/stackmessages';

export type CodeDoc =
  | { readonly catalog: 'domain'; readonly key: DomainMessageKey; readonly source: string; readonly fix: string }
  | { readonly catalog: 'nova'; readonly key: NovaMessageKey; readonly source: string; readonly fix: string }
  | { readonly catalog: 'stack'; readonly key: StackMessageKey; readonly source: string; readonly fix: string }
  /** Codes whose message is composed at run time (modprobe.d, kernel command line): a summary stands in. */
  | { readonly catalog: 'text'; readonly text: string; readonly source: string; readonly fix: string };

const XML = "XML 1.0 well-formedness: libvirt parses the file with libxml2 (virXMLParse) and `virsh define` refuses it.";
const RNG = 'libvirt domain schema (`docs/schemas/domaincommon.rng`) and `virCPUDefParseXML` (src/conf/cpu_conf.c): libvirt refuses the domain.';
const CPUMAP = "libvirt's cpu_map (`src/cpu_map/*.xml`), the models and features libvirt knows for the guest's arch.";
const NESTED = 'Linux KVM nested virtualization (Documentation/virt/kvm/x86/running-nested-guests.rst): the guest needs vmx (Intel) or svm (AMD) in its CPU.';
const HOST = "The selected host's probe: libvirt `virsh domcapabilities` and /proc/cpuinfo, /sys/module/kvm_*/parameters/nested.";
const OSLO = 'oslo.config file parser (`oslo_config/iniparser.py`): it rejects the whole file and nova-compute does not start.';
const TYPES = 'oslo.config option types (`oslo_config/types.py`) and the option definition in `nova/conf/libvirt.py`: nova-compute does not start.';
const OPTS = 'The `[libvirt]` options of `nova/conf/libvirt.py` in the selected release (`nestedVirt.nova.release`).';
const CPUCONF = 'libvirt `virCPUDefParseXML` (src/conf/cpu_conf.c): libvirt refuses the domain.';
const NUMACONF = 'libvirt NUMA parsing and checks (`virDomainNumaDefParseXML`, src/conf/numa_conf.c): libvirt refuses the domain.';
const DRIVER = "nova's libvirt driver (`nova/virt/libvirt/driver.py`, `_check_cpu_compatibility` and `_get_guest_cpu_model_config`).";

const d = (key: DomainMessageKey, source: string, fix: string): CodeDoc => ({ catalog: 'domain', key, source, fix });
const n = (key: NovaMessageKey, source: string, fix: string): CodeDoc => ({ catalog: 'nova', key, source, fix });

export const CODE_DOCS: Readonly<Record<string, CodeDoc>> = {
  'xml-unclosed-element': d('xml-unclosed-element', XML, 'Add the end tag `</name>`, or write the element as `<name/>`.'),
  'xml-unexpected-end-tag': d('xml-unexpected-end-tag', XML, 'Remove the end tag or add its start tag.'),
  'xml-unclosed-tag': d('xml-unclosed-tag', XML, 'Finish the tag with `>` or `/>`.'),
  'xml-unclosed-quote': d('xml-unclosed-quote', XML, 'Close the attribute value with the quote it starts with.'),
  'xml-unquoted-attribute': d('xml-unquoted-attribute', XML, "Quote the value: `name='value'`."),
  'xml-duplicate-attribute': d('xml-duplicate-attribute', XML, 'Keep one of the two attributes.'),
  'xml-invalid-name': d('xml-invalid-name', XML, 'Write `&lt;` for a literal `<`, or fix the element name.'),
  'xml-text-outside-root': d('xml-text-outside-root', XML, 'Move the text inside `<domain>` or delete it.'),
  'xml-multiple-roots': d('xml-multiple-roots', XML, 'One domain per file: move the second `<domain>` to its own file.'),
  'xml-unclosed-comment': d('xml-unclosed-comment', XML, 'End the comment with `-->`.'),
  'xml-bad-entity': d('xml-bad-entity', XML, 'Write `&amp;` for a literal `&`.'),
  'xml-empty': d('xml-empty', XML, 'Write a `<domain>` element.'),
  'cpu-mode-invalid': d('value-invalid', RNG, 'Use one of the listed values (the quick-fix offers the nearest).'),
  'cpu-cache-mode-invalid': d('value-invalid', RNG, 'Use emulate, passthrough or disable.'),
  'cpu-cache-level-invalid': d('value-invalid', RNG, 'Use cache level 3, the only level libvirt accepts.'),
  'cpu-cache-level-mode': d('cpu-cache-level-mode', CPUCONF, 'Drop the level, or use mode emulate with level 3.'),
  'cpu-cache-passthrough-mode': d('cpu-cache-passthrough-mode', CPUCONF, 'Use host-passthrough or maximum mode, or cache mode emulate/disable.'),
  'cpu-maxphysaddr-mode-invalid': d('value-invalid', RNG, 'Use passthrough or emulate.'),
  'cpu-maxphysaddr-bits-passthrough': d('cpu-maxphysaddr-bits-passthrough', CPUCONF, 'Remove bits, or set mode emulate.'),
  'cpu-feature-name-missing': d('cpu-feature-name-missing', RNG, 'Add name=\'…\' with a cpu_map feature, or remove the element.'),
  'cpu-topology-attr-missing': d('cpu-topology-attr-missing', CPUCONF, 'Give sockets, cores and threads (dies and clusters default to 1).'),
  'cpu-vendor-id-invalid': d('cpu-vendor-id-invalid', CPUCONF, 'Write exactly 12 characters, e.g. GenuineIntel.'),
  'cpu-model-unverified': d('cpu-model-unverified', "QEMU's own CPU model list (target/arm, target/ppc): libvirt leaves these names to QEMU, which refuses an unknown one when the guest starts.", 'Use a model QEMU lists for the arch (the quick-fix offers the nearest), or host-passthrough.'),
  'cpu-sve-lengths-disabled': d('cpu-sve-lengths-disabled', 'QEMU aarch64 `sve` properties (target/arm/cpu64.c): vector lengths need SVE on.', 'Enable sve, or remove the sveNNN features.'),
  'cpuset-invalid': d('cpuset-invalid', 'libvirt bitmap parser (`virBitmapParse`, src/util/virbitmap.c): the domain is refused.', 'Write a list like 0-3,6 or ^2.'),
  'cputune-vcpusched-overlap': d('cputune-vcpusched-overlap', 'libvirt `virDomainSchedulerParse` (src/conf/domain_conf.c): overlapping vcpusched is refused.', 'Give each vCPU to one <vcpusched> only.'),
  'numa-cell-ids': d('numa-cell-id-range', NUMACONF, 'Number the cells 0 to n-1, one id each.'),
  'numa-cell-memaccess-invalid': d('value-invalid', RNG, 'Use shared or private.'),
  'numa-cell-memory-invalid': d('numa-cell-memory-invalid', NUMACONF, 'Write a positive size with a unit libvirt knows (KiB, MiB, GiB).'),
  'numa-cell-memory-missing': d('numa-cell-memory-missing', NUMACONF, 'Add memory=\'…\' (and unit) to the cell.'),
  'numa-cell-memory-too-large': d('numa-cell-memory-too-large', NUMACONF, 'Lower the cell memory.'),
  'numa-cells-overlap': d('numa-cells-overlap', NUMACONF, 'Give each vCPU to one cell only.'),
  'numa-cpus-exceed-vcpus': d('numa-cpus-exceed-vcpus', 'libvirt `virDomainDefPostParseCheckFeatures` / domain_validate.c: NUMA cells may not name more vCPUs than <vcpu>.', 'Raise <vcpu>, or shrink the cells\' cpus lists.'),
  'numa-distance-invalid': d('numa-distance-invalid', NUMACONF, 'Use 10 for the cell itself and 11–255 for others.'),
  'numa-distances-incomplete': d('numa-distances-incomplete', NUMACONF, 'Give a <sibling> for every pair of cells, or none at all.'),
  'numa-no-cells': d('numa-no-cells', RNG, 'Add <cell> elements or remove <numa>.'),
  'numa-sibling-unknown': d('numa-sibling-unknown', NUMACONF, 'Point sibling ids at cells that exist.'),
  'vcpu-exceeds-machine': d('vcpu-exceeds-machine', "QEMU's machine type limits (`max_cpus`; i440fx/pc: 255), checked by libvirt at start.", 'Lower <vcpu>, or use the q35 machine type.'),
  'vcpu-hotplug-granularity': d('vcpu-hotplug-granularity', "libvirt's pSeries check (qemu_validate.c): vCPUs go in whole cores.", 'Use a multiple of threads per core.'),
  'vcpus-id-out-of-range': d('vcpus-id-out-of-range', 'libvirt `virDomainVcpuParse` (src/conf/domain_conf.c): the domain is refused.', 'Use ids 0 to <vcpu>-1.'),
  'nova-file-backed-memory-virt-type': n('rule.fileBackedVirtType', DRIVER, 'Use virt_type kvm or qemu, or unset file_backed_memory.'),
  'nova-file-backed-memory-ratio': n('rule.fileBackedRatio', DRIVER, 'Set [DEFAULT] ram_allocation_ratio = 1.0.'),
  'nova-interpolation-unknown': n('rule.interpolation', 'oslo.config `$name` substitution (`oslo_config/cfg.py` StrSubWrapper): an unknown name raises NoSuchOptError when nova reads the option.', 'Name a registered option, or write $$ for a literal $.'),
  'cpu-match-invalid': d('value-invalid', RNG, 'Use minimum, exact or strict.'),
  'cpu-check-invalid': d('value-invalid', RNG, 'Use none, partial or full.'),
  'cpu-migratable-invalid': d('value-invalid', RNG, 'Use on or off.'),
  'cpu-fallback-invalid': d('value-invalid', RNG, 'Use allow or forbid.'),
  'cpu-feature-policy-invalid': d('value-invalid', RNG, 'Use force, require, optional, disable or forbid.'),
  'vcpu-placement-invalid': d('value-invalid', RNG, 'Use static or auto.'),
  'number-not-positive': d('number-not-positive', RNG, 'Write a whole number greater than zero.'),
  'cpu-model-unknown': d('cpu-model-unknown', CPUMAP, 'Pick a model from completion, or use host-passthrough.'),
  'cpu-feature-unknown': d('cpu-feature-unknown', CPUMAP, 'Pick a feature name from completion (the quick-fix offers the nearest).'),
  'cpu-vendor-unknown': d('cpu-vendor-unknown', CPUMAP, 'Use a vendor name cpu_map knows (Intel, AMD, …).'),
  'cpu-arch-unchecked': d('cpu-arch-unchecked', CPUMAP, 'Nothing to fix: names are simply not checked for this arch.'),
  'cpu-model-ignored': d('cpu-model-ignored', RNG, 'Remove the `<model>` (quick-fix), or switch to custom mode if you meant that model.'),
  'cpu-match-ignored': d('cpu-match-ignored', RNG, 'Remove the match attribute (quick-fix).'),
  'cpu-migratable-mode': d('cpu-migratable-mode', RNG, 'Remove migratable, or use host-passthrough or maximum.'),
  'cpu-features-without-model': d('cpu-features-without-model', RNG, 'Add a `<model>`, or use host-passthrough.'),
  'cpu-vendor-without-model': d('cpu-vendor-without-model', RNG, 'Add a `<model>` or remove the `<vendor>`.'),
  'cpu-feature-duplicate': d('cpu-feature-duplicate', RNG, 'Keep one `<feature>` per name.'),
  'cpu-feature-conflict': d('cpu-feature-conflict', RNG, 'Decide: keep either the enabling or the disabling `<feature>`.'),
  'cpu-feature-policy-missing': d('cpu-feature-policy-missing', RNG, "Add `policy='require'` (quick-fix)."),
  'cpu-nested-vendor-mismatch': d('cpu-nested-vendor-mismatch', NESTED, "Require the model vendor's flag: vmx for Intel, svm for AMD."),
  'domain-tcg-host-passthrough': d('domain-tcg-host-passthrough', 'QEMU: `-cpu host` needs an accelerator (KVM); libvirt refuses host-passthrough with TCG.', "Use `<domain type='kvm'>`, or a custom model."),
  'domain-tcg-host-model': d('domain-tcg-host-model', 'libvirt with TCG: host-model is emulated in software.', "Use `<domain type='kvm'>` for nested KVM."),
  'vcpu-current-exceeds': d('vcpu-current-exceeds', 'libvirt `virDomainDefParseXML`: current vCPUs above the maximum are refused.', 'Set current to the maximum or lower (quick-fix).'),
  'cpu-topology-mismatch': d('cpu-topology-mismatch', 'libvirt `virDomainDefValidate`: sockets × dies × clusters × cores × threads must equal `<vcpu>`.', 'Change the topology or the vCPU count so they match.'),
  'nested-model-lacks-feature': d('nested-model-lacks-feature', NESTED, "Require the flag (quick-fix adds `<feature policy='require' name='vmx'/>`) or use host-passthrough."),
  'nested-feature-disabled': d('nested-feature-disabled', NESTED, 'Remove the disabling `<feature>` if the guest should run VMs.'),
  'nested-no-cpu': d('nested-no-cpu', NESTED, "Add `<cpu mode='host-passthrough'/>` (quick-fix)."),
  'nested-no-model': d('nested-no-model', NESTED, 'Add a `<model>` with vmx/svm, or use host-passthrough.'),
  'host-model-unusable': d('host-model-unusable-blockers', HOST, 'Use a model usable on that host (quick-fix offers the closest of the same vendor), or host-passthrough.'),
  'host-vendor-mismatch': d('host-vendor-mismatch', HOST, "Switch to the host vendor's flag (quick-fix: vmx ↔ svm)."),
  'host-nested-off': d('host-nested-off', HOST, 'On the host: `modprobe -r kvm_intel && modprobe kvm_intel nested=1` (kvm_amd on AMD), and make it permanent in /etc/modprobe.d.'),
  'host-no-virt-ext': d('host-no-virt-ext', HOST, 'Turn on VT-x/AMD-V in the firmware; on a VM host, turn on nested virtualization in the outer hypervisor.'),
  'nova-bom': n('parse.bom', OSLO, 'Save the file as UTF-8 without a byte order mark.'),
  'nova-key-before-section': n('parse.noSection', OSLO, 'Put the key under a section header such as `[DEFAULT]` or `[libvirt]`.'),
  'nova-malformed-line': n('parse.invalidLine', OSLO, 'Write `key = value`, or comment the line with `#`.'),
  'nova-empty-key': n('parse.emptyKey', OSLO, 'Write the option name before `=`.'),
  'nova-unexpected-continuation': n('parse.unexpectedContinuation', OSLO, 'Remove the leading whitespace.'),
  'nova-malformed-section': n('parse.sectionBracket', OSLO, 'End the header with `]` and move any comment to its own line.'),
  'nova-empty-section': n('parse.emptySection', OSLO, 'Name the section.'),
  'nova-section-whitespace': n('section.whitespace', 'oslo.config keeps the spaces inside `[ ]` in the group name.', 'Remove the spaces (quick-fix).'),
  'nova-section-default-case': n('section.defaultCase', 'oslo.config `_normalize_group_name`: only `DEFAULT` is special.', 'Write `[DEFAULT]` (quick-fix).'),
  'nova-unknown-key': n('key.unknown', OPTS, 'Use the suggested option (ranked by name and by whether your value fits it).'),
  'nova-key-not-in-release': n('key.added', OPTS, 'Check `nestedVirt.nova.release`, or drop the option for that release.'),
  'nova-deprecated-name': n('key.deprecatedName', OPTS, 'Rename the key (quick-fix).'),
  'nova-deprecated-name-ignored': n('key.aliasShadowed', OPTS, 'Remove the ignored line (quick-fix).'),
  'nova-moved-key': n('key.moved', OPTS, 'Move the option to the group the message names.'),
  'nova-deprecated-for-removal': n('key.deprecatedForRemoval', OPTS, 'Plan to drop the option; read its release notes.'),
  'modprobe-bad-value': { catalog: 'text', text: "A value of the wrong type for the parameter (e.g. y for kvm_amd's int nested).", source: 'The kernel refuses the parameter and the module does not load (kernel/params.c).', fix: "Write the value in the parameter's type: 1 for kvm_amd nested, Y or 1 for kvm_intel nested (quick-fix)." },
  'modprobe-missing-value': { catalog: 'text', text: 'An int or charp parameter written without a value.', source: 'The kernel refuses a bare non-bool parameter and the module does not load (kernel/params.c).', fix: 'Give the parameter a value.' },
  'modprobe-install-never': { catalog: 'text', text: 'install kvm_* /bin/false (or /bin/true): modprobe runs the command instead of loading the module.', source: "kmod's modprobe.d(5) (libkmod-config.c) and the kernel's module parameter parser (kernel/params.c)", fix: 'Remove the install line.' },
  'modprobe-unknown-module': { catalog: 'text', text: 'An options line for a module that does not exist but is close to a kvm module (amd, intel, kvm-intl).', source: "kmod's modprobe.d(5) (libkmod-config.c) and the kernel's module parameter parser (kernel/params.c): options for a module that never loads have no effect.", fix: 'Use kvm_amd or kvm_intel (quick-fix).' },
  'modprobe-unknown-param': { catalog: 'text', text: 'A parameter the kvm module does not have.', source: 'The kernel ignores an unknown parameter and logs a warning (kernel/params.c).', fix: 'Use a parameter of that module (completion lists them).' },
  'modprobe-overridden': { catalog: 'text', text: 'A value set again by a later line or a later file.', source: "kmod's modprobe.d(5) (libkmod-config.c) and the kernel's module parameter parser (kernel/params.c): options accumulate and the later value wins.", fix: 'Keep one line for the parameter.' },
  'modprobe-blacklist-kvm': { catalog: 'text', text: 'blacklist of a kvm module: no autoload at boot.', source: "kmod's modprobe.d(5) (libkmod-config.c) and the kernel's module parameter parser (kernel/params.c)", fix: 'Remove the blacklist line if the host should run KVM.' },
  'modprobe-inline-comment': { catalog: 'text', text: 'A # after the options: kmod passes it on as parameter text.', source: "kmod's modprobe.d(5) (libkmod-config.c) and the kernel's module parameter parser (kernel/params.c)", fix: 'Put the comment on its own line.' },
  'modprobe-comment-continues': { catalog: 'text', text: 'A comment line ending in \\ joins the next line to the comment.', source: "kmod's modprobe.d(5) (libkmod-config.c) and the kernel's module parameter parser (kernel/params.c)", fix: 'Remove the trailing backslash.' },
  'modprobe-bad-line': { catalog: 'text', text: 'A line kmod does not understand (unknown command).', source: "kmod's modprobe.d(5) (libkmod-config.c) and the kernel's module parameter parser (kernel/params.c): the line is ignored.", fix: 'Use options, install, remove, blacklist, softdep, alias or weakdep.' },
  'modprobe-missing-args': { catalog: 'text', text: 'A command without the arguments it needs.', source: "kmod's modprobe.d(5) (libkmod-config.c) and the kernel's module parameter parser (kernel/params.c): the line is ignored.", fix: 'Add the module name and its arguments.' },
  'modprobe-nested-off': { catalog: 'text', text: 'nested=0 or N on a host meant for nested virtualization.', source: 'Linux KVM (arch/x86/kvm/vmx/vmx.c, svm/svm.c): with nested off an L1 guest sees no vmx/svm.', fix: 'Set nested=1 (quick-fix).' },
  'modprobe-vendors-differ': { catalog: 'text', text: 'kvm_intel and kvm_amd are configured differently.', source: "Only the module of the host's CPU vendor loads.", fix: 'Configure both alike, or only the one your hosts use.' },
  'modprobe-other-vendor': { catalog: 'text', text: 'A line for kvm_intel on an AMD host (or the reverse), with a probed host selected.', source: 'That module never loads on the selected host.', fix: "Use the module of the host's vendor." },
  'modprobe-reload-pending': { catalog: 'text', text: "The file's value differs from the live parameter on the selected host.", source: 'Module parameters take effect when the module loads.', fix: 'Reload the module (stop the VMs first) or reboot.' },
  'cmdline-bad-value': { catalog: 'text', text: "A value of the wrong type for the parameter (e.g. y for kvm_amd's int nested).", source: 'The kernel refuses the parameter and the module does not load (kernel/params.c).', fix: "Write the value in the parameter's type: 1 for kvm_amd nested, Y or 1 for kvm_intel nested (quick-fix)." },
  'cmdline-missing-value': { catalog: 'text', text: 'An int or charp parameter written without a value.', source: 'The kernel refuses a bare non-bool parameter and the module does not load (kernel/params.c).', fix: 'Give the parameter a value.' },
  'cmdline-unknown-module': { catalog: 'text', text: 'An options line for a module that does not exist but is close to a kvm module (amd, intel, kvm-intl).', source: "kmod's modprobe.d(5) (libkmod-config.c) and the kernel's module parameter parser (kernel/params.c): options for a module that never loads have no effect.", fix: 'Use kvm_amd or kvm_intel (quick-fix).' },
  'cmdline-unknown-param': { catalog: 'text', text: 'A parameter the kvm module does not have.', source: 'The kernel ignores an unknown parameter and logs a warning (kernel/params.c).', fix: 'Use a parameter of that module (completion lists them).' },
  'cmdline-replaced': { catalog: 'text', text: 'A value replaced by a later assignment (GRUB_CMDLINE_LINUX set again, or a later token).', source: 'grub-mkconfig (/etc/default/grub is a shell file) and the kernel command line: the later value wins.', fix: 'Keep one assignment.' },
  'cmdline-nested-off': { catalog: 'text', text: 'nested=0 or N on a host meant for nested virtualization.', source: 'Linux KVM (arch/x86/kvm/vmx/vmx.c, svm/svm.c): with nested off an L1 guest sees no vmx/svm.', fix: 'Set nested=1 (quick-fix).' },
  'cmdline-other-vendor': { catalog: 'text', text: 'A line for kvm_intel on an AMD host (or the reverse), with a probed host selected.', source: 'That module never loads on the selected host.', fix: "Use the module of the host's vendor." },
  'cmdline-builtin-note': { catalog: 'text', text: 'A kvm parameter on the kernel command line.', source: 'For a module built into the kernel only the command line counts (module.param=value).', fix: 'Keep it on the command line for a built-in module; a loadable module also reads modprobe.d.' },
  'modprobe-file-hidden': { catalog: 'text', text: 'A file hidden by a file of the same name in a directory kmod reads first (/etc, /run, /usr/local/lib, /usr/lib, /lib).', source: "kmod's modprobe.d(5) (libkmod-config.c) and the kernel's module parameter parser (kernel/params.c)", fix: 'Edit the file that wins, or remove the hidden one.' },
  'modprobe-overridden-by-file': { catalog: 'text', text: 'A value that a file read later sets again.', source: "kmod's modprobe.d(5) (libkmod-config.c) and the kernel's module parameter parser (kernel/params.c)", fix: 'Set the value in one file.' },
  'modprobe-legacy-file': { catalog: 'text', text: '/etc/modprobe.conf is never read by kmod.', source: "kmod's modprobe.d(5) (libkmod-config.c) and the kernel's module parameter parser (kernel/params.c)", fix: 'Move the lines to /etc/modprobe.d/*.conf.' },
  'nova-overridden': { catalog: 'stack', key: 'stack.overridden', source: 'oslo.config reads the files of a stack in order (`--config-file`, then `--config-dir`, kolla-ansible\'s merge order); the last file that sets an option wins.', fix: 'Set the value in the file that wins, or remove the overridden line.' },
  'nova-duplicate-key': n('key.duplicate', 'oslo.config: the last assignment in a group wins.', 'Remove the ignored line (quick-fix).'),
  'nova-invalid-boolean': n('value.boolean', TYPES, 'Write true or false.'),
  'nova-invalid-integer': n('value.integer', TYPES, 'Write a whole number.'),
  'nova-invalid-float': n('value.float', TYPES, 'Write a number.'),
  'nova-value-out-of-range': n('value.range', TYPES, 'Use a value inside the range (quick-fix offers the bound).'),
  'nova-invalid-port': n('value.port', TYPES, 'Write a port number from 0 to 65535.'),
  'nova-invalid-choice': n('value.choice', TYPES, 'Use one of the listed values (quick-fix offers the nearest).'),
  'nova-invalid-list-item': n('value.listItem', TYPES, 'Use only the listed items.'),
  'nova-invalid-host-address': n('value.host', TYPES, 'Write an IP address or a valid host name.'),
  'nova-cpu-mode-virt-type': n('rule.modeVirtType', DRIVER, 'Leave cpu_mode unset or set it to none, or use virt_type kvm or qemu.'),
  'nova-cpu-models-without-custom': n('rule.modelsWithoutCustom', DRIVER, 'Set `cpu_mode = custom` (quick-fix) or remove cpu_models.'),
  'nova-custom-without-models': n('rule.customWithoutModels', DRIVER, 'Add cpu_models, or use host-passthrough (quick-fix).'),
  'nova-unknown-cpu-model': n('rule.unknownModel', `${DRIVER} ${CPUMAP}`, 'Use a model from completion, or host-passthrough.'),
  'nova-extra-flag-sign': n('rule.signBeforeWallaby', DRIVER, 'Drop the sign, or target wallaby or later.'),
  'nova-unknown-cpu-feature': n('rule.unknownFeature', CPUMAP, 'Use a feature name from completion.'),
  'nova-extra-flag-conflict': n('rule.flagConflict', DRIVER, 'Keep either `+flag` or `-flag`.'),
  'nova-extra-flags-ignored': n('rule.flagsIgnored', DRIVER, 'Use `cpu_mode = custom` (or host-model) for the flags to apply, or remove them.'),
  'nova-virt-flag-vendor': n('rule.vendorFlag', `${DRIVER} ${NESTED}`, "Use the model vendor's flag (vmx for Intel, svm for AMD)."),
  'nova-no-nested-flag': n('rule.noNestedFlag', NESTED, 'Add `+vmx`/`+svm` to cpu_model_extra_flags, or use host-passthrough (quick-fix).'),
  'nova-machine-type-item': n('rule.machineTypeItem', 'nova `libvirt_utils.get_default_machine_type`.', 'Write each item as `arch=machine_type`.'),
  'nova-machine-type-arch': n('rule.machineTypeArch', 'nova `fields.Architecture`.', 'Use an architecture name such as x86_64 or aarch64.'),
  'nova-tunnelled-with-tls': n('rule.tunnelledTls', 'nova `LibvirtDriver._check_live_migration_options` at startup.', 'Set one of the two to false.'),
  'nova-swtpm-virt-type': n('rule.swtpmVirtType', 'nova `LibvirtDriver._check_vtpm_support`.', 'Use virt_type kvm or qemu, or turn swtpm off.'),
  'nova-rbd-force-raw': n('rule.rbdForceRaw', 'nova `LibvirtDriver.init_host` (images_type=rbd).', 'Set `[DEFAULT] force_raw_images = true`.'),
  'nova-multipath-enforce': n('rule.multipath', 'nova `LibvirtDriver._check_multipath`.', 'Set `volume_use_multipath = true`.'),
  'nova-lxc-id-maps': n('rule.lxcIdMaps', 'nova libvirt driver, LXC guests.', 'Set uid_maps and gid_maps.'),
  'nova-power-management-no-dedicated': n('rule.powerNoDedicated', 'nova `[libvirt] cpu_power_management` help text.', 'Set `[compute] cpu_dedicated_set`, or turn the option off.'),
  'nova-host-model-unusable': n('host.modelUnusable', HOST, 'Use the closest usable model (quick-fix), or host-passthrough.'),
  'nova-host-virt-flag-vendor': n('host.vendorFlag', HOST, "Use the host vendor's flag (quick-fix)."),
  'nova-host-nested-off': n('host.nestedOff', HOST, 'Load the kvm module with nested=1 on the host and make it permanent in /etc/modprobe.d.'),
  'nova-host-no-kvm': n('host.noKvm', HOST, 'Turn on VT-x/AMD-V (or nested on the outer hypervisor), or use virt_type=qemu.'),
  'nova-host-vm-no-nested': n('host.vmNoNested', HOST, 'Turn on nested virtualization in the outer hypervisor and load the kvm module with nested=1 inside the host.'),
};

const GROUPS: readonly { readonly title: string; readonly prefixes: readonly string[]; readonly intro: string }[] = [
  { title: 'Domain XML: well-formedness', prefixes: ['xml-'], intro: 'The file is not well-formed XML.' },
  { title: 'Domain XML: &lt;cpu&gt; and &lt;vcpu&gt;', prefixes: ['cpu-', 'cpuset-', 'vcpu-', 'vcpus-', 'cputune-', 'number-', 'domain-'], intro: 'Values, names and mode rules libvirt checks when it defines the domain.' },
  { title: 'Domain XML: NUMA', prefixes: ['numa-'], intro: 'Guest NUMA cells, their memory, vCPUs and distances.' },
  { title: 'Domain XML: nested virtualization', prefixes: ['nested-'], intro: 'Whether the guest can run KVM guests of its own.' },
  { title: 'Domain XML: the selected host', prefixes: ['host-'], intro: 'Shown when a probed host is selected (status bar, `Nested Virt: Select Host`).' },
  { title: 'modprobe.d', prefixes: ['modprobe-'], intro: 'Module options in modprobe.d files, as kmod and the kernel read them.' },
  { title: 'Kernel command line', prefixes: ['cmdline-'], intro: 'kvm module parameters in GRUB_CMDLINE_LINUX and /etc/kernel/cmdline.' },
  { title: 'nova.conf: file format', prefixes: ['nova-bom', 'nova-key-before', 'nova-malformed', 'nova-empty', 'nova-unexpected', 'nova-section'], intro: 'What oslo.config reads, and what it refuses.' },
  { title: 'nova.conf: [libvirt] options and values', prefixes: ['nova-unknown-key', 'nova-key-', 'nova-deprecated', 'nova-moved', 'nova-duplicate', 'nova-invalid', 'nova-value'], intro: 'Option names and values checked against the selected release.' },
  { title: 'nova.conf: the host', prefixes: ['nova-host-'], intro: 'Shown when a probed host is selected.' },
  { title: 'nova.conf: rules across options', prefixes: ['nova-'], intro: 'Combinations nova-compute refuses at startup or at instance build.' },
];

function groupOf(code: string): number {
  return GROUPS.findIndex((g) => g.prefixes.some((p) => code.startsWith(p)));
}

/** The message as the editor shows it, placeholders as "…". */
function template(text: string): string {
  return text.replace(/\{\d+\}/g, '…').replace(/</g, '&lt;');
}

/**
 * docs/diagnostics.md: one section per code (anchor = code), grouped, in English.
 * `messages` gives the English template of a catalog key.
 */
export function renderDiagnosticsDoc(messages: (doc: CodeDoc) => string): string {
  const out = [
    '<!-- Generated by scripts/gen.ts from server/src/lang/diagnosticDocs.ts and the message catalogs. Do not edit. -->',
    '# nested-virt diagnostics',
    '',
    'Every diagnostic carries a code; in VS Code the code links here. Severity follows one rule: **error** when libvirt refuses',
    'the domain, nova-compute will not start or every build fails; **warning** when it runs but not as written; **information** for advice.',
    '',
  ];
  const codes = Object.keys(CODE_DOCS);
  GROUPS.forEach((g, gi) => {
    const mine = codes.filter((c) => groupOf(c) === gi);
    if (!mine.length) return;
    out.push(`## ${g.title}`, '', g.intro, '');
    for (const code of mine) {
      const doc = CODE_DOCS[code];
      out.push(`### ${code}`, '', `**Message:** ${template(messages(doc))}`, '', `**Source:** ${doc.source}`, '', `**Fix:** ${doc.fix}`, '');
    }
  });
  return out.join('\n');
}

/** The page with the English catalogs: what scripts/gen.ts writes. */
export function diagnosticsDocText(): string {
  return renderDiagnosticsDoc((d) => {
    if (d.catalog === 'domain') return domainMessages.en[d.key];
    if (d.catalog === 'stack') return stackMessages.en[d.key];
    if (d.catalog === 'text') return d.text;
    return novaMessages.en[d.key];
  });
}
