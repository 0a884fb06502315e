/**
 * nova.conf rules that need the probed host selected in the editor: models the host
 * cannot run (with the closest usable one), the other vendor's virtualization flag,
 * virt_type=kvm on a host without KVM, host-passthrough on a VM host without nested,
 * and nested off on the host.
 */
import type { HostFacts } from '../../../../shared/src/hostFacts';
import type { Translate } from '../../core/l10n';
import { usableReplacements } from '../cpumap/usable';
import { archCatalogOf, type FixData, type NovaContext } from './context';
import type { NovaMessageKey } from './messages';
import type { NovaEntry } from './parser';
import { virtFlagOfVendor, type Add, type CpuSettings } from './cpuSettings';
import type { ListItem } from './values';

/** Replace an unusable model with the closest one the host can run, when there is one. */
function usableData(ctx: NovaContext, host: HostFacts, model: string): FixData {
  const arch = archCatalogOf(ctx);
  const real = arch?.model(model) ? model : arch?.modelNames().find((n) => n.toLowerCase() === model.toLowerCase());
  const candidates = arch && real ? usableReplacements(arch, host, real) : [];
  return candidates.length ? { kind: 'replace', candidates, preferred: false } : { kind: 'cpu' };
}

export function hostRules(s: CpuSettings, ctx: NovaContext, t: Translate<NovaMessageKey>, add: Add, resolved: { item: ListItem; name: string }[]): void {
  const host = ctx.host;
  if (!host) return;
  const models = host.libvirt?.models ?? [];
  for (const m of resolved) {
    const hm = models.find((x) => x.name.toLowerCase() === m.name.toLowerCase());
    if (hm?.usable !== 'no') continue;
    add({
      code: 'nova-host-model-unusable', severity: 'error', start: m.item.start, end: m.item.end, at: s.modelsEntry as NovaEntry,
      key: 'host.modelUnusable', args: [m.item.text, host.host],
      extra: hm.blockers.length ? t('host.blockers', hm.blockers.join(', ')) : undefined,
      data: usableData(ctx, host, m.name),
    });
  }
  const hostFlag = virtFlagOfVendor(host.cpu.vendor) ?? (host.cpu.vmx ? 'vmx' : host.cpu.svm ? 'svm' : undefined);
  for (const f of s.flags) {
    if (f.sign === '-' || (f.name !== 'vmx' && f.name !== 'svm') || !hostFlag || hostFlag === f.name) continue;
    add({
      code: 'nova-host-virt-flag-vendor', severity: 'error', start: f.item.start, end: f.item.end, at: s.flagsEntry as NovaEntry,
      key: 'host.vendorFlag', args: [host.host, host.cpu.vendor ?? (hostFlag === 'vmx' ? 'Intel' : 'AMD'), hostFlag, f.name],
      data: { kind: 'replace', candidates: [f.item.text.replace(f.name === 'vmx' ? /vmx/i : /svm/i, hostFlag)] },
    });
  }
  const noKvm = !host.cpu.vmx && !host.cpu.svm;
  const passMode = s.virtType === 'kvm' && (s.cpuMode === 'host-passthrough' || s.cpuMode === 'host-model');
  if (noKvm && s.virtType === 'kvm') {
    const at = s.virtTypeEntry ?? s.cpuModeEntry;
    if (at) add({ code: 'nova-host-no-kvm', severity: 'warning', start: at.valueStart, end: at.valueEnd, at, key: 'host.noKvm', args: [host.host] });
    return;
  }
  // A host that is itself a VM: without nested on it, host-passthrough hands its guests a CPU with no usable vmx/svm.
  if (host.cpu.hypervisor && passMode && host.nested.enabled !== true && s.cpuModeEntry) {
    add({
      code: 'nova-host-vm-no-nested', severity: 'warning', start: s.cpuModeEntry.valueStart, end: s.cpuModeEntry.valueEnd, at: s.cpuModeEntry,
      key: 'host.vmNoNested', args: [host.host, `${host.nested.module ?? 'kvm'} nested=${host.nested.enabled === null ? '?' : 'N'}`],
    });
    return;
  }
  if (host.nested.enabled !== false) return;
  const wantsFlag = s.flags.find((f) => f.sign !== '-' && (f.name === 'vmx' || f.name === 'svm'));
  const where = wantsFlag ? wantsFlag.item : passMode && s.cpuModeEntry ? { start: s.cpuModeEntry.valueStart, end: s.cpuModeEntry.valueEnd } : undefined;
  const at = wantsFlag ? s.flagsEntry : s.cpuModeEntry;
  if (!where || !at) return;
  const flag = wantsFlag?.name ?? hostFlag ?? 'vmx';
  add({
    code: 'nova-host-nested-off', severity: 'warning', start: where.start, end: where.end, at,
    key: 'host.nestedOff', args: [host.host, `${host.nested.module ?? 'kvm'} nested=N`, flag],
  });
}
