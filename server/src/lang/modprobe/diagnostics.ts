/**
 * Findings for modprobe.d files and kernel command lines. Severity rule:
 *  - error: the kernel refuses to load the module — a value the parameter's type
 *    rejects (`options kvm_amd nested=y`: nested is an int), or `install kvm_* /bin/false`
 *    (modprobe never loads it, so there is no KVM at all);
 *  - warning: it runs, but not as the writer meant — an `options` line for a module
 *    that does not exist (`options amd nested=1`: kmod keeps options for a module that
 *    is never loaded; nothing fails, nested simply stays at its default, which is why
 *    this is a warning and not an error), an unknown parameter (ignored with a kernel
 *    warning), a value overridden by a later line or file, `blacklist` of a kvm module,
 *    a line for the other vendor's module on the selected host;
 *  - information: advice — nested=0, kvm_intel and kvm_amd set differently, a reload
 *    pending on the selected host; hint: the built-in note on command lines.
 */
import type { HostFacts } from '../../../../shared/src/hostFacts';
import { nearest } from '../../core/util/nearest';
import type { Translate } from '../../core/l10n';
import { effectiveOrder, type CmdlineFile, type GrubAssignment } from './cmdline';
import type { ModprobeContext, ModprobeFinding } from './context';
import { acceptsValue, kvmModule, kvmParam, meantKvmModule, onOff, valueCandidates, valueFor, vendorModule } from './modules';
import { modprobeT, type ModprobeMessageKey } from './messages';
import { COMMANDS, type Directive, type ModprobeFile, type Word } from './parser';
import { LineIndex } from '../../core/lines';

/** One `module.param[=value]`, from an `options` line or a command line. */
export interface Setting {
  readonly start: number;
  readonly end: number;
  readonly moduleName: string;
  readonly name: Word;
  readonly key: string;
  readonly value?: Word;
  readonly valueText?: string;
}

type T = Translate<ModprobeMessageKey>;

interface Acc {
  readonly t: T;
  readonly out: ModprobeFinding[];
  readonly prefix: 'modprobe' | 'cmdline';
  readonly host?: HostFacts | null;
}

function add(a: Acc, code: string, severity: ModprobeFinding['severity'], w: { start: number; end: number }, message: string, data?: ModprobeFinding['data']): void {
  a.out.push({ code: `${a.prefix}-${code}`, severity, start: w.start, end: w.end, message, ...(data ? { data } : {}) });
}

/** Parameter, value and host checks of one setting of a kvm module. */
function checkSetting(a: Acc, s: Setting): void {
  const { t } = a;
  const mod = kvmModule(s.moduleName);
  if (!mod) return;
  const p = kvmParam(s.moduleName, s.key);
  if (!p) {
    const near = nearest(s.key, mod.params.map((x) => x.name), 3);
    const msg = t('param.unknown', mod.name, s.name.text) + (near.length ? ' ' + t('param.didYouMean', near[0]) : '');
    add(a, 'unknown-param', 'warning', s.name, msg, near.length ? { kind: 'replace', candidates: near } : undefined);
    return;
  }
  if (!acceptsValue(p, s.valueText)) {
    const candidates = valueCandidates(p, s.valueText);
    if (s.value === undefined) add(a, 'missing-value', 'error', s.name, t('value.missing', mod.name, p.name, p.type));
    else add(a, 'bad-value', 'error', s.value.end > s.value.start ? s.value : s.name, t('value.bad', s.valueText ?? '', p.type, mod.name, p.name), { kind: 'replace', candidates });
    return;
  }
  if (p.name === 'nested' && onOff(p, s.valueText) === false) {
    add(a, 'nested-off', 'information', s.value ?? s.name, t('nested.off', mod.name, p.default), s.value ? { kind: 'replace', candidates: [valueFor(p, true)] } : undefined);
  }
}

