/**
 * Checks over probe facts: PASS / WARN / FAIL / NOTE / SKIP, each with the
 * remediation for that host. Reports what is there: a host can have /dev/kvm
 * without vmx/svm in cpuinfo, which is described, not failed.
 */
import type { ProbeFacts } from '../../../shared/src/probeReport';
import { vendorModule } from './facts';
import { probeTranslator } from './messages';
import { analyseModprobe, isBuiltin, lineNested, type ModprobeAnalysis } from './modprobe';
import type { Check, CheckId, CheckStatus } from './types';
import { checkNova } from './evaluateNova';
import { defaultNovaContext } from './novaRules';
import { statusTracker, type Ctx, type EvaluateOptions } from './checkContext';
import { checkKernelLog } from './kernelLog';

export type { EvaluateOptions, NovaCheckContext } from './checkContext';

function kernelAtLeast(release: string | undefined, major: number, minor: number): boolean | undefined {
  const m = /^(\d+)\.(\d+)/.exec(release ?? '');
  if (!m) return undefined;
  const a = Number(m[1]), b = Number(m[2]);
  return a > major || (a === major && b >= minor);
}

/** Default of the `nested` parameter for a vendor module in this kernel. */
export function nestedDefault(module: string, release: string | undefined): boolean | undefined {
  if (module === 'kvm_amd') return true;
  if (module === 'kvm_intel') return kernelAtLeast(release, 4, 20);
  return undefined;
}

function moduleList(c: Ctx): string {
  const { f, t } = c;
  const names = new Set<string>([...f.modules.map((m) => m.name), ...f.loadedModules.filter((m) => m.startsWith('kvm'))]);
  if (!names.size) return t('mod.none');
  return [...names].map((n) => `${n} (${isBuiltin(f, n) ? t('mod.builtin') : t('mod.loaded')})`).join(', ');
}

function present(f: ProbeFacts, name: string): boolean {
  return f.modules.some((m) => m.name === name) || f.loadedModules.includes(name) || (f.builtinList ?? []).includes(name);
}

/** The fix for nested=off (or unknown) on the vendor module, for this host. */
export function nestedRemediation(c: Ctx, module: string): string[] {
  const { f, t } = c;
  if (isBuiltin(f, module)) return builtinRemediation(c, module);
  const lines = [t('fix.modprobeFile'), `options ${module} nested=1`, ''];
  lines.push(c.runningVms > 0 ? t('fix.reload', module, c.runningVms) : t('fix.reloadNone', module));
  lines.push(`modprobe -r ${module} && modprobe ${module}`, t('fix.check'), `cat /sys/module/${module}/parameters/nested`);
  return lines;
}

/** A built-in module takes its parameters from the kernel command line only: a reboot, never a reload. */
function builtinRemediation(c: Ctx, module: string): string[] {
  const { t } = c;
  const lines = [t('fix.builtin', module), `${module}.nested=1`];
  if (c.runningVms > 0) lines.push(t('fix.rebootVms', c.runningVms));
  return lines;
}

function checkOutput(c: Ctx): void {
  const { f, t } = c;
  const d: string[] = [];
  if (f.formatVersion !== 1) d.push(t('out.badVersion'));
  if (!f.complete) d.push(t('out.incomplete'));
  if (f.truncated) d.push(t('out.truncated'));
  if (d.length) c.add('probe-output', 'WARN', d);
}

