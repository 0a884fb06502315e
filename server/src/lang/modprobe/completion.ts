/**
 * Completion in modprobe.d files (commands, kvm module names, parameter names with
 * type and default, values in the parameter's type) and on kernel command lines
 * (`kvm_intel.nested=` and the like inside GRUB_CMDLINE_LINUX or /etc/kernel/cmdline).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItemKind, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver-protocol';
import type { Locale } from '../../core/l10n';
import type { CmdlineFile } from './cmdline';
import type { ModprobeContext } from './context';
import type { ParamSpec } from './dataTypes';
import { describe } from './descriptions';
import { paramMarkdown } from './hover';
import { modprobeT } from './messages';
import { KVM_MODULES, kvmModule, kvmParam } from './modules';
import { COMMANDS } from './parser';
import { modprobeSnippetItems } from './snippets';

const RETRIGGER = { title: 'suggest', command: 'editor.action.triggerSuggest' };

function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function wordEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && !/[\s"']/.test(text[i])) i++;
  return i;
}

/** Values to offer for a parameter, its default first. */
function valueItems(p: ParamSpec, range: Range, locale: Locale): CompletionItem[] {
  const values = p.choices ? [...p.choices] : p.type === 'bool' || p.type === 'bint' ? ['Y', 'N', '1', '0'] : p.type === 'charp' ? [] : ['1', '0'];
  if (!p.choices && p.type !== 'bool' && p.type !== 'bint' && !values.includes(p.default)) values.unshift(p.default);
  const t = modprobeT(locale);
  return values.map((v, i) => ({
    label: v,
    kind: CompletionItemKind.Value,
    detail: v === p.default ? t('hover.default', p.default) : p.type,
    sortText: String(i).padStart(2, '0'),
    textEdit: { range, newText: v },
  }));
}

function paramItem(module: string, p: ParamSpec, label: string, range: Range, locale: Locale, i: number, cmdline = false): CompletionItem {
  return {
    label,
    kind: CompletionItemKind.Property,
    detail: modprobeT(locale)('completion.param', p.type, p.default),
    documentation: { kind: MarkupKind.Markdown, value: paramMarkdown(module, p, locale, cmdline) },
    // nested first: it is why anyone edits these files here.
    sortText: `${p.name === 'nested' ? '0' : '1'}${String(i).padStart(3, '0')}`,
    textEdit: { range, newText: `${label}=` },
    command: RETRIGGER,
  };
}

function moduleItems(range: Range, locale: Locale): CompletionItem[] {
  return KVM_MODULES.map((m, i) => ({
    label: m.name,
    kind: CompletionItemKind.Module,
    detail: modprobeT(locale)('completion.module'),
    documentation: { kind: MarkupKind.Markdown, value: m.description },
    sortText: String(i),
    textEdit: { range, newText: m.name },
  }));
}

export function modprobeCompletion(doc: TextDocument, text: string, offset: number, ctx: ModprobeContext, opts: { snippets: boolean }): CompletionItem[] {
  const ls = lineStartOf(text, offset);
  const before = text.slice(ls, offset);
  if (/^\s*#/.test(before)) return [];
  const words = before.trimStart().split(/[ \t]+/);
  const partial = words[words.length - 1];
  const from = offset - partial.length;
  const range = (s: number, e: number): Range => ({ start: doc.positionAt(s), end: doc.positionAt(e) });
  const t = modprobeT(ctx.locale);
  if (words.length === 1) {
    const items: CompletionItem[] = COMMANDS.map((c, i) => ({
      label: c,
      kind: CompletionItemKind.Keyword,
      detail: t('completion.directive'),
      documentation: { kind: MarkupKind.Markdown, value: describe(`directive.${c}`, ctx.locale) ?? '' },
      sortText: String(i),
      textEdit: { range: range(from, wordEnd(text, offset)), newText: `${c} ` },
      command: RETRIGGER,
    }));
    return opts.snippets ? [...items, ...modprobeSnippetItems(range(ls, wordEnd(text, offset)), ctx.locale)] : items;
  }
  const command = words[0];
  if (words.length === 2 && ['options', 'blacklist', 'install', 'remove', 'softdep'].includes(command)) {
    return moduleItems(range(from, wordEnd(text, offset)), ctx.locale).map((i) => (command === 'options' ? { ...i, textEdit: { ...i.textEdit!, newText: `${i.label} ` }, command: RETRIGGER } : i));
  }
  if (command !== 'options' || words.length < 3 || !kvmModule(words[1])) return [];
  const module = kvmModule(words[1])!;
  const eq = partial.indexOf('=');
  if (eq >= 0) {
    const p = kvmParam(module.name, partial.slice(0, eq));
    return p ? valueItems(p, range(from + eq + 1, wordEnd(text, offset)), ctx.locale) : [];
  }
  return module.params.map((p, i) => paramItem(module.name, p, p.name, range(from, wordEnd(text, offset)), ctx.locale, i));
}

/** True when `offset` is inside a GRUB_CMDLINE_LINUX[_DEFAULT] value (the line holds the opening). */
function inGrubValue(text: string, offset: number): boolean {
  const before = text.slice(lineStartOf(text, offset), offset);
  const m = /^[ \t]*(?:export[ \t]+)?GRUB_CMDLINE_LINUX(?:_DEFAULT)?=(.*)$/.exec(before);
  if (!m) return false;
  const q = m[1][0];
  return q === '"' || q === "'" ? !m[1].slice(1).includes(q) : !/\s/.test(m[1]);
}

export function cmdlineCompletion(doc: TextDocument, file: CmdlineFile, offset: number, ctx: ModprobeContext): CompletionItem[] {
  const text = file.text;
  if (file.kind === 'grub' && !inGrubValue(text, offset)) return [];
  let from = offset;
  while (from > 0 && !/[\s"'=]/.test(text[from - 1])) from--;
  const range = (s: number, e: number): Range => ({ start: doc.positionAt(s), end: doc.positionAt(e) });
  if (text[from - 1] === '=') {
    let k = from - 1;
    while (k > 0 && !/[\s"']/.test(text[k - 1])) k--;
    const head = text.slice(k, from - 1);
    const dot = head.indexOf('.');
    const p = dot > 0 ? kvmParam(head.slice(0, dot), head.slice(dot + 1)) : undefined;
    return p ? valueItems(p, range(from, wordEnd(text, offset)), ctx.locale) : [];
  }
  const items: CompletionItem[] = [];
  let i = 0;
  for (const m of KVM_MODULES) for (const p of m.params) items.push(paramItem(m.name, p, `${m.name}.${p.name}`, range(from, wordEnd(text, offset)), ctx.locale, i++, true));
  return items;
}
