/**
 * Cross-option rules: what nova-compute checks at startup or when it builds a
 * guest, per release (shared/reference/nova-libvirt-options.md, "Nova runtime CPU
 * rules" A–H), plus the host-aware checks when a probed host is selected.
 */
import type { Translate } from '../../core/l10n';
import { nearest, searchBudget } from '../../core/util/nearest';
import { archCatalogOf, hostArchOf, type NovaFinding as Finding, type NovaContext } from './context';
import type { NovaMessageKey } from './messages';
import { novaOptions } from './options';
import { lastEntry, type NovaConfFile, type NovaEntry } from './parser';
import { checkValue, parseBoolean, splitList, type ListItem } from './values';

/** nova's canonical architecture names (nova.objects.fields.Architecture). */
export const NOVA_ARCHES = [
  'alpha', 'armv6', 'armv7l', 'armv7b', 'aarch64', 'cris', 'i686', 'ia64', 'lm32', 'm68k', 'microblaze',
  'microblazeel', 'mips', 'mipsel', 'mips64', 'mips64el', 'openrisc', 'parisc', 'parisc64', 'ppc', 'ppcle',
  'ppc64', 'ppc64le', 'ppcemb', 's390', 's390x', 'sh4', 'sh4eb', 'sparc', 'sparc64', 'unicore32', 'x86_64',
  'xtensa', 'xtensaeb',
] as const;
const ARCH_HINTS: Record<string, string> = { amd64: 'x86_64', x64: 'x86_64', i386: 'i686', arm64: 'aarch64' };

/** Host arches on which nova resolves cpu_models names against libvirt (from ussuri). */
const MODEL_CHECK_ARCHES = ['i686', 'x86_64', 'ppc', 'ppc64', 'ppc64le'];

export interface ParsedFlag {
  readonly item: ListItem;
  /** Lower-cased name without signs. */
  readonly name: string;
  readonly sign: '+' | '-' | '';
}

export function parseFlag(item: ListItem): ParsedFlag {
  const m = /^([+-]*)(.*)$/s.exec(item.text) ?? ['', '', item.text];
  const signs = m[1];
  return { item, name: m[2].toLowerCase(), sign: signs.startsWith('-') ? '-' : signs ? '+' : '' };
}

/** vmx belongs to Intel (and Zhaoxin), svm to AMD (and Hygon). */
export function virtFlagOfVendor(vendor: string | undefined): 'vmx' | 'svm' | undefined {
  if (!vendor) return undefined;
  if (/intel|zhaoxin|centaur/i.test(vendor)) return 'vmx';
  if (/amd|hygon/i.test(vendor)) return 'svm';
  return undefined;
}

/** The [libvirt] settings the rules look at, after nova's own precedence. */
export interface CpuSettings {
  readonly release: string;
  readonly virtType: string;
  readonly virtTypeEntry?: NovaEntry;
  /** undefined: unset; null: set to something that is not a valid choice. */
  readonly cpuMode: string | undefined | null;
  readonly cpuModeEntry?: NovaEntry;
  /** The entry nova reads the model list from (cpu_models, its alias, or the old cpu_model). */
  readonly modelsEntry?: NovaEntry;
  readonly modelsKey: string;
  readonly models: readonly ListItem[];
  readonly flagsEntry?: NovaEntry;
  readonly flags: readonly ParsedFlag[];
}

