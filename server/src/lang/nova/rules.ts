/**
 * Cross-option rules: what nova-compute checks at startup or when it builds a
 * guest, per release (vendor/nova/nova-libvirt-options.md, "Nova runtime CPU
 * rules" A–H), plus the host-aware checks when a probed host is selected.
 */
import type { Translate } from '../../core/l10n';
import { nearest, searchBudget } from '../../core/util/nearest';
import { archCatalogOf, hostArchOf, type NovaStackFinding as Finding, type NovaContext } from './context';
import { hostRules } from './hostRules';
import { parseFlag, virtFlagOfVendor, type Add, type CpuSettings, type ParsedFlag } from './cpuSettings';

export { parseFlag, type CpuSettings } from './cpuSettings';
import type { NovaMessageKey } from './messages';
import { novaOptions } from './options';
import type { NovaConfFile, NovaEntry } from './parser';
import { NovaView } from './stack';
import { involvedSuffix } from './stackInfo';
import type { OptionSpec } from './optionTypes';
import { checkValue, hasInterpolation, parseBoolean, splitList, type ListItem } from './values';

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



/** A single file is a stack of one. */
export function viewOf(src: NovaConfFile | NovaView): NovaView {
  return src instanceof NovaView ? src : NovaView.single(src);
}

export function readCpuSettings(src: NovaConfFile | NovaView, release: string): CpuSettings {
  const view = viewOf(src);
  const table = novaOptions();
  const trainOrLater = !table.before(release, 'train');
  const last = (key: string): NovaEntry | undefined => {
    const e = view.last('libvirt', key);
    return e && view.resolved(e);
  };
  const virtTypeEntry = last('virt_type');
  const vtSpec = table.get('virt_type', release);
  let virtType = 'kvm';
  // A `$name` that cannot be resolved leaves the value unknown: '' / null, as an invalid one.
  const known = (e: NovaEntry, spec: OptionSpec | undefined): boolean => !!spec && !hasInterpolation(e.value) && checkValue(e, spec).length === 0;
  if (virtTypeEntry) virtType = known(virtTypeEntry, vtSpec) ? virtTypeEntry.value : '';
  const cpuModeEntry = last('cpu_mode');
  const modeSpec = table.get('cpu_mode', release);
  let cpuMode: string | undefined | null;
  if (cpuModeEntry) cpuMode = known(cpuModeEntry, modeSpec) ? cpuModeEntry.value : null;
  let modelsEntry: NovaEntry | undefined;
  let models: ListItem[] = [];
  if (trainOrLater) {
    // cpu_model is the deprecated name: the newest file wins, and within it the current name.
    const found = view.find('libvirt', ['cpu_models', 'cpu_model']);
    modelsEntry = found && view.resolved(found);
    models = modelsEntry ? splitList(modelsEntry) : [];
  } else {
    modelsEntry = last('cpu_model');
    if (modelsEntry && modelsEntry.value !== '') {
      models = [{ text: modelsEntry.value, start: modelsEntry.valueStart, end: modelsEntry.valueEnd }];
    }
  }
  const flagsEntry = last('cpu_model_extra_flags');
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

/**
 * The cross-option rules on a view (one file or a merged stack). Each finding sits in the
 * file that set the deciding value (`member`) and names the other files involved.
 */
export function crossOptionFindings(view: NovaView, ctx: NovaContext, t: Translate<NovaMessageKey>): Finding[] {
  const release = ctx.settings.novaRelease;
  const table = novaOptions();
  const s = readCpuSettings(view, release);
  const out: Finding[] = [];
  const add: Add = (e) => {
    let { start, end, at, data } = e;
    let rel = e.rel ?? [];
    // In a stack the verdict sits where the newest value of the combination was set.
    const later = rel.reduce<NovaEntry>((best, r) => (r && view.memberOf(r) > view.memberOf(best) ? r : best), at);
    if (later !== at) {
      rel = [at, ...rel.filter((r) => r !== later)];
      ({ valueStart: start, valueEnd: end } = later);
      at = later;
      if (data?.kind === 'replace') data = undefined;
    }
    const member = view.memberOf(at);
    let message = t(e.key, ...(e.args ?? [])) + (e.extra ? ' ' + e.extra : '');
    if (view.isStack) message += involvedSuffix(view, member, rel, ctx.locale);
    out.push({ code: e.code, severity: e.severity, start, end, message, member, ...(data ? { data } : {}) });
  };
  const atStartup = !table.before(release, 'train');
  const skipEntry = view.last('workarounds', 'skip_cpu_compare_at_startup');
  const skipCompare = parseBoolean(skipEntry ? view.resolved(skipEntry).value : '') === true;
  const outcome = t(atStartup && !skipCompare ? 'outcome.start' : 'outcome.spawn');
  const modeText = s.cpuMode === undefined ? t('rule.unset') : `"${s.cpuMode}"`;
  const kvmLike = s.virtType === 'kvm' || s.virtType === 'qemu';

  // B1: an explicit mode needs kvm/qemu.
  if (s.cpuModeEntry && s.cpuMode && s.cpuMode !== 'none' && s.virtType !== '' && !kvmLike) {
    add({
      code: 'nova-cpu-mode-virt-type', severity: 'error', start: s.cpuModeEntry.valueStart, end: s.cpuModeEntry.valueEnd,
      at: s.cpuModeEntry, rel: [s.virtTypeEntry], key: 'rule.modeVirtType', args: [s.virtType, s.cpuMode, t(atStartup ? 'outcome.start' : 'outcome.spawn')],
    });
  }
  // B2: models only with custom.
  if (s.modelsEntry && s.models.length > 0 && s.cpuMode !== null && s.cpuMode !== 'custom') {
    add({
      code: 'nova-cpu-models-without-custom', severity: 'error', start: s.modelsEntry.keyStart, end: s.modelsEntry.keyEnd,
      at: s.modelsEntry, rel: [s.cpuModeEntry], key: 'rule.modelsWithoutCustom', args: [s.modelsEntry.key, modeText, t(atStartup ? 'outcome.start' : 'outcome.spawn')],
      data: { kind: 'cpu', setCustom: true },
    });
  }
  // B3: custom needs models.
  if (s.cpuModeEntry && s.cpuMode === 'custom' && s.models.length === 0) {
    add({
      code: 'nova-custom-without-models', severity: 'error', start: s.cpuModeEntry.valueStart, end: s.cpuModeEntry.valueEnd,
      at: s.cpuModeEntry, rel: [s.flagsEntry], key: 'rule.customWithoutModels', args: [s.modelsKey, t(atStartup ? 'outcome.start' : 'outcome.spawn')],
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
      code: 'nova-unknown-cpu-model', severity: 'error', start: item.start, end: item.end, at: s.modelsEntry as NovaEntry,
      key: 'rule.unknownModel', args: [item.text, hostArch, outcome],
      extra: sugg.length ? t('key.didYouMean', sugg[0]) : undefined,
      data: sugg.length ? { kind: 'replace', candidates: sugg } : undefined,
    });
  }
  flagRules(s, ctx, t, add, resolved);
  machineTypeRules(view, t, add);
  startupPairs(view, s, release, add);
  hostRules(s, ctx, t, add, resolved);
  return out;
}


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
    else if (!kvmLike && s.virtType !== '' && (s.cpuMode === undefined || s.cpuMode === 'none')) ignored = `"virt_type=${s.virtType}"`;
    if (ignored) {
      add({
        code: 'nova-extra-flags-ignored', severity: 'warning', start: s.flagsEntry.keyStart, end: s.flagsEntry.keyEnd,
        at: s.flagsEntry, rel: [s.cpuModeEntry, s.virtTypeEntry],
        key: ignored === 'old' ? 'rule.flagsIgnoredOld' : 'rule.flagsIgnored', args: ignored === 'old' ? [] : [ignored],
      });
    }
  }
  const seen = new Map<string, ParsedFlag[]>();
  const fe = s.flagsEntry as NovaEntry; // flags come from it
  const budget = searchBudget();
  for (const f of s.flags) {
    if (f.sign !== '' && !signs) {
      add({ code: 'nova-extra-flag-sign', severity: 'error', start: f.item.start, end: f.item.end, at: fe, key: 'rule.signBeforeWallaby', args: [f.item.text, release] });
      continue;
    }
    if (!beforeRocky && arch && f.name !== '' && !arch.feature(f.name)) {
      const sugg = nearest(f.name, arch.featureNames(), 3, budget);
      add({
        code: 'nova-unknown-cpu-feature', severity: 'error', start: f.item.start, end: f.item.end, at: fe,
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
        for (const f of list) add({ code: 'nova-extra-flag-conflict', severity: 'error', start: f.item.start, end: f.item.end, at: fe, key: 'rule.flagConflict', args: [name] });
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
            code: 'nova-virt-flag-vendor', severity: 'error', start: f.item.start, end: f.item.end, at: fe, rel: [s.modelsEntry],
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
        add({ code: 'nova-no-nested-flag', severity: 'information', start: s.modelsEntry.keyStart, end: s.modelsEntry.keyEnd, at: s.modelsEntry, rel: [s.flagsEntry], key: 'rule.noNestedFlag', args: [flag] });
      }
    }
  }
}

