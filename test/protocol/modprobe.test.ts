/** modprobe.d and /etc/default/grub over stdio: diagnostics, completion, hover, quick-fix, host facts. */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import type { HostFacts } from '../../shared/src/hostFacts';
import { fixture } from '../helpers';
import { TestClient } from './lspClient';

const confText = fixture('modprobe', 'broken-amd.conf');
const confUri = 'file:///etc/modprobe.d/kvm-nested.conf';
const grubText = fixture('modprobe', 'tree', 'etc', 'default', 'grub');
const grubUri = 'file:///etc/default/grub';

const pos = (text: string, needle: string, delta = 0): { line: number; character: number } => TextDocument.create('file:///x', 'x', 1, text).positionAt(text.indexOf(needle) + delta);

describe('language server over stdio: modprobe.d and kernel command lines', function () {
  let client: TestClient;

  before(async () => {
    client = await TestClient.start();
    await client.ready;
    await client.open(confUri, 'modprobe-conf', confText);
    // VS Code would call /etc/default/grub `shellscript` without our language; the path decides.
    await client.open(grubUri, 'shellscript', grubText);
  });
  after(async () => client.stop());

  it('publishes the modprobe.d findings with codes, severities and exact ranges', async () => {
    const diags = await client.diagnosticsFor(confUri, (d) => d.length > 0);
    assert.deepEqual(diags.map((d) => [d.code, d.severity, d.source, d.range.start.line, d.range.start.character, d.range.end.character]), [
      ['modprobe-bad-value', 1, 'nested-virt', 1, 23, 24],
      ['modprobe-unknown-module', 2, 'nested-virt', 2, 8, 11],
    ]);
  });

  it('publishes command line findings for /etc/default/grub by its path', async () => {
    const diags = await client.diagnosticsFor(grubUri, (d) => d.length > 0);
    assert.deepEqual(diags.map((d) => d.code), ['cmdline-builtin-note', 'cmdline-bad-value']);
  });

  it('an editor on /etc/modprobe.conf is told kmod never reads it; the same line in modprobe.d is fine', async () => {
    const text = '# carried over from CentOS 5\noptions kvm_intel nested=1\n';
    await client.open('file:///etc/modprobe.conf', 'modprobe-conf', text);
    await client.open('file:///etc/modprobe.d/kvm.conf', 'modprobe-conf', text);
    const legacy = await client.diagnosticsFor('file:///etc/modprobe.conf', (d) => d.length > 0);
    assert.deepEqual(legacy.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.character]), [['modprobe-legacy-file', 2, 1, 0, 7]]);
    assert.match(String(legacy[0].message), /kmod never reads \/etc\/modprobe\.conf/);
    assert.deepEqual(await client.diagnosticsFor('file:///etc/modprobe.d/kvm.conf'), []);
  });

  it('nestedVirt.validate.modprobe off clears both kinds and answers nothing; on brings them back', async () => {
    await client.diagnosticsFor(confUri, (d) => d.length > 0);
    await client.setSettings({ cpuMap: { path: 'bundled' }, validate: { modprobe: false } });
    await client.diagnosticsFor(confUri, (d) => d.length === 0);
    await client.diagnosticsFor(grubUri, (d) => d.length === 0);
    assert.equal(await client.hover(confUri, pos(confText, 'kvm_amd', 2)), null);
    assert.deepEqual(await client.completion(confUri, { line: 0, character: 16 }), []);
    await client.setSettings({ cpuMap: { path: 'bundled' }, validate: { modprobe: true } });
    await client.diagnosticsFor(confUri, (d) => d.some((x) => x.code === 'modprobe-bad-value'));
    await client.diagnosticsFor(grubUri, (d) => d.some((x) => x.code === 'cmdline-bad-value'));
  });

  it('completes kvm parameters with type and default, and values in the type', async () => {
    const text = 'options kvm_amd \n';
    const uri = 'file:///etc/modprobe.d/new.conf';
    await client.open(uri, 'modprobe-conf', text);
    const items = await client.completion(uri, { line: 0, character: 16 });
    assert.equal(items.find((i) => i.label === 'nested')?.detail, 'int, default 1');
    await client.change(uri, 'options kvm_amd nested=\n');
    assert.deepEqual((await client.completion(uri, { line: 0, character: 23 })).map((i) => i.label), ['1', '0']);
  });

  it('hovers a parameter with its history', async () => {
    const h = await client.hover(grubUri, pos(grubText, 'kvm-intel.nested', 11));
    assert.match((h!.contents as MarkupContent).value, /`N` before Linux 4\.20/);
  });

  it('quick-fixes `options amd nested=1` to kvm_amd and `nested=y` to 1', async () => {
    const diags = await client.diagnosticsFor(confUri, (d) => d.length > 0);
    const actions = await client.codeActions(confUri, { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } }, diags);
    const edited = actions.map((a) => TextDocument.applyEdits(TextDocument.create(confUri, 'x', 1, confText), a.edit!.changes![confUri]));
    assert.ok(edited.includes(confText.replace('options amd nested=1', 'options kvm_amd nested=1')), actions.map((a) => a.title).join(', '));
    assert.ok(edited.includes(confText.replace('kvm-amd nested=y', 'kvm-amd nested=1')));
  });

  it('with a probed AMD host selected, a kvm_intel line is for the wrong vendor', async () => {
    const uri = 'file:///etc/modprobe.d/intel.conf';
    await client.open(uri, 'modprobe-conf', 'options kvm_intel nested=1\n');
    const facts: HostFacts = { host: 'epyc-01', probedAt: '2026-12-01T09:00:00Z', arch: 'x86_64', cpu: { vendor: 'AMD', vmx: false, svm: true, hypervisor: false }, nested: { module: 'kvm_amd', enabled: true } };
    await client.sendHostFacts(facts);
    const diags = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'modprobe-other-vendor'));
    assert.match(diags[0].message as string, /epyc-01 is AMD: it loads kvm_amd, never kvm_intel/);
    await client.sendHostFacts(null);
    await client.diagnosticsFor(uri, (d) => d.length === 0);
  });
});
