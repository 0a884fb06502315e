/** Hover for modprobe.d commands, kvm module names and their parameters, on both languages. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MarkupKind, type Hover } from 'vscode-languageserver-protocol';
import type { Locale } from '../../core/l10n';
import type { CmdlineFile } from './cmdline';
import type { ModprobeContext } from './context';
import type { ParamSpec } from './dataTypes';
import { describe } from './descriptions';
import { modprobeT } from './messages';
import { kvmModule, kvmParam } from './modules';
import type { Directive, ModprobeFile } from './parser';

const inside = (w: { start: number; end: number } | undefined, offset: number): boolean => w !== undefined && w.start <= offset && offset <= w.end;

/** The directive whose logical line holds `offset` (binary search: they are in order). */
export function directiveAt(file: ModprobeFile, offset: number): Directive | undefined {
  const list = file.directives;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = list[mid];
    if (offset < d.start) hi = mid - 1;
    else if (offset > d.end) lo = mid + 1;
    else return d;
  }
  return undefined;
}

function valuesLine(p: ParamSpec, locale: Locale): string {
  const t = modprobeT(locale);
  if (p.choices) return t('hover.values.charp', p.choices.map((c) => `\`${c}\``).join(', '));
  switch (p.type) {
    case 'bool':
    case 'bint':
      return t('hover.values.bool');
    case 'int':
      return t('hover.values.int');
    case 'uint':
      return t('hover.values.uint');
    case 'ushort':
      return t('hover.values.ushort');
    default:
      return t('hover.values.text');
  }
}

/** Markdown for one parameter: what it does, type, default and its history, source. */
export function paramMarkdown(module: string, p: ParamSpec, locale: Locale, onCmdline = false): string {
  const t = modprobeT(locale);
  const lines = [`**${module}.${p.name}**`, ''];
  const desc = describe(`param.${module}.${p.name}`, locale);
  if (desc) lines.push(desc, '');
  lines.push(`- ${t('hover.type', p.type)}`);
  const history = p.history.map((h) => t('hover.defaultBefore', h.default, h.until)).join('; ');
  lines.push(`- ${t('hover.default', p.default)}${history ? ` (${history})` : ''}`);
  lines.push(`- ${valuesLine(p, locale)}`);
  lines.push(`- ${p.perm === '0644' ? t('hover.runtime', module, p.name) : t('hover.loadTime', module)}`);
  lines.push('', t('hover.source', p.file));
  if (onCmdline) lines.push('', t('cmdline.builtin', module));
  return lines.join('\n');
}

function moduleMarkdown(name: string, locale: Locale): string | undefined {
  const m = kvmModule(name);
  return m ? `${modprobeT(locale)('hover.module', m.name, m.description)}\n\n${modprobeT(locale)('hover.source', m.file)}` : undefined;
}

const md = (value: string | undefined): Hover | null => (value ? { contents: { kind: MarkupKind.Markdown, value } } : null);

export function modprobeHover(_doc: TextDocument, file: ModprobeFile, offset: number, ctx: ModprobeContext): Hover | null {
  const d = directiveAt(file, offset);
  if (!d) return null;
  if (inside(d.keyword, offset)) return md(d.command ? describe(`directive.${d.command}`, ctx.locale) : undefined);
  if (inside(d.module, offset) && d.moduleName) return md(moduleMarkdown(d.moduleName, ctx.locale));
  const p = d.params.find((x) => x.start <= offset && offset <= x.end);
  const spec = p && d.moduleName ? kvmParam(d.moduleName, p.key) : undefined;
  return spec && d.moduleName ? md(paramMarkdown(d.moduleName, spec, ctx.locale)) : null;
}

export function cmdlineHover(_doc: TextDocument, file: CmdlineFile, offset: number, ctx: ModprobeContext): Hover | null {
  const p = file.params.find((x) => x.start <= offset && offset <= x.end);
  if (!p) return null;
  if (inside(p.module, offset)) return md(moduleMarkdown(p.moduleName, ctx.locale));
  const spec = kvmParam(p.moduleName, p.key);
  return spec ? md(paramMarkdown(p.moduleName, spec, ctx.locale, true)) : null;
}
