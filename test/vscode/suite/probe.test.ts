import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { config } from './config';
import { activate, closeAllEditors, codeOf, open, pollUntil, screenshot, waitForDiagnostics } from './helpers';

const PROBE_HOST = 'nestedVirt.probeHost';
const SELECT_HOST = 'nestedVirt.selectHost';
const REPORT_VIEW = 'nestedVirt.probeReport';

/** The report webview (VS Code prefixes the view type it gives to tabs). */
function reportTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(REPORT_VIEW));
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
  suiteTeardown(async () => {
    await vscode.commands.executeCommand(SELECT_HOST, null);
    await closeAllEditors();
  });

  test('Probe Host produces a report for the host', async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand(PROBE_HOST, host);
    await pollUntil(() => reportTab(), (t) => t !== undefined, 'the probe report', 60_000);
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('notifications.clearAll');
    // The fixture host is an AMD EPYC with kvm_amd nested=0: the report names it and fails nested.
    const found = await screenshot('probe-report', { expectText: [host, 'AMD', 'FAIL'], waitGone: '.notification-toast' });
    if (found) {
      for (const [text, shown] of Object.entries(found)) assert.ok(shown, `the report shows "${text}"`);
    }
  });

  test('selecting the probed host adds host-aware diagnostics', async () => {
    await vscode.commands.executeCommand(SELECT_HOST, null);
    const { document: doc } = await open('domain/host-aware.xml');
    await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'cpu-feature-policy-missing'), 'the first diagnostics');
    assert.deepEqual(hostAware(vscode.languages.getDiagnostics(doc.uri)).map(codeOf), [], 'no host-aware diagnostics without a selected host');
    await vscode.commands.executeCommand(SELECT_HOST, host);
    const ds = await waitForDiagnostics(doc.uri, (d) => hostAware(d).length > 0, 'a host- diagnostic', 30_000);
    const codes = hostAware(ds).map(codeOf);
    // vmx is Intel's flag; the fixture host is AMD.
    assert.ok(codes.includes('host-vendor-mismatch'), `host-vendor-mismatch expected; got ${codes.join(', ')}`);
    const d = hostAware(ds).find((x) => codeOf(x) === 'host-vendor-mismatch')!;
    assert.equal(doc.getText(d.range), 'vmx');
    assert.match(d.message, new RegExp(host));
    // Turning the selection off removes them again.
    await vscode.commands.executeCommand(SELECT_HOST, null);
    await waitForDiagnostics(doc.uri, (x) => hostAware(x).length === 0, 'host-aware diagnostics to go away');
  });
});
