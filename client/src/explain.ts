/**
 * `nestedVirt.explainError`: explains the selected text, else the clipboard, else what
 * the user types. The language server does the work (workspace/executeCommand with the
 * same id); this shows a QuickPick of the problems and the lines that cause them, opens
 * a picked line and applies the quick fix the server names for it. The full text opens
 * as a read-only Markdown document.
 */
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { Commands } from '../../shared/src/commands';
import type { ExplainErrorArgs, ExplainErrorResult, ExplainedProblem, ExplainLocation } from '../../shared/src/explain';

const SCHEME = 'nested-virt-explain';
const FILES = '{**/*.xml,**/nova.conf,**/nova-*.conf,**/nova.conf.d/*.conf,**/modprobe.d/*.conf,**/modprobe.conf}';
const MAX_FILES = 200;
const MAX_FILE_BYTES = 1024 * 1024;
const MAX_TOTAL_BYTES = 8 * 1024 * 1024;

/** Arguments for scripted use (tests, keybindings): no prompt when `text` is given and `interactive` is false. */
export interface ExplainCommandArgs {
  readonly text?: string;
  readonly interactive?: boolean;
  /** With interactive false: open the first located line (or the first in this uri) and apply its quick fix. */
  readonly apply?: boolean | string;
}

export interface ExplainCommandResult extends ExplainErrorResult {
  /** The quick fix applied, when one was. */
  readonly applied?: string;
}

/**
 * The clipboard, or '' when it cannot be read in time: a browser-hosted VS Code
 * (code-server, vscode.dev) may wait on a permission prompt that never comes.
 */
async function clipboardText(): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => { timer = setTimeout(() => resolve(''), CLIPBOARD_WAIT_MS); });
  try {
    return await Promise.race([Promise.resolve(vscode.env.clipboard.readText()).catch(() => ''), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const CLIPBOARD_WAIT_MS = 2000;

async function inputText(args: ExplainCommandArgs | undefined): Promise<string | undefined> {
  if (args?.text) return args.text;
  const editor = vscode.window.activeTextEditor;
  const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
  if (selected.trim()) return selected;
  const clip = await clipboardText();
  if (clip.trim()) return clip;
  return vscode.window.showInputBox({ title: vscode.l10n.t('Explain an error'), prompt: vscode.l10n.t('Paste the error message from libvirt, QEMU, nova or the kernel'), ignoreFocusOut: true });
}

/** Domain XML, nova.conf and modprobe.d files of the workspace that are not open (the server has those). */
async function foundDocuments(): Promise<{ uri: string; text: string }[]> {
  if (!vscode.workspace.workspaceFolders?.length) return [];
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
  const uris = await vscode.workspace.findFiles(FILES, '**/{node_modules,.git}/**', MAX_FILES);
  const out: { uri: string; text: string }[] = [];
  let total = 0;
  for (const uri of uris) {
    if (open.has(uri.toString())) continue;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_FILE_BYTES || total + stat.size > MAX_TOTAL_BYTES) continue;
      total += stat.size;
      out.push({ uri: uri.toString(), text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) });
    } catch {
      // Unreadable files are skipped; the explanation does not depend on them.
    }
  }
  return out;
}

function markdown(problems: readonly ExplainedProblem[]): string {
  const out: string[] = [`# ${vscode.l10n.t('Explain an error')}`, ''];
  for (const p of problems) {
    out.push(`## ${p.category} (${p.id})`, '', '```text', p.evidence.lineText.replace(/`/g, "'"), '```', '', p.message, '', `**${vscode.l10n.t('Fix')}:** ${p.fix}`, '');
    out.push(`**${vscode.l10n.t('Checks')}:**`, '', ...p.checks.map((c) => `- ${c}`), '');
    for (const l of p.locations) out.push(`- ${vscode.Uri.parse(l.uri).fsPath}:${l.range.start.line + 1}${l.quickFixes[0] ? ` — ${l.quickFixes[0]}` : ''}`);
    out.push('');
  }
  return out.join('\n');
}

/** Opens the located line and applies the first of its quick fixes the language service offers there. */
export async function openAndFix(l: ExplainLocation): Promise<string | undefined> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(l.uri));
  const range = new vscode.Range(l.range.start.line, l.range.start.character, l.range.end.line, l.range.end.character);
  await vscode.window.showTextDocument(doc, { selection: range, preview: false });
  if (!l.quickFixes.length) return undefined;
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
  const action = l.quickFixes.map((t) => actions.find((a) => a.title === t)).find((a) => a !== undefined);
  if (!action) return undefined;
  if (action.edit) await vscode.workspace.applyEdit(action.edit);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  return action.title;
}

type Item = vscode.QuickPickItem & { readonly location?: ExplainLocation; readonly details?: true };

function items(problems: readonly ExplainedProblem[]): Item[] {
  const out: Item[] = [{ label: `$(book) ${vscode.l10n.t('Show the full explanation')}`, details: true }];
  for (const p of problems) {
    out.push({ label: p.category, kind: vscode.QuickPickItemKind.Separator });
    out.push({ label: `$(error) ${p.message}`, detail: p.fix, description: p.evidence.lineText, details: true });
    for (const l of p.locations) {
      const file = `${vscode.workspace.asRelativePath(vscode.Uri.parse(l.uri))}:${l.range.start.line + 1}`;
      const label = l.quickFixes[0] ? vscode.l10n.t('Open {0} and apply "{1}"', file, l.quickFixes[0]) : vscode.l10n.t('Open {0}', file);
      out.push({ label: `$(go-to-file) ${label}`, location: l });
    }
  }
  return out;
}

async function show(problems: readonly ExplainedProblem[], provider: ExplainDocuments): Promise<string | undefined> {
  if (!problems.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No known nested-virtualization error found in that text.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items(problems), { title: vscode.l10n.t('Explain an error'), matchOnDescription: true, matchOnDetail: true });
  if (!picked) return undefined;
  if (picked.location) return openAndFix(picked.location);
  const doc = await vscode.workspace.openTextDocument(provider.put(markdown(problems)));
  await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
  await vscode.window.showTextDocument(doc, { preview: true });
  return undefined;
}

/** Read-only documents for the full explanation (no save prompt on close). */
class ExplainDocuments implements vscode.TextDocumentContentProvider {
  private n = 0;
  private readonly texts = new Map<string, string>();
  put(text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/explanation-${++this.n}.md` });
    this.texts.set(uri.toString(), text);
    if (this.texts.size > 20) this.texts.delete(this.texts.keys().next().value as string);
    return uri;
  }
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}

export function registerExplain(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  const provider = new ExplainDocuments();
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, provider),
    vscode.commands.registerCommand(Commands.explainError, async (args?: ExplainCommandArgs): Promise<ExplainCommandResult | undefined> => {
      const c = client();
      if (!c) return undefined;
      const text = await inputText(args);
      if (!text?.trim()) return undefined;
      const params: ExplainErrorArgs = { text, documents: await foundDocuments() };
      const result = ((await c.sendRequest(ExecuteCommandRequest.type, { command: Commands.explainError, arguments: [params] })) ?? { problems: [] }) as ExplainErrorResult;
      if (args?.interactive === false) {
        const first = result.problems.flatMap((p) => p.locations).find((l) => typeof args.apply !== 'string' || l.uri === args.apply);
        const applied = args.apply && first ? await openAndFix(first) : undefined;
        return { ...result, ...(applied ? { applied } : {}) };
      }
      const applied = await show(result.problems, provider);
      return { ...result, ...(applied ? { applied } : {}) };
    }),
  );
}
