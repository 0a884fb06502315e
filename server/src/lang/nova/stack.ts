/**
 * A nova.conf stack: the ordered files nova-compute reads as one configuration
 * (kolla-ansible overlays, `--config-file` arguments, `--config-dir` fragments).
 *
 * `NovaView` answers every question the rules ask with oslo.config's semantics
 * (`cfg._Namespace._get_file_value`, checked against oslo.config's source):
 *  - files are searched newest first; the first file that sets the option wins;
 *  - inside that file, the current name beats deprecated names whatever their order,
 *    and the last occurrence of a name wins (repeated sections merge);
 *  - a multi-valued option accumulates every value of every file, oldest first;
 *  - values are substituted with `string.Template.safe_substitute` against the merged
 *    configuration: `$name` / `${name}` is the option `name` of the same group, then
 *    of `[DEFAULT]`; `$group.name` names the group; `$$` and `\$` are a literal `$`.
 *
 * A single file is a stack of one, so the rules run on a view either way.
 */
import { LineIndex } from '../../core/lines';
import { novaOptions } from './options';
import type { NovaConfFile, NovaEntry } from './parser';

export interface StackMember {
  /** The file's path (or uri) as the caller names it. */
  readonly path: string;
  readonly file: NovaConfFile;
  /** How messages name the file (relative to the stack's folder); the path when absent. */
  readonly label?: string;
}

export type StackKind = 'single' | 'kolla' | 'oslo' | 'explicit';

/** Where one assignment lives in the stack. */
export interface Located {
  readonly entry: NovaEntry;
  /** Index into the stack's members. */
  readonly member: number;
}

/** The value nova-compute reads for one option and how it got there. */
export interface EffectiveOption {
  readonly group: string;
  readonly key: string;
  /** The assignment that decides the value (for multi options: the last one). */
  readonly decided: Located;
  /** After substitution; undefined when a `$name` cannot be resolved from the stack. */
  readonly value: string | undefined;
  /** Every assignment of this name, in the order oslo reads them. */
  readonly chain: readonly Located[];
  readonly multi: boolean;
}

const MAX_DEPTH = 8;
/** `string.Template` with oslo's idpattern; Python's Template matches it case-insensitively. */
const TEMPLATE = /\$(?:(\$)|([_a-z][._a-z0-9]*)|\{([_a-z][._a-z0-9]*)\})/gi;

/** Looks up defaults of options nobody set, for `$name` (optional; undefined when unknown). */
export type DefaultOf = (group: string, key: string) => string | undefined;

export class NovaView {
  private readonly memberIdx = new Map<NovaEntry, number>();
  private readonly byName = new Map<string, Located[]>();
  private readonly resolvedCache = new Map<NovaEntry, NovaEntry>();
  private readonly lineIndexes: (LineIndex | undefined)[] = [];

  constructor(
    readonly members: readonly StackMember[],
    private readonly defaults: DefaultOf = libvirtDefault,
  ) {
    members.forEach((m, i) => {
      for (const e of m.file.entries) {
        this.memberIdx.set(e, i);
        if (!e.section) continue;
        const k = nameKey(e.section.normalized, e.key);
        const list = this.byName.get(k);
        if (list) list.push({ entry: e, member: i });
        else this.byName.set(k, [{ entry: e, member: i }]);
      }
    });
  }

  static single(file: NovaConfFile, path = ''): NovaView {
    return new NovaView([{ path, file }]);
  }

  get isStack(): boolean {
    return this.members.length > 1;
  }

  /** The member index of an entry (or of the substituted copy of one). */
  memberOf(entry: NovaEntry): number {
    return this.memberIdx.get(entry) ?? 0;
  }

  pathOf(entry: NovaEntry): string {
    return this.members[this.memberOf(entry)]?.path ?? '';
  }

  labelOf(member: number): string {
    const m = this.members[member];
    return m ? (m.label ?? m.path) : '';
  }

  /** 1-based line of an offset in a member's text. */
  lineOf(member: number, offset: number): number {
    let idx = this.lineIndexes[member];
    if (!idx) {
      idx = new LineIndex(this.members[member]?.file.text ?? '');
      this.lineIndexes[member] = idx;
    }
    return idx.lineNumber(offset);
  }

  /** `label:line` of an entry. */
  where(entry: NovaEntry): string {
    const m = this.memberOf(entry);
    return `${this.labelOf(m)}:${this.lineOf(m, entry.keyStart)}`;
  }

  /** Every assignment of group/key, in reading order (files in stack order, then document order). */
  chain(group: string, key: string): readonly Located[] {
    return this.byName.get(nameKey(group, key)) ?? [];
  }

  /** Every (group, key) chain of the stack. */
  chains(): IterableIterator<readonly Located[]> {
    return this.byName.values();
  }

