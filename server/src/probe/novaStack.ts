/**
 * The nova-compute stack the probe script read (section `novastack`): where the list
 * came from and each file in oslo.config's order, with its text when readable.
 */
import { DEFAULT_SERVER_SETTINGS, HOST_ARCHES, type HostArch } from '../../../shared/src/settings';
import type { HostFacts } from '../../../shared/src/hostFacts';
import type { Locale } from '../core/l10n/index';
import { novaViewFindings } from '../lang/nova/diagnostics';
import { parseNovaConf, type NovaEntry } from '../lang/nova/parser';
import type { CpuSettings } from '../lang/nova/rules';
import { NovaView } from '../lang/nova/stack';
import { stackT } from '../lang/nova/stackmessages';
import { toEvidence } from '../edge/evidence';
import type { NovaCheckContext } from './checkContext';
import { type RawProbe } from './parse';

import type { NovaStackFacts, NovaStackSource } from '../../../shared/src/probeReport';

const SOURCES: readonly NovaStackSource[] = ['kolla', 'cmdline', 'defaults'];

export function readNovaStack(raw: RawProbe): NovaStackFacts | undefined {
  const sec = raw.sections.get('novastack');
  if (!sec) return undefined;
  let source: NovaStackSource = 'defaults';
  const files: { path: string; present: boolean; denied: boolean; lines: string[] }[] = [];
  const missingDirs: string[] = [];
  let cur: (typeof files)[number] | undefined;
  for (const e of sec.events) {
    if ('d' in e) {
      cur?.lines.push(e.d);
      continue;
    }
    if (e.h === 'source' && (SOURCES as readonly string[]).includes(e.v)) source = e.v as NovaStackSource;
    else if (e.h === 'file' && e.v.startsWith('/')) {
      cur = { path: e.v, present: true, denied: false, lines: [] };
      files.push(cur);
    } else if (e.h === 'absent' && cur) cur.present = false;
    else if (e.h === 'denied' && cur) {
      cur.present = false;
      cur.denied = true;
    } else if (e.h === 'nodir') missingDirs.push(e.v);
  }
  return {
    source,
    files: files.map((f) => ({ path: f.path, present: f.present, denied: f.denied, ...(f.present ? { text: f.lines.join('\n') } : {}) })),
    missingDirs,
  };
}

/** The stack as a view of the readable files (labels are the host paths), or undefined when none. */
export function novaStackView(stack: NovaStackFacts | undefined): NovaView | undefined {
  const files = stack?.files.filter((x) => x.present && x.text !== undefined) ?? [];
  if (files.length === 0) return undefined;
  return new NovaView(files.map((x) => ({ path: x.path, label: x.path, file: parseNovaConf(x.text ?? '') })));
}

/** Detail lines: which files, from where, and the file each CPU setting comes from. */
export function stackSourceLines(stack: NovaStackFacts, view: NovaView, cpu: CpuSettings, locale: Locale): string[] {
  const t = stackT(locale);
  const source = t(stack.source === 'kolla' ? 'stack.sourceKolla' : stack.source === 'cmdline' ? 'stack.sourceCmdline' : 'stack.sourceDefaults');
  const lines = [t('stack.probeSource', view.members.length, source, view.members.map((m) => m.path).join(', '))];
  for (const f of stack.files) if (f.denied) lines.push(t('stack.probeUnreadable', f.path));
  const set = (e: NovaEntry | undefined): void => {
    if (e) lines.push(t('stack.probeSetting', e.key, e.value.replace(/\n/g, ' '), view.where(e)));
  };
  set(cpu.virtTypeEntry);
  set(cpu.cpuModeEntry);
  set(cpu.modelsEntry);
  set(cpu.flagsEntry);
  return lines;
}

/** The editor's rules on the merged stack (the same ones `nested-virt lint` runs). */
/** The editor's rules on the merged stack, with the probe's release, host arch and cpu_map; the host's arch wins. */
export function stackRuleFindings(
  view: NovaView, host: HostFacts, nova: NovaCheckContext, locale: Locale, skip: ReadonlySet<string>,
): { where: string; code: string; message: string; severity: string }[] {
  const arch = host.arch && (HOST_ARCHES as readonly string[]).includes(host.arch) ? (host.arch as HostArch) : nova.hostArch;
  const ctx = { settings: { ...DEFAULT_SERVER_SETTINGS, hostArch: arch, novaRelease: nova.release }, catalog: nova.catalog, locale, host };
  return novaViewFindings(view, ctx)
    .filter((f) => !skip.has(f.code) && f.code !== 'nova-overridden')
    .sort((a, b) => a.member - b.member || a.start - b.start)
    .map((f) => toEvidence(view.labelOf(f.member), f, (o) => view.lineOf(f.member, o)));
}
