/**
 * Turns parsed probe output into typed facts. Everything here is derived from
 * untrusted text, so every field is optional or defaulted and nothing throws.
 */
import { XMLParser } from 'fast-xml-parser';
import type { HostCpuModel, HostFacts, Usable } from '../../../shared/src/hostFacts';
import { dataLines, exitCode, header, type RawProbe } from './parse';

export type CpuVendor = 'Intel' | 'AMD' | 'Hygon' | 'Zhaoxin' | 'other';

export interface KvmModule {
  readonly name: string;
  /** `live` for a loaded module, `builtin` for one compiled into the kernel. */
  readonly state: string;
  readonly builtin: boolean;
  /** The `nested` parameter exists in /sys/module/NAME/parameters. */
  readonly hasNested: boolean;
  /** The raw value, e.g. `Y`, `N`, `1`, `0`. */
  readonly nestedRaw?: string;
  /** Normalised; null when absent, unreadable or not Y/N/1/0. */
  readonly nested: boolean | null;
}

export interface CmdlineParam {
  readonly token: string;
  /** Module, with `-` normalised to `_`, when the token is `module.param=value`. */
  readonly module?: string;
  readonly param?: string;
  readonly value?: string;
}

export interface ModprobeLine {
  /** e.g. /etc/modprobe.d/dist.conf */
  readonly file: string;
  readonly line: number;
  readonly text: string;
  /** options, install, blacklist, softdep, remove, alias. */
  readonly command: string;
  /** Module name as written, and normalised (`-` → `_`). */
  readonly moduleWritten?: string;
  readonly module?: string;
  readonly params: readonly { readonly name: string; readonly value?: string }[];
}

export interface ModprobeFile {
  readonly path: string;
  readonly dir: string;
  readonly base: string;
  readonly denied: boolean;
  readonly lines: readonly ModprobeLine[];
}

export interface LibvirtFacts {
  readonly virsh: boolean;
  readonly version?: string;
  readonly hypervisor?: string;
  /** Error text when virsh could not connect even read-only. */
  readonly connectError?: string;
  readonly source: 'domcapabilities' | 'capabilities' | 'none';
  /** Why domcapabilities failed, e.g. read-only access forbidden. */
  readonly domcapsError?: string;
  readonly domcapsDenied: boolean;
  readonly hostModel?: { readonly name: string; readonly vendor?: string; readonly features: readonly string[]; readonly disabled: readonly string[] };
  readonly hostPassthrough?: boolean;
  readonly models: readonly HostCpuModel[];
  /** From `cpu-models ARCH` when domcapabilities was not available. */
  readonly knownModels: readonly string[];
  /** From `capabilities`: the host CPU model and features. */
  readonly hostCpu?: { readonly model?: string; readonly vendor?: string; readonly features: readonly string[] };
  /** Running domains, from `list --state-running`. */
  readonly runningDomains?: number;
}

export interface ProbeFacts {
  readonly host: string;
  readonly probedAt: string;
  readonly complete: boolean;
  readonly truncated: boolean;
  readonly formatVersion?: number;
  readonly kernel: { readonly release?: string; readonly arch?: string; readonly hostname?: string; readonly cmdline?: string; readonly kvmParams: readonly CmdlineParam[] };
  readonly user: { readonly uid?: number; readonly name?: string; readonly groups: readonly string[] };
  readonly cpu: { readonly vendorId?: string; readonly vendor?: CpuVendor; readonly modelName?: string; readonly flagsSeen: boolean; readonly vmx: boolean; readonly svm: boolean; readonly hypervisor: boolean };
  readonly modules: readonly KvmModule[];
  /** kvm module names listed in modules.builtin; null when the file was absent. */
  readonly builtinList: readonly string[] | null;
  /** kvm module names available on disk (modules.dep); null when absent. */
  readonly availableModules: readonly string[] | null;
  /** /proc/modules was readable. */
  readonly procModules: boolean;
  readonly loadedModules: readonly string[];
  readonly devKvm: { readonly exists: boolean; readonly type?: 'char' | 'other'; readonly mode?: string; readonly owner?: string; readonly group?: string; readonly readable: boolean; readonly writable: boolean };
  readonly modprobe: { readonly files: readonly ModprobeFile[]; readonly libLink?: string };
  readonly qemuProcesses: number;
  readonly novaCompute?: { readonly pid: number; readonly startEpoch?: number };
  readonly libvirt: LibvirtFacts;
  readonly nova: { readonly path: string; readonly present: boolean; readonly denied: boolean; readonly text?: string; readonly mtime?: number };
  readonly remoteNow?: number;
}

