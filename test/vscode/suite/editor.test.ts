import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAllEditors, codeOf, completionsAt, fixtureUri, labelOf, open, pollUntil, positionOf, revert, screenshot, SOURCE } from './helpers';

/** The status texts the extension's API exposes: VS Code has no API to read language status items. */
interface StatusApi {
  status(): { release: string; hostArch: string; cpuMap: string; host: string };
}

suite('Editor: outline, completion flow, status, workspace lint', () => {
  let api: StatusApi;
  suiteSetup(async () => {
    api = (await activate()) as unknown as StatusApi;
  });
  suiteTeardown(closeAllEditors);

  test('the Outline shows nova.conf sections with their keys', async () => {
    const { document: doc } = await open('etc/nova/nova.conf');
    const symbols = await pollUntil(
      () => vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri),
      (s) => (s?.length ?? 0) > 0,
      'nova.conf document symbols',
    );
    assert.deepEqual(symbols.map((s) => s.name), ['DEFAULT', 'libvirt']);
    const libvirt = symbols[1];
    assert.equal(libvirt.kind, vscode.SymbolKind.Namespace);
    assert.deepEqual(libvirt.children.map((c) => c.name), ['virt_type', 'cpu_mode', 'cpu_models', 'cpu_model_extra_flags', 'cpu_modle']);
    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', doc.uri);
    assert.ok(folds.some((f) => f.start === libvirt.range.start.line), 'the [libvirt] section folds');
    // The README screenshot: the Outline view with the sections and keys.
    const at = positionOf(doc, 'cpu_models');
    await vscode.window.showTextDocument(doc, { preview: false, selection: new vscode.Range(at, at) });
    await vscode.commands.executeCommand('outline.focus');
    await screenshot('nova-conf-outline', { expectText: ['cpu_model_extra_flags'] });
  });

  test('accepting a key leaves "key = " and opens the value list', async () => {
    const editor = await open('editor/etc/nova/nova.conf');
    const doc = editor.document;
    assert.equal(doc.languageId, 'nova-conf');
    const pos = new vscode.Position(1, 6);
    const items = await pollUntil(() => completionsAt(doc.uri, pos), (xs) => xs.some((i) => labelOf(i) === 'cpu_mode'), 'key completions');
    const mode = items.find((i) => labelOf(i) === 'cpu_mode')!;
    const insert = typeof mode.insertText === 'string' ? mode.insertText : mode.insertText?.value;
    assert.equal(insert, 'cpu_mode = ');
    assert.equal(mode.command?.command, 'editor.action.triggerSuggest', 'the value list opens after the key');
    // What the user gets after accepting: the value list at the cursor.
    try {
      await editor.edit((e) => e.replace(new vscode.Range(1, 0, 1, 6), insert ?? ''));
      const values = await pollUntil(() => completionsAt(doc.uri, new vscode.Position(1, 11)), (xs) => xs.length > 0, 'value completions');
      assert.deepEqual(values.map(labelOf).slice(0, 4), ['host-model', 'host-passthrough', 'custom', 'none']);
    } finally {
      await revert(editor);
    }
  });

  test("name='v + Enter in an Intel <cpu> inserts vmx", async () => {
    const editor = await open('editor/intel-guest.xml');
    const doc = editor.document;
    const at = positionOf(doc, "name='v", "name='v".length);
    editor.selection = new vscode.Selection(at, at);
    await pollUntil(() => completionsAt(doc.uri, at), (xs) => xs.length > 0, 'feature completions');
    // Open the suggest widget, then press Enter, as a user does; the poll interval lets the widget
    // fill between the two steps, and the pair repeats until the text changes.
    let step = 0;
    try {
      const text = await pollUntil(
        async () => {
          await vscode.commands.executeCommand(step++ % 2 === 0 ? 'editor.action.triggerSuggest' : 'acceptSelectedSuggestion');
          return doc.getText();
        },
        (t) => !t.includes("name='v'"),
        'the accepted suggestion',
        20_000,
        300,
      );
      assert.match(text, /<feature policy='require' name='vmx'\/>/);
    } finally {
      await revert(editor);
    }
  });

  test('the language status shows the release with its codename and follows the setting', async () => {
    await open('etc/nova/nova.conf');
    assert.match(api.status().release, /2026\.1 Gazpacho$/);
    assert.match(api.status().cpuMap, /^\$\(library\) cpu_map: /);
    // The status bar's {} indicator opens the language status flyout with our items.
    await screenshot('language-status', { click: '[id="status.languageStatus"] a, [id="status.languageStatus"]', expectText: ['Gazpacho'] });
    const cfg = vscode.workspace.getConfiguration('nestedVirt');
    await cfg.update('nova.release', '2023.1', vscode.ConfigurationTarget.Workspace);
    try {
      await pollUntil(() => api.status().release, (r) => r.endsWith('2023.1 Antelope'), 'the release item to follow the setting');
    } finally {
      await cfg.update('nova.release', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('Lint Workspace fills Problems for a file that is not open', async () => {
    const uri = fixtureUri('lint/closed-guest.xml');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the file is not open');
    const result = await vscode.commands.executeCommand<{ files: number; problems: number }>('nestedVirt.lintWorkspace');
    assert.ok(result && result.files >= 5, `files checked: ${JSON.stringify(result)}`);
    const ds = await pollUntil(() => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE), (d) => d.length > 0, 'diagnostics of the closed file');
    assert.deepEqual(ds.map(codeOf), ['cpu-mode-invalid']);
    const link = ds[0].code as { value: string; target: vscode.Uri };
    assert.equal(link.target.toString(true), 'https://github.com/nested-virt/nested-virt/blob/main/docs/diagnostics.md#cpu-mode-invalid');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'linting did not open it');
  });
});
