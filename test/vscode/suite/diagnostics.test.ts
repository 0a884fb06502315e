import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAllEditors, codeOf, open, positionOf, screenshot, waitForDiagnostics } from './helpers';

suite('Diagnostics', () => {
  suiteSetup(async () => {
    await activate();
  });
  suiteTeardown(closeAllEditors);

  test('domain XML: cpu diagnostics with codes, source and exact ranges', async () => {
    const editor = await open('domain/nested-guest.xml');
    const doc = editor.document;
    assert.equal(doc.languageId, 'xml');
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'cpu-feature-unknown'), 'cpu-feature-unknown');
    for (const d of ds) {
      assert.match(codeOf(d), /^[a-z]+(-[a-z0-9]+)+$/, `code ${codeOf(d)} is kebab-case`);
    }
    const unknown = ds.find((x) => codeOf(x) === 'cpu-feature-unknown')!;
    assert.equal(doc.getText(unknown.range), 'vmxx', 'the range covers exactly the unknown feature name');
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
    assert.match(unknown.message, /vmxx/);
    assert.match(unknown.message, /\bvmx\b/, 'suggests vmx');
  });

  test('nova.conf: [libvirt] diagnostics with nova- codes', async () => {
    const editor = await open('etc/nova/nova.conf');
    const doc = editor.document;
    assert.equal(doc.languageId, 'nova-conf', 'nova.conf gets the nova-conf language by file name');
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x).startsWith('nova-')), 'a nova- diagnostic');
    const typo = ds.find((x) => doc.getText(x.range) === 'cpu_modle');
    assert.ok(typo, `a diagnostic on the misspelt key cpu_modle; got ${ds.map((x) => `${codeOf(x)}@${doc.getText(x.range)}`).join(', ')}`);
    assert.match(codeOf(typo), /^nova-/);
    assert.match(typo.message, /cpu_mode/, 'suggests cpu_mode');
    const flag = ds.find((x) => doc.getText(x.range) === 'vmxx');
    assert.ok(flag, 'a diagnostic on the unknown extra flag vmxx');
    // Show the file with its problems for the README screenshot.
    editor.selection = new vscode.Selection(positionOf(doc, 'cpu_modle'), positionOf(doc, 'cpu_modle'));
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.window.showTextDocument(doc, { preview: false });
    await screenshot('nova-conf-diagnostics');
  });
});
