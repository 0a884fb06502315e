/**
 * From an explanation to the responsible line in the user's files: the `<cpu>` of a
 * domain XML, the [libvirt] line of nova.conf, the `options` line of modprobe.d. Uses the
 * same parsers as the editor, and names the existing quick fixes that apply there.
 */
import { translator, type Locale } from '../../core/l10n';
import { domainMessages } from '../domain/messages';
import { parseDomain, policyOf, enables, type CpuInfo, type DomainInfo } from '../domain/model';
import { novaMessages, parseNovaConf, type NovaConfFile, type NovaEntry } from '../nova';
import { lastEntry } from '../nova/parser';
import type { XmlElement } from '../xml';
import type { Explanation } from './types';

export type LocatedKind = 'domain' | 'nova' | 'modprobe';

export interface WorkspaceDoc {
  readonly uri: string;
  readonly text: string;
  readonly kind: LocatedKind;
}

export interface Location {
  readonly uri: string;
  readonly kind: LocatedKind;
  /** Offsets of the responsible text. */
  readonly start: number;
  readonly end: number;
  /** 0-based line of `start`. */
  readonly line: number;
  /** Quick-fix titles that apply at this range, best first (as the language service titles them). */
  readonly quickFixes: readonly string[];
}

interface Env {
  readonly e: Explanation;
  readonly dt: ReturnType<typeof translator<keyof typeof domainMessages.en>>;
  readonly nt: ReturnType<typeof translator<keyof typeof novaMessages.en>>;
}

type Found = { start: number; end: number; quickFixes: string[] };

const NESTED = new Set(['vmx', 'svm']);

function nestedFeature(e: Explanation): string | undefined {
  const f = e.captures.features?.find((x) => NESTED.has(x.toLowerCase()));
  if (f) return f.toLowerCase();
  if (e.category === 'nested-off' || (e.category === 'no-hardware-virt' && e.host)) return 'vmx';
  return undefined;
}

function passthroughTitle(env: Env, cpu: CpuInfo): string[] {
  return cpu.effectiveMode === 'host-passthrough' && !cpu.model ? [] : [env.dt('fix-host-passthrough')];
}

function elementRange(el: XmlElement): Found {
  return { start: el.start, end: el.end, quickFixes: [] };
}

/** A nested feature (vmx/svm) the host lacks: the `<cpu>` that asks for it or should. */
function domainNested(env: Env, d: DomainInfo, feature: string): Found | undefined {
  const cpu = d.cpus[0];
  if (!cpu) return { start: d.root.nameStart, end: d.root.nameEnd, quickFixes: [env.dt('fix-add-cpu')] };
  const el = cpu.features.find((f) => f.name?.value === feature)?.el;
  if (el) return { ...elementRange(el), quickFixes: passthroughTitle(env, cpu) };
  const requires = cpu.features.some((f) => NESTED.has(f.name?.value ?? '') && enables(policyOf(f)));
  if (cpu.effectiveMode === 'custom' && cpu.modelName && !requires) {
    return { start: cpu.modelName.start, end: cpu.modelName.end, quickFixes: [env.dt('fix-require-feature', feature), ...passthroughTitle(env, cpu)] };
  }
  return { start: cpu.el.start, end: cpu.el.end, quickFixes: passthroughTitle(env, cpu) };
}

