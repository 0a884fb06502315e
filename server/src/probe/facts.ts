/**
 * Turns parsed probe output into typed facts. Everything here is derived from
 * untrusted text, so every field is optional or defaulted and nothing throws.
 */
import type { HostFacts } from '../../../shared/src/hostFacts';
import type { CmdlineParam, CpuVendor, KvmModule, ModprobeLine, ProbeFacts } from '../../../shared/src/probeReport';
import { libvirt } from './libvirt';
import { dataLines, header, type RawProbe } from './parse';

export type { CmdlineParam, CpuVendor, KvmModule, LibvirtFacts, ModprobeFile, ModprobeLine, ProbeFacts } from '../../../shared/src/probeReport';

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