/** The vendor module of the selected host, when the host says. */
function hostVendorModule(host: HostFacts | null | undefined): string | undefined {
  return host ? vendorModule(host.cpu.vendor, host.cpu.vmx, host.cpu.svm) : undefined;
}

function otherVendor(a: Acc, module: string, w: { start: number; end: number }): void {
  const mine = hostVendorModule(a.host);
  if (!a.host || !mine || (module !== 'kvm_intel' && module !== 'kvm_amd') || module === mine) return;
  add(a, 'other-vendor', 'warning', w, a.t('otherVendor', a.host.host, a.host.cpu.vendor ?? (a.host.cpu.svm ? 'AMD' : 'Intel'), mine, module));
}

/**
 * Cross-setting checks over the settings in the order the kernel applies them:
 * earlier values of the same parameter are overridden, kvm_intel vs kvm_amd nested,
 * and the live value of the selected host.
 */
function checkOrder(a: Acc, ordered: readonly Setting[], lines: LineIndex): void {
  const last = new Map<string, Setting>();
  for (const s of ordered) if (kvmModule(s.moduleName)) last.set(`${s.moduleName}.${s.key}`, s);
  for (const s of ordered) {
    const w = last.get(`${s.moduleName}.${s.key}`);
    if (w && w !== s) add(a, 'overridden', 'warning', s.name, a.t('overridden', s.moduleName, s.key, lines.lineNumber(w.start)));
  }
  const nested = (m: string): { s: Setting; on: boolean } | undefined => {
    const s = last.get(`${m}.nested`);
    const p = kvmParam(m, 'nested');
    const on = s && p && acceptsValue(p, s.valueText) ? onOff(p, s.valueText) : undefined;
    return s && on !== undefined ? { s, on } : undefined;
  };
  const intel = nested('kvm_intel');
  const amd = nested('kvm_amd');
  if (intel && amd && intel.on !== amd.on) {
    const later = intel.s.start > amd.s.start ? intel.s : amd.s;
    add(a, 'vendors-differ', 'information', later.name, a.t('vendorsDiffer', intel.s.valueText ?? 'Y', amd.s.valueText ?? 'Y'));
  }
  const live = a.host?.nested;
  for (const n of [intel, amd]) {
    if (!n || !a.host || live?.module !== n.s.moduleName || live.enabled === null || live.enabled === n.on) continue;
    add(a, 'reload-pending', 'information', n.s.value ?? n.s.name, a.t('reloadPending', a.host.host, live.module, live.enabled ? 'Y' : 'N', n.s.valueText ?? 'Y'));
  }
}

const ARGS_NEEDED: Record<string, { min: number; key: ModprobeMessageKey }> = {
  options: { min: 2, key: 'args.moduleAndOptions' },
  install: { min: 2, key: 'args.moduleAndCommand' },
  remove: { min: 2, key: 'args.moduleAndCommand' },
  alias: { min: 2, key: 'args.alias' },
  blacklist: { min: 1, key: 'args.module' },
  softdep: { min: 1, key: 'args.module' },
  weakdep: { min: 1, key: 'args.module' },
};

const NEVER_LOADS = /^(?:\/usr)?(?:\/s?bin\/)?(?:false|true)(?:\s|;|$)|^exit\s+\d+\s*$|^:\s*$/;

