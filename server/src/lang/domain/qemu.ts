/**
 * What QEMU command line a `<cpu>` turns into, for hover and the CLI.
 *
 * This mirrors the shape libvirt gives `-cpu`, not every detail: feature names stay
 * as cpu_map spells them (libvirt renames a few for QEMU), and host-model is shown
 * as `-cpu host` because libvirt only expands it against the host when the guest
 * starts.
 */
import { cpuMapArchOf } from '../cpumap/types';
import { policyOf, type CpuInfo } from './model';

export interface QemuCpuArg {
  /** The value after `-cpu`, e.g. `host` or `Haswell-noTSX,+vmx,-pcid`; undefined when QEMU's default CPU is used. */
  readonly value: string | undefined;
  /** The whole argument (`-cpu host`), or '' when libvirt passes no `-cpu`. */
  readonly arg: string;
  /** host-model: libvirt expands it from the host's CPU when the guest starts. */
  readonly dependsOnHost: boolean;
  /** Features with policy optional: enabled only when the host has them. */
  readonly optional: readonly string[];
  /** The CPU QEMU picks when no `-cpu` is given, for the arch (qemu64 on x86_64). */
  readonly defaultCpu?: string;
}

const DEFAULT_CPU: Record<string, string> = { x86: 'qemu64', arm: 'cortex-a15', ppc64: 'host' };

function featureFlags(cpu: CpuInfo): { flags: string[]; optional: string[] } {
  const flags: string[] = [];
  const optional: string[] = [];
  for (const f of cpu.features) {
    const name = f.name?.value?.trim();
    if (!name) continue;
    const policy = policyOf(f);
    if (policy === 'disable' || policy === 'forbid') flags.push(`-${name}`);
    else {
      flags.push(`+${name}`);
      if (policy === 'optional') optional.push(name);
    }
  }
  return { flags, optional };
}

function result(value: string | undefined, dependsOnHost: boolean, optional: string[], arch: string): QemuCpuArg {
  const archKey = cpuMapArchOf(arch);
  const defaultCpu = archKey ? DEFAULT_CPU[archKey] : undefined;
  return {
    value,
    arg: value === undefined ? '' : `-cpu ${value}`,
    dependsOnHost,
    optional,
    ...(value === undefined && defaultCpu ? { defaultCpu } : {}),
  };
}

/** The QEMU `-cpu` argument libvirt builds for this `<cpu>` on the given domain arch. */
export function qemuCpuArg(cpu: CpuInfo, arch: string): QemuCpuArg {
  const { flags, optional } = featureFlags(cpu);
  const migratable = cpu.migratable?.value === 'on' || cpu.migratable?.value === 'off' ? [`migratable=${cpu.migratable.value}`] : [];
  const join = (base: string, extra: string[]): string => [base, ...extra].join(',');
  switch (cpu.effectiveMode) {
    case 'host-passthrough':
      return result(join('host', [...migratable, ...flags]), false, optional, arch);
    case 'maximum':
      return result(join('max', [...migratable, ...flags]), false, optional, arch);
    case 'host-model':
      return result(join('host', flags), true, optional, arch);
    case 'custom': {
      const model = cpu.modelName?.value;
      if (!model) return result(undefined, false, [], arch);
      return result(join(model, flags), false, optional, arch);
    }
    default:
      return result(undefined, false, [], arch);
  }
}
