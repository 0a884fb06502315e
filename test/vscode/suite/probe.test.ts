import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { config } from './config';
import { activate, closeAllEditors, codeOf, open, pollUntil, screenshot, waitForDiagnostics } from './helpers';

const PROBE_HOST = 'nestedVirt.probeHost';
const SELECT_HOST = 'nestedVirt.selectHost';
const REPORT_VIEW = 'nestedVirt.probeReport';

/** A report webview tab (VS Code prefixes the view type it gives to tabs), optionally the one with this title. */
function reportTab(label?: string): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(REPORT_VIEW) && (label === undefined || t.label === label));
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

  test('Probe Host opens a tab titled with the host, with a verdict', async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand(PROBE_HOST, host);
    const tab = await pollUntil(() => reportTab(), (t) => t !== undefined, 'the probe report', 60_000);
    assert.equal(tab?.label, `Probe: ${host}`);
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('notifications.clearAll');
    // The fixture host is an AMD EPYC with kvm_amd nested=0: the banner says nested is blocked and why.
    const found = await screenshot('probe-report', {
      expectText: [host, 'nested virtualization is blocked', 'blocked by', 'AMD', 'FAIL'],
      waitGone: '.notification-toast',
    });
    if (found) {
      for (const [text, shown] of Object.entries(found)) assert.ok(shown, `the report shows "${text}"`);
    }
  });

  test('Probe All opens one fleet tab with a row per host', async () => {
    await closeAllEditors();
    const cfg = vscode.workspace.getConfiguration('nestedVirt');
    // A second host that cannot be resolved: the fleet table shows it as not probed.
    await cfg.update('hosts', [host, 'nv-missing.invalid'], vscode.ConfigurationTarget.Workspace);
    try {
      await vscode.commands.executeCommand('nestedVirt.probeAll');
      await pollUntil(() => reportTab('Probe: 2 hosts'), (t) => t !== undefined, 'the fleet report', 90_000);
      await vscode.commands.executeCommand('notifications.clearAll');
      const found = await screenshot('probe-fleet-report', {
        expectText: [host, 'nv-missing.invalid', 'Verdict', 'could not be probed', 'nested virtualization is blocked'],
        waitGone: '.notification-toast',
      });
      if (found) {
        for (const [text, shown] of Object.entries(found)) assert.ok(shown, `the fleet report shows "${text}"`);
      }
    } finally {
      await cfg.update('hosts', undefined, vscode.ConfigurationTarget.Workspace);
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
