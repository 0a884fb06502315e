/**
 * nestedVirt.explainError in the editor: a message pasted from a terminal (clipboard) or
 * selected in a log lands on the responsible line of the right workspace file, and the
 * quick fix the server names there is applied.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplainCommandResult } from '../../../client/src/explain';
import { activate, closeAllEditors, codeOf, fixtureUri, open, pollUntil, positionOf, revert, waitForDiagnostics } from './helpers';

const PASTED = [
  "error: Failed to start domain 'explain-me'",
  "error: operation failed: guest CPU doesn't match specification: missing features: vmx",
].join('\n');

/** The promise's value, or false when it has not settled within `ms`. */
async function within(ms: number, fn: () => Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), ms); });
  try {
    return await Promise.race([fn().catch(() => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

suite('Explain an error', () => {
  suiteSetup(async () => {
    await activate();
  });
  suiteTeardown(closeAllEditors);

  test('a pasted libvirt message lands on the <model> of the domain and "Require vmx" fixes it', async () => {
    const editor = await open('domain/explain-missing-vmx.xml');
    const doc = editor.document;
    try {
      await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'nested-model-lacks-feature'), 'nested-model-lacks-feature');
      // No selection in the editor: the command takes the clipboard, where a user pastes from.
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      // A browser-hosted runner may refuse clipboard access or wait on a permission prompt;
      // then the text is passed as the argument.
      const viaClipboard = await within(2_000, async () => {
        await vscode.env.clipboard.writeText(PASTED);
        return (await vscode.env.clipboard.readText()) === PASTED;
      });
      const r = await vscode.commands.executeCommand<ExplainCommandResult>('nestedVirt.explainError', { interactive: false, apply: doc.uri.toString(), ...(viaClipboard ? {} : { text: PASTED }) });
      assert.ok(r, 'the command returns its result');
      assert.equal(r.problems[0].id, 'libvirt-missing-features');
      assert.equal(r.problems[0].category, 'cpu-feature-unavailable');
      const here = r.problems[0].locations.find((l) => l.uri === doc.uri.toString());
      assert.ok(here, JSON.stringify(r.problems[0].locations.map((l) => l.uri)));
      const model = positionOf(doc, 'Skylake-Client-IBRS');
      assert.deepEqual(here.range.start, { line: model.line, character: model.character });
      assert.equal(here.quickFixes[0], 'Require vmx for nested virtualization');
      assert.equal(r.applied, 'Require vmx for nested virtualization');
      // The editor shows that line, and the fix is in the text.
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString());
      assert.equal(vscode.window.activeTextEditor?.selection.start.line, model.line);
      const text = await pollUntil(() => doc.getText(), (t) => t.includes("name='vmx'"), 'the quick fix to apply', 5_000);
      assert.match(text, /<model fallback='forbid'>Skylake-Client-IBRS<\/model>\n {4}<feature policy='require' name='vmx'\/>/);
      await waitForDiagnostics(doc.uri, (d) => !d.some((x) => codeOf(x) === 'nested-model-lacks-feature'), 'nested-model-lacks-feature to clear');
    } finally {
      await revert(editor);
    }
  });

  test('a nova error selected in a log lands on cpu_models of the workspace nova.conf', async () => {
    const log = await open('logs/nova-compute.log');
    const at = positionOf(log.document, 'nova.exception.InvalidCPUInfo');
    log.selection = new vscode.Selection(at, log.document.lineAt(at.line).range.end);
    const r = await vscode.commands.executeCommand<ExplainCommandResult>('nestedVirt.explainError', { interactive: false });
    assert.ok(r);
    assert.equal(r.problems[0].id, 'nova-cpu-model-not-correct');
    assert.equal(r.problems[0].category, 'nova-cpu-config');
    const novaUri = fixtureUri('etc/nova/nova.conf').toString();
    const loc = r.problems[0].locations.find((l) => l.uri === novaUri);
    assert.ok(loc, JSON.stringify(r.problems[0].locations.map((l) => l.uri)));
    const nova = await vscode.workspace.openTextDocument(fixtureUri('etc/nova/nova.conf'));
    assert.match(nova.lineAt(loc.range.start.line).text, /^cpu_models = Skylake-Client-IBRS/);
  });
});
