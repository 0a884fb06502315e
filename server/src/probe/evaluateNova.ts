/**
 * The nova.conf checks of the probe: the host's nova.conf `[libvirt]` read with
 * the editor's parser and rules, plus whether nova-compute started before the
 * file last changed.
 */
import { parseNovaConf, type NovaConfFile, type NovaEntry } from '../lang/nova/index';
import { readCpuSettings } from '../lang/nova/rules';
import { toHostFacts } from './facts';
import type { Locale } from '../core/l10n/index';
import { statusTracker, type Ctx, type NovaCheckContext } from './checkContext';
import { novaStackView, stackRuleFindings, stackSourceLines } from './novaStack';
import { COVERED_BY_PROBE, novaRuleDiagnostics } from './novaRules';
import { NovaView } from '../lang/nova/stack';

/** A flag's name as nova reads it: lower case, without its `+`/`-` signs. */
function parseFlagText(text: string): string {
  return text.replace(/^[+-]+/, '').toLowerCase();
}

/** The nova.conf checks, with the release, host arch and cpu_map of `nova`. */
export function checkNova(c: Ctx, nova: NovaCheckContext, locale: Locale): void {
  const { f, t } = c;
  const n = f.nova;
  // The stack nova-compute reads (kolla merged file, --config-file/--config-dir, defaults):
  // used instead of the one nova.conf when it is more than that file.
  const stackView = novaStackView(f.novaStack);
  const inStack = stackView !== undefined && f.novaStack !== undefined && !(stackView.members.length === 1 && stackView.members[0].path === n.path);
  if (inStack) {
    checkNovaSettings(c, nova, locale, stackView.members[stackView.members.length - 1].file.text, stackView);
    return;
  }
  if (n.denied) {
    c.add('probe-nova-conf', 'NOTE', [t('nova.denied', n.path)]);
    return;
  }
  if (!n.present || n.text === undefined) {
    c.add('probe-nova-conf', 'SKIP', [t('nova.absent', n.path)]);
    return;
  }
  let file: NovaConfFile;
  try {
    file = parseNovaConf(n.text);
  } catch {
    c.add('probe-nova-conf', 'WARN', [t('out.badVersion')]);
    return;
  }
  checkNovaSettings(c, nova, locale, n.text, NovaView.single(file, n.path));
}

/** The CPU settings check on a view: the host's nova.conf, or the stack nova-compute reads. */
function checkNovaSettings(c: Ctx, nova: NovaCheckContext, locale: Locale, text: string, view: NovaView): void {
  const { f, t } = c;
  const stack = view.isStack || view.members[0].path !== f.nova.path ? f.novaStack : undefined;
  const at = (e: NovaEntry): string => view.where(e);
  // The same reading as the editor's rules: nova's precedence, case-sensitive choices, signed flags.
  const cpu = readCpuSettings(view, nova.release);
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
  if (stack) d.push(...stackSourceLines(stack, view, cpu, locale));
  const fix: string[] = [];
  const ev: string[] = [];
  const st = statusTracker();
  const { worse } = st, flag = c.flag;
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
      if (extraEntry) ev.push(at(extraEntry));
      fix.push(t('nova.fixExtra', withFlag(other)));
    }
    if (disabled.includes(flag) && mode !== null && mode !== 'none') {
      d.push(t('nova.flagDisabled', flag));
      worse('WARN');
      if (extraEntry) ev.push(at(extraEntry));
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
  if (mode === 'custom' && models.length && modelsEntry) checkModels(c, view, modelsEntry, models, { d, fix, ev, worse });
  let extraDiags: { where: string; code: string; message: string; severity: string }[];
  try {
    // A stack is checked merged, one file alone; both with the editor's rules.
    extraDiags = stack
      ? stackRuleFindings(view, toHostFacts(f), nova, locale, COVERED_BY_PROBE)
      : novaRuleDiagnostics(text, f.nova.path, toHostFacts(f), nova, locale).map((x) => ({ ...x, where: `${f.nova.path}:${x.line}` }));
  } catch {
    extraDiags = [];
  }
  for (const diag of extraDiags) {
    const colon = diag.where.lastIndexOf(':');
    d.push(t('nova.diag', diag.where.slice(0, colon), diag.where.slice(colon + 1), `${diag.code}: ${diag.message}`));
    ev.push(diag.where);
    worse(diag.severity === 'error' ? 'FAIL' : diag.severity === 'warning' ? 'WARN' : 'NOTE');
  }
  if (st.status === 'PASS' && d.length === 1) d.push(t('nova.noConfig'));
  c.add('probe-nova-conf', st.status, d, [...new Set(fix)], ev);

  checkRestart(c);
}

/** Whether nova-compute started after nova.conf last changed. */
function checkRestart(c: Ctx): void {
  const { f, t } = c;
  const n = f.nova;
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

/** cpu_models that libvirt says this host cannot run. */
function checkModels(
  c: Ctx, view: NovaView, modelsEntry: NovaEntry, models: readonly string[],
  out: { d: string[]; fix: string[]; ev: string[]; worse: (s: 'NOTE' | 'WARN' | 'FAIL') => void },
): void {
  const { f, t } = c;
  const { d, fix, ev, worse } = out;
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
        d.push(t('nova.modelUnusable', view.pathOf(modelsEntry), view.lineOf(view.memberOf(modelsEntry), modelsEntry.keyStart), m, hm.blockers.length ? t('nova.blockers', hm.blockers.join(', ')) : ''));
      }
    }
    if (bad.length) {
      worse('FAIL');
      ev.push(view.where(modelsEntry));
      const usable = lv.models.filter((x) => x.usable === 'yes').map((x) => x.name);
      fix.push(t('nova.fixModels', view.pathOf(modelsEntry), usable.slice(-3).join(', ') || '-'));
    }
  }
}
