/** The fleet report on a mixed fleet (Intel Skylake, Intel Cascadelake, AMD EPYC): verdicts, groups, baseline, migration warnings, and its formats. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BASTION_CONCURRENCY, chooseConcurrency, DEFAULT_CONCURRENCY } from '../../server/src/probe/fanout';
import { fleetReport, newestFirst, type FleetReport } from '../../server/src/probe/fleet';
import { renderFleetText } from '../../server/src/probe/fleetRender';
import { errorReport, reportFromOutput, type HostReport } from '../../server/src/probe/index';
import { renderReports } from '../../server/src/probe/report';
import { STATUS_VALUE } from '../../server/src/probe/prom';
import { CHECK_IDS } from '../../server/src/probe/types';
import { reportHtml } from '../../client/src/probe/html';
import { verdictOf } from '../../client/src/probe/verdict';
import { cli, fx, runShell } from './helpers';
import { parseExposition } from './promParse';

const probe = (name: string, root: string): HostReport => reportFromOutput(name, runShell(['dash'], root));

/** A fixture host copied to `dest`, its virsh stub link made absolute. */
function copyFixture(name: string, dest: string): string {
  fs.cpSync(fx(name), dest, { recursive: true, verbatimSymlinks: true });
  fs.rmSync(path.join(dest, '.probe-bin/virsh'));
  fs.symlinkSync(path.resolve(fx('_stubs'), 'virsh'), path.join(dest, '.probe-bin/virsh'));
  return dest;
}

