import * as assert from 'node:assert/strict';
import { activate, closeAllEditors, hoverText, open, pollUntil, positionOf } from './helpers';

suite('Hover', () => {
  suiteSetup(async () => {
    await activate();
  });
  suiteTeardown(closeAllEditors);

  test('on a cpu model', async () => {
    const { document: doc } = await open('domain/nested-guest.xml');
    const text = await pollUntil(() => hoverText(doc.uri, positionOf(doc, 'Skylake-Client-IBRS', 3)), (t) => t.length > 0, 'model hover');
    assert.match(text, /Skylake-Client-IBRS/);
    assert.match(text, /Intel/, 'names the vendor');
  });

  test('on a nova [libvirt] key', async () => {
    const { document: doc } = await open('etc/nova/nova.conf');
    const text = await pollUntil(() => hoverText(doc.uri, positionOf(doc, 'cpu_mode', 2)), (t) => t.length > 0, 'nova key hover');
    assert.match(text, /cpu_mode/);
    assert.match(text, /host-passthrough/, 'documents the choices');
  });
});
