/** nova.conf stacks over stdio: a file is linted with the rest of its stack, open texts first. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as os from 'node:os';
import { DidChangeWatchedFilesNotification, FileChangeType, type MarkupContent } from 'vscode-languageserver-protocol';
import { FIXTURES } from '../helpers';
import { TestClient } from './lspClient';

const CONFIG = path.join(FIXTURES, 'stacks', 'kolla', 'config');
const uriOf = (rel: string): string => pathToFileURL(path.join(CONFIG, rel)).toString();
const textOf = (rel: string): string => fs.readFileSync(path.join(CONFIG, rel), 'utf8');

describe('language server over stdio: nova.conf stacks (kolla-ansible config/)', function () {
  let client: TestClient;
  const host = 'nova/compute-07/nova.conf';
  const service = 'nova/nova-compute.conf';

  before(async () => {
    client = await TestClient.start();
    await client.ready;
  });
  after(async () => client.stop());

  it('lints the host overlay merged with the files on disk: one error at its cpu_mode, naming nova-compute.conf', async () => {
    await client.open(uriOf(host), 'nova-conf', textOf(host));
    const diags = await client.diagnosticsFor(uriOf(host), (d) => d.length > 0);
    const errors = diags.filter((d) => d.severity === 1);
    assert.equal(errors.length, 1, JSON.stringify(diags));
    assert.equal(errors[0].code, 'nova-cpu-models-without-custom');
    assert.deepEqual(errors[0].range.start, { line: 2, character: 11 });
    assert.match(String(errors[0].message), /nova\/nova-compute\.conf:7/);
  });

  it('hover on a global.conf key shows the value nova-compute.conf sets over it', async () => {
    await client.open(uriOf('global.conf'), 'nova-conf', textOf('global.conf'));
    await client.diagnosticsFor(uriOf('global.conf'));
    const h = await client.hover(uriOf('global.conf'), { line: 2, character: 2 });
    const md = (h?.contents as MarkupContent | undefined)?.value ?? '';
    assert.match(md, /Effective in the stack `kolla:\*`/);
    assert.match(md, /nova-compute reads `False`, set by nova\/nova-compute\.conf:3/);
  });

  it('an unsaved edit in one member re-lints the others with that text', async () => {
    await client.open(uriOf('nova.conf'), 'nova-conf', textOf('nova.conf'));
    const before = await client.diagnosticsFor(uriOf('nova.conf'));
    assert.ok(!before.some((d) => d.code === 'nova-custom-without-models'), 'cpu_models comes from nova-compute.conf');
    await client.open(uriOf(service), 'nova-conf', textOf(service));
    await client.change(uriOf(service), textOf(service).replace('cpu_models = Haswell-noTSX\n', ''));
    const after = await client.diagnosticsFor(uriOf('nova.conf'), (d) => d.some((x) => x.code === 'nova-custom-without-models'));
    assert.equal(after.filter((d) => d.severity === 1).length, 1);
    // And compute-07 no longer has cpu_models under host-passthrough.
    await client.diagnosticsFor(uriOf(host), (d) => !d.some((x) => x.severity === 1));
  });

  it('the quick-fix for the host error edits the host overlay only', async () => {
    await client.change(uriOf(service), textOf(service));
    const diags = await client.diagnosticsFor(uriOf(host), (d) => d.some((x) => x.severity === 1));
    const err = diags.filter((d) => d.severity === 1);
    const actions = await client.codeActions(uriOf(host), err[0].range, err);
    const fix = actions.find((a) => /host-passthrough` in nova\/compute-07\/nova\.conf/.test(a.title));
    assert.ok(fix?.edit?.changes, JSON.stringify(actions.map((a) => a.title)));
    assert.deepEqual(Object.keys(fix.edit.changes), [uriOf(host)]);
  });
});

describe('language server over stdio: a stack member changed on disk', function () {
  it('re-lints an open file when workspace/didChangeWatchedFiles reports another member changed', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-kolla-'));
    const client = await TestClient.start();
    try {
      fs.cpSync(CONFIG, path.join(tmp, 'config'), { recursive: true });
      const hostFile = path.join(tmp, 'config', 'nova', 'compute-07', 'nova.conf');
      const hostUri = pathToFileURL(hostFile).toString();
      await client.ready;
      await client.open(hostUri, 'nova-conf', fs.readFileSync(hostFile, 'utf8'));
      await client.diagnosticsFor(hostUri, (d) => d.some((x) => x.severity === 1));
      const svc = path.join(tmp, 'config', 'nova', 'nova-compute.conf');
      fs.writeFileSync(svc, fs.readFileSync(svc, 'utf8').replace('cpu_models = Haswell-noTSX\n', ''));
      await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(svc).toString(), type: FileChangeType.Changed }] });
      await client.diagnosticsFor(hostUri, (d) => !d.some((x) => x.severity === 1));
    } finally {
      await client.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('language server over stdio: nestedVirt.nova.stacks', function () {
  const dir = path.join(FIXTURES, 'stacks', 'explicit');
  const base = pathToFileURL(path.join(dir, 'base.conf')).toString();
  const text = fs.readFileSync(path.join(dir, 'base.conf'), 'utf8');

  it('a file alone has no error; in the stack the setting names, the my_ip of host.conf breaks it', async () => {
    const alone = await TestClient.start();
    try {
      await alone.ready;
      await alone.open(base, 'nova-conf', text);
      assert.ok(!(await alone.diagnosticsFor(base)).some((d) => d.severity === 1));
    } finally {
      await alone.stop();
    }
    const globs = [path.join(dir, 'base.conf'), path.join(dir, 'site.conf'), path.join(dir, 'h*.conf')].map((p) => p.replace(/\\/g, '/'));
    const client = await TestClient.start({ settings: { cpuMap: { path: 'bundled' }, nova: { stacks: [globs] } } });
    try {
      await client.ready;
      await client.open(base, 'nova-conf', text);
      const diags = await client.diagnosticsFor(base, (d) => d.some((x) => x.severity === 1));
      const err = diags.filter((d) => d.severity === 1);
      assert.equal(err.length, 1);
      assert.equal(err[0].code, 'nova-invalid-host-address');
      assert.match(String(err[0].message), /host\.conf:3/);
    } finally {
      await client.stop();
    }
  });
});