function checkDirective(a: Acc, d: Directive): void {
  const { t } = a;
  if (!d.command) {
    add(a, 'bad-line', 'warning', d.keyword, t('badLine', d.keyword.text, COMMANDS.join(', ')));
    return;
  }
  const need = ARGS_NEEDED[d.command];
  if (d.args.length < need.min) {
    add(a, 'missing-args', 'warning', d.keyword, t('missingArgs', d.command, t(need.key)));
    return;
  }
  const m = d.module;
  if (!m || !d.moduleName) return;
  const meant = meantKvmModule(d.moduleName);
  if (meant) {
    const key = d.command === 'options' ? 'module.unknownOptions' : 'module.unknownOther';
    add(a, 'unknown-module', 'warning', m, t(key, m.text, meant), { kind: 'replace', candidates: [meant] });
    return;
  }
  if (!kvmModule(d.moduleName) && !d.moduleName.startsWith('kvm')) return;
  // kvm itself is loaded as a dependency of the vendor module, which blacklist never stops.
  if (d.command === 'blacklist' && kvmModule(d.moduleName) && d.moduleName !== 'kvm') add(a, 'blacklist-kvm', 'warning', m, t('blacklist.kvm', d.moduleName), { kind: 'remove-line' });
  if (d.command === 'install' && d.shell && NEVER_LOADS.test(d.shell.text.trim())) add(a, 'install-never', 'error', d.shell, t('install.never', d.moduleName, d.shell.text), { kind: 'remove-line' });
  if (d.command === 'options' && d.hashAt !== undefined && kvmModule(d.moduleName)) {
    const hash = d.params.find((p) => p.start === d.hashAt);
    if (hash) add(a, 'inline-comment', 'warning', { start: hash.start, end: d.end }, t('inlineHash', hash.name.text));
  }
  if (d.command === 'options' || d.command === 'blacklist' || d.command === 'install') otherVendor(a, d.moduleName, m);
}

export function modprobeFindings(file: ModprobeFile, ctx: ModprobeContext): ModprobeFinding[] {
  const a: Acc = { t: modprobeT(ctx.locale), out: [], prefix: 'modprobe', host: ctx.host };
  for (const c of file.swallowing) add(a, 'comment-continues', 'warning', c, a.t('commentContinues'));
  const settings: Setting[] = [];
  for (const d of file.directives) {
    checkDirective(a, d);
    if (d.command !== 'options' || !d.moduleName || !kvmModule(d.moduleName)) continue;
    for (const p of d.params) {
      if (d.hashAt !== undefined && p.start >= d.hashAt) break;
      const s: Setting = { ...p, moduleName: d.moduleName };
      settings.push(s);
      checkSetting(a, s);
    }
  }
  checkOrder(a, settings, new LineIndex(file.text));
  return a.out;
}

export function cmdlineFindings(file: CmdlineFile, ctx: ModprobeContext): ModprobeFinding[] {
  const a: Acc = { t: modprobeT(ctx.locale), out: [], prefix: 'cmdline', host: ctx.host };
  const lines = new LineIndex(file.text);
  let noted = false;
  for (const p of file.params) {
    const meant = meantKvmModule(p.moduleName);
    if (meant) {
      add(a, 'unknown-module', 'warning', p.module, a.t('module.unknownCmdline', p.module.text, meant), { kind: 'replace', candidates: [meant] });
      continue;
    }
    if (!kvmModule(p.moduleName)) continue;
    checkSetting(a, p);
    otherVendor(a, p.moduleName, p.module);
    // Once per file: the note is about the place, not about each parameter.
    if (!noted) add(a, 'builtin-note', 'hint', p.module, a.t('cmdline.builtin', p.moduleName));
    noted = true;
  }
  const ordered = effectiveOrder(file);
  const live = new Set(ordered.map((p) => p.assignment));
  const withKvm = new Set(file.params.filter((p) => kvmModule(p.moduleName)).map((p) => p.assignment));
  // From the end: the next assignment of the same variable that does not extend it replaces this one.
  const replacer = new Map<string, GrubAssignment>();
  for (let i = file.assignments.length - 1; i >= 0; i--) {
    const asg = file.assignments[i];
    const later = replacer.get(asg.source);
    if (later && !live.has(asg.index) && withKvm.has(asg.index)) add(a, 'replaced', 'warning', asg.variable, a.t('cmdline.replaced', asg.source, lines.lineNumber(later.variable.start)));
    if (!asg.extendsSelf) replacer.set(asg.source, asg);
  }
  checkOrder(a, ordered, lines);
  return a.out;
}