export function readCpuSettings(file: NovaConfFile, release: string): CpuSettings {
  const table = novaOptions();
  const trainOrLater = !table.before(release, 'train');
  const virtTypeEntry = lastEntry(file, 'libvirt', 'virt_type');
  const vtSpec = table.get('virt_type', release);
  let virtType = 'kvm';
  if (virtTypeEntry) virtType = vtSpec && checkValue(virtTypeEntry, vtSpec).length === 0 ? virtTypeEntry.value : '';
  const cpuModeEntry = lastEntry(file, 'libvirt', 'cpu_mode');
  const modeSpec = table.get('cpu_mode', release);
  let cpuMode: string | undefined | null;
  if (cpuModeEntry) cpuMode = modeSpec && checkValue(cpuModeEntry, modeSpec).length === 0 ? cpuModeEntry.value : null;
  let modelsEntry: NovaEntry | undefined;
  let models: ListItem[] = [];
  if (trainOrLater) {
    modelsEntry = lastEntry(file, 'libvirt', 'cpu_models') ?? lastEntry(file, 'libvirt', 'cpu_model');
    models = modelsEntry ? splitList(modelsEntry) : [];
  } else {
    modelsEntry = lastEntry(file, 'libvirt', 'cpu_model');
    if (modelsEntry && modelsEntry.value !== '') {
      models = [{ text: modelsEntry.value, start: modelsEntry.valueStart, end: modelsEntry.valueEnd }];
    }
  }
  const flagsEntry = lastEntry(file, 'libvirt', 'cpu_model_extra_flags');
  const flags = flagsEntry ? splitList(flagsEntry).filter((i) => i.text !== '').map(parseFlag) : [];
  return {
    release,
    virtType,
    virtTypeEntry,
    cpuMode,
    cpuModeEntry,
    modelsEntry,
    modelsKey: trainOrLater ? 'cpu_models' : 'cpu_model',
    models,
    flagsEntry,
    flags,
  };
}

export function crossOptionFindings(file: NovaConfFile, ctx: NovaContext, t: Translate<NovaMessageKey>): Finding[] {
  const release = ctx.settings.novaRelease;
  const table = novaOptions();
  const s = readCpuSettings(file, release);
  const out: Finding[] = [];
  const add = (e: Omit<Finding, 'message'> & { key: NovaMessageKey; args?: (string | number)[]; extra?: string }): void => {
    const message = t(e.key, ...(e.args ?? [])) + (e.extra ? ' ' + e.extra : '');
    out.push({ code: e.code, severity: e.severity, start: e.start, end: e.end, message, ...(e.data ? { data: e.data } : {}) });
  };
  const atStartup = !table.before(release, 'train');
  const skipCompare = parseBoolean(lastEntry(file, 'workarounds', 'skip_cpu_compare_at_startup')?.value ?? '') === true;
  const outcome = t(atStartup && !skipCompare ? 'outcome.start' : 'outcome.spawn');
  const modeText = s.cpuMode === undefined ? t('rule.unset') : `\`${s.cpuMode}\``;
  const kvmLike = s.virtType === 'kvm' || s.virtType === 'qemu';

  // B1: an explicit mode needs kvm/qemu.
  if (s.cpuModeEntry && s.cpuMode && s.cpuMode !== 'none' && s.virtType !== '' && !kvmLike) {
    add({
      code: 'nova-cpu-mode-virt-type', severity: 'error', start: s.cpuModeEntry.valueStart, end: s.cpuModeEntry.valueEnd,
      key: 'rule.modeVirtType', args: [s.virtType, s.cpuMode, t(atStartup ? 'outcome.start' : 'outcome.spawn')],
    });
  }
  // B2: models only with custom.
  if (s.modelsEntry && s.models.length > 0 && s.cpuMode !== null && s.cpuMode !== 'custom') {
    add({
      code: 'nova-cpu-models-without-custom', severity: 'error', start: s.modelsEntry.keyStart, end: s.modelsEntry.keyEnd,
      key: 'rule.modelsWithoutCustom', args: [s.modelsEntry.key, modeText, t(atStartup ? 'outcome.start' : 'outcome.spawn')],
      data: { kind: 'cpu', setCustom: true },
    });
  }
  // B3: custom needs models.
  if (s.cpuModeEntry && s.cpuMode === 'custom' && s.models.length === 0) {
    add({
      code: 'nova-custom-without-models', severity: 'error', start: s.cpuModeEntry.valueStart, end: s.cpuModeEntry.valueEnd,
      key: 'rule.customWithoutModels', args: [s.modelsKey, t(atStartup ? 'outcome.start' : 'outcome.spawn')],
      data: { kind: 'cpu' },
    });
  }
  const arch = archCatalogOf(ctx);
  const hostArch = hostArchOf(ctx);
  // B4a: model names, case-insensitively, on x86/ppc hosts (every arch in train).
  const checkNames = arch && (release === 'train' || MODEL_CHECK_ARCHES.includes(hostArch) || !atStartup);
  const resolved: { item: ListItem; name: string }[] = [];
  for (const item of s.models) {
    if (item.text === '') continue;
    const model = arch?.modelIgnoreCase(item.text);
    if (model) {
      resolved.push({ item, name: model.name });
      continue;
    }
    if (!checkNames || !arch) continue;
    const sugg = nearest(item.text, arch.modelNames());
    add({
      code: 'nova-unknown-cpu-model', severity: 'error', start: item.start, end: item.end,
      key: 'rule.unknownModel', args: [item.text, hostArch, outcome],
      extra: sugg.length ? t('key.didYouMean', sugg[0]) : undefined,
      data: sugg.length ? { kind: 'replace', candidates: sugg } : undefined,
    });
  }
  flagRules(s, ctx, t, add, resolved);
  machineTypeRules(file, t, add);
  startupPairs(file, s, release, add);
  hostRules(s, ctx, t, add, resolved);
  return out;
}