export const normModule = (m: string): string => m.replace(/-/g, '_');

export function normaliseBool(v: string | undefined): boolean | null {
  if (v === undefined) return null;
  const t = v.trim().toLowerCase();
  if (t === 'y' || t === '1' || t === 'yes' || t === 'on' || t === 'true') return true;
  if (t === 'n' || t === '0' || t === 'no' || t === 'off' || t === 'false') return false;
  return null;
}

export function vendorFromId(id: string | undefined): CpuVendor | undefined {
  if (!id) return undefined;
  const t = id.trim();
  if (t === 'GenuineIntel') return 'Intel';
  if (t === 'AuthenticAMD') return 'AMD';
  if (t === 'HygonGenuine') return 'Hygon';
  if (t === 'CentaurHauls' || t.includes('Shanghai')) return 'Zhaoxin';
  return 'other';
}

function cpuinfo(raw: RawProbe): ProbeFacts['cpu'] {
  const fields = new Map<string, string>();
  for (const l of dataLines(raw, 'cpuinfo')) {
    const i = l.indexOf(':');
    if (i < 0) continue;
    const k = l.slice(0, i).trim().toLowerCase();
    if (!fields.has(k)) fields.set(k, l.slice(i + 1).trim());
  }
  const flagsText = fields.get('flags') ?? fields.get('features');
  const flags = new Set((flagsText ?? '').split(/\s+/).filter(Boolean));
  const vendorId = fields.get('vendor_id');
  return {
    vendorId,
    vendor: vendorFromId(vendorId),
    modelName: fields.get('model name'),
    flagsSeen: flagsText !== undefined,
    vmx: flags.has('vmx'),
    svm: flags.has('svm'),
    hypervisor: flags.has('hypervisor'),
  };
}

export function kvmCmdlineParams(cmdline: string): CmdlineParam[] {
  const out: CmdlineParam[] = [];
  // Stop at `--`: what follows goes to init.
  for (const token of cmdline.split(/\s+/)) {
    if (token === '--') break;
    if (!token || !/kvm|nested|vmx|svm/i.test(token)) continue;
    const m = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)(?:=(.*))?$/.exec(token);
    if (m) out.push({ token, module: normModule(m[1]), param: m[2], value: m[3] });
    else out.push({ token });
    if (out.length >= 64) break;
  }
  return out;
}

function moduleNameFromPath(p: string): string | undefined {
  const base = p.trim().split('/').pop() ?? '';
  const m = /^([A-Za-z0-9_-]+)\.ko(\.[a-z]+)?$/.exec(base);
  return m ? normModule(m[1]) : undefined;
}

export function parseModprobeLine(file: string, line: number, text: string): ModprobeLine | undefined {
  const t = text.trim();
  if (t === '' || t.startsWith('#')) return undefined;
  const words = t.split(/\s+/);
  const command = words[0].toLowerCase();
  if (!['options', 'install', 'blacklist', 'softdep', 'remove', 'alias'].includes(command)) {
    return { file, line, text: t, command, params: [] };
  }
  const written = command === 'alias' ? words[2] : words[1];
  const params: { name: string; value?: string }[] = [];
  if (command === 'options') {
    for (const w of words.slice(2)) {
      if (w.startsWith('#')) break;
      const eq = w.indexOf('=');
      params.push(eq < 0 ? { name: w } : { name: w.slice(0, eq), value: w.slice(eq + 1).replace(/^"(.*)"$/, '$1') });
    }
  }
  return { file, line, text: t, command, moduleWritten: written, module: written ? normModule(written) : undefined, params };
}

function modprobe(raw: RawProbe): ProbeFacts['modprobe'] {
  const s = raw.sections.get('modprobe');
  const files: { path: string; dir: string; base: string; denied: boolean; lines: ModprobeLine[] }[] = [];
  let libLink: string | undefined;
  if (s) {
    let cur: (typeof files)[number] | undefined;
    for (const e of s.events) {
      if ('h' in e) {
        if (e.h === 'file' && /^\/[A-Za-z0-9._/+-]{1,300}$/.test(e.v) && files.length < 500) {
          const i = e.v.lastIndexOf('/');
          cur = { path: e.v, dir: e.v.slice(0, i), base: e.v.slice(i + 1), denied: false, lines: [] };
          files.push(cur);
        } else if (e.h === 'denied' && cur) {
          cur.denied = true;
        } else if (e.h === 'liblink') {
          libLink = e.v;
        }
        continue;
      }
      if (!cur || cur.lines.length >= 1000) continue;
      const m = /^(\d{1,7}):(.*)$/.exec(e.d);
      if (!m) continue;
      const pl = parseModprobeLine(cur.path, Number(m[1]), m[2]);
      if (pl) cur.lines.push(pl);
    }
  }
  return { files, libLink };
}

