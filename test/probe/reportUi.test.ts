/** The report webview's verdict banner, summary tables and copy feedback, from real probe output of fixture hosts. */
import assert from 'node:assert/strict';
import { reportFromOutput } from '../../server/src/probe/index';
import { reportHtml, type HtmlLabels } from '../../client/src/probe/html';
import { moduleText, verdictOf } from '../../client/src/probe/verdict';
import type { HostReport } from '../../shared/src/probeReport';
import { fx, runShell } from './helpers';

const L: HtmlLabels = {
  title: 'Nested virtualization probe', copy: 'Copy remediation', copied: 'Copied', remediation: 'Remediation', error: 'Probe failed', hint: 'Hint',
  verdict: { ready: 'nested virtualization is ready', attention: 'works; some checks need attention', blocked: 'nested virtualization is blocked', error: 'could not be probed' },
  columns: ['Host', 'Verdict', 'CPU', 'KVM module', 'Failing checks'], noModule: 'no kvm module', blockedBy: 'blocked by',
};

const report = (host: string, fixture: string): HostReport => reportFromOutput(host, runShell(['dash'], fx(fixture)), { transport: 'ssh' });

describe('probe report view', () => {
  const amd = report('cmp-amd', 'amd-nested-off');
  const intel = report('cmp-intel', 'intel-nested-on');
  const vm = report('vm-host', 'no-vmx');

  it('gives each host a verdict and names the kvm module as probed', () => {
    assert.equal(verdictOf(amd), 'blocked');
    assert.equal(moduleText(amd, 'none'), 'kvm_amd nested=0');
    assert.notEqual(verdictOf(intel), 'blocked');
    assert.match(moduleText(intel, 'none'), /^kvm_intel nested=(Y|1)$/);
    assert.equal(verdictOf(vm), 'blocked');
    assert.equal(moduleText(vm, 'no kvm module'), 'no kvm module');
    assert.equal(verdictOf({ ...amd, error: { kind: 'unreachable', message: 'No route to host' } }), 'error');
  });

  it('one host: a verdict banner with what blocks it, and the check counts', () => {
    const html = reportHtml([amd], 'N', 'vscode-resource:', L);
    assert.match(html, /<div class="banner FAIL" role="status"><b>cmp-amd<\/b>: nested virtualization is blocked <span class="sub">blocked by: [^<]+<\/span><\/div>/);
    const n = (st: string): number => amd.checks.filter((c) => c.status === st).length;
    assert.ok(html.includes(`<table class="summary"><tr><td class="st FAIL">FAIL ${n('FAIL')}</td><td class="st WARN">WARN ${n('WARN')}</td>`), 'check counts, FAIL first');
    assert.ok(!html.includes('<th>'), 'no fleet table for one host');
  });

  it('a fleet: one summary row per host with verdict, CPU, module and failing checks, linked to the host section', () => {
    const html = reportHtml([amd, intel, vm], 'N', 'vscode-resource:', L);
    const rows = [...html.matchAll(/<tr><td><a href="#host-(\d)">([^<]+)<\/a><\/td><td class="st (\w+)">([^<]+)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td>/g)].map((m) => [m[2], m[4], m[6]]);
    assert.deepEqual(rows.map((r) => r[0]), ['cmp-amd', 'cmp-intel', 'vm-host']);
    assert.equal(rows[0][1], 'nested virtualization is blocked');
    assert.equal(rows[0][2], 'kvm_amd nested=0');
    assert.equal(rows[2][2], 'no kvm module');
    for (let i = 0; i < 3; i++) assert.ok(html.includes(`<h2 id="host-${i}">`));
  });

  it('the copy button says Copied, and remote text stays escaped', () => {
    const evil = { ...amd, host: '<img src=x onerror=alert(1)>' };
    const html = reportHtml([evil], 'N', 'vscode-resource:', L);
    assert.ok(!html.includes('<img'));
    assert.match(html, /const copied = "Copied";/);
    assert.match(html, /b\.textContent = copied;/);
  });
});