function checkCpu(c: Ctx): void {
  const { f, t } = c;
  const cpu = f.cpu;
  if (!cpu.flagsSeen) {
    c.add('probe-cpu-virt', 'SKIP', [t('cpu.noFlags', f.kernel.arch ?? '?')]);
    return;
  }
  const guest = cpu.hypervisor ? [t('cpu.isGuest')] : [];
  if (cpu.vmx || cpu.svm) {
    c.add('probe-cpu-virt', 'PASS', [t('cpu.has', cpu.vendor === 'other' ? cpu.vendorId ?? '?' : cpu.vendor ?? '?', cpu.modelName ?? '?', cpu.vmx ? 'vmx' : 'svm'), ...guest]);
    return;
  }
  if (f.devKvm.exists) {
    c.add('probe-cpu-virt', 'WARN', [t('cpu.kvmWithout', moduleList(c)), ...guest], cpu.hypervisor ? [t('cpu.fixGuest')] : []);
    return;
  }
  c.add('probe-cpu-virt', 'FAIL', [t('cpu.none'), ...guest], [cpu.hypervisor ? t('cpu.fixGuest') : t('cpu.fixFirmware')]);
}

function checkModules(c: Ctx): void {
  const { f, t, vm } = c;
  const d = [t('mod.list', moduleList(c))];
  const kvmLike = f.modules.length > 0 || f.loadedModules.some((m) => m.startsWith('kvm'));
  if (vm && present(f, vm)) {
    c.add('probe-kvm-module', 'PASS', d);
  } else if (kvmLike) {
    const others = f.modules.map((m) => m.name).filter((n) => n !== 'kvm');
    if (vm && !f.cpu.vmx && !f.cpu.svm && others.length) d.push(t('mod.unusual', others.join(', ')));
    else if (vm) d.push(t('mod.vendorMissing', vm, f.cpu.vendor ?? '?'));
    const fix = vm && (f.cpu.vmx || f.cpu.svm) ? [t('mod.fixLoad', vm), `modprobe ${vm} nested=1`] : [];
    c.add('probe-kvm-module', vm && (f.cpu.vmx || f.cpu.svm) ? 'FAIL' : 'NOTE', d, fix);
  } else {
    d.push(t('mod.noKvm'));
    const fix = guestWithoutVirt(f) ? [t('dev.fixMissingVm', vm ?? 'kvm_intel / kvm_amd')] : vm ? [`modprobe ${vm} nested=1`] : [];
    c.add('probe-kvm-module', f.devKvm.exists ? 'NOTE' : 'FAIL', d, fix);
  }
}

/** The host is itself a VM and its CPU shows neither vmx nor svm: nested is off on the outer hypervisor. */
function guestWithoutVirt(f: ProbeFacts): boolean {
  return f.cpu.hypervisor && !f.cpu.vmx && !f.cpu.svm;
}

function checkDevKvm(c: Ctx): void {
  const { f, t, vm } = c;
  const k = f.devKvm;
  if (!k.exists) {
    // A VM host without vmx/svm cannot load its kvm module at all: the fix is on the outer hypervisor.
    const fix = guestWithoutVirt(f) ? t('dev.fixMissingVm', vm ?? 'kvm_intel / kvm_amd') : t('dev.fixMissing', vm ?? 'kvm_intel / kvm_amd');
    c.add('probe-dev-kvm', 'FAIL', [t('dev.missing')], [fix]);
    return;
  }
  const user = f.user.name ?? String(f.user.uid ?? '?');
  if (k.readable && k.writable) {
    c.add('probe-dev-kvm', 'PASS', [t('dev.ok', k.mode ?? '?', k.owner ?? '?', k.group ?? '?', user)]);
  } else {
    c.add('probe-dev-kvm', 'NOTE', [t('dev.noAccess', k.mode ?? '?', k.owner ?? '?', k.group ?? '?', user)], k.group && k.group !== 'root' ? [t('dev.fixAccess', user, k.group)] : []);
  }
}

function cmdlineText(f: ProbeFacts): string | undefined {
  return f.kernel.kvmParams.length ? f.kernel.kvmParams.map((p) => p.token).join(' ') : undefined;
}