type XNode = Record<string, unknown>;
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseAttributeValue: false,
  parseTagValue: false,
  processEntities: false,
  isArray: (name) => ['mode', 'model', 'feature', 'blockers', 'value', 'enum'].includes(name),
});

function asArr(v: unknown): XNode[] {
  if (Array.isArray(v)) return v.filter((x): x is XNode => typeof x === 'object' && x !== null);
  if (typeof v === 'object' && v !== null) return [v as XNode];
  return [];
}
function first(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}
function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'object' && v !== null) {
    const t = (v as XNode)['#text'];
    if (typeof t === 'string' || typeof t === 'number') return String(t).trim();
  }
  return undefined;
}
function attr(n: XNode, a: string): string | undefined {
  const v = n['@' + a];
  return typeof v === 'string' ? v : undefined;
}
function parseXml(lines: string[]): XNode | undefined {
  const t = lines.join('\n');
  const start = t.indexOf('<');
  if (start < 0) return undefined;
  try {
    const r = xml.parse(t.slice(start)) as unknown;
    return typeof r === 'object' && r !== null ? (r as XNode) : undefined;
  } catch {
    return undefined;
  }
}

export function parseDomcaps(lines: string[]): Pick<LibvirtFacts, 'hostModel' | 'models' | 'hostPassthrough'> | undefined {
  const doc = parseXml(lines);
  const root = doc?.domainCapabilities as XNode | undefined;
  if (!root || typeof root !== 'object') return undefined;
  const cpu = asArr(root.cpu)[0];
  if (!cpu) return { models: [] };
  let hostModel: LibvirtFacts['hostModel'];
  let hostPassthrough: boolean | undefined;
  const models: HostCpuModel[] = [];
  for (const mode of asArr(cpu.mode)) {
    const name = attr(mode, 'name');
    const supported = attr(mode, 'supported') === 'yes';
    if (name === 'host-passthrough') hostPassthrough = supported;
    if (name === 'host-model' && supported) {
      const m = first(mode.model);
      const features: string[] = [];
      const disabled: string[] = [];
      for (const f of asArr(mode.feature)) {
        const fn = attr(f, 'name');
        if (!fn) continue;
        if (attr(f, 'policy') === 'disable' || attr(f, 'policy') === 'forbid') disabled.push(fn);
        else features.push(fn);
      }
      hostModel = { name: text(m) || 'unknown', vendor: text(mode.vendor), features, disabled };
    }
    if (name === 'custom') {
      const blockers = new Map<string, string[]>();
      for (const b of asArr(mode.blockers)) {
        const bm = attr(b, 'model');
        if (bm) blockers.set(bm, asArr(b.feature).map((f) => attr(f, 'name')).filter((x): x is string => !!x));
      }
      for (const m of Array.isArray(mode.model) ? (mode.model as unknown[]) : [mode.model]) {
        const mn = text(m);
        if (!mn || models.length >= 2000) continue;
        const u = typeof m === 'object' && m !== null ? attr(m as XNode, 'usable') : undefined;
        const usable: Usable = u === 'yes' || u === 'no' ? u : 'unknown';
        models.push({ name: mn, usable, blockers: blockers.get(mn) ?? [] });
      }
    }
  }
  return { hostModel, models, hostPassthrough };
}

export function parseCapabilities(lines: string[]): LibvirtFacts['hostCpu'] | undefined {
  const doc = parseXml(lines);
  const host = (doc?.capabilities as XNode | undefined)?.host as XNode | undefined;
  const cpu = host ? asArr(host.cpu)[0] : undefined;
  if (!cpu) return undefined;
  return {
    model: text(first(cpu.model)),
    vendor: text(cpu.vendor),
    features: asArr(cpu.feature).map((f) => attr(f, 'name')).filter((x): x is string => !!x),
  };
}

function firstErrorLine(lines: string[]): string | undefined {
  const errs = lines.filter((x) => /error/i.test(x));
  const l = errs.length ? errs[errs.length - 1] : lines[0];
  return l?.replace(/^error:\s*/i, '').slice(0, 500);
}

