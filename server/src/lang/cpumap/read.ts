/**
 * Reads a libvirt cpu_map from disk: either the index.xml layout (libvirt ≥ 4.7,
 * /usr/share/libvirt/cpu_map/) or the legacy single cpu_map.xml. Both are data
 * files without positions, so fast-xml-parser reads them.
 */
import * as path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { CpuIdBits, CpuMapArch, MsrBits, RawArch, RawCpuMap, RawFeature, RawModel, RawVendor } from './types';

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  commentPropName: '#comment',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
});

export class CpuMapReadError extends Error {}

/**
 * The files of a cpu_map, already read: this module does no I/O. The server reads them
 * asynchronously and the CLI synchronously (both with type and size checks), then parse here.
 */
export interface CpuMapFiles {
  /** 'file' and 'dir' are usable; anything else is a reason the path cannot be used. */
  kind(file: string): 'file' | 'dir' | 'missing' | string;
  /** The text of a file whose kind is 'file'. */
  text(file: string): string;
}

interface OrderedNode {
  readonly tag: string;
  readonly attrs: Record<string, string>;
  readonly children: OrderedNode[];
}

function toOrdered(nodes: unknown): OrderedNode[] {
  if (!Array.isArray(nodes)) return [];
  const out: OrderedNode[] = [];
  for (const n of nodes as Node[]) {
    for (const key of Object.keys(n)) {
      if (key === ':@' || key === '#text' || key === '#comment' || key.startsWith('?')) continue;
      const attrs = (n[':@'] ?? {}) as Record<string, string>;
      out.push({ tag: key, attrs, children: toOrdered(n[key]) });
    }
  }
  return out;
}

function parseFile(files: CpuMapFiles, file: string): OrderedNode[] {
  const kind = files.kind(file);
  if (kind !== 'file') throw new CpuMapReadError(`cannot read ${file}: ${kind === 'missing' ? 'no such file' : kind}`);
  const text = files.text(file);
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch (e) {
    throw new CpuMapReadError(`${file} is not well-formed XML: ${(e as Error).message}`);
  }
  return toOrdered(parsed);
}

const KNOWN_ARCHES: readonly CpuMapArch[] = ['x86', 'arm', 'ppc64'];

function emptyArch(): RawArch {
  return { vendors: [], features: [], models: [] };
}

function pickBits<T extends string>(attrs: Record<string, string>, keys: readonly T[]): Partial<Record<T, string>> {
  const out: Partial<Record<T, string>> = {};
  for (const k of keys) if (attrs[k] !== undefined) out[k] = attrs[k];
  return out;
}

function readFeature(node: OrderedNode): RawFeature | undefined {
  const name = node.attrs.name;
  if (!name) return undefined;
  const aliases = node.children.filter((c) => c.tag === 'alias' && c.attrs.name).map((c) => c.attrs.name);
  const cpuidNode = node.children.find((c) => c.tag === 'cpuid');
  const msrNode = node.children.find((c) => c.tag === 'msr');
  let cpuid: CpuIdBits | undefined;
  if (cpuidNode) {
    // libvirt < 4.7 wrote function=…; newer files write eax_in=….
    const a = cpuidNode.attrs;
    cpuid = { eax_in: a.eax_in ?? a.function ?? '', ...pickBits(a, ['ecx_in', 'eax', 'ebx', 'ecx', 'edx'] as const) };
  }
  let msr: MsrBits | undefined;
  if (msrNode) msr = { index: msrNode.attrs.index ?? '', ...pickBits(msrNode.attrs, ['eax', 'edx'] as const) };
  return {
    name,
    ...(aliases.length ? { aliases } : {}),
    ...(cpuid ? { cpuid } : {}),
    ...(msr ? { msr } : {}),
    ...(node.attrs.migratable === 'no' ? { migratable: false as const } : {}),
  };
}

