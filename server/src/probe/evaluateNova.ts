/**
 * The nova.conf checks of the probe: the host's nova.conf `[libvirt]` read with
 * the editor's parser and rules, plus whether nova-compute started before the
 * file last changed.
 */
import { LineIndex } from '../core/lines';
import { parseNovaConf, type NovaConfFile, type NovaEntry } from '../lang/nova/index';
import { readCpuSettings } from '../lang/nova/rules';
import { toHostFacts } from './facts';
import { statusTracker, type Ctx, type NovaCheckContext } from './checkContext';
import type { Locale } from '../core/l10n/index';
import { novaRuleDiagnostics, type NovaRuleDiagnostic } from './novaRules';

/** Evidence lines use the one offset → line conversion; one index per nova.conf text. */
let lastIndex: { text: string; lines: LineIndex } | undefined;
function lineOf(text: string, offset: number): number {
  if (lastIndex?.text !== text) lastIndex = { text, lines: new LineIndex(text) };
  return lastIndex.lines.lineNumber(offset);
}

/** A flag's name as nova reads it: lower case, without its `+`/`-` signs. */
function parseFlagText(text: string): string {
  return text.replace(/^[+-]+/, '').toLowerCase();
}

/** The nova.conf checks, with the release, host arch and cpu_map of `nova`. */
export function checkNova(c: Ctx, nova: NovaCheckContext, locale: Locale): void {
  const { f, t } = c;
  const n = f.nova;
  if (n.denied) {
    c.add('probe-nova-conf', 'NOTE', [t('nova.denied', n.path)]);
    return;
  }
  if (!n.present || n.text === undefined) {
    c.add('probe-nova-conf', 'SKIP', [t('nova.absent', n.path)]);
    return;
  }
  const text = n.text;
  let file: NovaConfFile;
  try {
    file = parseNovaConf(text);
  } catch {
    c.add('probe-nova-conf', 'WARN', [t('out.badVersion')]);
    return;
  }
  // The same reading as the editor's rules: nova's precedence, case-sensitive choices, signed flags.
  const cpu = readCpuSettings(file, nova.release);
  const virtType = cpu.virtType;
  const kvmLike = virtType === 'kvm' || virtType === 'qemu';
  const mode = cpu.cpuMode === undefined ? (kvmLike ? 'host-model' : 'none') : cpu.cpuMode;
  const modelsEntry = cpu.modelsEntry;
  const models = cpu.models.map((m) => m.text).filter(Boolean);
  const extraEntry = cpu.flagsEntry;
  const required = cpu.flags.filter((x) => x.sign !== '-').map((x) => x.name);
  const disabled = cpu.flags.filter((x) => x.sign === '-').map((x) => x.name);
  const extra = cpu.flags.map((x) => x.item.text);
  const unset = t('nova.unset');
  const raw = (e: NovaEntry | undefined): string => e?.value || unset;
  const d = [t('nova.settings', raw(cpu.virtTypeEntry), raw(cpu.cpuModeEntry), models.join(',') || unset, extra.join(',') || unset)];
  const fix: string[] = [];
  const ev: string[] = [];
  const st = statusTracker();
  const worse = st.worse;
  const flag = c.flag;
  const withFlag = (other: string): string => [...extra.filter((x) => parseFlagText(x) !== other && parseFlagText(x) !== flag), flag ?? ''].join(', ');
  if (virtType !== 'kvm') {
    if (virtType !== '') {
      d.push(t('nova.qemu', virtType));
      worse('WARN');
    }
  } else if (flag) {
    const other = flag === 'vmx' ? 'svm' : 'vmx';
    if (required.includes(other)) {
      d.push(t('nova.wrongVendorFlag', other, f.cpu.vendor ?? '?', flag));
      worse('FAIL');
      if (extraEntry) ev.push(`${n.path}:${lineOf(text, extraEntry.keyStart)}`);
      fix.push(t('nova.fixExtra', withFlag(other)));
    }
    if (disabled.includes(flag) && mode !== null && mode !== 'none') {
      d.push(t('nova.flagDisabled', flag));
      worse('WARN');
      if (extraEntry) ev.push(`${n.path}:${lineOf(text, extraEntry.keyStart)}`);
      fix.push(t('nova.fixExtra', withFlag(other)));
    } else if (mode === 'host-passthrough') {
      d.push(t('nova.passthrough', flag));
    } else if (mode === 'host-model') {
      const hm = f.libvirt.hostModel;
      if (required.includes(flag) || (hm && hm.features.includes(flag))) d.push(t('nova.hostModelOk', flag));
      else if (hm) {
        d.push(t('nova.hostModelLacks', flag));
        worse('WARN');
        fix.push(t('nova.fixExtra', withFlag(other)), '# or', t('nova.fixPassthrough'));
      }
    } else if (mode === 'custom') {
      if (!required.includes(flag)) {
        d.push(t('nova.customLacks', flag));
        worse('WARN');
        fix.push(t('nova.fixExtra', withFlag(other)));
      }
    }
  }
  if (mode === 'custom' && models.length && modelsEntry) {
    const lv = f.libvirt;
    if (lv.source !== 'domcapabilities') {
      d.push(t('nova.modelsUnknown'));
      worse('NOTE');
    } else {
      const bad: string[] = [];
      for (const m of models) {
        const hm = lv.models.find((x) => x.name.toLowerCase() === m.toLowerCase());
        if (hm && hm.usable === 'no') {
          bad.push(m);
          d.push(t('nova.modelUnusable', n.path, lineOf(text, modelsEntry.keyStart), m, hm.blockers.length ? t('nova.blockers', hm.blockers.join(', ')) : ''));
        }
      }
      if (bad.length) {
        worse('FAIL');
        ev.push(`${n.path}:${lineOf(text, modelsEntry.keyStart)}`);
        const usable = lv.models.filter((x) => x.usable === 'yes').map((x) => x.name);
        fix.push(t('nova.fixModels', n.path, usable.slice(-3).join(', ') || '-'));
      }
    }
  }
  let extraDiags: NovaRuleDiagnostic[];
  try {
    extraDiags = novaRuleDiagnostics(text, n.path, toHostFacts(f), nova, locale);
  } catch {
    extraDiags = [];
  }
  for (const diag of extraDiags) {
    d.push(t('nova.diag', n.path, diag.line, `${diag.code}: ${diag.message}`));
    ev.push(`${n.path}:${diag.line}`);
    worse(diag.severity === 'error' ? 'FAIL' : diag.severity === 'warning' ? 'WARN' : 'NOTE');
  }
  if (st.status === 'PASS' && d.length === 1) d.push(t('nova.noConfig'));
  c.add('probe-nova-conf', st.status, d, [...new Set(fix)], ev);

  // restart
  const nc = f.novaCompute;
  if (!nc) {
    c.add('probe-nova-restart', 'SKIP', [t('restart.noProc')]);
  } else if (nc.startEpoch === undefined || n.mtime === undefined) {
    c.add('probe-nova-restart', 'NOTE', [t('restart.noTimes')]);
  } else if (nc.startEpoch < n.mtime) {
    c.add('probe-nova-restart', 'WARN', [t('restart.stale', nc.pid, new Date(nc.startEpoch * 1000).toISOString(), n.path, new Date(n.mtime * 1000).toISOString())], [t('nova.fixRestart')]);
  } else {
    c.add('probe-nova-restart', 'PASS', [t('restart.ok', nc.pid, n.path)]);
  }
}