function libvirt(raw: RawProbe): LibvirtFacts {
  const virsh = !raw.sections.get('virsh-version') ? false : true;
  if (!virsh) {
    return { virsh: false, source: 'none', models: [], knownModels: [], domcapsDenied: false };
  }
  const verLines = dataLines(raw, 'virsh-version');
  const verOk = exitCode(raw, 'virsh-version') === 0;
  let version: string | undefined;
  let hypervisor: string | undefined;
  for (const l of verLines) {
    const lib = /Using library:\s*libvirt\s+([0-9][0-9.]*)/i.exec(l);
    if (lib) version = lib[1];
    const hv = /Running hypervisor:\s*(.+)$/i.exec(l);
    if (hv) hypervisor = hv[1].trim();
  }
  const dcLines = dataLines(raw, 'domcaps');
  const dcOk = exitCode(raw, 'domcaps') === 0;
  const dc = dcOk ? parseDomcaps(dcLines) : undefined;
  const domcapsError = dc ? undefined : firstErrorLine(dcLines);
  const domcapsDenied = !dc && /forbidden|denied|authoriz|authenticat|polkit/i.test(dcLines.join('\n'));
  const hostCpu = exitCode(raw, 'caps') === 0 ? parseCapabilities(dataLines(raw, 'caps')) : undefined;
  const knownModels = exitCode(raw, 'cpu-models') === 0
    ? dataLines(raw, 'cpu-models').map((s) => s.trim()).filter((s) => /^[A-Za-z0-9_.-]{1,64}$/.test(s)).slice(0, 2000)
    : [];
  let runningDomains: number | undefined;
  if (exitCode(raw, 'vmlist') === 0) runningDomains = dataLines(raw, 'vmlist').filter((s) => s.trim() !== '').length;
  const source = dc ? 'domcapabilities' : hostCpu || knownModels.length ? 'capabilities' : 'none';
  return {
    virsh: true,
    version,
    hypervisor,
    connectError: verOk ? undefined : firstErrorLine(verLines),
    source,
    domcapsError,
    domcapsDenied,
    hostModel: dc?.hostModel,
    hostPassthrough: dc?.hostPassthrough,
    models: dc?.models ?? [],
    knownModels,
    hostCpu,
    runningDomains,
  };
}

function num(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v.trim());
  return Number.isFinite(n) ? n : undefined;
}

/** Start time (epoch seconds) from /proc/PID/stat field 22, boot time and clock ticks. */
export function processStart(statLine: string | undefined, btime: number | undefined, clkTck: number | undefined): number | undefined {
  if (!statLine || btime === undefined) return undefined;
  const close = statLine.lastIndexOf(')');
  if (close < 0) return undefined;
  const rest = statLine.slice(close + 2).split(' ');
  // rest[0] is field 3 (state); field 22 is rest[19].
  const ticks = Number(rest[19]);
  if (!Number.isFinite(ticks)) return undefined;
  const hz = clkTck && clkTck > 0 ? clkTck : 100;
  return btime + ticks / hz;
}

/** `id` output: uid=1000(ops) gid=1000(ops) groups=1000(ops),108(kvm),998(libvirt) */
export function parseId(text: string): ProbeFacts['user'] {
  const uid = /uid=(\d+)(?:\(([^)]*)\))?/.exec(text);
  const groupsText = /groups=(\S+)/.exec(text)?.[1] ?? '';
  const groups = groupsText.split(',').map((g) => /\(([^)]*)\)/.exec(g)?.[1] ?? g).filter(Boolean).slice(0, 200);
  return { uid: uid ? Number(uid[1]) : undefined, name: uid?.[2] || undefined, groups };
}

