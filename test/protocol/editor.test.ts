/** Over stdio: outline, folding, selection ranges, fix-all, code links, and the workspace lint request. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest, DocumentSymbolRequest, FoldingRangeRequest, SelectionRangeRequest,
  type CodeAction, type DocumentSymbol,
} from 'vscode-languageserver-protocol';
import { LintWorkspaceRequest } from '../../shared/src/protocol';
import { FIXTURES } from '../helpers';
import { TestClient } from './lspClient';

const NOVA = '[DEFAULT]\ndebug = true\n\n[libvirt]\nvirt_type = kvm\ncpu_model = Haswell-noTSX\ncpu_mode = custom\n';
const VM = "<domain type='kvm'>\n  <name>t</name>\n  <cpu mode='custom'>\n    <model>Westmere</model>\n    <feature name='pcid'/>\n  </cpu>\n</domain>\n";

describe('language server over stdio: editor structure, fix-all, workspace lint', function () {
  let client: TestClient;
  let dir: string;
  const novaUri = 'file:///etc/nova/nova.conf';
  const xmlUri = 'file:///work/vm.xml';

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-ws-'));
    fs.mkdirSync(path.join(dir, 'etc', 'nova'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'node_modules', 'x'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'etc', 'nova', 'nova.conf'), '[libvirt]\ncpu_modle = Haswell\n');
    fs.writeFileSync(path.join(dir, 'guest.xml'), "<domain type='kvm'>\n  <cpu mode='host-passthru'/>\n</domain>\n");
    fs.mkdirSync(path.join(dir, 'etc', 'modprobe.d'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'etc', 'modprobe.d', 'kvm.conf'), '# the how-to, typed from memory\noptions kvm_amd nested=y\n');
    fs.writeFileSync(path.join(dir, 'pom.xml'), '<project><cpu mode="x"/></project>\n');
    fs.writeFileSync(path.join(dir, 'node_modules', 'x', 'vm.xml'), "<domain type='kvm'><cpu mode='bad'/></domain>");
    client = await TestClient.start({ initializationOptions: { clientHasSnippets: true } });
    await client.ready;
    await client.open(novaUri, 'nova-conf', NOVA);
    await client.open(xmlUri, 'xml', VM);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('announces symbols, folding, selection ranges and fix-all', () => {
    const caps = client.initializeResult.capabilities;
    assert.ok(caps.documentSymbolProvider && caps.foldingRangeProvider && caps.selectionRangeProvider);
    const kinds = (caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds;
    assert.deepEqual(kinds, ['quickfix', 'source.fixAll.nestedVirt']);
  });

  it('outlines nova.conf sections with keys, and leaves XML structure to VS Code (null, not [])', async () => {
    const symbols = (await client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: novaUri } })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => [s.name, s.children?.map((c) => c.name)]), [['DEFAULT', ['debug']], ['libvirt', ['virt_type', 'cpu_model', 'cpu_mode']]]);
    const folds = await client.conn.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: novaUri } });
    assert.deepEqual(folds, [{ startLine: 0, endLine: 1 }, { startLine: 3, endLine: 6 }]);
    assert.equal(await client.conn.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: xmlUri } }), null);
    const sel = await client.conn.sendRequest(SelectionRangeRequest.type, { textDocument: { uri: novaUri }, positions: [{ line: 4, character: 1 }] });
    assert.deepEqual(sel?.[0].range, { start: { line: 4, character: 0 }, end: { line: 4, character: 9 } });
  });

  it('links every diagnostic code to its documentation', async () => {
    const diags = await client.diagnosticsFor(novaUri, (d) => d.length > 0);
    for (const d of diags) assert.equal(d.codeDescription?.href, `https://github.com/nested-virt/nested-virt/blob/main/docs/diagnostics.md#${String(d.code)}`);
  });

  it('source.fixAll.nestedVirt comes only when asked for, with every preferred fix in one edit', async () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const plain = (await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri: xmlUri }, range, context: { diagnostics: [] } })) as CodeAction[];
    assert.ok(!plain.some((a) => a.kind === 'source.fixAll.nestedVirt'));
    const [all] = (await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri: xmlUri }, range, context: { diagnostics: [], only: ['source.fixAll'] } })) as CodeAction[];
    assert.equal(all.kind, 'source.fixAll.nestedVirt');
    assert.equal(all.title, 'Fix all unambiguous domain XML problems');
    assert.equal(all.edit?.changes?.[xmlUri].length, 2);
  });

  it('nestedVirt/lintWorkspace publishes diagnostics for files that are not open, skipping other XML and node_modules', async () => {
    const result = await client.conn.sendRequest(LintWorkspaceRequest.type, { folders: [pathToFileURL(dir).toString()] });
    assert.deepEqual(result, { files: 3, filesWithProblems: 3, problems: 3, cancelled: false });
    const modprobe = await client.diagnosticsFor(pathToFileURL(path.join(dir, 'etc', 'modprobe.d', 'kvm.conf')).toString());
    assert.deepEqual(modprobe.map((d) => [d.code, d.range.start.line]), [['modprobe-bad-value', 1]]);
    const nova = await client.diagnosticsFor(pathToFileURL(path.join(dir, 'etc', 'nova', 'nova.conf')).toString());
    assert.deepEqual(nova.map((d) => [d.code, d.message]), [['nova-unknown-key', 'Unknown option "cpu_modle" in [libvirt]; nova ignores it. Did you mean "cpu_models"?']]);
    const guest = await client.diagnosticsFor(pathToFileURL(path.join(dir, 'guest.xml')).toString());
    assert.deepEqual(guest.map((d) => d.code), ['cpu-mode-invalid']);
    assert.equal(client.diagnostics.get(pathToFileURL(path.join(dir, 'pom.xml')).toString()), undefined);
    assert.equal(client.diagnostics.get(pathToFileURL(path.join(dir, 'node_modules', 'x', 'vm.xml')).toString()), undefined);
  });

  it('a file the run covered keeps its findings when it is opened and closed again', async () => {
    const file = path.join(dir, 'etc', 'nova', 'nova.conf');
    const uri = pathToFileURL(file).toString();
    const text = fs.readFileSync(file, 'utf8');
    await client.open(uri, 'nova-conf', text.replace('cpu_modle', 'cpu_models'));
    await client.diagnosticsFor(uri, (d) => !d.some((x) => x.code === 'nova-unknown-key'));
    // Closed without saving: the file on disk still has the typo, and the Problems view says so again.
    await client.close(uri);
    const after = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'nova-unknown-key'));
    assert.equal(after.length, 1);
  });

  it('judges a kolla overlay tree in its stacks, as the editor and the CLI do: no error where the layers together are fine', async () => {
    const kolla = path.join(dir, 'deploy');
    fs.cpSync(path.join(FIXTURES, 'stacks', 'kolla'), path.join(kolla, 'kolla'), { recursive: true });
    const result = await client.conn.sendRequest(LintWorkspaceRequest.type, { folders: [pathToFileURL(kolla).toString()] });
    assert.equal(result.files, 5);
    const codes = async (rel: string): Promise<string[]> => (await client.diagnosticsFor(pathToFileURL(path.join(kolla, 'kolla', 'config', rel)).toString())).map((d) => String(d.code));
    // Alone, config/nova.conf lacks cpu_models and nova-compute.conf lacks cpu_mode = custom; together they are fine.
    assert.ok(!(await codes('nova.conf')).includes('nova-custom-without-models'));
    assert.ok(!(await codes('nova/nova-compute.conf')).includes('nova-cpu-models-without-custom'));
    // compute-07's overlay sets host-passthrough over the shared cpu_models: the one real error.
    assert.deepEqual((await codes('nova/compute-07/nova.conf')).filter((c) => c.startsWith('nova-cpu')), ['nova-cpu-models-without-custom']);
  });

  it('clears a file on the next run once its problem is fixed', async () => {
    const file = path.join(dir, 'guest.xml');
    fs.writeFileSync(file, "<domain type='kvm'>\n  <cpu mode='host-passthrough'/>\n</domain>\n");
    await client.conn.sendRequest(LintWorkspaceRequest.type, { folders: [pathToFileURL(dir).toString()] });
    assert.deepEqual(await client.diagnosticsFor(pathToFileURL(file).toString(), (d) => d.length === 0), []);
  });
});
