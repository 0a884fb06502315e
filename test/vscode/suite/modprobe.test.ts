import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, applyCodeAction, closeAllEditors, codeActionsAt, codeOf, completionsAt, labelOf, open, pollUntil, positionOf, revert, waitForDiagnostics } from './helpers';

const FILE = 'etc/modprobe.d/kvm-nested.conf';

suite('modprobe.d', () => {
  suiteSetup(async () => {
    await activate();
  });
  suiteTeardown(closeAllEditors);

  test('a modprobe.d/*.conf file is the modprobe-conf language and completes kvm parameters with type and default', async () => {
    const editor = await open(FILE);
    const doc = editor.document;
    assert.equal(doc.languageId, 'modprobe-conf');
    const items = await pollUntil(() => completionsAt(doc.uri, positionOf(doc, 'options kvm_intel ', 'options kvm_intel '.length)), (xs) => xs.some((i) => labelOf(i) === 'nested'), 'nested in the completion list');
    const nested = items.find((i) => labelOf(i) === 'nested')!;
    assert.equal(nested.detail, 'bool, default Y');
    assert.ok(items.some((i) => labelOf(i) === 'ept'));
  });

  test('quick-fix turns `options amd nested=1` into `options kvm_amd nested=1`', async () => {
    const editor = await open(FILE);
    const doc = editor.document;
    try {
      const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'modprobe-unknown-module'), 'modprobe-unknown-module');
      const d = ds.find((x) => codeOf(x) === 'modprobe-unknown-module')!;
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(doc.getText(d.range), 'amd');
      const actions = await pollUntil(() => codeActionsAt(doc.uri, d.range), (as) => as.some((a) => a.title === 'Change to "kvm_amd"'), 'the kvm_amd fix');
      const before = doc.version;
      await applyCodeAction(actions.find((a) => a.title === 'Change to "kvm_amd"')!);
      await pollUntil(() => doc.version, (v) => v > before, 'the edit to apply', 5_000);
      assert.equal(doc.lineAt(1).text, 'options kvm_amd nested=1');
      await waitForDiagnostics(doc.uri, (x) => !x.some((y) => codeOf(y) === 'modprobe-unknown-module'), 'the warning to clear');
    } finally {
      await revert(editor);
    }
  });
});