export function buildFacts(raw: RawProbe, host: string, probedAt = new Date().toISOString()): ProbeFacts {
  const kvr = raw.kv;
  const cmdline = dataLines(raw, 'cmdline').join(' ').trim() || undefined;
  const modules: KvmModule[] = [];
  for (const l of dataLines(raw, 'sysmodule')) {
    const [name, state, nested] = l.trim().split(/\s+/);
    if (!name || !/^kvm[A-Za-z0-9_]{0,40}$/.test(name) || modules.length >= 64) continue;
    const hasNested = nested !== undefined && nested !== '-';
    const nestedRaw = hasNested && nested !== '?' ? nested : undefined;
    modules.push({ name, state: state ?? 'unknown', builtin: state === 'builtin', hasNested, nestedRaw, nested: normaliseBool(nestedRaw) });
  }
  const procModulesSec = raw.sections.get('modules');
  const procModules = !!procModulesSec && !procModulesSec.events.some((e) => 'h' in e && e.h === 'absent');
  const loadedModules = dataLines(raw, 'modules').map((l) => l.split(/\s+/)[0]).filter((n) => /^[A-Za-z0-9_]{1,64}$/.test(n));
  const builtinSec = raw.sections.get('builtin');
  const builtinList = !builtinSec || header(raw, 'builtin', 'absent') !== undefined ? null
    : dataLines(raw, 'builtin').map(moduleNameFromPath).filter((x): x is string => !!x);
  const depSec = raw.sections.get('moddep');
  const availableModules = !depSec || header(raw, 'moddep', 'absent') !== undefined ? null
    : dataLines(raw, 'moddep').map(moduleNameFromPath).filter((x): x is string => !!x);

  const kvmLs = dataLines(raw, 'devkvm')[0];
  const access = header(raw, 'devkvm', 'access') ?? '';
  let devKvm: ProbeFacts['devKvm'] = { exists: false, readable: false, writable: false };
  if (raw.sections.has('devkvm') && header(raw, 'devkvm', 'absent') === undefined && (kvmLs !== undefined || access)) {
    const parts = (kvmLs ?? '').trim().split(/\s+/);
    const mode = /^[-a-zA-Z][-rwxsStT]{9}[.+@]?$/.test(parts[0] ?? '') ? parts[0] : undefined;
    devKvm = {
      exists: true,
      type: mode ? (mode[0] === 'c' ? 'char' : 'other') : undefined,
      mode,
      owner: mode ? parts[2] : undefined,
      group: mode ? parts[3] : undefined,
      readable: access.includes('r'),
      writable: access.includes('w'),
    };
  }

  const novaSec = raw.sections.get('nova');
  const novaPresent = !!novaSec && header(raw, 'nova', 'absent') === undefined && header(raw, 'nova', 'denied') === undefined;
  const npid = num(header(raw, 'novaproc', 'pid'));
  const novaCompute = npid !== undefined
    ? { pid: npid, startEpoch: processStart(dataLines(raw, 'novaproc')[0], num(header(raw, 'novaproc', 'btime')), num(header(raw, 'novaproc', 'clktck'))) }
    : undefined;
  return {
    host,
    probedAt,
    complete: raw.done,
    truncated: raw.truncated,
    formatVersion: raw.version,
    kernel: { release: kvr.release || undefined, arch: kvr.arch || undefined, hostname: kvr.hostname || undefined, cmdline, kvmParams: cmdline ? kvmCmdlineParams(cmdline) : [] },
    user: parseId(kvr.id ?? ''),
    cpu: cpuinfo(raw),
    modules,
    builtinList,
    availableModules,
    procModules,
    loadedModules,
    devKvm,
    modprobe: modprobe(raw),
    qemuProcesses: num(kvr.qemu_procs) ?? 0,
    novaCompute,
    libvirt: libvirt(raw),
    nova: {
      path: kvr.nova_path || '/etc/nova/nova.conf',
      present: novaPresent,
      denied: header(raw, 'nova', 'denied') !== undefined,
      text: novaPresent ? dataLines(raw, 'nova').join('\n') : undefined,
      mtime: num(kvr.nova_mtime),
    },
    remoteNow: num(kvr.now),
  };
}

/** The vendor's kvm module name, from the CPU vendor. */
export function vendorModule(vendor: CpuVendor | undefined): 'kvm_intel' | 'kvm_amd' | undefined {
  if (vendor === 'Intel' || vendor === 'Zhaoxin') return 'kvm_intel';
  if (vendor === 'AMD' || vendor === 'Hygon') return 'kvm_amd';
  return undefined;
}

/** The facts the language server needs (shared/src/hostFacts.ts). */
export function toHostFacts(f: ProbeFacts): HostFacts {
  const vm = vendorModule(f.cpu.vendor);
  const withNested = f.modules.find((m) => m.name === vm && m.hasNested) ?? f.modules.find((m) => m.hasNested);
  return {
    host: f.host,
    probedAt: f.probedAt,
    arch: f.kernel.arch,
    cpu: {
      vendor: f.cpu.vendor === 'other' ? f.cpu.vendorId : f.cpu.vendor ?? f.libvirt.hostCpu?.vendor,
      modelName: f.cpu.modelName,
      vmx: f.cpu.vmx,
      svm: f.cpu.svm,
      hypervisor: f.cpu.hypervisor,
    },
    nested: { module: withNested?.name ?? vm, enabled: withNested ? withNested.nested : null },
    libvirt: f.libvirt.virsh
      ? {
          version: f.libvirt.version,
          source: f.libvirt.source,
          hostModel: f.libvirt.hostModel ? { name: f.libvirt.hostModel.name, vendor: f.libvirt.hostModel.vendor, features: f.libvirt.hostModel.features } : undefined,
          models: f.libvirt.models,
        }
      : undefined,
  };
}