function machineTypeRules(view: NovaView, t: Translate<NovaMessageKey>, add: Add): void {
  const found = view.last('libvirt', 'hw_machine_type');
  if (!found) return;
  const entry = view.resolved(found);
  for (const item of splitList(entry)) {
    if (item.text === '') continue;
    const eq = item.text.indexOf('=');
    if (eq < 0 || item.text.slice(eq + 1).trim() === '') {
      add({ code: 'nova-machine-type-item', severity: 'warning', start: item.start, end: item.end, at: entry, key: 'rule.machineTypeItem', args: [item.text] });
      continue;
    }
    const archText = item.text.slice(0, eq).trim();
    if ((NOVA_ARCHES as readonly string[]).includes(archText)) continue;
    const hint = ARCH_HINTS[archText.toLowerCase()];
    const sugg = hint ? [hint] : nearest(archText, NOVA_ARCHES);
    const archStart = item.start + item.text.indexOf(archText);
    add({
      code: 'nova-machine-type-arch', severity: 'warning', start: archStart, end: archStart + archText.length, at: entry,
      key: 'rule.machineTypeArch', args: [archText], extra: sugg.length ? t('key.didYouMean', sugg[0]) : undefined,
      data: sugg.length ? { kind: 'replace', candidates: sugg } : undefined,
    });
  }
}

