import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAllEditors, codeOf, hoverText, open, ours, pollUntil, positionOf } from './helpers';

suite('nova.conf stacks', () => {
  suiteSetup(async () => {
    await activate();
  });
  suiteTeardown(closeAllEditors);

  test('hover on a kolla overlay key shows the effective value and the file that sets it', async () => {
    const { document: doc } = await open('kolla/config/nova.conf');
    const text = await pollUntil(
      () => hoverText(doc.uri, positionOf(doc, 'cpu_mode', 2)),
      (t) => /Effective in the stack/.test(t),
      'effective-value hover on config/nova.conf cpu_mode',
    );
    assert.match(text, /nova-compute reads `custom`, set by nova\.conf:9/);
    assert.match(text, /cpu_mode/, 'keeps the option documentation');
  });

  test('the host overlay is linted merged: one error at its cpu_mode', async () => {
    const { document: doc } = await open('kolla/config/nova/compute-07/nova.conf');
    const diags = await pollUntil(() => ours(doc.uri), (d) => d.some((x) => codeOf(x) === 'nova-cpu-models-without-custom'), 'the stack error in compute-07');
    const errors = diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].range.start.line, 2);
    assert.match(errors[0].message, /nova\/nova-compute\.conf:7/);
  });

  test('kolla/config/global.conf opens as nova.conf and is read as the first layer of the stack', async () => {
    const { document: doc } = await open('kolla/config/global.conf');
    assert.equal(doc.languageId, 'nova-conf');
    const diags = await pollUntil(() => ours(doc.uri), (d) => d.some((x) => codeOf(x) === 'nova-overridden'), 'global.conf debug overridden');
    const overridden = diags.find((x) => codeOf(x) === 'nova-overridden')!;
    assert.equal(overridden.range.start.line, 2, 'at debug = True');
    assert.match(overridden.message, /nova\/nova-compute\.conf:3/);
  });
});
