/**
 * Typed access to nova's `[libvirt]` options per release, from the generated table
 * (scripts/gen/novaOptions.ts → server/src/lang/data/novaOptions.generated.json).
 */
import generated from '../data/novaOptions.generated.json';
import type { GeneratedNovaOptions, OptionSpec } from './optionTypes';

export type { OptionSpec } from './optionTypes';

const DATA = generated as unknown as GeneratedNovaOptions;

export interface OptionHistory {
  /** First release that has the option; undefined when it is there from the first release we know (pike). */
  readonly added?: string;
  /** First release without it, after the last one that has it; undefined when still there in master. */
  readonly removed?: string;
  /** First release that marks it deprecated for removal. */
  readonly deprecatedIn?: string;
  /** Releases (names) that have the option. */
  readonly releases: readonly string[];
}

export interface MovedKey {
  readonly name: string;
  readonly group: string;
  readonly newName: string;
}

/** Releases before pike, for "deprecated since" versions. */
const OLDER_RELEASES: Record<number, string> = { 12: 'liberty', 13: 'mitaka', 14: 'newton', 15: 'ocata' };

export class NovaOptionTable {
  readonly releases: readonly string[];
  private readonly byName: GeneratedNovaOptions['options'];
  private readonly namesCache = new Map<number, string[]>();
  private readonly aliasCache = new Map<number, Map<string, string>>();

  constructor(private readonly data: GeneratedNovaOptions = DATA) {
    this.releases = data.releases;
    this.byName = data.options;
  }

  indexOf(release: string): number {
    const i = this.releases.indexOf(release);
    return i < 0 ? this.releases.length - 1 : i;
  }

  /** The option's facts in a release, or undefined when the release does not have it. */
  get(name: string, release: string): OptionSpec | undefined {
    const runs = Object.prototype.hasOwnProperty.call(this.byName, name) ? this.byName[name] : undefined;
    if (!runs) return undefined;
    const i = this.indexOf(release);
    for (const [from, to, spec] of runs) if (i >= from && i <= to) return spec;
    return undefined;
  }

  /** True when any release knows the option. */
  known(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.byName, name);
  }

  /** Option names of a release, in nova's order. */
  names(release: string): string[] {
    const i = this.indexOf(release);
    let list = this.namesCache.get(i);
    if (!list) {
      list = Object.keys(this.byName).filter((n) => this.byName[n].some(([from, to]) => i >= from && i <= to));
      this.namesCache.set(i, list);
    }
    return list;
  }

  allNames(): string[] {
    return Object.keys(this.byName);
  }

  history(name: string): OptionHistory {
    const runs = this.byName[name] ?? [];
    const present: number[] = [];
    for (const [from, to] of runs) for (let i = from; i <= to; i++) present.push(i);
    if (present.length === 0) return { releases: [] };
    const first = present[0];
    const last = present[present.length - 1];
    let deprecatedIn: string | undefined;
    for (const [from, , spec] of runs) {
      if (spec.dep) {
        deprecatedIn = this.releaseOfVersion(spec.dep) ?? this.releases[from];
        break;
      }
    }
    return {
      added: first > 0 ? this.releases[first] : undefined,
      removed: last < this.releases.length - 1 ? this.releases[last + 1] : undefined,
      deprecatedIn,
      releases: present.map((i) => this.releases[i]),
    };
  }

  /** Maps a nova version such as "23.0.0" to its release (wallaby); older ones give e.g. "nova 15". */
  releaseOfVersion(version: string): string | undefined {
    const major = Number.parseInt(version, 10);
    const i = this.data.novaMajor.indexOf(major);
    if (i >= 0) return this.releases[i];
    return OLDER_RELEASES[major] ?? (Number.isFinite(major) ? `nova ${major}` : undefined);
  }

  /** Deprecated `[libvirt]` names still read in the release, mapped to the current name. */
  aliases(release: string): ReadonlyMap<string, string> {
    const i = this.indexOf(release);
    let map = this.aliasCache.get(i);
    if (!map) {
      map = new Map();
      for (const name of this.names(release)) for (const a of this.get(name, release)?.al ?? []) map.set(a, name);
      this.aliasCache.set(i, map);
    }
    return map;
  }

  /** A `[libvirt]` key that another group owns in the release, still read from `[libvirt]`. */
  moved(name: string, release: string): MovedKey | undefined {
    const i = this.indexOf(release);
    const m = this.data.moved.find((x) => x.name === name && i >= x.from && i <= x.to);
    return m ? { name: m.name, group: m.group, newName: m.newName } : undefined;
  }

  /** The release name with its codename when it differs, e.g. "2023.1 (antelope)". */
  label(release: string): string {
    const i = this.releases.indexOf(release);
    const code = i >= 0 ? this.data.codenames[i] : '';
    return code && code !== release ? `${release} (${code})` : release;
  }

  /** Release a is before release b. */
  before(a: string, b: string): boolean {
    return this.indexOf(a) < this.indexOf(b);
  }
}

let table: NovaOptionTable | undefined;
export function novaOptions(): NovaOptionTable {
  table ??= new NovaOptionTable();
  return table;
}

/** Type label for hover and completion, e.g. "integer (0..28)" is built by callers; this is the oslo name. */
export function typeLabel(spec: OptionSpec): string {
  switch (spec.t) {
    case 'list':
      return 'list';
    case 'hostaddress':
      return 'host address';
    case 'hostdomain':
      return 'host domain';
    case 'ipaddress':
      return 'IP address';
    default:
      return spec.t;
  }
}