/** Returns whether nested is usable now: true, false or null (cannot tell). */
function checkNested(c: Ctx): boolean | null {
  const { f, t, vm } = c;
  const mod = (vm && f.modules.find((m) => m.name === vm)) || f.modules.find((m) => m.hasNested);
  const cl = cmdlineText(f);
  const extra = cl ? [t('nested.cmdline', cl)] : [];
  if (mod && mod.hasNested) {
    if (mod.nestedRaw === undefined) {
      c.add('probe-nested', 'WARN', [t('nested.unreadable', mod.name, `/sys/module/${mod.name}/parameters/nested`), ...extra]);
      return null;
    }
    if (mod.nested === true) {
      c.add('probe-nested', 'PASS', [t('nested.on', mod.name, mod.nestedRaw), ...extra]);
      return true;
    }
    c.add('probe-nested', 'FAIL', [t('nested.off', mod.name, mod.nestedRaw), ...extra], nestedRemediation(c, mod.name));
    return false;
  }
  if (vm && (f.cpu.vmx || f.cpu.svm)) {
    c.add('probe-nested', 'FAIL', [t('nested.notLoaded', vm), ...extra], [t('mod.fixLoad', vm), `modprobe ${vm} nested=1`, ...nestedRemediation(c, vm).slice(0, 2)]);
    return false;
  }
  if (f.modules.length || f.devKvm.exists) {
    const names = f.modules.map((m) => m.name).join(', ') || t('mod.none');
    const provider = f.modules.map((m) => m.name).filter((n) => n !== 'kvm').join(', ') || 'kvm';
    c.add('probe-nested', 'NOTE', [t('nested.noParam', names, provider), ...extra]);
    return null;
  }
  c.add('probe-nested', vm ? 'FAIL' : 'SKIP', [vm ? t('nested.notLoaded', vm) : t('nested.unknownVendor'), ...extra], vm ? [`modprobe ${vm} nested=1`] : []);
  return vm ? false : null;
}

/** A modprobe.d line that kmod reads turns nested on for the module. */
function effectiveOn(a: ModprobeAnalysis, module: string): boolean {
  const l = a.effectiveNested.get(module);
  return l !== undefined && lineNested(l) === true;
}

