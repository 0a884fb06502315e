/** Completion, hover and quick-fixes over stdio, for both file types. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, CompletionList, MarkupContent } from 'vscode-languageserver-protocol';
import { FIXTURES, REPO } from '../helpers';
import { TestClient } from './lspClient';

function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const d = TextDocument.create('file:///x', 'x', 1, text);
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `${needle} not in text`);
  return d.positionAt(i + delta);
}

function apply(text: string, uri: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  return TextDocument.applyEdits(TextDocument.create(uri, 'x', 1, text), edits);
}

describe('language server over stdio: completion, hover, quick-fixes', function () {
  let client: TestClient;
  const xmlText = fs.readFileSync(path.join(REPO, 'examples', 'vm.xml'), 'utf8');
  const xmlUri = 'file:///work/vm.xml';
  const novaFile = path.join(FIXTURES, 'nova', 'devstack', 'etc', 'nova', 'nova-cpu.conf');
  const novaText = fs.readFileSync(novaFile, 'utf8');
  const novaUri = 'file:///etc/nova/nova-cpu.conf';

  before(async () => {
    client = await TestClient.start({ initializationOptions: { clientHasSnippets: true } });
    await client.ready;
    await client.open(xmlUri, 'xml', xmlText);
    await client.open(novaUri, 'nova-conf', novaText);
    await client.diagnosticsFor(xmlUri);
    await client.diagnosticsFor(novaUri);
  });
  after(async () => client.stop());

  it('completes cpu models for the arch inside <model>, with the vendor', async () => {
    const items = await client.completion(xmlUri, positionOf(xmlText, 'Skylake-Server-IBRS', 3));
    const labels = items.map((i) => i.label);
    for (const m of ['Skylake-Server-IBRS', 'Haswell-noTSX', 'EPYC-Rome', 'Cascadelake-Server-v2']) assert.ok(labels.includes(m), m);
    assert.ok(!labels.includes('cortex-a57'), 'no ARM models for an x86_64 guest');
    const epyc = items.find((i) => i.label === 'EPYC-Rome')!;
    assert.match(epyc.detail ?? '', /AMD/);
    // Our VS Code client contributes snippets itself: the server sends none.
    assert.ok(!items.some((i) => i.kind === 15));
  });

  it('sends model documentation on completionItem/resolve, not in the list', async () => {
    const items = await client.completion(xmlUri, positionOf(xmlText, 'Skylake-Server-IBRS', 3));
    assert.ok(items.every((i) => i.documentation === undefined), 'the list carries no documentation');
    const epyc = await client.resolveCompletion(items.find((i) => i.label === 'EPYC-Rome')!);
    const doc = epyc.documentation as MarkupContent;
    assert.match(doc.value, /svm/, 'the resolved item lists the model features');
    assert.equal(epyc.data, undefined);
    // A newer list does not break the item the editor is showing from the one before it.
    const older = items.find((i) => i.label === 'Haswell-noTSX')!;
    await client.completion(xmlUri, positionOf(xmlText, 'Skylake-Server-IBRS', 5));
    assert.match(((await client.resolveCompletion(older)).documentation as MarkupContent).value, /avx2/);
  });

  it('sends the range every model replaces once, as a list default, to a client that takes them', async () => {
    const at = positionOf(xmlText, 'Skylake-Server-IBRS', 3);
    const wire = (await client.completionResponse(xmlUri, at)) as CompletionList;
    const line = xmlText.split('\n')[at.line];
    const start = line.indexOf('Skylake-Server-IBRS');
    assert.deepEqual(wire.itemDefaults?.editRange, { start: { line: at.line, character: start }, end: { line: at.line, character: start + 'Skylake-Server-IBRS'.length } });
    assert.ok(wire.items.every((i) => i.textEdit === undefined), 'no per-item range');
    const plain = await TestClient.start({ completionListDefaults: false });
    try {
      await plain.ready;
      await plain.open(xmlUri, 'xml', xmlText);
      const items = (await plain.completionResponse(xmlUri, at)) as CompletionItem[];
      assert.ok(Array.isArray(items) && items.every((i) => i.textEdit !== undefined), 'an older client gets a range on every item');
      const withDefaults = await client.completion(xmlUri, at);
      assert.deepEqual(withDefaults.map((i) => [i.label, i.textEdit]), items.map((i) => [i.label, i.textEdit]), 'the same edits either way');
    } finally {
      await plain.stop();
    }
  });

  it('completes feature names in feature@name', async () => {
    const items = await client.completion(xmlUri, positionOf(xmlText, "name='avx512'", 7));
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('avx512f'));
    assert.ok(labels.includes('vmx'));
  });

  it('hovers a model with its vendor, parents and features', async () => {
    const h = await client.hover(xmlUri, positionOf(xmlText, 'Skylake-Server-IBRS', 2));
    const md = (h!.contents as MarkupContent).value;
    assert.match(md, /Skylake-Server-IBRS/);
    assert.match(md, /Intel/);
    assert.match(md, /avx512f/);
  });

  it('offers Switch to host-passthrough on <cpu> and its edit keeps topology and features', async () => {
    const pos = positionOf(xmlText, "<cpu mode='custom'", 2);
    const actions = await client.codeActions(xmlUri, { start: pos, end: pos }, []);
    const sw = actions.find((a) => a.title === 'Switch to host-passthrough')!;
    assert.ok(sw, actions.map((a) => a.title).join(', '));
    const out = apply(xmlText, xmlUri, sw.edit!.changes![xmlUri]);
    assert.match(out, /<cpu mode='host-passthrough' check='partial' migratable='on'>\n {4}<topology sockets='2' cores='4' threads='2'\/>\n {4}<feature policy='require' name='svm'\/>/);
    assert.doesNotMatch(out, /<model/);
    assert.doesNotMatch(out, /<vendor>/);
    assert.doesNotMatch(out, /match='exact'/);
  });

  it('quick-fixes an unknown feature with the nearest name', async () => {
    const diags = (await client.diagnosticsFor(xmlUri)).filter((d) => d.code === 'cpu-feature-unknown');
    const actions = await client.codeActions(xmlUri, diags[0].range, diags);
    const fix = actions.find((a) => a.title.includes('avx512f'))!;
    assert.ok(fix, actions.map((a) => a.title).join(', '));
    assert.match(apply(xmlText, xmlUri, fix.edit!.changes![xmlUri]), /name='avx512f'/);
  });

  it('nova.conf: diagnostics, key completion in [libvirt], hover, and a quick-fix', async () => {
    const diags = await client.diagnosticsFor(novaUri);
    assert.ok(diags.some((d) => d.code === 'nova-deprecated-for-removal'), JSON.stringify(diags.map((d) => d.code)));
    const pos = positionOf(novaText, 'cpu_mode = none');
    const keys = await client.completion(novaUri, pos);
    const labels = keys.map((i) => i.label);
    assert.ok(labels.includes('cpu_models'));
    assert.ok(labels.includes('virt_type'));
    const hover = await client.hover(novaUri, positionOf(novaText, 'cpu_mode', 2));
    assert.match((hover!.contents as MarkupContent).value, /host-passthrough/);
    const actions = await client.codeActions(novaUri, { start: pos, end: pos }, diags);
    const sw = actions.find((a) => a.title === 'Switch to host-passthrough')!;
    assert.ok(sw, actions.map((a) => a.title).join(', '));
    const out = apply(novaText, novaUri, sw.edit!.changes![novaUri]);
    assert.match(out, /\[libvirt\][\s\S]*cpu_mode = host-passthrough/);
  });
});

describe('language server over stdio: snippets for other editors', () => {
  it('serves snippets as completion items when the client does not say it has them', async () => {
    const client = await TestClient.start();
    try {
      await client.ready;
      const text = `<domain type='kvm'>\n  <name>x</name>\n  \n</domain>\n`;
      const uri = 'file:///work/snip.xml';
      await client.open(uri, 'xml', text);
      await client.diagnosticsFor(uri);
      const items = await client.completion(uri, { line: 2, character: 2 });
      const snippets = items.filter((i) => i.kind === 15);
      assert.ok(snippets.length >= 3, JSON.stringify(items.map((i) => i.label)));
      assert.ok(snippets.some((s) => /host-passthrough/.test(String(s.label) + (s.insertText ?? '') + JSON.stringify(s.textEdit ?? ''))));
    } finally {
      await client.stop();
    }
  });
});