type Add = (e: Omit<Finding, 'message'> & { key: NovaMessageKey; args?: (string | number)[]; extra?: string }) => void;

function flagRules(s: CpuSettings, ctx: NovaContext, t: Translate<NovaMessageKey>, add: Add, resolved: { item: ListItem; name: string }[]): void {
  const table = novaOptions();
  const release = s.release;
  const beforeRocky = table.before(release, 'rocky');
  const signs = !table.before(release, 'wallaby');
  const arch = archCatalogOf(ctx);
  if (s.flagsEntry && s.flags.length > 0) {
    const kvmLike = s.virtType === 'kvm' || s.virtType === 'qemu';
    let ignored: string | undefined;
    if (beforeRocky && s.cpuMode !== 'custom') ignored = 'old';
    else if (kvmLike && s.cpuMode === 'none') ignored = '`cpu_mode=none`';
    else if (!kvmLike && s.virtType !== '' && (s.cpuMode === undefined || s.cpuMode === 'none')) ignored = `\`virt_type=${s.virtType}\``;
    if (ignored) {
      add({
        code: 'nova-extra-flags-ignored', severity: 'warning', start: s.flagsEntry.keyStart, end: s.flagsEntry.keyEnd,
        key: ignored === 'old' ? 'rule.flagsIgnoredOld' : 'rule.flagsIgnored', args: ignored === 'old' ? [] : [ignored],
      });
    }
  }
  const seen = new Map<string, ParsedFlag[]>();
  const budget = searchBudget();
  for (const f of s.flags) {
    if (f.sign !== '' && !signs) {
      add({ code: 'nova-extra-flag-sign', severity: 'error', start: f.item.start, end: f.item.end, key: 'rule.signBeforeWallaby', args: [f.item.text, release] });
      continue;
    }
    if (!beforeRocky && arch && f.name !== '' && !arch.feature(f.name)) {
      const sugg = nearest(f.name, arch.featureNames(), 3, budget);
      add({
        code: 'nova-unknown-cpu-feature', severity: 'error', start: f.item.start, end: f.item.end,
        key: 'rule.unknownFeature', args: [f.name, hostArchOf(ctx)],
        extra: sugg.length ? t('key.didYouMean', sugg[0]) : undefined,
        data: sugg.length ? { kind: 'replace', candidates: sugg.map((x) => (f.sign === '-' ? '-' : f.item.text.startsWith('+') ? '+' : '') + x) } : undefined,
      });
    }
    const list = seen.get(f.name) ?? [];
    list.push(f);
    seen.set(f.name, list);
  }
  if (signs) {
    for (const [name, list] of seen) {
      if (list.some((f) => f.sign === '-') && list.some((f) => f.sign !== '-')) {
        for (const f of list) add({ code: 'nova-extra-flag-conflict', severity: 'error', start: f.item.start, end: f.item.end, key: 'rule.flagConflict', args: [name] });
      }
    }
  }
  // F: vmx/svm against the vendor of the listed models (custom mode compares them at startup).
  if (s.cpuMode === 'custom' && arch) {
    for (const f of s.flags) {
      if (f.sign === '-' || (f.name !== 'vmx' && f.name !== 'svm')) continue;
      for (const m of resolved) {
        const vendor = arch.vendorOf(m.name);
        const own = virtFlagOfVendor(vendor);
        if (own && own !== f.name) {
          add({
            code: 'nova-virt-flag-vendor', severity: 'error', start: f.item.start, end: f.item.end,
            key: 'rule.vendorFlag', args: [f.name, f.name === 'vmx' ? 'Intel' : 'AMD', m.name, vendor ?? ''],
          });
          break;
        }
      }
    }
    // Nested: no model offers vmx/svm and no flag adds one.
    if (s.modelsEntry && resolved.length > 0 && resolved.length === s.models.filter((m) => m.text !== '').length) {
      const adds = s.flags.some((f) => f.sign !== '-' && (f.name === 'vmx' || f.name === 'svm'));
      const has = resolved.some((m) => arch.fullFeatures(m.name).has('vmx') || arch.fullFeatures(m.name).has('svm'));
      if (!adds && !has && arch.arch === 'x86') {
        const flag = virtFlagOfVendor(arch.vendorOf(resolved[0].name)) ?? 'vmx';
        add({ code: 'nova-no-nested-flag', severity: 'information', start: s.modelsEntry.keyStart, end: s.modelsEntry.keyEnd, key: 'rule.noNestedFlag', args: [flag] });
      }
    }
  }
}