function checkPersistAndModprobe(c: Ctx, nowOn: boolean | null): void {
  const { f, t, vm } = c;
  const a = analyseModprobe(f, vm);
  // modprobe.d lines
  const ev: string[] = [];
  const d: string[] = [];
  const fix: string[] = [];
  const st = statusTracker();
  const worse = st.worse;
  for (const v of a.verdicts) {
    const l = v.line;
    let why: string;
    switch (v.kind) {
      case 'effective': why = t('mp.effective'); break;
      case 'overridden': why = t('mp.overridden', v.by?.file ?? '?', v.by?.line ?? '?'); worse('NOTE'); break;
      case 'shadowed': why = t('mp.shadowed', v.shadowedBy ?? '?'); worse('NOTE'); break;
      case 'legacy-file':
        why = t('mp.legacyFile');
        if (vm && l.module === vm && v.nested !== undefined && !effectiveOn(a, vm)) {
          worse('WARN');
          fix.push(t('mp.fixMove', l.file, l.line), `options ${vm} nested=1`);
        } else worse('NOTE');
        break;
      case 'no-module':
        why = t('mp.noModule', l.moduleWritten ?? '', v.suggestion ?? 'kvm_intel');
        worse('WARN');
        fix.push(t('mp.fixReplace', l.file, l.line, l.text), l.text.replace(/^(\s*\S+\s+)\S+/, `$1${v.suggestion ?? 'kvm_intel'}`));
        break;
      case 'other-vendor': why = t('mp.otherVendor', f.cpu.vendor ?? '?', l.module ?? ''); worse('NOTE'); break;
      case 'builtin': why = t('mp.builtin', l.module ?? ''); worse('WARN'); break;
      case 'blacklist':
      case 'install':
        why = t(v.kind === 'blacklist' ? 'mp.blacklist' : 'mp.install', l.module ?? '');
        if (l.module === vm || l.module === 'kvm') { worse('WARN'); fix.push(t('mp.fixRemove', l.file, l.line, l.text)); } else worse('NOTE');
        break;
      default: why = t('mp.notNested');
    }
    d.push(`${l.file}:${l.line}: ${l.text} — ${why}`);
    ev.push(`${l.file}:${l.line}`);
  }
  for (const p of a.deniedFiles) { d.push(t('mp.denied', p)); worse('NOTE'); }
  if (!a.verdicts.length && !a.deniedFiles.length) c.add('probe-modprobe', 'NOTE', [t('mp.none')]);
  else c.add('probe-modprobe', st.status, d, fix, ev);

  // persistence
  if (!vm || !(present(f, vm) || f.cpu.vmx || f.cpu.svm)) {
    c.add('probe-nested-persist', 'SKIP', [t('persist.na')]);
    return;
  }
  const pd: string[] = [];
  let value: boolean | null | undefined;
  const builtin = isBuiltin(f, vm);
  const cmd = [...f.kernel.kvmParams].reverse().find((p) => p.module === vm && p.param === 'nested');
  const line = builtin ? undefined : a.effectiveNested.get(vm);
  let evidence: string[] = [];
  if (builtin) pd.push(t('persist.builtinIgnored', vm));
  if (line) {
    value = lineNested(line);
    pd.push(t('persist.line', line.file, line.line, vm, line.params.find((p) => p.name.replace(/-/g, '_') === 'nested')?.value ?? '1'));
    evidence = [`${line.file}:${line.line}`];
    if (cmd) pd.push(t('persist.cmdline', vm, cmd.value ?? '1'));
  } else if (cmd) {
    value = cmd.value === undefined ? true : (cmd.value === '' ? null : ['y', '1', 'yes', 'on', 'true'].includes(cmd.value.toLowerCase()));
    pd.push(t('persist.cmdline', vm, cmd.value ?? '1'));
  } else if (f.modules.find((m) => m.name === vm)?.nested != null) {
    // Loaded with no setting anywhere: what it shows now is this kernel's default.
    const m = f.modules.find((x) => x.name === vm);
    value = m?.nested ?? null;
    pd.push(t('persist.loadedDefault', vm, m?.nestedRaw ?? '?'));
  } else {
    value = nestedDefault(vm, f.kernel.release);
    if (value === undefined) pd.push(t('persist.defaultUnknown', vm, f.kernel.release ?? '?'));
    else pd.push(t('persist.default', f.kernel.release ?? '?', vm, value ? '1' : '0'));
  }
  if (value === true) {
    c.add('probe-nested-persist', 'PASS', pd, [], evidence);
  } else {
    if (value === false) pd.push(t('persist.offAfterReboot'));
    const rem = builtin ? builtinRemediation(c, vm) : [t('fix.modprobeFile'), `options ${vm} nested=1`];
    c.add('probe-nested-persist', value === false ? (nowOn === true ? 'WARN' : 'FAIL') : 'WARN', pd, rem, evidence);
  }
}

function checkVms(c: Ctx): void {
  const { f, t } = c;
  if (c.runningVms === 0) {
    c.add('probe-running-vms', 'PASS', [t('vms.none')]);
    return;
  }
  const dom = f.libvirt.runningDomains;
  const builtin = c.vm !== undefined && isBuiltin(f, c.vm);
  c.add('probe-running-vms', 'NOTE', [t(builtin ? 'vms.someBuiltin' : 'vms.some', c.runningVms, f.qemuProcesses, dom === undefined ? t('vms.unknown') : dom, c.vm ?? '')]);
}

function checkKernel(c: Ctx): void {
  const { f, t } = c;
  const d = [t('kernel.release', f.kernel.release ?? '?', f.kernel.arch ?? '?')];
  if (c.vm === 'kvm_intel' && kernelAtLeast(f.kernel.release, 4, 20) === false) d.push(t('kernel.intelOld'));
  const cl = cmdlineText(f);
  if (cl) d.push(t('kernel.params', cl));
  c.add('probe-kernel', 'NOTE', d);
}

