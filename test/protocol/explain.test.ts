/** workspace/executeCommand nestedVirt.explainError over stdio, as any editor calls it. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ExecuteCommandRequest } from 'vscode-languageserver-protocol';
import type { ExplainErrorArgs, ExplainErrorResult } from '../../shared/src/explain';
import type { HostFacts } from '../../shared/src/hostFacts';
import { FIXTURES } from '../helpers';
import { TestClient } from './lspClient';

// The same guest and nova.conf as the unit tests of locating (test/unit/explain/explain.test.ts).
const DOMAIN = fs.readFileSync(path.join(FIXTURES, 'explain', 'nested-guest.xml'), 'utf8');
const NOVA = fs.readFileSync(path.join(FIXTURES, 'explain', 'nova.conf'), 'utf8');
const MISSING = "error: Failed to start domain 'nested-guest'\nerror: operation failed: guest CPU doesn't match specification: missing features: vmx";

const explain = (c: TestClient, args: ExplainErrorArgs): Promise<ExplainErrorResult> =>
  c.conn.sendRequest(ExecuteCommandRequest.type, { command: 'nestedVirt.explainError', arguments: [args] }) as Promise<ExplainErrorResult>;

describe('language server over stdio: nestedVirt.explainError', function () {
  this.timeout(30_000);
  let client: TestClient;
  const domainUri = 'file:///work/nested-guest.xml';
  const novaUri = 'file:///etc/nova/nova.conf';

  before(async () => {
    client = await TestClient.start();
    await client.ready;
    await client.open(domainUri, 'xml', DOMAIN);
    await client.open(novaUri, 'nova-conf', NOVA);
    await client.diagnosticsFor(domainUri);
    await client.diagnosticsFor(novaUri);
  });
  after(async () => client.stop());

  it('announces the command to editors that do not register it themselves', async () => {
    assert.deepEqual(client.initializeResult.capabilities.executeCommandProvider?.commands, ['nestedVirt.explainError']);
    const ours = await TestClient.start({ initializationOptions: { clientHasSnippets: true, clientHasExplainCommand: true } });
    try {
      assert.equal(ours.initializeResult.capabilities.executeCommandProvider, undefined);
      const r = await explain(ours, { text: 'kvm: disabled by bios' });
      assert.equal(r.problems[0].category, 'firmware-disabled');
    } finally {
      await ours.stop();
    }
  });

  it('explains and lands on the <model> of the open domain, where "Require vmx" applies', async () => {
    const r = await explain(client, { text: MISSING });
    assert.equal(r.problems.length, 1);
    const p = r.problems[0];
    assert.equal(p.id, 'libvirt-missing-features');
    assert.equal(p.evidence.line, 2);
    const loc = p.locations.find((l) => l.uri === domainUri);
    assert.ok(loc, JSON.stringify(p.locations));
    assert.deepEqual(loc.range, { start: { line: 8, character: 29 }, end: { line: 8, character: 48 } });
    assert.equal(loc.quickFixes[0], 'Require vmx for nested virtualization');
    const diagnostics = await client.diagnosticsFor(domainUri);
    const actions = await client.codeActions(domainUri, loc.range, diagnostics.filter((d) => d.range.start.line === 8));
    const fix = actions.find((a) => a.title === loc.quickFixes[0]);
    assert.ok(fix?.edit?.changes, actions.map((a) => a.title).join(' | '));
    const after = TextDocument.applyEdits(TextDocument.create(domainUri, 'xml', 1, DOMAIN), fix.edit.changes[domainUri]);
    assert.match(after, /<model fallback='forbid'>Skylake-Client-IBRS<\/model>\n {4}<feature policy='require' name='vmx'\/>/);
  });

  it("finds nova's wrong cpu_models in the open nova.conf", async () => {
    const r = await explain(client, { text: '2026-12-02 10:01:02.003 2817 ERROR nova.virt.libvirt.driver nova.exception.InvalidCPUInfo: Unacceptable CPU info: Configured CPU model: skylake-client is not correct, or your host CPU arch does not support this model. Please correct your config and try again.' });
    const [p] = r.problems;
    assert.equal(p.category, 'nova-cpu-config');
    const loc = p.locations.find((l) => l.uri === novaUri);
    assert.equal(loc?.range.start.line, 6);
  });

  it('searches files the client sends (modprobe.d) as well as open ones', async () => {
    const modprobe = 'file:///etc/modprobe.d/kvm.conf';
    const r = await explain(client, { text: "[  212.3] kvm_amd: Unknown parameter `nestd'", documents: [{ uri: modprobe, text: '# nested guests\noptions kvm_amd nestd=1\n' }] });
    assert.deepEqual(r.problems[0].locations.map((l) => [l.uri, l.range.start.line, l.kind]), [[modprobe, 1, 'modprobe']]);
  });

  it('uses the selected host: nested=N there makes it nested-off', async () => {
    const facts: HostFacts = { host: 'compute-7', probedAt: '2026-12-02T10:00:00Z', arch: 'x86_64', cpu: { vendor: 'Intel', vmx: true, svm: false, hypervisor: false }, nested: { module: 'kvm_intel', enabled: false } };
    await client.sendHostFacts(facts);
    try {
      const r = await explain(client, { text: MISSING });
      assert.equal(r.problems[0].category, 'nested-off');
      assert.equal(r.problems[0].host, 'compute-7');
      assert.match(r.problems[0].message, /On compute-7, kvm_intel has nested=N/);
    } finally {
      await client.sendHostFacts(null);
    }
  });

  it('answers in the client locale, and with nothing for text it does not know', async () => {
    const zh = await TestClient.start({ locale: 'zh-CN' });
    try {
      const r = await explain(zh, { text: 'kvm: disabled by bios' });
      assert.match(r.problems[0].message, /固件/);
      assert.deepEqual((await explain(zh, { text: 'hello' })).problems, []);
      assert.deepEqual((await explain(zh, {} as ExplainErrorArgs)).problems, []);
    } finally {
      await zh.stop();
    }
  });
});
