/** Runs only in the `--locale zh-cn` pass of the harness (issue 7). */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAllEditors, codeOf, hoverText, open, pollUntil, positionOf, screenshot, waitForDiagnostics } from './helpers';

const HAN = /[\u4e00-\u9fff]/;

suite('Simplified Chinese (zh-cn)', () => {
  suiteSetup(async () => {
    await activate();
  });
  suiteTeardown(closeAllEditors);

  test('VS Code runs with display language zh-cn', () => {
    assert.equal(vscode.env.language.toLowerCase(), 'zh-cn');
  });

  test('domain XML diagnostics are in Chinese, codes unchanged', async () => {
    const { document: doc } = await open('domain/nested-guest.xml');
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'cpu-feature-unknown'), 'cpu-feature-unknown');
    const d = ds.find((x) => codeOf(x) === 'cpu-feature-unknown')!;
    assert.match(d.message, HAN, `message is Chinese: ${d.message}`);
    assert.match(d.message, /vmxx/);
  });

  test('nova.conf diagnostics are in Chinese', async () => {
    const { document: doc } = await open('etc/nova/nova.conf');
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x).startsWith('nova-')), 'a nova- diagnostic');
    for (const d of ds.filter((x) => codeOf(x).startsWith('nova-'))) assert.match(d.message, HAN, `${codeOf(d)}: ${d.message}`);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.window.showTextDocument(doc, { preview: false });
    await screenshot('nova-conf-diagnostics');
  });

  test('hover on a model is in Chinese', async () => {
    const { document: doc } = await open('domain/nested-guest.xml');
    const text = await pollUntil(() => hoverText(doc.uri, positionOf(doc, 'Skylake-Client-IBRS', 3)), (t) => t.length > 0, 'model hover');
    assert.match(text, HAN);
  });
});