  /**
   * The assignment oslo reads for an option known by several names (current name
   * first, then deprecated ones): newest file first, current name first within it.
   */
  find(group: string, names: readonly string[]): NovaEntry | undefined {
    let best: Located | undefined;
    for (const name of names) {
      const list = this.byName.get(nameKey(group, name));
      const last = list?.[list.length - 1];
      if (last && (!best || last.member > best.member)) best = last;
    }
    return best?.entry;
  }

  last(group: string, key: string): NovaEntry | undefined {
    return this.find(group, [key]);
  }

  /** Entries of every section named `group`, in reading order. */
  entriesOfGroup(group: string): NovaEntry[] {
    const out: NovaEntry[] = [];
    for (const m of this.members) for (const s of m.file.sections) if (s.normalized === group) out.push(...s.entries);
    return out;
  }

  /**
   * The entry with its value substituted, for the checks; the same offsets, so findings
   * still point at the text. The entry itself when it has nothing to substitute or when
   * a name cannot be resolved (then the value keeps its `$` and value checks pass over it).
   */
  resolved(entry: NovaEntry): NovaEntry {
    if (!entry.value.includes('$')) return entry;
    const hit = this.resolvedCache.get(entry);
    if (hit) return hit;
    const value = this.substitute(entry.value, entry.section?.normalized ?? 'DEFAULT', 0, new Set([entry]));
    let out = entry;
    if (value !== undefined && value !== entry.value) {
      out = { ...entry, value, pieces: [{ at: 0, start: entry.valueStart, end: entry.valueEnd }] };
      this.memberIdx.set(out, this.memberOf(entry));
    }
    this.resolvedCache.set(entry, out);
    return out;
  }

  /** The assignments a value's `$name`s read (one level), for naming them in messages. */
  references(entry: NovaEntry): NovaEntry[] {
    const out: NovaEntry[] = [];
    const group = entry.section?.normalized ?? 'DEFAULT';
    for (const m of entry.value.replace(/\\\$|\$\$/g, '').matchAll(TEMPLATE)) {
      const ref = m[2] ?? m[3];
      if (!ref) continue;
      const dot = ref.indexOf('.');
      const e = dot > 0 ? (this.last(ref.slice(0, dot).toLowerCase(), ref.slice(dot + 1)) ?? this.last('DEFAULT', ref)) : (this.last(group, ref) ?? this.last('DEFAULT', ref));
      if (e && e !== entry) out.push(e);
    }
    return out;
  }

  /** The substituted value; undefined when a name cannot be resolved. */
  valueOf(entry: NovaEntry): string | undefined {
    return this.substitute(entry.value, entry.section?.normalized ?? 'DEFAULT', 0, new Set([entry]));
  }

  effective(group: string, key: string, multi = false): EffectiveOption | undefined {
    const chain = this.chain(group, key);
    const decided = chain[chain.length - 1];
    if (!decided) return undefined;
    const value = multi ? joinMulti(chain.map((l) => this.valueOf(l.entry))) : this.valueOf(decided.entry);
    return { group, key, decided, value, chain, multi };
  }

  private substitute(text: string, group: string, depth: number, seen: Set<NovaEntry>): string | undefined {
    let raw = text.includes('\\$') ? text.replace(/\\\$/g, '$$$$') : text;
    if (!raw.includes('$')) return raw;
    let failed = false;
    raw = raw.replace(TEMPLATE, (whole, dollar: string | undefined, name: string | undefined, braced: string | undefined) => {
      if (dollar) return '$';
      const ref = (name ?? braced) as string;
      const v = this.lookupRef(ref, group, depth, seen);
      if (v === undefined) failed = true;
      return v ?? whole;
    });
    return failed ? undefined : raw;
  }

  private lookupRef(ref: string, group: string, depth: number, seen: Set<NovaEntry>): string | undefined {
    if (depth >= MAX_DEPTH) return undefined;
    const dot = ref.indexOf('.');
    const tries: [string, string][] = dot > 0 ? [[ref.slice(0, dot).toLowerCase(), ref.slice(dot + 1)], ['DEFAULT', ref]] : [[group, ref], ['DEFAULT', ref]];
    for (const [g, k] of tries) {
      const e = this.last(g, k);
      if (e) {
        if (seen.has(e)) return undefined;
        const next = new Set(seen).add(e);
        return this.substitute(e.value, g, depth + 1, next);
      }
      const d = this.defaults(g, k);
      if (d !== undefined) return d;
    }
    return undefined;
  }
}

/** `$name` of an unset [libvirt] option reads its default (as registered in the newest release). */
export function libvirtDefault(group: string, key: string): string | undefined {
  return group === 'libvirt' ? novaOptions().get(key, 'master')?.d : undefined;
}

function nameKey(group: string, key: string): string {
  return `${group}\u0000${key}`;
}

function joinMulti(values: (string | undefined)[]): string | undefined {
  return values.some((v) => v === undefined) ? undefined : values.join('\n');
}