function domainFound(env: Env, d: DomainInfo): Found | undefined {
  const { e } = env;
  const c = e.captures;
  const feature = nestedFeature(e);
  if (feature && ['cpu-feature-unavailable', 'nested-off', 'no-hardware-virt'].includes(e.category)) return domainNested(env, d, feature);
  const cpu = d.cpus[0];
  switch (e.category) {
    case 'cpu-model-unusable': {
      const m = d.cpus.find((x) => c.model && x.modelName?.value.trim().toLowerCase() === c.model.toLowerCase());
      return m?.modelName ? { start: m.modelName.start, end: m.modelName.end, quickFixes: passthroughTitle(env, m) } : undefined;
    }
    case 'cpu-mode-unsupported': {
      const m = d.cpus.find((x) => x.effectiveMode === c.mode) ?? (c.model === 'host' ? d.cpus.find((x) => x.effectiveMode === 'host-passthrough') : undefined);
      if (!m) return undefined;
      return m.mode ? { start: m.mode.nameStart, end: m.mode.valueEnd + 1, quickFixes: [] } : elementRange(m.el);
    }
    case 'kvm-unavailable':
      return d.type && d.type.value === 'kvm' ? { start: d.type.nameStart, end: d.type.valueEnd + 1, quickFixes: [] } : undefined;
    case 'cpu-xml-invalid': {
      if (!cpu) return undefined;
      const named = cpu.features.filter((f) => c.feature && f.name?.value === c.feature);
      const f = named[named.length - 1];
      if (f) return { ...elementRange(f.el), quickFixes: passthroughTitle(env, cpu) };
      if (c.mode && cpu.mode?.value === c.mode) return { start: cpu.mode.valueStart, end: cpu.mode.valueEnd, quickFixes: [] };
      return { ...elementRange(cpu.el), quickFixes: passthroughTitle(env, cpu) };
    }
    case 'migration-cpu':
      return cpu ? { ...elementRange(cpu.el), quickFixes: [] } : undefined;
    default:
      return undefined;
  }
}

function entryRange(entry: NovaEntry | undefined, quickFixes: string[]): Found | undefined {
  return entry ? { start: entry.start, end: entry.end, quickFixes } : undefined;
}

function novaFound(env: Env, file: NovaConfFile): Found | undefined {
  const { e, nt } = env;
  const mode = lastEntry(file, 'libvirt', 'cpu_mode');
  const models = lastEntry(file, 'libvirt', 'cpu_models') ?? lastEntry(file, 'libvirt', 'cpu_model');
  const pass = mode?.value.trim() === 'host-passthrough' ? [] : [nt('fix.passthrough')];
  if (nestedFeature(e) && ['cpu-feature-unavailable', 'nested-off'].includes(e.category)) {
    return entryRange(lastEntry(file, 'libvirt', 'cpu_model_extra_flags') ?? mode ?? models, pass);
  }
  switch (e.category) {
    case 'nova-cpu-config':
    case 'cpu-model-unusable':
      if (e.captures.virttype) return entryRange(lastEntry(file, 'libvirt', 'virt_type'), [nt('fix.addVirtType')]);
      if (e.captures.model && models) return entryRange(models, pass);
      return e.category === 'nova-cpu-config' ? entryRange(mode ?? models, pass) : undefined;
    case 'cpu-feature-unavailable':
      return entryRange(models ?? mode, pass);
    case 'migration-cpu':
      return entryRange(mode ?? models, []);
    case 'kvm-unavailable':
      return entryRange(lastEntry(file, 'libvirt', 'virt_type'), []);
    default:
      return undefined;
  }
}

/** `options MODULE ...` lines (or the line libkmod named) for modprobe-config problems. */
function modprobeFound(e: Explanation, doc: WorkspaceDoc): Found | undefined {
  if (e.category !== 'modprobe-config') return undefined;
  const c = e.captures;
  const lines = doc.text.split('\n');
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const named = c.file && c.line && doc.uri.endsWith(c.file) && Number(c.line) === i + 1;
    const m = /^\s*options\s+(\S+)\s*(.*)$/.exec(l);
    const mod = m?.[1].replace(/-/g, '_');
    const hit = named || (m && c.module && mod === c.module && (!c.param || m[2].includes(c.param)));
    if (hit) return { start: offset, end: offset + l.replace(/\r$/, '').length, quickFixes: [] };
    offset += l.length + 1;
  }
  return undefined;
}

function lineOf(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Where each explanation's cause is written in these documents (at most one place per document). */
export function locate(e: Explanation, docs: readonly WorkspaceDoc[], locale: Locale): Location[] {
  const env: Env = { e, dt: translator(domainMessages, locale), nt: translator(novaMessages, locale) };
  const out: Location[] = [];
  for (const doc of docs) {
    let found: Found | undefined;
    if (doc.kind === 'domain') {
      const d = parseDomain(doc.text).domain;
      found = d ? domainFound(env, d) : undefined;
    } else if (doc.kind === 'nova') {
      found = novaFound(env, parseNovaConf(doc.text));
    } else {
      found = modprobeFound(e, doc);
    }
    if (found) out.push({ uri: doc.uri, kind: doc.kind, ...found, line: lineOf(doc.text, found.start) });
  }
  return out;
}
