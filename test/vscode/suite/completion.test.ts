import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAllEditors, completionsAt, labelOf, open, pollUntil, positionOf, screenshot, waitForDiagnostics } from './helpers';

suite('Completion', () => {
  suiteSetup(async () => {
    await activate();
  });
  suiteTeardown(closeAllEditors);

  test('cpu models inside <model>', async () => {
    const editor = await open('domain/nested-guest.xml');
    const doc = editor.document;
    const pos = positionOf(doc, "<model fallback='forbid'>", "<model fallback='forbid'>".length);
    const items = await pollUntil(() => completionsAt(doc.uri, pos), (xs) => xs.length > 0, 'model completions');
    const labels = items.map(labelOf);
    for (const m of ['Skylake-Client-IBRS', 'Haswell-noTSX', 'EPYC']) {
      assert.ok(labels.includes(m), `${m} is offered; got ${labels.slice(0, 20).join(', ')}…`);
    }
    assert.ok(!labels.includes('vmx'), 'features are not offered as models');
    // The list comes without documentation; the editor resolves the item it shows.
    const resolved = await completionsAt(doc.uri, pos, undefined, items.length);
    const epyc = resolved.find((i) => labelOf(i) === 'EPYC');
    const epycDoc = epyc?.documentation;
    assert.match(typeof epycDoc === 'string' ? epycDoc : (epycDoc?.value ?? ''), /svm/, 'EPYC resolves with its features');

    // The README screenshot: the file with its squiggles and the suggest widget open on <model>,
    // filtered by what a user has typed so far ("Skylake-").
    await waitForDiagnostics(doc.uri, (d) => d.length > 0, 'diagnostics');
    const typed = positionOf(doc, 'Skylake-Client-IBRS', 'Skylake-'.length);
    editor.selection = new vscode.Selection(typed, typed);
    await vscode.window.showTextDocument(doc, { preview: false, selection: new vscode.Range(typed, typed) });
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await screenshot('domain-xml-completion', { waitFor: '.suggest-widget.visible' });
    await vscode.commands.executeCommand('hideSuggestWidget');
  });

  test('keys in [libvirt]', async () => {
    const editor = await open('etc/nova/nova.conf');
    const doc = editor.document;
    const pos = positionOf(doc, 'virt_type');
    const items = await pollUntil(() => completionsAt(doc.uri, pos), (xs) => xs.length > 0, '[libvirt] key completions');
    const labels = items.map(labelOf);
    for (const k of ['cpu_mode', 'cpu_models', 'cpu_model_extra_flags', 'virt_type']) {
      assert.ok(labels.includes(k), `${k} is offered; got ${labels.slice(0, 20).join(', ')}…`);
    }
    assert.ok(!labels.includes('compute_driver'), '[DEFAULT] keys are not offered in [libvirt]');
  });
});
