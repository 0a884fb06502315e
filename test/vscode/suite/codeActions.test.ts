import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, applyCodeAction, closeAllEditors, codeActionsAt, codeOf, open, pollUntil, positionOf, revert, waitForDiagnostics } from './helpers';

const TITLE = 'Switch to host-passthrough';

/** Requests quick fixes over `range` until the one titled TITLE shows up, applies it, and returns the new text. */
async function applyPassthrough(editor: vscode.TextEditor, range: vscode.Range): Promise<string> {
  const doc = editor.document;
  const actions = await pollUntil(() => codeActionsAt(doc.uri, range), (as) => as.some((a) => a.title === TITLE), `"${TITLE}"`);
  const fix = actions.filter((a) => a.title === TITLE);
  assert.equal(fix.length, 1, 'offered once');
  assert.ok(fix[0].kind && vscode.CodeActionKind.QuickFix.contains(fix[0].kind), 'is a quick fix');
  const before = doc.version;
  await applyCodeAction(fix[0]);
  await pollUntil(() => doc.version, (v) => v > before, 'the edit to apply', 5_000);
  return doc.getText();
}

suite('Quick fix: Switch to host-passthrough', () => {
  suiteSetup(async () => {
    await activate();
  });
  suiteTeardown(closeAllEditors);

  test('domain XML: the <cpu> element is rewritten exactly', async () => {
    const editor = await open('domain/passthrough-fix.xml');
    const doc = editor.document;
    try {
      await waitForDiagnostics(doc.uri, (d) => d.length > 0, 'diagnostics');
      const cpu = new vscode.Range(positionOf(doc, '<cpu'), positionOf(doc, '</cpu>', '</cpu>'.length));
      const text = await applyPassthrough(editor, cpu);
      assert.equal(text, [
        '<domain type=\'kvm\'>',
        '  <name>fix-me</name>',
        '  <memory unit=\'GiB\'>2</memory>',
        '  <vcpu placement=\'static\'>2</vcpu>',
        '  <os>',
        '    <type arch=\'x86_64\' machine=\'q35\'>hvm</type>',
        '  </os>',
        '  <cpu mode=\'host-passthrough\' check=\'partial\'/>',
        '</domain>',
        '',
      ].join('\n'));
      // The problems that host-passthrough solves are gone.
      await waitForDiagnostics(doc.uri, (d) => d.every((x) => !/^nested-model|^cpu-model/.test(codeOf(x))), 'model diagnostics to clear');
    } finally {
      await revert(editor);
    }
  });

  test('nova.conf: cpu_mode switched, cpu_models commented out', async () => {
    const editor = await open('fix/etc/nova/nova.conf');
    const doc = editor.document;
    assert.equal(doc.languageId, 'nova-conf');
    try {
      const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x).startsWith('nova-')), 'a nova- diagnostic');
      const libvirt = new vscode.Range(positionOf(doc, '[libvirt]'), doc.lineAt(doc.lineCount - 1).range.end);
      assert.ok(ds.some((d) => libvirt.contains(d.range)), 'a diagnostic in [libvirt]');
      const text = await applyPassthrough(editor, libvirt);
      assert.equal(text, [
        '[DEFAULT]',
        'compute_driver = libvirt.LibvirtDriver',
        '',
        '[libvirt]',
        'virt_type = kvm',
        'cpu_mode = host-passthrough',
        '# cpu_models = Haswell-noTSX',
        '',
      ].join('\n'));
    } finally {
      await revert(editor);
    }
  });
});
