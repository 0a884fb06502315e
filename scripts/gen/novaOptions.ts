/**
 * server/src/lang/data/novaOptions.generated.json from the per-release extraction of nova's
 * `[libvirt]` options (by default vendor/nova/nova-libvirt-options.json).
 *
 * The output keeps one entry per run of consecutive releases in which an option's
 * facts do not change, so 19 releases cost little more than one.
 */
import * as fs from 'node:fs';
import type { GeneratedNovaOptions, OptionSpec, ValueType } from '../../server/src/lang/nova/optionTypes';

interface RawItemType {
  readonly type: string;
  readonly choices?: readonly (string | number)[];
  readonly ignore_case?: boolean;
}
interface RawOption {
  readonly name: string;
  readonly opt_class: string;
  readonly value_type: string;
  readonly default?: unknown;
  readonly default_is_literal?: boolean;
  readonly default_interpolated?: string;
  readonly effective_choices?: readonly (string | number)[] | null;
  readonly effective_min?: number | null;
  readonly effective_max?: number | null;
  readonly item_type?: RawItemType;
  readonly type?: RawItemType;
  readonly ignore_case?: boolean;
  readonly deprecated_for_removal?: boolean;
  readonly deprecated_since?: string | null;
  readonly aliases?: readonly { group: string; name: string }[];
  readonly mutable?: boolean;
}
interface RawMoved {
  readonly libvirt_name: string;
  readonly now_group: string;
  readonly now_name: string;
}
interface RawRelease {
  readonly nova_major_version: number;
  readonly codename: string | null;
  readonly options: readonly RawOption[];
  readonly aliases_from_other_groups?: readonly RawMoved[];
}
interface RawData {
  readonly release_order: readonly string[];
  readonly releases: Record<string, RawRelease>;
}

const TYPE_OF: Record<string, ValueType> = {
  String: 'string',
  Integer: 'integer',
  Float: 'float',
  Port: 'port',
  Boolean: 'boolean',
  List: 'list',
  HostAddress: 'hostaddress',
  HostDomain: 'hostdomain',
  IPAddress: 'ipaddress',
  URI: 'uri',
  Dict: 'dict',
  MultiString: 'multistring',
};

/** The default as oslo-config-generator writes it in a sample file. */
function renderDefault(o: RawOption): string | undefined {
  if (o.default_is_literal === false) return o.default_interpolated ?? String(o.default);
  const d = o.default;
  if (d === null || d === undefined) return undefined;
  if (Array.isArray(d)) return d.map(String).join(',');
  return String(d);
}

function specOf(o: RawOption): OptionSpec {
  const t = TYPE_OF[o.value_type];
  if (!t) throw new Error(`${o.name}: unknown value type ${o.value_type}`);
  const spec: { -readonly [K in keyof OptionSpec]: OptionSpec[K] } = { t };
  const d = renderDefault(o);
  if (d !== undefined) spec.d = d;
  if (o.effective_choices) spec.c = o.effective_choices.map(String);
  if (o.ignore_case) spec.ci = true;
  if (typeof o.effective_min === 'number') spec.min = o.effective_min;
  if (typeof o.effective_max === 'number') spec.max = o.effective_max;
  if (o.item_type) {
    const it: { c?: string[]; ci?: true } = {};
    if (o.item_type.choices) it.c = o.item_type.choices.map(String);
    if (o.item_type.ignore_case) it.ci = true;
    spec.it = it;
  }
  if (o.deprecated_for_removal) spec.dep = o.deprecated_since ?? '?';
  const al = (o.aliases ?? []).filter((a) => a.group === 'libvirt').map((a) => a.name);
  if (al.length) spec.al = al;
  if (o.mutable) spec.mut = true;
  return spec;
}

type Runs = Record<string, [number, number, OptionSpec][]>;
type Moved = GeneratedNovaOptions['moved'][number];

/** Option specs per name as runs of releases with identical facts, and the moved-out options. */
function runsOf(raw: RawData): { options: Runs; moved: Moved[] } {
  const options: Runs = {};
  const moved: Moved[] = [];
  raw.release_order.forEach((rel, i) => {
    const r = raw.releases[rel];
    for (const o of r.options) {
      const spec = specOf(o);
      const runs = (options[o.name] ??= []);
      const last = runs[runs.length - 1];
      if (last && last[1] === i - 1 && JSON.stringify(last[2]) === JSON.stringify(spec)) last[1] = i;
      else runs.push([i, i, spec]);
    }
    for (const m of r.aliases_from_other_groups ?? []) {
      const prev = moved.find((x) => x.name === m.libvirt_name && x.group === m.now_group && x.to === i - 1);
      if (prev) prev.to = i;
      else moved.push({ name: m.libvirt_name, group: m.now_group, newName: m.now_name, from: i, to: i });
    }
  });
  return { options, moved };
}

/** The generated file's text and a one-line summary of what it holds. */
export function novaOptionsJson(src: string): { text: string; summary: string } {
  const raw = JSON.parse(fs.readFileSync(src, 'utf8')) as RawData;
  const releases = raw.release_order;
  const { options, moved } = runsOf(raw);
  const data: GeneratedNovaOptions = {
    source: 'vendor/nova/nova-libvirt-options.json',
    releases: [...releases],
    novaMajor: releases.map((r) => raw.releases[r].nova_major_version),
    codenames: releases.map((r) => raw.releases[r].codename ?? ''),
    options,
    moved,
  };
  const text = JSON.stringify(data) + '\n';
  return { text, summary: `${Object.keys(options).length} option names over ${releases.length} releases, ${text.length} bytes` };
}
