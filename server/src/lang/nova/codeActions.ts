/**
 * Quick-fixes for nova.conf diagnostics: rename a deprecated key, replace a
 * typo'd key or value with the nearest candidate, drop an ignored duplicate,
 * switch to host-passthrough, set `cpu_mode=custom`, add `virt_type=kvm`.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-protocol';
import { isClearWinner } from '../../core/util/nearest';
import { SOURCE, type FixData, type NovaContext } from './context';
import { novaT } from './messages';
import { entriesOfGroup, lastEntry, type NovaConfFile, type NovaEntry } from './parser';
import { readCpuSettings } from './rules';

/** Codes whose problem goes away with `cpu_mode=host-passthrough`. */
export const PASSTHROUGH_CODES: ReadonlySet<string> = new Set([
  'nova-cpu-models-without-custom',
  'nova-custom-without-models',
  'nova-unknown-cpu-model',
  'nova-virt-flag-vendor',
  'nova-no-nested-flag',
  'nova-host-model-unusable',
]);

/** The [libvirt] keys a switch to host-passthrough rewrites or comments out. */
export const CPU_KEYS: ReadonlySet<string> = new Set(['cpu_mode', 'cpu_models', 'cpu_model', 'cpu_model_extra_flags']);

function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** End of the entry's last line, including its line break. */
function lineEndWithBreak(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  if (text[i] === '\r' && text[i + 1] === '\n') return i + 2;
  return i < text.length ? i + 1 : i;
}

function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** `# ` at the start of every line of the entry (continuation lines too, or oslo would reject them). */
function commentOut(doc: TextDocument, text: string, entry: NovaEntry): TextEdit[] {
  const starts = new Set<number>([lineStart(text, entry.start)]);
  for (const p of entry.pieces.slice(1)) starts.add(lineStart(text, p.start));
  return [...starts].map((s) => ({ range: { start: doc.positionAt(s), end: doc.positionAt(s) }, newText: '# ' }));
}

function insertInLibvirt(doc: TextDocument, file: NovaConfFile, line: string, before?: NovaEntry): TextEdit {
  const text = file.text;
  const nl = eol(text);
  if (before) {
    const at = lineStart(text, before.start);
    return { range: { start: doc.positionAt(at), end: doc.positionAt(at) }, newText: line + nl };
  }
  const section = file.sections.find((s) => s.normalized === 'libvirt');
  if (section) {
    const at = lineEndWithBreak(text, section.headerEnd);
    const needsBreak = at === text.length && !/[\r\n]$/.test(text);
    return { range: { start: doc.positionAt(at), end: doc.positionAt(at) }, newText: (needsBreak ? nl : '') + line + nl };
  }
  const end = doc.positionAt(text.length);
  const lead = text.length === 0 ? '' : /[\r\n]$/.test(text) ? nl : nl + nl;
  return { range: { start: end, end }, newText: `${lead}[libvirt]${nl}${line}${nl}` };
}

function action(doc: TextDocument, title: string, edits: TextEdit[], diagnostics: Diagnostic[], preferred = false): CodeAction {
  const a: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics, edit: { changes: { [doc.uri]: edits } } };
  if (preferred) a.isPreferred = true;
  return a;
}

function passthroughEdits(doc: TextDocument, file: NovaConfFile, ctx: NovaContext): TextEdit[] {
  const text = file.text;
  const s = readCpuSettings(file, ctx.settings.novaRelease);
  const edits: TextEdit[] = [];
  const mode = s.cpuModeEntry;
  if (mode) edits.push({ range: { start: doc.positionAt(mode.valueStart), end: doc.positionAt(mode.valueEnd) }, newText: 'host-passthrough' });
  else edits.push(insertInLibvirt(doc, file, 'cpu_mode = host-passthrough'));
  for (const e of entriesOfGroup(file, 'libvirt')) {
    if (e.key === 'cpu_models' || e.key === 'cpu_model') edits.push(...commentOut(doc, text, e));
  }
  // With host-passthrough the host's own vmx/svm reaches the guest; flags that only add them no longer apply.
  const flags = s.flagsEntry;
  if (flags) {
    const virt = (n: string): boolean => n === 'vmx' || n === 'svm';
    const keep = s.flags.filter((f) => !(virt(f.name) && f.sign !== '-'));
    if (keep.length === 0) {
      for (const e of entriesOfGroup(file, 'libvirt')) if (e.key === 'cpu_model_extra_flags') edits.push(...commentOut(doc, text, e));
    } else if (keep.length < s.flags.length) {
      edits.push({ range: { start: doc.positionAt(flags.valueStart), end: doc.positionAt(flags.valueEnd) }, newText: keep.map((f) => f.item.text).join(', ') });
    }
  }
  return edits;
}

