/** source.fixAll.nestedVirt: the preferred quick-fixes of a document in one edit. */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SERVER_SETTINGS } from '../../shared/src/settings';
import { toDiagnostics } from '../../server/src/edge/diagnostics';
import { FIX_ALL_KIND } from '../../server/src/facade/fixAll';
import { LanguageService, type RequestOptions } from '../../server/src/facade/service';

const OPTS: RequestOptions = { settings: { ...DEFAULT_SERVER_SETTINGS, cpuMapPath: 'bundled' }, locale: 'en' };

function fixAll(uri: string, languageId: string, text: string): { out: string; title: string; remaining: string[] } {
  const service = new LanguageService();
  const doc = TextDocument.create(uri, languageId, 1, text);
  const diags = toDiagnostics(service.findings(doc, OPTS), service.lines(doc));
  const action = service.fixAll(doc, diags, OPTS);
  assert.ok(action, 'a fix-all action');
  assert.equal(action.kind, FIX_ALL_KIND);
  const out = TextDocument.applyEdits(doc, action.edit?.changes?.[uri] ?? []);
  const after = TextDocument.create(uri, languageId, 2, out);
  return { out, title: action.title, remaining: service.findings(after, OPTS).map((f) => f.code) };
}

describe('fix all', () => {
  it('nova.conf: renames deprecated keys and fixes clear typos, leaves choices that need a person', () => {
    const text = '[libvirt]\nvirt_type = kvm\ncpu_model = Haswell-noTSX\ncpu_mode = custom\nlive_migration_inbound_adr = 10.0.0.1\nimages_type = qcow\n';
    const r = fixAll('file:///etc/nova/nova.conf', 'nova-conf', text);
    assert.equal(r.title, 'Fix all unambiguous nova.conf problems');
    assert.match(r.out, /^cpu_models = Haswell-noTSX$/m);
    assert.match(r.out, /^live_migration_inbound_addr = 10\.0\.0\.1$/m);
    assert.ok(r.remaining.length < 3, r.remaining.join(' '));
  });

  it('domain XML: adds a missing policy and requires vmx in one edit', () => {
    const text = "<domain type='kvm'>\n  <name>t</name>\n  <vcpu>2</vcpu>\n  <cpu mode='custom'>\n    <model>Westmere</model>\n    <feature name='pcid'/>\n  </cpu>\n</domain>\n";
    const r = fixAll('file:///vm.xml', 'xml', text);
    assert.match(r.out, /<feature policy='require' name='pcid'\/>/);
    assert.match(r.out, /<feature policy='require' name='vmx'\/>/);
    assert.deepEqual(r.remaining, []);
  });

  it('offers nothing when nothing is unambiguous', () => {
    const service = new LanguageService();
    const doc = TextDocument.create('file:///etc/nova/nova.conf', 'nova-conf', 1, '[libvirt]\nvirt_type = kvm\n');
    assert.equal(service.fixAll(doc, [], OPTS), null);
  });
});
