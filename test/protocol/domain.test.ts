import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import type { HostFacts } from '../../shared/src/hostFacts';
import { FIXTURES, messageOf, REPO } from '../helpers';
import { TestClient } from './lspClient';

const VM = fs.readFileSync(path.join(REPO, 'examples', 'vm.xml'), 'utf8');

describe('language server over stdio: domain XML', function () {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
    await client.ready;
  });
  after(async () => client.stop());

  it('announces its capabilities and readiness', async () => {
    const caps = client.initializeResult.capabilities;
    assert.equal(caps.hoverProvider, true);
    assert.ok(caps.completionProvider?.triggerCharacters?.includes('<'));
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.nestedVirt'] });
    const ready = await client.ready;
    assert.equal(ready.cpuMapSource, 'bundled');
    assert.ok(ready.models > 150);
  });

  it('publishes diagnostics for a domain XML', async () => {
    const uri = client.uri('examples/vm.xml');
    await client.open(uri, 'xml', VM);
    const diags = await client.diagnosticsFor(uri, (d) => d.length > 0);
    const codes = diags.map((d) => d.code);
    for (const c of ['vcpu-current-exceeds', 'cpu-migratable-mode', 'cpu-feature-conflict', 'cpu-feature-unknown', 'cpu-nested-vendor-mismatch']) {
      assert.ok(codes.includes(c), `expected ${c} in ${codes.join(', ')}`);
    }
    const unknown = diags.find((d) => d.code === 'cpu-feature-unknown')!;
    assert.deepEqual(unknown.range, { start: { line: 16, character: 36 }, end: { line: 16, character: 42 } });
    assert.equal(unknown.severity, DiagnosticSeverity.Error);
  });

  it('follows edits: fixing the text clears the diagnostic', async () => {
    const uri = client.uri('test/fixtures/domain/edit-me.xml');
    const text = `<domain type='kvm'><vcpu current='8'>4</vcpu><cpu mode='host-passthrough'/></domain>`;
    await client.open(uri, 'xml', text);
    await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'vcpu-current-exceeds'));
    await client.change(uri, text.replace("current='8'", "current='2'"));
    const after = await client.diagnosticsFor(uri, (d) => !d.some((x) => x.code === 'vcpu-current-exceeds'));
    assert.deepEqual(after.filter((d) => d.severity === DiagnosticSeverity.Error), []);
  });

  it('gives nothing to XML that is not a libvirt domain', async () => {
    const uri = client.uri('test/fixtures/domain/network.xml');
    await client.open(uri, 'xml', `<network><name>default</name><cpu mode='bogus'/></network>`);
    const diags = await client.diagnosticsFor(uri);
    assert.deepEqual(diags, []);
    assert.equal(await client.hover(uri, { line: 0, character: 33 }), null);
    assert.deepEqual(await client.completion(uri, { line: 0, character: 33 }), []);
  });

  it('host facts from the client turn on host-aware diagnostics, and clearing them turns them off', async () => {
    const uri = client.uri(path.relative(REPO, path.join(FIXTURES, 'domain', 'valid', 'custom-vmx-topology.xml')));
    await client.open(uri, 'xml', fs.readFileSync(path.join(FIXTURES, 'domain', 'valid', 'custom-vmx-topology.xml'), 'utf8'));
    await client.diagnosticsFor(uri);
    const facts: HostFacts = {
      host: 'cmp-amd-01',
      probedAt: new Date().toISOString(),
      cpu: { vendor: 'AMD', vmx: false, svm: true, hypervisor: false },
      nested: { module: 'kvm_amd', enabled: true },
      libvirt: { source: 'domcapabilities', models: [{ name: 'Cascadelake-Server-noTSX', usable: 'no', blockers: ['avx512f', 'avx512vl'] }] },
    };
    await client.sendHostFacts(facts);
    const withHost = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'host-model-unusable'));
    assert.match(messageOf(withHost.find((d) => d.code === 'host-model-unusable')!), /cmp-amd-01; missing: avx512f, avx512vl/);
    assert.ok(withHost.some((d) => d.code === 'host-vendor-mismatch'));
    await client.sendHostFacts(null);
    await client.diagnosticsFor(uri, (d) => !d.some((x) => String(x.code).startsWith('host-')));
  });

  it('re-reads settings when they change: a legacy cpu_map without the model', async () => {
    const uri = client.uri('test/fixtures/domain/settings.xml');
    await client.open(uri, 'xml', `<domain type='kvm'><cpu mode='custom'><model>Haswell</model><feature policy='require' name='vmx'/></cpu></domain>`);
    await client.diagnosticsFor(uri, (d) => !d.some((x) => x.code === 'cpu-model-unknown'));
    await client.setSettings({ cpuMap: { path: path.join(FIXTURES, 'cpumap', 'legacy', 'cpu_map.xml') } });
    const diags = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'cpu-model-unknown'));
    assert.ok(diags.some((d) => d.code === 'cpu-model-unknown'));
    await client.setSettings({ cpuMap: { path: 'bundled' } });
    await client.diagnosticsFor(uri, (d) => !d.some((x) => x.code === 'cpu-model-unknown'));
  });

  it('warns when nestedVirt.cpuMap.path changes to a cpu_map that cannot be read, and falls back to the bundled one', async () => {
    const uri = client.uri('test/fixtures/domain/bad-cpumap.xml');
    const missing = path.join(FIXTURES, 'cpumap', 'no-such-dir');
    await client.open(uri, 'xml', `<domain type='kvm'><cpu mode='custom'><model>Haswel</model><feature policy='require' name='vmx'/></cpu></domain>`);
    await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'cpu-model-unknown'));
    await client.setSettings({ cpuMap: { path: missing } });
    await client.waitFor(() => client.shown.some((m) => m.includes(missing)), () => `a warning about ${missing}; shown: ${JSON.stringify(client.shown)}`);
    // Still checked, against the bundled cpu_map.
    const diags = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'cpu-model-unknown'));
    assert.match(messageOf(diags.find((x) => x.code === 'cpu-model-unknown')!), /Did you mean Haswell/);
    await client.setSettings({ cpuMap: { path: 'bundled' } });
  });
});

describe('language server over stdio: locale', () => {
  it('answers in Chinese when the client says zh-cn, with the same codes', async () => {
    const client = await TestClient.start({ locale: 'zh-CN' });
    try {
      await client.ready;
      const uri = client.uri('examples/vm.xml');
      await client.open(uri, 'xml', VM);
      const diags = await client.diagnosticsFor(uri, (d) => d.length > 0);
      const conflict = diags.find((d) => d.code === 'cpu-feature-conflict')!;
      assert.match(messageOf(conflict), /特性 "pcid" 同时被启用（require）和禁用（disable）/);
    } finally {
      await client.stop();
    }
  });
});