/** `targetedOnly`: only fixes of single diagnostics, for fix-all (no CPU mode switch, no added keys). */
export function novaCodeActions(
  doc: TextDocument, file: NovaConfFile, range: Range, diagnostics: Diagnostic[], ctx: NovaContext, opts: { targetedOnly?: boolean } = {},
): CodeAction[] {
  const t = novaT(ctx.locale);
  const out: CodeAction[] = [];
  const cpuDiags: Diagnostic[] = [];
  const customDiags: Diagnostic[] = [];
  const virtTypeDiags: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (d.source !== SOURCE || typeof d.code !== 'string' || !d.code.startsWith('nova-')) continue;
    const data = d.data as FixData | undefined;
    const current = doc.getText(d.range);
    if (data?.kind === 'rename') {
      out.push(action(doc, t('fix.rename', current, data.to), [{ range: d.range, newText: data.to }], [d], true));
    } else if (data?.kind === 'replace') {
      const clear = data.preferred ?? isClearWinner(current, data.candidates);
      data.candidates.forEach((c, i) => {
        out.push(action(doc, data.titles?.[i] ?? t('fix.replace', c), [{ range: d.range, newText: c }], [d], clear && i === 0));
      });
    } else if (data?.kind === 'remove-line') {
      const start = doc.offsetAt(d.range.start);
      const entry = file.entries.find((e) => e.keyStart === start);
      if (entry) {
        const from = lineStart(file.text, entry.start);
        const to = lineEndWithBreak(file.text, entry.end);
        out.push(action(doc, t('fix.removeLine'), [{ range: { start: doc.positionAt(from), end: doc.positionAt(to) }, newText: '' }], [d]));
      }
    }
    if (PASSTHROUGH_CODES.has(d.code) || d.code === 'nova-host-virt-flag-vendor') cpuDiags.push(d);
    if (data?.kind === 'cpu' && data.setCustom) customDiags.push(d);
    if (d.code === 'nova-cpu-mode-virt-type') virtTypeDiags.push(d);
  }
  if (opts.targetedOnly) return out;
  // Also offered on any CPU line of [libvirt] (no diagnostic needed): the nested-ready choice.
  const from = doc.offsetAt(range.start);
  const to = doc.offsetAt(range.end);
  const onCpuLine = entriesOfGroup(file, 'libvirt').some(
    (e) => CPU_KEYS.has(e.key) && lineStart(file.text, e.start) <= to && from <= e.end,
  );
  const mode = lastEntry(file, 'libvirt', 'cpu_mode');
  if (cpuDiags.length || (onCpuLine && mode?.value !== 'host-passthrough')) {
    out.push(action(doc, t('fix.passthrough'), passthroughEdits(doc, file, ctx), cpuDiags, cpuDiags.length > 0));
    if (!lastEntry(file, 'libvirt', 'virt_type')) {
      out.push(action(doc, t('fix.addVirtType'), [insertInLibvirt(doc, file, 'virt_type = kvm')], cpuDiags));
    }
  }
  if (customDiags.length) {
    const s = readCpuSettings(file, ctx.settings.novaRelease);
    const edit = s.cpuModeEntry
      ? { range: { start: doc.positionAt(s.cpuModeEntry.valueStart), end: doc.positionAt(s.cpuModeEntry.valueEnd) }, newText: 'custom' }
      : insertInLibvirt(doc, file, 'cpu_mode = custom', s.modelsEntry);
    out.push(action(doc, t('fix.setCustom'), [edit], customDiags));
  }
  if (virtTypeDiags.length) {
    const vt = lastEntry(file, 'libvirt', 'virt_type');
    const edit = vt
      ? { range: { start: doc.positionAt(vt.valueStart), end: doc.positionAt(vt.valueEnd) }, newText: 'kvm' }
      : insertInLibvirt(doc, file, 'virt_type = kvm');
    out.push(action(doc, t('fix.addVirtType'), [edit], virtTypeDiags));
  }
  return out;
}
