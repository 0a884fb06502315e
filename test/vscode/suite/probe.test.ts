import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { config } from './config';
import { activate, closeAllEditors, codeOf, open, pollUntil, screenshot, waitForDiagnostics } from './helpers';

const PROBE_HOST = 'nestedVirt.probeHost';
const SELECT_HOST = 'nestedVirt.selectHost';

/** What the user sees as the report: an editor tab (text or webview) that names the host. */
function reportTab(host: string): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label.includes(host));
}

function hostAware(ds: vscode.Diagnostic[]): vscode.Diagnostic[] {
  return ds.filter((d) => codeOf(d).startsWith('host-'));
}

suite('Probe (test sshd)', () => {
  let host = '';
  suiteSetup(async function () {
    const target = config().probe;
    if (!target) {
      // The harness could not start the test sshd (no openssh-server): say so instead of passing.
      throw new Error('no test sshd: the harness needs /usr/sbin/sshd (apt-get install -y openssh-server)');
    }
    host = target.host;
    await activate();
  });
  suiteTeardown(closeAllEditors);

  test('Probe Host produces a report for the host', async () => {
    const returned: unknown = await vscode.commands.executeCommand(PROBE_HOST, host);
    const tab = await pollUntil(() => reportTab(host), (t) => t !== undefined, `a report tab naming ${host}`, 60_000);
    if (tab!.input instanceof vscode.TabInputText) {
      const doc = await vscode.workspace.openTextDocument(tab!.input.uri);
      assert.match(doc.getText(), new RegExp(host));
      assert.match(doc.getText(), /\b(PASS|WARN|FAIL)\b/, 'the report has check results');
      // The fixture host is an AMD EPYC with kvm_amd nested=0.
      assert.match(doc.getText(), /nested/i);
    }
    if (returned && typeof returned === 'object' && 'host' in returned) {
      assert.equal((returned as { host: string }).host, host);
    }
    await screenshot('probe-report');
  });

  test('selecting the probed host adds host-aware diagnostics', async () => {
    const { document: doc } = await open('domain/host-aware.xml');
    await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'cpu-feature-policy-missing'), 'the first diagnostics');
    assert.deepEqual(hostAware(vscode.languages.getDiagnostics(doc.uri)).map(codeOf), [], 'no host-aware diagnostics before a host is selected');
    await vscode.commands.executeCommand(SELECT_HOST, host);
    const ds = await waitForDiagnostics(doc.uri, (d) => hostAware(d).length > 0, 'a host- diagnostic', 30_000);
    const codes = hostAware(ds).map(codeOf);
    // vmx is Intel's flag; the fixture host is AMD.
    assert.ok(codes.includes('host-vendor-mismatch'), `host-vendor-mismatch expected; got ${codes.join(', ')}`);
    const d = hostAware(ds).find((x) => codeOf(x) === 'host-vendor-mismatch')!;
    assert.equal(doc.getText(d.range), 'vmx');
    assert.match(d.message, new RegExp(host));
  });
});