function startupPairs(view: NovaView, s: CpuSettings, release: string, add: Add): void {
  const table = novaOptions();
  const get = (group: string, key: string): NovaEntry | undefined => {
    const e = view.last(group, key);
    return e && view.resolved(e);
  };
  const bool = (group: string, key: string): { value: boolean | undefined; entry?: NovaEntry } => {
    const entry = get(group, key);
    return { value: entry ? parseBoolean(entry.value) : undefined, entry };
  };
  const has = (key: string): boolean => table.get(key, release) !== undefined;
  const tunnelled = bool('libvirt', 'live_migration_tunnelled');
  const tls = bool('libvirt', 'live_migration_with_native_tls');
  if (has('live_migration_with_native_tls') && tunnelled.value === true && tls.value === true && tunnelled.entry) {
    add({ code: 'nova-tunnelled-with-tls', severity: 'error', start: tunnelled.entry.valueStart, end: tunnelled.entry.valueEnd, at: tunnelled.entry, rel: [tls.entry], key: 'rule.tunnelledTls' });
  }
  const swtpm = bool('libvirt', 'swtpm_enabled');
  if (has('swtpm_enabled') && swtpm.value === true && swtpm.entry && s.virtType !== '' && s.virtType !== 'kvm' && s.virtType !== 'qemu') {
    add({ code: 'nova-swtpm-virt-type', severity: 'error', start: swtpm.entry.valueStart, end: swtpm.entry.valueEnd, at: swtpm.entry, rel: [s.virtTypeEntry], key: 'rule.swtpmVirtType', args: [s.virtType] });
  }
  const images = get('libvirt', 'images_type');
  const forceRaw = bool('DEFAULT', 'force_raw_images');
  if (images?.value === 'rbd' && forceRaw.value === false) {
    add({ code: 'nova-rbd-force-raw', severity: 'error', start: images.valueStart, end: images.valueEnd, at: images, rel: [forceRaw.entry], key: 'rule.rbdForceRaw' });
  }
  const enforce = bool('libvirt', 'volume_enforce_multipath');
  if (has('volume_enforce_multipath') && enforce.value === true && enforce.entry) {
    const use = bool('libvirt', 'volume_use_multipath').entry ? bool('libvirt', 'volume_use_multipath') : bool('libvirt', 'iscsi_use_multipath');
    if (use.value !== true) {
      add({ code: 'nova-multipath-enforce', severity: 'error', start: enforce.entry.valueStart, end: enforce.entry.valueEnd, at: enforce.entry, rel: [use.entry], key: 'rule.multipath' });
    }
  }
  if (s.virtType === 'lxc' && s.virtTypeEntry && (!get('libvirt', 'uid_maps') || !get('libvirt', 'gid_maps'))) {
    add({ code: 'nova-lxc-id-maps', severity: 'warning', start: s.virtTypeEntry.valueStart, end: s.virtTypeEntry.valueEnd, at: s.virtTypeEntry, key: 'rule.lxcIdMaps' });
  }
  const power = bool('libvirt', 'cpu_power_management');
  if (has('cpu_power_management') && power.value === true && power.entry && !get('compute', 'cpu_dedicated_set')) {
    add({ code: 'nova-power-management-no-dedicated', severity: 'warning', start: power.entry.valueStart, end: power.entry.valueEnd, at: power.entry, key: 'rule.powerNoDedicated' });
  }
}
