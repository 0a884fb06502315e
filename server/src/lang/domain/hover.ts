/**
 * Hover in libvirt domain XML: a `<model>` name (vendor, parents, features), a
 * feature name (CPUID/MSR bits, QEMU names, migratability, models that have it),
 * a `mode` value (what the mode means) and the `<cpu>` tag (the QEMU `-cpu` it
 * becomes).
 */
import { MarkupKind, type Hover } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ArchCatalog } from '../cpumap/catalog';
import type { CpuIdBits, MsrBits } from '../cpumap/types';
import { domainT, type DomainContext } from './context';
import { toRange } from './edit';
import type { DomainMessageKey } from './messages';
import { type CPU_MODES, type CpuInfo, type DomainInfo } from './model';
import { qemuCpuArg } from './qemu';

type T = ReturnType<typeof domainT>;

/** The description of each CPU mode in the catalog. */
export const MODE_KEYS: Readonly<Record<(typeof CPU_MODES)[number], DomainMessageKey>> = {
  custom: 'mode-custom',
  'host-model': 'mode-host-model',
  'host-passthrough': 'mode-host-passthrough',
  maximum: 'mode-maximum',
};

/** The message key describing a mode, if the mode is one libvirt knows. */
export function modeKey(mode: string | undefined): DomainMessageKey | undefined {
  return mode !== undefined && Object.hasOwn(MODE_KEYS, mode) ? MODE_KEYS[mode as keyof typeof MODE_KEYS] : undefined;
}

/** How many model names a feature hover lists before "…". */
const MODELS_SHOWN = 6;

function hex(raw: string): string {
  const n = parseInt(raw, 16);
  return Number.isFinite(n) ? `0x${n.toString(16)}` : raw;
}

/** Bit numbers set in a mask such as 0x00000020 (→ 5). */
function bits(mask: string): string {
  const n = parseInt(mask, 16);
  if (!Number.isFinite(n) || n === 0) return mask;
  const out: number[] = [];
  for (let b = 0; b < 32; b++) if ((n >>> b) & 1) out.push(b);
  return out.join(', ');
}

function cpuidLines(t: T, c: CpuIdBits): string[] {
  const sub = c.ecx_in !== undefined ? t('hover-feature-subleaf', hex(c.ecx_in)) : '';
  const regs = (['eax', 'ebx', 'ecx', 'edx'] as const).filter((r) => c[r] !== undefined && parseInt(c[r] ?? '0', 16) !== 0);
  return regs.map((r) => t('hover-feature-cpuid', hex(c.eax_in), sub, r.toUpperCase(), bits(c[r] ?? '0')));
}

function msrLines(t: T, m: MsrBits): string[] {
  const regs = (['eax', 'edx'] as const).filter((r) => m[r] !== undefined && parseInt(m[r] ?? '0', 16) !== 0);
  return regs.map((r) => t('hover-feature-msr', hex(m.index), r.toUpperCase(), bits(m[r] ?? '0')));
}

function footer(t: T, ctx: DomainContext): string {
  return `_${t('hover-source', ctx.catalog.source)}_`;
}

function modelHover(t: T, ctx: DomainContext, arch: ArchCatalog, name: string): string | undefined {
  const m = arch.model(name);
  if (!m) return undefined;
  const lines = [`**${name}**`, ''];
  const vendor = arch.vendorOf(name);
  if (vendor) lines.push(`${t('hover-model-vendor')}: ${vendor}  `);
  const chain = arch.parentChain(name);
  if (chain.length > 1) lines.push(`${t('hover-model-parents')}: ${chain.slice(1).join(' → ')}  `);
  if (m.group) lines.push(`${t('hover-model-group')}: ${m.group}  `);
  if (m.parent) {
    const added = arch.addedFeatures(name);
    if (added.length) lines.push(`${t('hover-model-added', m.parent)}: ${added.join(', ')}  `);
  }
  const full = [...arch.fullFeatures(name)].sort();
  lines.push('', `${t('hover-model-features', full.length)}: ${full.join(', ')}`, '', footer(t, ctx));
  return lines.join('\n');
}

/** The hover of a feature name; completion shows the same text as the item's documentation. */
export function featureMarkdown(t: T, ctx: DomainContext, arch: ArchCatalog, name: string): string | undefined {
  const f = arch.feature(name);
  if (!f) return undefined;
  const title = f.name === name ? `**${name}**` : `**${name}** → ${f.name}`;
  const lines = [title, ''];
  if (f.name === 'vmx') lines.push(t('hover-nested-vmx'), '');
  if (f.name === 'svm') lines.push(t('hover-nested-svm'), '');
  const facts = [...(f.cpuid ? cpuidLines(t, f.cpuid) : []), ...(f.msr ? msrLines(t, f.msr) : [])];
  if (f.aliases?.length) facts.push(t('hover-feature-aliases', f.aliases.join(', ')));
  if (f.migratable === false) facts.push(t('hover-feature-not-migratable'));
  const models = [...arch.modelsWithFeature(f.name)].sort();
  if (models.length) {
    const shown = models.slice(0, MODELS_SHOWN).join(', ') + (models.length > MODELS_SHOWN ? ', …' : '');
    facts.push(t('hover-feature-models', models.length, shown));
  } else {
    facts.push(t('hover-feature-no-models'));
  }
  lines.push(facts.map((l) => `${l}  `).join('\n'), '', footer(t, ctx));
  return lines.join('\n');
}

function cpuHover(t: T, cpu: CpuInfo, domain: DomainInfo): string {
  const q = qemuCpuArg(cpu, domain.arch);
  const lines = [t('hover-cpu', cpu.effectiveMode), '', `${t('hover-qemu')}:`];
  if (q.value !== undefined) lines.push('```sh', q.arg, '```');
  else lines.push('', t('hover-qemu-default', q.defaultCpu ?? 'qemu64'));
  if (q.dependsOnHost) lines.push('', t('hover-qemu-host-model'));
  if (q.optional.length) lines.push('', t('hover-qemu-optional', q.optional.join(', ')));
  const key = modeKey(cpu.effectiveMode);
  if (key) lines.push('', t(key));
  return lines.join('\n');
}

export function domainHover(doc: TextDocument, domain: DomainInfo, offset: number, ctx: DomainContext): Hover | null {
  const t = domainT(ctx);
  const arch = ctx.catalog.forArch(domain.arch);
  const within = (s: number, e: number): boolean => s <= offset && offset <= e;
  const hover = (value: string | undefined, s: number, e: number): Hover | null =>
    value === undefined ? null : { contents: { kind: MarkupKind.Markdown, value }, range: toRange(doc, s, e) };
  for (const cpu of domain.cpus) {
    if (offset < cpu.el.start || offset > cpu.el.end) continue;
    if (within(cpu.el.nameStart, cpu.el.nameEnd)) return hover(cpuHover(t, cpu, domain), cpu.el.nameStart, cpu.el.nameEnd);
    const mode = cpu.mode;
    if (mode?.value !== undefined && within(mode.valueStart, mode.valueEnd)) {
      const key = modeKey(mode.value);
      return key ? hover(t(key), mode.valueStart, mode.valueEnd) : null;
    }
    const model = cpu.modelName;
    if (arch && model?.value && within(model.start, model.end)) return hover(modelHover(t, ctx, arch, model.value), model.start, model.end);
    for (const f of cpu.features) {
      const n = f.name;
      if (arch && n?.value && within(n.valueStart, n.valueEnd)) return hover(featureMarkdown(t, ctx, arch, n.value), n.valueStart, n.valueEnd);
    }
  }
  return null;
}
