/**
 * The shapes the nova.conf CPU rules share (rules.ts and hostRules.ts): the [libvirt]
 * CPU settings as nova reads them, a parsed extra flag, the vendor's virtualization
 * flag, and the callback a rule reports through.
 */
import type { NovaMessageKey } from './messages';
import type { NovaStackFinding as Finding } from './context';
import type { NovaEntry } from './parser';
import type { ListItem } from './values';

export interface ParsedFlag {
  readonly item: ListItem;
  /** Lower-cased name without signs. */
  readonly name: string;
  readonly sign: '+' | '-' | '';
}

export function parseFlag(item: ListItem): ParsedFlag {
  const m = /^([+-]*)(.*)$/s.exec(item.text) ?? ['', '', item.text];
  const signs = m[1];
  return { item, name: m[2].toLowerCase(), sign: signs.startsWith('-') ? '-' : signs ? '+' : '' };
}

/** vmx belongs to Intel (and Zhaoxin), svm to AMD (and Hygon). */
export function virtFlagOfVendor(vendor: string | undefined): 'vmx' | 'svm' | undefined {
  if (!vendor) return undefined;
  if (/intel|zhaoxin|centaur/i.test(vendor)) return 'vmx';
  if (/amd|hygon/i.test(vendor)) return 'svm';
  return undefined;
}

/** The [libvirt] settings the rules look at, after nova's own precedence. */
export interface CpuSettings {
  readonly release: string;
  readonly virtType: string;
  readonly virtTypeEntry?: NovaEntry;
  /** undefined: unset; null: set to something that is not a valid choice. */
  readonly cpuMode: string | undefined | null;
  readonly cpuModeEntry?: NovaEntry;
  /** The entry nova reads the model list from (cpu_models, its alias, or the old cpu_model). */
  readonly modelsEntry?: NovaEntry;
  readonly modelsKey: string;
  readonly models: readonly ListItem[];
  readonly flagsEntry?: NovaEntry;
  readonly flags: readonly ParsedFlag[];
}

/** `at`: the entry whose file the offsets belong to; `rel`: other entries the verdict rests on. */
export type Add = (
  e: Omit<Finding, 'message' | 'member'> & { key: NovaMessageKey; args?: (string | number)[]; extra?: string; at: NovaEntry; rel?: readonly (NovaEntry | undefined)[] },
) => void;