function readModel(node: OrderedNode, group: string | undefined): RawModel | undefined {
  const name = node.attrs.name;
  if (!name) return undefined;
  const parent = node.children.find((c) => c.tag === 'model')?.attrs.name;
  const vendor = node.children.find((c) => c.tag === 'vendor')?.attrs.name;
  const features: string[] = [];
  const removed: string[] = [];
  for (const c of node.children) {
    if (c.tag !== 'feature' || !c.attrs.name) continue;
    if (c.attrs.removed === 'yes') removed.push(c.attrs.name);
    else features.push(c.attrs.name);
  }
  return {
    name,
    ...(parent ? { parent } : {}),
    ...(vendor ? { vendor } : {}),
    features,
    ...(removed.length ? { removed } : {}),
    ...(group ? { group } : {}),
  };
}

function readVendor(node: OrderedNode): RawVendor | undefined {
  const name = node.attrs.name;
  if (!name) return undefined;
  const id = node.attrs.string ?? node.attrs.value;
  return id ? { name, id } : { name };
}

/** Walks the children of an `<arch>` (or an included file's `<cpus>`), following includes. */
function readArchContent(files: CpuMapFiles, nodes: OrderedNode[], dir: string, into: RawArch, group: string | undefined, missing: string[]): void {
  for (const node of nodes) {
    switch (node.tag) {
      case 'include': {
        const file = node.attrs.filename;
        if (!file || file.includes('/') || file.includes('\\')) break;
        const full = path.join(dir, file);
        if (files.kind(full) !== 'file') {
          missing.push(file);
          break;
        }
        for (const top of parseFile(files, full)) {
          if (top.tag === 'cpus') readArchContent(files, top.children, dir, into, group, missing);
        }
        break;
      }
      case 'group':
        readArchContent(files, node.children, dir, into, node.attrs.name ?? group, missing);
        break;
      case 'vendor': {
        const v = readVendor(node);
        if (v) into.vendors.push(v);
        break;
      }
      case 'feature': {
        const f = readFeature(node);
        if (f) into.features.push(f);
        break;
      }
      case 'model': {
        const m = readModel(node, group);
        if (m) into.models.push(m);
        break;
      }
      default:
        break;
    }
  }
}

export interface ReadResult {
  readonly map: RawCpuMap;
  /** Files index.xml names that are not there. libvirt tolerates none, we report and go on. */
  readonly missing: readonly string[];
}

/**
 * Reads a cpu_map given a directory (with index.xml) or a file (index.xml or a
 * legacy cpu_map.xml). Throws CpuMapReadError with a clear message otherwise.
 */
export function readCpuMap(location: string, files: CpuMapFiles): ReadResult {
  const kind = files.kind(location);
  if (kind === 'missing') throw new CpuMapReadError(`cpu_map not found at ${location}`);
  if (kind !== 'file' && kind !== 'dir') throw new CpuMapReadError(`${location}: ${kind}`);
  const file = kind === 'dir' ? path.join(location, 'index.xml') : location;
  if (kind === 'dir' && files.kind(file) !== 'file') {
    const legacy = path.join(location, 'cpu_map.xml');
    if (files.kind(legacy) === 'file') return readCpuMap(legacy, files);
    throw new CpuMapReadError(`${location} has neither index.xml nor cpu_map.xml`);
  }
  const top = parseFile(files, file).find((n) => n.tag === 'cpus');
  if (!top) throw new CpuMapReadError(`${file} has no <cpus> root element`);
  const arches: Partial<Record<CpuMapArch, RawArch>> = {};
  const missing: string[] = [];
  for (const archNode of top.children) {
    if (archNode.tag !== 'arch') continue;
    const name = archNode.attrs.name as CpuMapArch;
    if (!KNOWN_ARCHES.includes(name)) continue;
    const into = arches[name] ?? emptyArch();
    readArchContent(files, archNode.children, path.dirname(file), into, undefined, missing);
    arches[name] = into;
  }
  if (Object.keys(arches).length === 0) throw new CpuMapReadError(`${file} defines no known architecture`);
  return { map: { source: location, arches }, missing };
}