describe('fleet report', () => {
  let tmp: string;
  let fleet: HostReport[];
  let report: FleetReport;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-fleet-'));
    // A second AMD host with one QEMU process fewer: same fix, another VM count.
    const amd2 = copyFixture('amd-nested-off', path.join(tmp, 'amd2'));
    fs.rmSync(path.join(amd2, 'proc/2103'), { recursive: true });
    fleet = [
      probe('cmp-skylake-1', fx('intel-skylake')),
      probe('cmp-cascade-1', fx('intel-nested-on')),
      probe('cmp-epyc-1', fx('amd-nested-off')),
      probe('cmp-epyc-2', amd2),
      errorReport('cmp-down', { kind: 'unreachable', message: 'cannot connect to cmp-down', hint: 'check the network' }, 0, 'results'),
    ];
    report = fleetReport(fleet);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('gives a verdict per host', () => {
    assert.deepEqual(report.hosts.map((h) => [h.host, h.verdict, h.reasons.join(',')]), [
      ['cmp-skylake-1', 'ready', ''],
      ['cmp-cascade-1', 'ready', ''],
      ['cmp-epyc-1', 'blocked', 'probe-nested'],
      ['cmp-epyc-2', 'blocked', 'probe-nested'],
      ['cmp-down', 'error', 'unreachable'],
    ]);
    assert.deepEqual(report.counts, { ready: 2, attention: 0, blocked: 2, error: 1 });
    assert.deepEqual(report.hosts.map((h) => h.cpuMode), ['host-passthrough', 'host-passthrough', 'custom', 'custom', undefined]);
  });

  it('groups hosts by what blocks them and gives the remediation once, numbers that differ as N', () => {
    assert.equal(report.groups.length, 2);
    const [amd, down] = report.groups;
    assert.deepEqual(amd.hosts, ['cmp-epyc-1', 'cmp-epyc-2']);
    assert.deepEqual(amd.reasons, ['probe-nested']);
    assert.equal(amd.verdict, 'blocked');
    assert.match(amd.summary, /kvm_amd nested=0/);
    assert.ok(amd.remediation.includes('options kvm_amd nested=1'), amd.remediation.join('\n'));
    assert.ok(amd.remediation.includes('modprobe -r kvm_amd && modprobe kvm_amd'));
    // 3 VMs on one host, 2 on the other: one line, with N.
    assert.ok(amd.remediation.some((l) => /all N running VMs must be stopped first/.test(l)), amd.remediation.join('\n'));
    assert.equal(amd.varies, true);
    assert.deepEqual([down.verdict, down.hosts, down.remediation], ['error', ['cmp-down'], ['check the network']]);
  });

  it('orders the common baseline newest first, per vendor when vendors mix', () => {
    assert.deepEqual(report.baseline?.models, ['Westmere', 'Nehalem', 'qemu64']);
    assert.equal(report.baseline?.cpuModels, 'cpu_models = Westmere, Nehalem, qemu64');
    assert.equal(report.baseline?.extraFlags, undefined, 'no single vendor flag for a mixed fleet');
    const intel = report.vendorBaselines.find((b) => b.scope === 'Intel');
    assert.deepEqual(intel?.hosts, ['cmp-skylake-1', 'cmp-cascade-1']);
    assert.deepEqual(intel?.models, ['Skylake-Server-noTSX-IBRS', 'Haswell-noTSX', 'IvyBridge', 'SandyBridge', 'Westmere', 'Nehalem', 'qemu64']);
    assert.equal(intel?.extraFlags, 'cpu_model_extra_flags = vmx');
    const amd = report.vendorBaselines.find((b) => b.scope === 'AMD');
    assert.deepEqual(amd?.models.slice(0, 2), ['EPYC-IBPB', 'EPYC']);
    assert.equal(amd?.extraFlags, 'cpu_model_extra_flags = svm');
    // cpu_map order: every generation after the one before it.
    assert.deepEqual(newestFirst(['Nehalem', 'Cascadelake-Server', 'qemu64', 'Skylake-Server', 'NoSuchModel', 'Icelake-Server']), ['Icelake-Server', 'Cascadelake-Server', 'Skylake-Server', 'Nehalem', 'qemu64', 'NoSuchModel']);
  });

  it('warns about host-passthrough across different CPUs and models only some hosts can run', () => {
    const codes = report.warnings.map((w) => w.code);
    assert.deepEqual(codes, ['fleet-passthrough-mixed-cpus', 'fleet-mixed-vendors', 'fleet-model-partial']);
    const pt = report.warnings[0];
    assert.deepEqual(pt.hosts, ['cmp-skylake-1', 'cmp-cascade-1']);
    assert.match(pt.message, /Gold 6140 CPU @ 2\.30GHz: cmp-skylake-1; .*Gold 6230 CPU @ 2\.10GHz: cmp-cascade-1/);
    const cascade = report.warnings.find((w) => w.model === 'Cascadelake-Server-noTSX');
    assert.deepEqual(cascade?.hosts, ['cmp-skylake-1']);
    assert.match(cascade?.message ?? '', /usable on 1 of 2 hosts \(not on: cmp-skylake-1\)/);
    // AMD: EPYC-Rome is configured but usable on no AMD host: the per-host nova check says so, not a partial warning.
    assert.ok(!report.warnings.some((w) => w.model === 'EPYC-Rome'));
  });

  it('warns when nova.conf lists a model some hosts cannot run', () => {
    const root = fx('intel-skylake');
    const conf = '[libvirt]\nvirt_type = kvm\ncpu_mode = custom\ncpu_models = Cascadelake-Server-noTSX\ncpu_model_extra_flags = vmx\n';
    const cascade = copyFixture('intel-nested-on', path.join(tmp, 'cascade-custom'));
    fs.writeFileSync(path.join(cascade, 'etc/nova/nova.conf'), conf);
    const r = fleetReport([probe('a', root), probe('b', cascade)]);
    const w = r.warnings.find((x) => x.code === 'fleet-configured-model-partial');
    assert.equal(w?.severity, 'warning');
    assert.deepEqual(w?.hosts, ['a']);
    assert.match(w?.message ?? '', /nova\.conf cpu_models on b lists Cascadelake-Server-noTSX, which is not usable on a/);
    assert.equal(r.warnings.some((x) => x.code === 'fleet-passthrough-mixed-cpus'), false, 'one host only uses host-passthrough');
    assert.equal(r.baseline?.extraFlags, 'cpu_model_extra_flags = vmx');
  });

  it('renders text, JSON and SARIF with the fleet section', () => {
    const text = renderReports(fleet, 'text');
    assert.match(text, /Fleet: 5 hosts — 2 ready, 0 need attention, 2 blocked, 1 not probed/);
    assert.match(text, /\[blocked\] probe-nested \(2 hosts\): /);
    const perHost = renderReports([fleet[2]], 'text').match(/options kvm_amd nested=1/g)?.length ?? 0;
    assert.equal(text.match(/options kvm_amd nested=1/g)?.length, 2 * perHost + 1, 'in each AMD host report, and once for the group');
    assert.match(text, /^ {4}cpu_models = Skylake-Server-noTSX-IBRS, Haswell-noTSX, IvyBridge, SandyBridge, Westmere, Nehalem, qemu64$/m);
    assert.match(text, /^ {4}cpu_model_extra_flags = vmx$/m);
    const json = JSON.parse(renderReports(fleet, 'json')) as { fleet: FleetReport };
    assert.deepEqual(json.fleet.baseline?.models, ['Westmere', 'Nehalem', 'qemu64']);
    assert.equal(json.fleet.groups[0].hosts.length, 2);
    const sarif = JSON.parse(renderReports(fleet, 'sarif')) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string; locations: { logicalLocations: { name: string }[] }[] }[] }[] };
    const run = sarif.runs[0];
    const pt = run.results.find((x) => x.ruleId === 'fleet-passthrough-mixed-cpus');
    assert.equal(pt?.level, 'warning');
    assert.deepEqual(pt?.locations[0].logicalLocations.map((l) => l.name), ['cmp-skylake-1', 'cmp-cascade-1']);
    for (const r of run.results) assert.ok(run.tool.driver.rules.some((x) => x.id === r.ruleId), `rule ${r.ruleId} declared`);
  });

  it('--format prom follows the exposition format: one gauge per check and host, bounded labels', () => {
    const weird = reportFromOutput('cmp "quoted"\\back', runShell(['dash'], fx('no-vmx')));
    const text = renderReports([...fleet, weird], 'prom');
    const fams = parseExposition(text);
    for (const f of fams.values()) {
      assert.equal(f.type, 'gauge', f.name);
      assert.ok(f.help && f.help.length > 10, f.name);
      for (const s of f.samples) for (const k of Object.keys(s.labels)) assert.ok(['host', 'check', 'kind', 'verdict', 'code'].includes(k), `${f.name} label ${k}`);
    }
    const checks = fams.get('nested_virt_check_status')!.samples;
    const reached = [...fleet, weird].filter((r) => !r.error);
    assert.equal(checks.length, reached.reduce((n, r) => n + r.checks.length, 0));
    for (const s of checks) assert.ok((CHECK_IDS as readonly string[]).includes(s.labels.check));
    const nestedOf = (h: string) => checks.find((s) => s.labels.host === h && s.labels.check === 'probe-nested')?.value;
    assert.equal(nestedOf('cmp-epyc-1'), STATUS_VALUE.FAIL);
    assert.equal(nestedOf('cmp-cascade-1'), STATUS_VALUE.PASS);
    assert.equal(nestedOf('cmp "quoted"\\back'), STATUS_VALUE.FAIL, 'escaped label value reads back');
    assert.match(text, /host="cmp \\"quoted\\"\\\\back"/);
    const up = fams.get('nested_virt_host_up')!.samples;
    assert.deepEqual(up.filter((s) => s.value === 0).map((s) => s.labels.host), ['cmp-down']);
    assert.deepEqual(fams.get('nested_virt_host_error')!.samples.map((s) => [s.labels.host, s.labels.kind]), [['cmp-down', 'unreachable']]);
    assert.deepEqual(fams.get('nested_virt_fleet_hosts')!.samples.map((s) => [s.labels.verdict, s.value]), [['ready', 2], ['attention', 0], ['blocked', 3], ['error', 1]]);
    assert.equal(fams.get('nested_virt_fleet_baseline_models')!.samples[0].value, 3);
    assert.equal(fams.get('nested_virt_fleet_migration_warnings')!.samples.find((s) => s.labels.code === 'fleet-passthrough-mixed-cpus')?.value, 1);
    assert.throws(() => parseExposition('a{b="x"} 1\n'), /outside its family/);
    assert.throws(() => parseExposition('# TYPE a gauge\na{b="\\x"} 1\n'), /bad escape/);
  });

  it('the CLI takes --format prom from stored results', async () => {
    const dir = path.join(tmp, 'results');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'cmp-skylake-1'), JSON.stringify({ rc: 0, stdout: runShell(['dash'], fx('intel-skylake')) }));
    fs.writeFileSync(path.join(dir, 'cmp-epyc-1'), runShell(['dash'], fx('amd-nested-off')));
    const c = await cli(['--from-results', dir, '--format', 'prom']);
    assert.equal(c.code, 1);
    const fams = parseExposition(c.out);
    assert.deepEqual(fams.get('nested_virt_host_blocked')!.samples.map((s) => [s.labels.host, s.value]), [['cmp-epyc-1', 1], ['cmp-skylake-1', 0]]);
    assert.equal(fams.has('nested_virt_probe_duration_seconds'), false, 'no durations for stored results');
  });

  it('a host where nested works but a check WARNs needs attention, in the fleet report and the VS Code report alike', () => {
    // kvm_intel is built into this kernel: the modprobe.d options line has no effect (WARN), nested is on.
    const builtin = probe('cmp-builtin', fx('builtin-intel'));
    const f = fleetReport([builtin, fleet[0]]);
    assert.deepEqual(f.hosts.map((h) => [h.host, h.verdict, h.reasons.join(',')]), [['cmp-builtin', 'attention', 'probe-modprobe'], ['cmp-skylake-1', 'ready', '']]);
    assert.deepEqual(f.counts, { ready: 1, attention: 1, blocked: 0, error: 0 });
    assert.equal(verdictOf(builtin), 'attention');
    const labels = {
      title: 't', copy: 'c', copied: 'cd', remediation: 'r', error: 'e', hint: 'h', verdict: { ready: 'ready', attention: 'needs attention', blocked: 'blocked', error: 'x' },
      columns: ['h', 'v', 'c', 'k', 'f'] as const, noModule: 'n', blockedBy: 'by',
    };
    const row = /<tr><td><a href="#host-0">cmp-builtin<\/a><\/td><td class="st (\w+)">([^<]+)<\/td>.*?<td>([^<]*)<\/td><\/tr>/.exec(reportHtml([builtin, fleet[0]], 'N', 'r:', labels, f));
    assert.ok(row, 'a fleet table row for the host');
    assert.deepEqual([row[1], row[2]], ['WARN', 'needs attention']);
    assert.match(row[3], /modprobe/i, 'the WARN check is named in the row');
  });

  it('the VS Code report shows the fleet summary, escaped', () => {
    const hostile = reportFromOutput('<img src=x onerror=alert(1)>', runShell(['dash'], fx('no-vmx')));
    const reports = [...fleet, hostile];
    const html = reportHtml(reports, 'NONCE', 'vscode-resource:', {
      title: 't', copy: 'c', copied: 'cd', remediation: 'r', error: 'e', hint: 'h', verdict: { ready: 'ok', attention: 'w', blocked: 'b', error: 'x' },
      columns: ['h', 'v', 'c', 'k', 'f'], noModule: 'n', blockedBy: 'by',
    }, fleetReport(reports));
    assert.match(html, /<section class="fleet">/);
    assert.match(html, /cpu_models = Westmere, Nehalem, qemu64/);
    assert.match(html, /&#60;img src=x onerror=alert\(1\)&#62;/);
    assert.doesNotMatch(html, /<img/);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  });

  it('defaults the concurrency to 16, and to 10 when ssh -G shows a ProxyJump or ProxyCommand, and says so', async () => {
    const cfg = path.join(tmp, 'ssh_config');
    fs.writeFileSync(cfg, 'Host cmp-behind-*\n  ProxyJump bastion.example\nHost cmp-cmd\n  ProxyCommand ssh -W %h:%p gw.example\nHost *\n  ControlMaster auto\n');
    assert.deepEqual(await chooseConcurrency(['cmp-01', 'cmp-02'], undefined, { configFile: cfg }), { concurrency: DEFAULT_CONCURRENCY });
    assert.deepEqual(await chooseConcurrency(['cmp-01', 'cmp-behind-3'], undefined, { configFile: cfg }), { concurrency: BASTION_CONCURRENCY, proxy: { host: 'cmp-behind-3', concurrency: 10 } });
    assert.equal((await chooseConcurrency(['cmp-cmd'], undefined, { configFile: cfg })).concurrency, 10);
    assert.deepEqual(await chooseConcurrency(['cmp-behind-3'], 32, { configFile: cfg }), { concurrency: 32 }, 'the user\'s --concurrency wins');
    const text = renderFleetText(fleetReport(fleet, { proxy: { host: 'cmp-behind-3', concurrency: 10 } }));
    assert.match(text, /ProxyJump\/ProxyCommand configured for cmp-behind-3 \(ssh -G\): concurrency defaults to 10/);
  });
});