function machineTypeRules(file: NovaConfFile, t: Translate<NovaMessageKey>, add: Add): void {
  const entry = lastEntry(file, 'libvirt', 'hw_machine_type');
  if (!entry) return;
  for (const item of splitList(entry)) {
    if (item.text === '') continue;
    const eq = item.text.indexOf('=');
    if (eq < 0 || item.text.slice(eq + 1).trim() === '') {
      add({ code: 'nova-machine-type-item', severity: 'warning', start: item.start, end: item.end, key: 'rule.machineTypeItem', args: [item.text] });
      continue;
    }
    const archText = item.text.slice(0, eq).trim();
    if ((NOVA_ARCHES as readonly string[]).includes(archText)) continue;
    const hint = ARCH_HINTS[archText.toLowerCase()];
    const sugg = hint ? [hint] : nearest(archText, NOVA_ARCHES);
    const archStart = item.start + item.text.indexOf(archText);
    add({
      code: 'nova-machine-type-arch', severity: 'warning', start: archStart, end: archStart + archText.length,
      key: 'rule.machineTypeArch', args: [archText], extra: sugg.length ? t('key.didYouMean', sugg[0]) : undefined,
      data: sugg.length ? { kind: 'replace', candidates: sugg } : undefined,
    });
  }
}

function startupPairs(file: NovaConfFile, s: CpuSettings, release: string, add: Add): void {
  const table = novaOptions();
  const bool = (group: string, key: string): { value: boolean | undefined; entry?: NovaEntry } => {
    const entry = lastEntry(file, group, key);
    return { value: entry ? parseBoolean(entry.value) : undefined, entry };
  };
  const has = (key: string): boolean => table.get(key, release) !== undefined;
  const tunnelled = bool('libvirt', 'live_migration_tunnelled');
  const tls = bool('libvirt', 'live_migration_with_native_tls');
  if (has('live_migration_with_native_tls') && tunnelled.value === true && tls.value === true && tunnelled.entry) {
    add({ code: 'nova-tunnelled-with-tls', severity: 'error', start: tunnelled.entry.valueStart, end: tunnelled.entry.valueEnd, key: 'rule.tunnelledTls' });
  }
  const swtpm = bool('libvirt', 'swtpm_enabled');
  if (has('swtpm_enabled') && swtpm.value === true && swtpm.entry && s.virtType !== '' && s.virtType !== 'kvm' && s.virtType !== 'qemu') {
    add({ code: 'nova-swtpm-virt-type', severity: 'error', start: swtpm.entry.valueStart, end: swtpm.entry.valueEnd, key: 'rule.swtpmVirtType', args: [s.virtType] });
  }
  const images = lastEntry(file, 'libvirt', 'images_type');
  if (images?.value === 'rbd' && bool('DEFAULT', 'force_raw_images').value === false) {
    add({ code: 'nova-rbd-force-raw', severity: 'error', start: images.valueStart, end: images.valueEnd, key: 'rule.rbdForceRaw' });
  }
  const enforce = bool('libvirt', 'volume_enforce_multipath');
  if (has('volume_enforce_multipath') && enforce.value === true && enforce.entry) {
    const use = bool('libvirt', 'volume_use_multipath').entry ? bool('libvirt', 'volume_use_multipath') : bool('libvirt', 'iscsi_use_multipath');
    if (use.value !== true) {
      add({ code: 'nova-multipath-enforce', severity: 'error', start: enforce.entry.valueStart, end: enforce.entry.valueEnd, key: 'rule.multipath' });
    }
  }
  if (s.virtType === 'lxc' && s.virtTypeEntry && (!lastEntry(file, 'libvirt', 'uid_maps') || !lastEntry(file, 'libvirt', 'gid_maps'))) {
    add({ code: 'nova-lxc-id-maps', severity: 'warning', start: s.virtTypeEntry.valueStart, end: s.virtTypeEntry.valueEnd, key: 'rule.lxcIdMaps' });
  }
  const power = bool('libvirt', 'cpu_power_management');
  if (has('cpu_power_management') && power.value === true && power.entry && !lastEntry(file, 'compute', 'cpu_dedicated_set')) {
    add({ code: 'nova-power-management-no-dedicated', severity: 'warning', start: power.entry.valueStart, end: power.entry.valueEnd, key: 'rule.powerNoDedicated' });
  }
}

