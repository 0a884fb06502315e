/**
 * Quick-fixes for modprobe.d and command line findings: replace a module name, a
 * parameter name or a value with the candidate the finding carries (`amd` →
 * `kvm_amd`, `y` → `1`, `nested=0` → `nested=Y`), or remove a line that stops kvm
 * from loading.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-protocol';
import { SOURCE } from '../../core/finding';
import type { ModprobeContext, ModprobeFix } from './context';
import { directiveAt } from './hover';
import { modprobeT } from './messages';
import type { ModprobeFile } from './parser';

function action(doc: TextDocument, title: string, edits: TextEdit[], diagnostics: Diagnostic[], preferred: boolean): CodeAction {
  const a: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics, edit: { changes: { [doc.uri]: edits } } };
  if (preferred) a.isPreferred = true;
  return a;
}

/** Offsets of the whole line (continuations included) with its line break. */
function lineSpan(text: string, start: number, end: number): [number, number] {
  let e = end;
  if (text[e] === '\r') e++;
  if (text[e] === '\n') e++;
  return [start, e];
}

export function modprobeCodeActions(doc: TextDocument, file: ModprobeFile | undefined, diagnostics: readonly Diagnostic[], ctx: ModprobeContext): CodeAction[] {
  const t = modprobeT(ctx.locale);
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== SOURCE || typeof d.code !== 'string' || !/^(modprobe|cmdline)-/.test(d.code)) continue;
    const data = d.data as ModprobeFix | undefined;
    if (data?.kind === 'replace') {
      data.candidates.forEach((c, i) => out.push(action(doc, t('fix.replace', c), [{ range: d.range, newText: c }], [d], i === 0)));
    } else if (data?.kind === 'remove-line' && file) {
      const dir = directiveAt(file, doc.offsetAt(d.range.start));
      if (!dir) continue;
      const [s, e] = lineSpan(file.text, dir.start, dir.end);
      out.push(action(doc, t('fix.removeLine'), [{ range: { start: doc.positionAt(s), end: doc.positionAt(e) }, newText: '' }], [d], false));
    }
  }
  return out;
}
