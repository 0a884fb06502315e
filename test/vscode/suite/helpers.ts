/** Shared helpers for the in-editor suite. No fixed sleeps: everything polls with a deadline. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { config } from './config';

export const EXTENSION_ID = 'nested-virt.nested-virt';
export const SOURCE = 'nested-virt';

/** What the extension's `activate()` returns. */
export interface NestedVirtApi {
  readonly ready: Promise<void>;
}

/** Resolves `p`, or rejects after `ms` with a message that says what was awaited. */
export async function withTimeout<T>(p: PromiseLike<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([Promise.resolve(p), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Calls `probe` until `accept` holds or the deadline passes, then returns the last value.
 * The pause between attempts is a poll interval bounded by the deadline, not a sleep that
 * the test relies on.
 */
export async function pollUntil<T>(
  probe: () => T | Thenable<T>,
  accept: (v: T) => boolean,
  what: string,
  timeoutMs = 20_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!accept(last)) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last value: ${describe(last)}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
    last = await probe();
  }
  return last;
}

function describe(v: unknown): string {
  try {
    const s = JSON.stringify(v, (_k, x: unknown) => (x instanceof vscode.Uri ? x.toString() : x));
    return s.length > 1500 ? `${s.slice(0, 1500)}…` : s;
  } catch {
    return String(v);
  }
}

let api: NestedVirtApi | undefined;

/** Activates nested-virt and waits for `nestedVirt/serverReady` (through the API's `ready`). */
export async function activate(): Promise<NestedVirtApi> {
  if (api) return api;
  const ext = vscode.extensions.getExtension<NestedVirtApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  const exported = await withTimeout(ext.activate(), 30_000, `${EXTENSION_ID} to activate`);
  assert.ok(exported && typeof exported.ready?.then === 'function', 'activate() must return { ready: Promise<void> }');
  await withTimeout(exported.ready, 30_000, 'the nestedVirt/serverReady notification');
  api = exported;
  return exported;
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs the fixture workspace open as a folder');
  return folder.uri.fsPath;
}

export function fixtureUri(rel: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), rel));
}

export async function open(rel: string, languageId?: string): Promise<vscode.TextEditor> {
  let doc = await vscode.workspace.openTextDocument(fixtureUri(rel));
  if (languageId && doc.languageId !== languageId) doc = await vscode.languages.setTextDocumentLanguage(doc, languageId);
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** The position `delta` characters after the `nth` occurrence of `needle`. */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0, nth = 0): vscode.Position {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" (occurrence ${nth}) not found in ${doc.uri.fsPath}`);
  }
  return doc.positionAt(at + delta);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined) return '';
  return typeof c === 'object' ? String(c.value) : String(c);
}

/** Waits until nested-virt has published diagnostics for `uri` that satisfy `accept`. */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (ds: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  return pollUntil(() => ours(uri), accept, `${what} on ${path.basename(uri.fsPath)}`, timeoutMs);
}

/** The completion items at `pos`; the first `resolve` of them are resolved as when the editor shows them. */
export async function completionsAt(uri: vscode.Uri, pos: vscode.Position, trigger?: string, resolve?: number): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, pos, trigger, resolve);
  return list?.items ?? [];
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

export async function hoverText(uri: vscode.Uri, pos: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos);
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

export async function codeActionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value,
  );
  return (actions ?? []).filter((a): a is vscode.CodeAction => !('command' in a && typeof a.command === 'string'));
}

/** Applies a code action the way the lightbulb does: its edit, then its command. */
export async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `applyEdit failed for "${action.title}"`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/** Puts a fixture back the way it is on disk (quick-fix tests edit it in memory). */
export async function revert(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

export interface ScreenshotOptions {
  /** A CSS selector in the workbench the harness clicks first (e.g. the language status indicator). */
  readonly click?: string;
  /** A CSS selector in the workbench that must be visible first (e.g. the suggest widget). */
  readonly waitFor?: string;
  /** A CSS selector in the workbench that must be gone first (e.g. a finished progress notification). */
  readonly waitGone?: string;
  /** Texts the harness looks for in the page, webviews included. */
  readonly expectText?: readonly string[];
}

/**
 * Asks the outer harness for a screenshot of what the user sees now and waits until it is
 * taken. Returns which `expectText` strings the page shows, or undefined when the runner
 * cannot look at the page (e.g. @vscode/test-electron).
 */
export async function screenshot(name: string, o: ScreenshotOptions = {}): Promise<Record<string, boolean> | undefined> {
  const dir = config().screenshotDir;
  if (!dir) return undefined;
  const done = path.join(dir, `${name}.done`);
  fs.writeFileSync(path.join(dir, `${name}.request`), JSON.stringify({ at: new Date().toISOString(), ...o }));
  await pollUntil(() => fs.existsSync(done), Boolean, `screenshot ${name}`, 45_000);
  return (JSON.parse(fs.readFileSync(done, 'utf8')) as { found: Record<string, boolean> }).found;
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
