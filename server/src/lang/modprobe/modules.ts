/**
 * Typed access to the generated kernel module facts (kernelModules.generated.json)
 * and the kernel's own value parsers for each `module_param` type.
 */
import generated from '../data/kernelModules.generated.json';
import { editDistance } from '../../core/util/nearest';
import type { GeneratedKernelModules, ModuleSpec, ParamSpec, ParamType } from './dataTypes';
import { normModule } from './parser';

const DATA = generated as unknown as GeneratedKernelModules;
const BY_NAME = new Map<string, ModuleSpec>(DATA.kvm.map((m) => [m.name, m]));
const PARAMS = new Map<string, Map<string, ParamSpec>>(DATA.kvm.map((m) => [m.name, new Map(m.params.map((p) => [p.name, p]))]));
const OTHER_KVM = new Set(DATA.otherKvm);
const COMMON = new Set(DATA.common);

export const KVM_MODULES: readonly ModuleSpec[] = DATA.kvm;

export function kvmModule(name: string): ModuleSpec | undefined {
  return BY_NAME.get(normModule(name));
}

export function kvmParam(module: string, param: string): ParamSpec | undefined {
  return PARAMS.get(normModule(module))?.get(normModule(param));
}

/** kvm, kvm_intel, kvm_amd, or a kvm module known by name only (kvm_pvm…). */
export function isKvmModule(name: string): boolean {
  const n = normModule(name);
  return BY_NAME.has(n) || OTHER_KVM.has(n);
}

/** A real module we know of that is not a kvm module: never reported. */
export function isKnownOtherModule(name: string): boolean {
  const n = normModule(name);
  return COMMON.has(n) || DATA.knownPrefixes.some((p) => n.startsWith(p));
}

/** Names that people write for the vendor module; none of them is a module. */
const MEANT: Readonly<Record<string, string>> = {
  amd: 'kvm_amd',
  svm: 'kvm_amd',
  amd_kvm: 'kvm_amd',
  kvm_svm: 'kvm_amd',
  kvmamd: 'kvm_amd',
  intel: 'kvm_intel',
  vmx: 'kvm_intel',
  intel_kvm: 'kvm_intel',
  kvm_vmx: 'kvm_intel',
  kvmintel: 'kvm_intel',
};

/**
 * The kvm module an unknown name most likely meant, or undefined when the name is
 * not close to one (then it is some other module and is left alone).
 */
export function meantKvmModule(name: string): string | undefined {
  const n = normModule(name).toLowerCase();
  if (isKvmModule(n) || isKnownOtherModule(n)) return undefined;
  if (MEANT[n]) return MEANT[n];
  let best: string | undefined;
  let bestD = 3;
  for (const m of DATA.kvm) {
    const d = editDistance(n, m.name, 2);
    if (d <= 2 && d < bestD && d < m.name.length / 2) {
      best = m.name;
      bestD = d;
    }
  }
  return best;
}

/** The vendor module of a CPU vendor (libvirt's names) or of its flags. */
export function vendorModule(vendor: string | undefined, vmx = false, svm = false): 'kvm_intel' | 'kvm_amd' | undefined {
  const v = (vendor ?? '').toLowerCase();
  if (v === 'intel' || v === 'zhaoxin' || v === 'centaur') return 'kvm_intel';
  if (v === 'amd' || v === 'hygon') return 'kvm_amd';
  if (vmx) return 'kvm_intel';
  if (svm) return 'kvm_amd';
  return undefined;
}

/** kstrtobool: the first character decides (and the second after `o`). */
export function parseKernelBool(v: string): boolean | undefined {
  const c = v[0];
  if (c === undefined) return undefined;
  if ('yYtT1'.includes(c)) return true;
  if ('nNfF0'.includes(c)) return false;
  if (c === 'o' || c === 'O') {
    const d = v[1];
    if (d === 'n' || d === 'N') return true;
    if (d === 'f' || d === 'F') return false;
  }
  return undefined;
}

/** kstrto(u)int with base 0: decimal, 0x hex, leading-0 octal; one trailing newline allowed. */
export function parseKernelInt(v: string, unsigned: boolean): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(v);
  if (!m || (unsigned && m[1] === '-')) return undefined;
  const body = m[2];
  const n = /^0[xX]/.test(body) ? parseInt(body.slice(2), 16) : body.length > 1 && body.startsWith('0') ? parseInt(body, 8) : parseInt(body, 10);
  return m[1] === '-' ? -n : n;
}

const LIMITS: Partial<Record<ParamType, readonly [number, number]>> = {
  int: [-2147483648, 2147483647],
  uint: [0, 4294967295],
  ushort: [0, 65535],
};

/**
 * Whether the kernel accepts `value` for the parameter (undefined value = bare name).
 * Bare names are accepted only by bool/bint (they mean Y).
 */
export function acceptsValue(p: ParamSpec, value: string | undefined): boolean {
  if (value === undefined) return p.type === 'bool' || p.type === 'bint';
  switch (p.type) {
    case 'bool':
    case 'bint':
      return parseKernelBool(value) !== undefined;
    case 'charp':
      return !p.choices || p.choices.includes(value);
    default: {
      const n = parseKernelInt(value, p.type !== 'int');
      const [lo, hi] = LIMITS[p.type] ?? [-Infinity, Infinity];
      return n !== undefined && n >= lo && n <= hi;
    }
  }
}

/** What a value means as on/off, for bool-like use of int parameters (`nested`). */
export function onOff(p: ParamSpec, value: string | undefined): boolean | undefined {
  if (value === undefined) return p.type === 'bool' || p.type === 'bint' ? true : undefined;
  if (p.type === 'bool' || p.type === 'bint') return parseKernelBool(value);
  const n = parseKernelInt(value, false);
  return n === undefined ? undefined : n !== 0;
}

/** The value to write for "on"/"off" in the parameter's own type. */
export function valueFor(p: ParamSpec, on: boolean): string {
  if (p.type === 'bool' || p.type === 'bint') return on ? 'Y' : 'N';
  return on ? '1' : '0';
}

/** Replacement candidates for a value the kernel refuses, in the parameter's type. */
export function valueCandidates(p: ParamSpec, value: string | undefined): string[] {
  if (p.choices) return [...p.choices];
  const meant = value === undefined ? true : parseKernelBool(value) ?? (/^(true|yes|on)$/i.test(value) ? true : /^(false|no|off)$/i.test(value) ? false : undefined);
  if (p.type === 'bool' || p.type === 'bint') return meant === false ? ['N', '0'] : ['Y', '1'];
  if (meant !== undefined) return [valueFor(p, meant)];
  return [p.default];
}

/** The default for a kernel release (`major.minor…`), or the current default. */
export function defaultFor(p: ParamSpec, release?: string): string {
  const m = release ? /^(\d+)\.(\d+)/.exec(release) : null;
  if (!m) return p.default;
  const v = Number(m[1]) * 1000 + Number(m[2]);
  for (const h of p.history) {
    const [a, b] = h.until.split('.').map(Number);
    if (v < a * 1000 + b) return h.default;
  }
  return p.default;
}
