/**
 * Quick-fixes for a file linted in a stack: they edit the file where the fix belongs,
 * which may not be the one the diagnostic is in (a WorkspaceEdit over several uris).
 *  - Switch to host-passthrough: the deciding `cpu_mode` (or the newest file's
 *    `[libvirt]`), and every `cpu_models` / `cpu_model` of the stack commented out;
 *  - Add `cpu_models = <host model>` (custom without models, with a probed host): in
 *    the file where the other CPU options live.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import { CPU_KEYS, PASSTHROUGH_CODES } from './codeActions';
import { SOURCE, type NovaContext } from './context';
import { novaT } from './messages';
import type { NovaConfFile, NovaEntry } from './parser';
import { readCpuSettings } from './rules';
import type { NovaView } from './stack';
import { stackT } from './stackmessages';


/** Titles of the single-file fixes that a stack replaces (they would edit the wrong file). */
export function singleFileCpuTitles(ctx: NovaContext): Set<string> {
  const t = novaT(ctx.locale);
  return new Set([t('fix.passthrough'), t('fix.setCustom'), t('fix.addVirtType')]);
}

function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** A new line at the top of the file's last `[libvirt]` section, or a new section at the end. */
function insertLine(doc: TextDocument, file: NovaConfFile, line: string): TextEdit {
  const nl = eol(file.text);
  const sections = file.sections.filter((s) => s.normalized === 'libvirt');
  const section = sections[sections.length - 1];
  if (section) {
    let at = section.headerEnd;
    while (at < file.text.length && file.text[at] !== '\n') at++;
    if (at < file.text.length) at++;
    const lead = at === file.text.length && !/[\r\n]$/.test(file.text) ? nl : '';
    return { range: { start: doc.positionAt(at), end: doc.positionAt(at) }, newText: lead + line + nl };
  }
  const end = doc.positionAt(file.text.length);
  const lead = file.text.length === 0 ? '' : /[\r\n]$/.test(file.text) ? nl : nl + nl;
  return { range: { start: end, end }, newText: `${lead}[libvirt]${nl}${line}${nl}` };
}

function commentOut(doc: TextDocument, file: NovaConfFile, e: NovaEntry): TextEdit[] {
  const starts = new Set([lineStartOf(file.text, e.start), ...e.pieces.slice(1).map((p) => lineStartOf(file.text, p.start))]);
  return [...starts].map((s) => ({ range: { start: doc.positionAt(s), end: doc.positionAt(s) }, newText: '# ' }));
}

/** The member with most CPU options in `[libvirt]`; the newest on a tie. */
export function cpuHome(view: NovaView): number {
  let best = view.members.length - 1;
  let bestCount = -1;
  view.members.forEach((m, i) => {
    const n = m.file.entries.filter((e) => e.section?.normalized === 'libvirt' && CPU_KEYS.has(e.key)).length;
    if (n >= bestCount && n > 0) {
      best = i;
      bestCount = n;
    }
  });
  return best;
}

/**
 * `hostOnly`: the stack is one host's (kolla `nova/<host>/nova.conf` last), whose other files every
 * host reads; the fix then stays in the host's own file: `cpu_mode = host-passthrough` and an empty
 * `cpu_models =` that clears the shared list for this host only.
 */
export function stackCodeActions(view: NovaView, docs: readonly TextDocument[], diagnostics: Diagnostic[], ctx: NovaContext, hostOnly = false): CodeAction[] {
  const ours = diagnostics.filter((d) => d.source === SOURCE && typeof d.code === 'string' && PASSTHROUGH_CODES.has(d.code));
  if (ours.length === 0) return [];
  const t = stackT(ctx.locale);
  const s = readCpuSettings(view, ctx.settings.novaRelease);
  const changes: Record<string, TextEdit[]> = {};
  const push = (member: number, edits: TextEdit[]): void => {
    const uri = docs[member].uri;
    (changes[uri] ??= []).push(...edits);
  };
  const last = view.members.length - 1;
  const modeMember = hostOnly ? last : s.cpuModeEntry ? view.memberOf(s.cpuModeEntry) : last;
  const file = (m: number): NovaConfFile => view.members[m].file;
  if (s.cpuModeEntry && view.memberOf(s.cpuModeEntry) === modeMember) {
    const d = docs[modeMember];
    push(modeMember, [{ range: { start: d.positionAt(s.cpuModeEntry.valueStart), end: d.positionAt(s.cpuModeEntry.valueEnd) }, newText: 'host-passthrough' }]);
  } else push(modeMember, [insertLine(docs[modeMember], file(modeMember), 'cpu_mode = host-passthrough')]);
  for (const e of view.entriesOfGroup('libvirt')) {
    const m = view.memberOf(e);
    if ((e.key === 'cpu_models' || e.key === 'cpu_model') && (!hostOnly || m === last)) push(m, commentOut(docs[m], file(m), e));
  }
  if (hostOnly && s.models.length > 0 && s.modelsEntry && view.memberOf(s.modelsEntry) !== last) push(last, [insertLine(docs[last], file(last), 'cpu_models =')]);
  const out: CodeAction[] = [action(t('stack.fixPassthrough', view.labelOf(modeMember)), { changes }, ours, true)];
  const custom = ours.filter((d) => d.code === 'nova-custom-without-models');
  const model = ctx.host?.libvirt?.hostModel?.name;
  if (custom.length && model) {
    const home = cpuHome(view);
    const edit = insertLine(docs[home], view.members[home].file, `cpu_models = ${model}`);
    out.push(action(t('stack.fixAddModels', model, view.labelOf(home)), { changes: { [docs[home].uri]: [edit] } }, custom, false));
  }
  return out;
}

function action(title: string, edit: WorkspaceEdit, diagnostics: Diagnostic[], preferred: boolean): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics, edit, ...(preferred ? { isPreferred: true } : {}) };
}