function checkLibvirt(c: Ctx): void {
  const { f, t } = c;
  const lv = f.libvirt;
  if (!lv.virsh) {
    c.add('probe-libvirt', 'SKIP', [t('lv.missing')]);
    c.add('probe-libvirt-cpu', 'SKIP', [t('lv.missing')]);
    return;
  }
  if (lv.connectError) {
    c.add('probe-libvirt', 'WARN', [t('lv.connect', lv.connectError)], [t('lv.fixConnect')]);
  } else {
    c.add('probe-libvirt', 'PASS', [t('lv.version', lv.version ?? '?', lv.hypervisor ?? '?')]);
  }
  const user = f.user.name ?? '?';
  const d: string[] = [t('lvcpu.source', lv.source)];
  if (lv.source === 'domcapabilities') {
    let status: CheckStatus = 'PASS';
    const fix: string[] = [];
    if (lv.hostModel) {
      d.push(t('lvcpu.hostModel', lv.hostModel.name, lv.hostModel.vendor ?? '?'));
      if (c.flag) {
        if (lv.hostModel.features.includes(c.flag)) d.push(t('lvcpu.hostModelHas', c.flag));
        else {
          d.push(t('lvcpu.hostModelLacks', c.flag));
          if (f.cpu[c.flag]) {
            status = 'WARN';
            fix.push(t('lvcpu.fixHostModel', c.flag));
          } else {
            status = 'NOTE';
          }
        }
      }
    }
    const usable = lv.models.filter((m) => m.usable === 'yes').map((m) => m.name);
    d.push(t('lvcpu.usable', usable.length, lv.models.length, usable.join(', ') || '-'));
    c.add('probe-libvirt-cpu', status, d, fix);
    return;
  }
  if (lv.connectError) {
    c.add('probe-libvirt-cpu', 'SKIP', [t('lvcpu.none')]);
    return;
  }
  d.push(lv.domcapsDenied ? t('lvcpu.denied', user, lv.domcapsError ?? '?') : t('lvcpu.failed', lv.domcapsError ?? '?'));
  if (lv.hostCpu) d.push(t('lvcpu.hostCpu', lv.hostCpu.model ?? '?', lv.hostCpu.vendor ?? '?', lv.knownModels.length));
  c.add('probe-libvirt-cpu', 'NOTE', d, lv.domcapsDenied ? [t('lvcpu.fixDenied', user)] : []);
}

export function evaluate(f: ProbeFacts, opts: EvaluateOptions = {}): Check[] {
  const t = probeTranslator(opts.locale ?? 'en');
  const checks: Check[] = [];
  const vm = vendorModule(f.cpu.vendor);
  const runningVms = Math.max(f.qemuProcesses, f.libvirt.runningDomains ?? 0);
  const c: Ctx = {
    f, t, vm, runningVms,
    flag: vm === 'kvm_intel' ? 'vmx' : vm === 'kvm_amd' ? 'svm' : undefined,
    add: (id, status, details, remediation = [], evidence) =>
      checks.push({ id, status, title: t(`title.${id}`), details, remediation, ...(evidence && evidence.length ? { evidence } : {}) }),
  };
  checkOutput(c);
  checkCpu(c);
  checkModules(c);
  checkDevKvm(c);
  const now = checkNested(c);
  checkPersistAndModprobe(c, now);
  checkVms(c);
  checkKernel(c);
  checkKernelLog(c, opts.locale ?? 'en');
  checkLibvirt(c);
  checkNova(c, opts.nova ?? defaultNovaContext(), opts.locale ?? 'en');
  return checks;
}

/** FAIL checks that mean nested virtualization cannot be used on the host now. */
export const BLOCKING: readonly CheckId[] = ['probe-cpu-virt', 'probe-kvm-module', 'probe-dev-kvm', 'probe-nested', 'probe-kernel-log'];
