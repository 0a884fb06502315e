/** Shape of `server/src/lang/data/novaOptions.generated.json` (written by scripts/gen/novaOptions.ts). */

/** oslo.config value types, as nova's `[libvirt]` options use them. */
export type ValueType =
  | 'string'
  | 'integer'
  | 'float'
  | 'port'
  | 'boolean'
  | 'list'
  | 'hostaddress'
  | 'hostdomain'
  | 'ipaddress'
  | 'uri'
  | 'dict'
  | 'multistring';

/** The facts of one option over a run of releases in which they do not change. */
export interface OptionSpec {
  /** Value type. */
  readonly t: ValueType;
  /** Default as a sample file writes it; absent when the option has no default (None). */
  readonly d?: string;
  /** Choices, as strings. */
  readonly c?: readonly string[];
  /** Choices compare case-insensitively. */
  readonly ci?: true;
  readonly min?: number;
  readonly max?: number;
  /** List item type restrictions. */
  readonly it?: { readonly c?: readonly string[]; readonly ci?: true };
  /** Deprecated for removal since this nova version (e.g. "23.0.0"). */
  readonly dep?: string;
  /** Deprecated names in `[libvirt]` that nova still reads for this option. */
  readonly al?: readonly string[];
  /** Can be changed with SIGHUP. */
  readonly mut?: true;
}

export interface GeneratedNovaOptions {
  readonly source: string;
  readonly releases: readonly string[];
  /** nova major version per release, same order. */
  readonly novaMajor: readonly number[];
  readonly codenames: readonly string[];
  /** name → runs of [first release index, last release index, spec]. */
  readonly options: Readonly<Record<string, readonly (readonly [number, number, OptionSpec])[]>>;
  /** `[libvirt]` keys that another group now owns, and that nova still reads from `[libvirt]`. */
  readonly moved: readonly { name: string; group: string; newName: string; from: number; to: number }[];
}
