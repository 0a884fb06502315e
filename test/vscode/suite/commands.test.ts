import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAllEditors, codeOf, EXTENSION_ID, open, positionOf, revert, waitForDiagnostics } from './helpers';

interface CommandContribution { command: string; title: string; category?: string }

suite('Commands', () => {
  suiteSetup(async () => {
    await activate();
  });
  suiteTeardown(closeAllEditors);

  test('every contributed command is registered and has a category', async () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: CommandContribution[] } };
    const contributed = pkg.contributes.commands;
    const ids = contributed.map((c) => c.command).sort();
    assert.deepEqual(ids, [
      'nestedVirt.changeCpuMap', 'nestedVirt.changeHostArch', 'nestedVirt.changeRelease', 'nestedVirt.explainError', 'nestedVirt.lintWorkspace',
      'nestedVirt.openExample', 'nestedVirt.probeAll', 'nestedVirt.probeHost', 'nestedVirt.probeLocal',
      'nestedVirt.restartServer', 'nestedVirt.selectHost', 'nestedVirt.showOutput',
    ]);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const c of contributed) {
      assert.ok(registered.has(c.command), `${c.command} is registered`);
      assert.ok(c.category, `${c.command} has a category`);
      assert.ok(c.title && !c.title.startsWith('%'), `${c.command} has a resolved title (${c.title})`);
    }
  });

  test('Open Example opens the bundled domain XML and nova.conf, checked like any file', async () => {
    const xml = await vscode.commands.executeCommand<vscode.TextEditor>('nestedVirt.openExample', 'domain');
    assert.ok(xml.document.uri.fsPath.endsWith('examples/vm.xml'), xml.document.uri.fsPath);
    await waitForDiagnostics(xml.document.uri, (d) => d.length > 0, 'diagnostics of the example vm.xml');
    const nova = await vscode.commands.executeCommand<vscode.TextEditor>('nestedVirt.openExample', 'nova');
    assert.equal(nova.document.languageId, 'nova-conf');
    await waitForDiagnostics(nova.document.uri, (d) => d.length > 0, 'diagnostics of the example nova.conf');
  });

  test('Show Output runs', async () => {
    await vscode.commands.executeCommand('nestedVirt.showOutput');
  });

  test('Restart Server: a new server analyses the next edit', async () => {
    const editor = await open('domain/nested-guest.xml');
    const doc = editor.document;
    try {
      await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'cpu-feature-unknown'), 'cpu-feature-unknown');
      await vscode.commands.executeCommand('nestedVirt.restartServer');
      const at = positionOf(doc, 'vmxx');
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(at, at.translate(0, 4)), 'vmxq');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'cpu-feature-unknown' && /vmxq/.test(x.message)), 'a diagnostic on the edited name');
      assert.equal(doc.getText(ds.find((x) => /vmxq/.test(x.message))!.range), 'vmxq');
    } finally {
      await revert(editor);
    }
  });
});