function hostRules(s: CpuSettings, ctx: NovaContext, t: Translate<NovaMessageKey>, add: Add, resolved: { item: ListItem; name: string }[]): void {
  const host = ctx.host;
  if (!host) return;
  const models = host.libvirt?.models ?? [];
  for (const m of resolved) {
    const hm = models.find((x) => x.name.toLowerCase() === m.name.toLowerCase());
    if (hm?.usable !== 'no') continue;
    add({
      code: 'nova-host-model-unusable', severity: 'error', start: m.item.start, end: m.item.end,
      key: 'host.modelUnusable', args: [m.item.text, host.host],
      extra: hm.blockers.length ? t('host.blockers', hm.blockers.join(', ')) : undefined,
      data: { kind: 'cpu' },
    });
  }
  const hostFlag = virtFlagOfVendor(host.cpu.vendor) ?? (host.cpu.vmx ? 'vmx' : host.cpu.svm ? 'svm' : undefined);
  for (const f of s.flags) {
    if (f.sign === '-' || (f.name !== 'vmx' && f.name !== 'svm') || !hostFlag || hostFlag === f.name) continue;
    add({
      code: 'nova-host-virt-flag-vendor', severity: 'error', start: f.item.start, end: f.item.end,
      key: 'host.vendorFlag', args: [host.host, host.cpu.vendor ?? (hostFlag === 'vmx' ? 'Intel' : 'AMD'), hostFlag, f.name],
      data: { kind: 'replace', candidates: [f.item.text.replace(f.name === 'vmx' ? /vmx/i : /svm/i, hostFlag)] },
    });
  }
  if (host.nested.enabled !== false) return;
  const kvmLike = s.virtType === 'kvm';
  const wantsFlag = s.flags.find((f) => f.sign !== '-' && (f.name === 'vmx' || f.name === 'svm'));
  const passMode = kvmLike && (s.cpuMode === 'host-passthrough' || s.cpuMode === 'host-model');
  const where = wantsFlag ? wantsFlag.item : passMode && s.cpuModeEntry ? { start: s.cpuModeEntry.valueStart, end: s.cpuModeEntry.valueEnd } : undefined;
  if (!where) return;
  const flag = wantsFlag?.name ?? hostFlag ?? 'vmx';
  add({
    code: 'nova-host-nested-off', severity: 'warning', start: where.start, end: where.end,
    key: 'host.nestedOff', args: [host.host, `${host.nested.module ?? 'kvm'} nested=N`, flag],
  });
}
