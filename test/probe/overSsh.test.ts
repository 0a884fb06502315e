/** The probe end to end over a real OpenSSH server (test/probe/sshd.ts) on fixture hosts. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { probeHost, probeHosts, type HostReport } from '../../server/src/probe/index';
import type { summarize } from '../../server/src/probe/report';
import { scriptWithSettings } from '../../server/src/probe/script';
import { runOverSsh } from '../../server/src/probe/ssh';
import { startSshd, type TestSshd } from './sshd';
import { check, cli, fx } from './helpers';

describe('probe over a real sshd', function () {
  this.timeout(60_000);
  let sshd: TestSshd | undefined;
  const over = (h: string, root?: string, extra: Parameters<typeof probeHost>[1] = {}) =>
    probeHost(h, { configFile: sshd!.configFile, connectTimeout: 5, root, ...extra });

  before(async function () {
    try {
      sshd = await startSshd();
    } catch (e) {
      if (process.env.CI) throw e;
      // Outside CI a machine without openssh-server skips; CI must fail.
      this.skip();
    }
  });
  after(async () => {
    await sshd?.stop();
  });

  it('Intel with nested on: passes, with the modprobe line effective', async () => {
    const r = await over('nvtest', fx('intel-nested-on'));
    assert.equal(r.error, undefined);
    for (const id of ['probe-cpu-virt', 'probe-kvm-module', 'probe-nested', 'probe-nested-persist', 'probe-modprobe', 'probe-libvirt-cpu', 'probe-nova-conf', 'probe-nova-restart']) {
      assert.equal(check(r, id).status, 'PASS', `${id}: ${check(r, id).details.join(' ')}`);
    }
    assert.equal(r.blocksNested, false);
    assert.match(check(r, 'probe-modprobe').details[0], /kvm\.conf:2: options kvm_intel nested=1 — effective/);
    assert.equal(r.hostFacts?.cpu.vendor, 'Intel');
    assert.equal(r.hostFacts?.nested.enabled, true);
    assert.deepEqual(r.hostFacts?.libvirt?.models.find((m) => m.name === 'Icelake-Server')?.blockers, ['avx512-vpopcntdq', 'gfni', 'vaes']);
    assert.equal(r.hostFacts?.libvirt?.hostModel?.name, 'Cascadelake-Server');
  });

  it("AMD with nested off and the seed's wrong modprobe line", async () => {
    const r = await over('nvtest', fx('amd-nested-off'));
    const nested = check(r, 'probe-nested');
    assert.equal(nested.status, 'FAIL');
    assert.ok(nested.remediation.includes('options kvm_amd nested=1'), nested.remediation.join('\n'));
    assert.ok(nested.remediation.some((l) => /all 3 running VMs must be stopped first/.test(l)), nested.remediation.join('\n'));
    assert.ok(nested.remediation.includes('modprobe -r kvm_amd && modprobe kvm_amd'));
    const mp = check(r, 'probe-modprobe');
    assert.equal(mp.status, 'WARN');
    assert.match(mp.details.join('\n'), /dist\.conf:2: options amd nested=1 — "amd" names no kernel module/);
    assert.ok(mp.remediation.includes('options kvm_amd nested=1'));
    assert.deepEqual(mp.evidence, ['/etc/modprobe.d/dist.conf:2']);
    assert.equal(check(r, 'probe-nested-persist').status, 'FAIL');
    assert.equal(check(r, 'probe-running-vms').status, 'NOTE');
    const nova = check(r, 'probe-nova-conf');
    assert.equal(nova.status, 'FAIL');
    assert.match(nova.details.join('\n'), /cpu_models entry EPYC-Rome is not usable on this host \(missing: wbnoinvd, amd-stibp\)/);
    assert.match(nova.details.join('\n'), /cpu_model_extra_flags has vmx, but the host CPU is AMD \(svm is needed\)/);
    assert.equal(check(r, 'probe-nova-restart').status, 'WARN');
    assert.equal(r.blocksNested, true);
    assert.deepEqual(r.blockReasons, ['probe-nested']);
    // The nova.conf secrets never reach JSON output.
    const c = await cli(['--ssh-config', sshd!.configFile, '--root', fx('amd-nested-off'), '--json', 'nvtest']);
    assert.equal(c.code, 1);
    const j = JSON.parse(c.out) as { hosts: { facts: { nova: Record<string, unknown> } }[] };
    assert.equal(j.hosts[0].facts.nova.text, undefined);
  });

  it('reports in Simplified Chinese', async () => {
    const c = await cli(['--ssh-config', sshd!.configFile, '--root', fx('amd-nested-off'), '--lang', 'zh-cn', 'nvtest']);
    assert.equal(c.code, 1);
    assert.match(c.out, /宿主机 nvtest/);
    assert.match(c.out, /嵌套虚拟化未开启/);
    assert.match(c.out, /options kvm_amd nested=1/);
  });

  it('no vmx/svm and no /dev/kvm: fails with what to do for a VM', async () => {
    const r = await over('nvtest', fx('no-vmx'));
    const cpu = check(r, 'probe-cpu-virt');
    assert.equal(cpu.status, 'FAIL');
    assert.match(cpu.remediation.join('\n'), /L0/);
    assert.equal(check(r, 'probe-dev-kvm').status, 'FAIL');
    // The host is a VM without vmx/svm: every fix points at the outer hypervisor, none says "load kvm_…" here.
    const devFix = check(r, 'probe-dev-kvm').remediation.join('\n');
    assert.match(devFix, /virtual machine whose CPU has no vmx\/svm.*outer hypervisor/);
    assert.doesNotMatch(devFix, /^Load the vendor module/);
    assert.doesNotMatch(check(r, 'probe-kvm-module').remediation.join('\n'), /^modprobe kvm_/m);
    assert.equal(check(r, 'probe-libvirt').status, 'SKIP');
    assert.equal(check(r, 'probe-nova-conf').status, 'SKIP');
    assert.equal(r.blocksNested, true);
  });

  it('firmware-disabled: the kernel log says "kvm: disabled by bios" and the report says so', async () => {
    const r = await over('nvtest', fx('firmware-disabled'));
    assert.equal(r.error, undefined);
    assert.equal(r.facts?.kernelLog?.via, 'file');
    assert.equal(r.facts?.kernelLog?.lines.filter((l) => l.endsWith('kvm: disabled by bios')).length, 2);
    const klog = check(r, 'probe-kernel-log');
    assert.equal(klog.status, 'FAIL');
    assert.match(klog.details[0], /^firmware-disabled: ".*VMX \(outside TXT\) disabled by BIOS"\. The kernel found VT-x\/AMD-V switched off in the firmware/);
    assert.match(klog.remediation.join('\n'), /Enable "Intel Virtualization Technology" \(VT-x\)/);
    assert.ok(r.blockReasons.includes('probe-kernel-log'), r.blockReasons.join(','));
    const c = await cli(['--ssh-config', sshd!.configFile, '--root', fx('firmware-disabled'), 'nvtest']);
    assert.equal(c.code, 1);
    assert.match(c.out, /FAIL {2}Kernel log \(kvm lines\)\n {8}firmware-disabled: /);
    const zh = await cli(['--ssh-config', sshd!.configFile, '--root', fx('firmware-disabled'), '--lang', 'zh-cn', 'nvtest']);
    assert.match(zh.out, /内核日志（kvm 相关行）/);
    assert.match(zh.out, /内核发现固件（BIOS\/UEFI）关闭了 VT-x\/AMD-V/);
  });

  it('built-in kvm_intel with the kernel command-line parameter', async () => {
    const r = await over('nvtest', fx('builtin-intel'));
    assert.equal(check(r, 'probe-nested').status, 'PASS');
    const persist = check(r, 'probe-nested-persist');
    assert.equal(persist.status, 'PASS');
    assert.match(persist.details.join('\n'), /built in: modprobe\.d lines for it are ignored/);
    assert.match(persist.details.join('\n'), /kernel command line sets kvm_intel\.nested=1/);
    const mp = check(r, 'probe-modprobe');
    assert.equal(mp.status, 'WARN');
    assert.match(mp.details[0], /options kvm-intel nested=0 — ignored: kvm_intel is built into the kernel/);
    assert.deepEqual(r.facts?.kernel.kvmParams.map((p) => p.token), ['kvm_intel.nested=1', 'kvm.ignore_msrs=1']);
    assert.equal(r.facts?.modules.find((m) => m.name === 'kvm_intel')?.builtin, true);
  });

  it('built-in kvm_intel with nested=N: the kernel parameter and a reboot, not modprobe.d or a reload', async () => {
    const r = await over('nvtest', fx('builtin-intel-nested-off'));
    assert.equal(r.facts?.modules.find((m) => m.name === 'kvm_intel')?.builtin, true);
    const now = check(r, 'probe-nested');
    assert.equal(now.status, 'FAIL');
    assert.match(now.details[0], /kvm_intel nested=N/);
    const fix = now.remediation.join('\n');
    assert.match(fix, /built into the kernel: modprobe\.d has no effect/);
    assert.match(fix, /^kvm_intel\.nested=1$/m);
    assert.doesNotMatch(fix, /modprobe -r|options kvm_intel|reload/);
    assert.match(fix, /before the reboot, stop or migrate all 1 running VMs/);
    assert.match(check(r, 'probe-running-vms').details[0], /kvm_intel is built into the kernel, so they must stop or be migrated before the reboot/);
    const persist = check(r, 'probe-nested-persist');
    assert.equal(persist.status, 'FAIL');
    assert.match(persist.remediation.join('\n'), /^kvm_intel\.nested=1$/m);
    const mp = check(r, 'probe-modprobe');
    assert.match(mp.details[0], /kvm-intel\.conf:1: options kvm_intel nested=1 — ignored: kvm_intel is built into the kernel/);
    assert.deepEqual(r.facts?.kernel.kvmParams.map((p) => p.token), ['kvm.ignore_msrs=1']);
  });

  it('domcapabilities denied: falls back to capabilities and says so', async () => {
    const r = await over('nvtest', fx('domcaps-denied'));
    const lv = check(r, 'probe-libvirt-cpu');
    assert.equal(lv.status, 'NOTE');
    assert.match(lv.details.join('\n'), /Source: capabilities/);
    assert.match(lv.details.join('\n'), /domcapabilities is not allowed/);
    assert.match(lv.details.join('\n'), /Cascadelake-Server-noTSX \(Intel\), 8 known models/);
    assert.equal(r.hostFacts?.libvirt?.source, 'capabilities');
  });

  it('classifies unreachable, timeout, unknown host key and failed authentication', async () => {
    const closed = await over('nvtest-closed');
    assert.equal(closed.error?.kind, 'unreachable');
    assert.match(closed.error?.stderr ?? '', /Connection refused/);
    const started = Date.now();
    const silent = await over('nvtest-silent', undefined, { connectTimeout: 1 });
    assert.equal(silent.error?.kind, 'timeout');
    assert.ok(Date.now() - started < 10_000);
    const stuck = await over('nvtest-silent', undefined, { connectTimeout: 30, timeoutMs: 1000 });
    assert.equal(stuck.error?.kind, 'timeout');
    const key = await over('nvtest-unknownkey');
    assert.equal(key.error?.kind, 'host-key');
    assert.match(key.error?.hint ?? '', /ssh-keygen -F nvtest-unknownkey/);
    const auth = await over('nvtest-badkey');
    assert.equal(auth.error?.kind, 'auth');
    const c = await cli(['--ssh-config', sshd!.configFile, '--connect-timeout', '2', 'nvtest-closed']);
    assert.equal(c.code, 3);
    assert.match(c.out, /unreachable/);
  });

  it('probes many hosts with a concurrency limit', async () => {
    const hosts = sshd!.aliases(6);
    let done = 0;
    const rs = await probeHosts(hosts, { configFile: sshd!.configFile, concurrency: 3, root: fx('intel-nested-on'), onResult: () => done++ });
    assert.equal(done, 6);
    assert.deepEqual(rs.map((r) => r.host), hosts);
    assert.ok(rs.every((r) => !r.error && !r.blocksNested));
  });

  it('--from-results: Ansible JSON and plain stdout captured over real ssh', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-results-'));
    try {
      const amd = await runOverSsh('nvtest', scriptWithSettings({ root: fx('amd-nested-off') }), { configFile: sshd!.configFile });
      const intel = await runOverSsh('nvtest', scriptWithSettings({ root: fx('intel-nested-on') }), { configFile: sshd!.configFile });
      assert.equal(amd.code, 0);
      fs.writeFileSync(path.join(dir, 'compute-amd-7'), JSON.stringify({ changed: true, rc: 0, stderr: '', stdout: amd.stdout, stdout_lines: amd.stdout.split('\n') }));
      fs.writeFileSync(path.join(dir, 'compute-intel-1'), intel.stdout);
      fs.writeFileSync(path.join(dir, 'compute-down'), JSON.stringify({ unreachable: true, changed: false, msg: 'Failed to connect to the host via ssh: ssh: connect to host compute-down port 22: No route to host' }));
      const c = await cli(['--from-results', dir, '--json']);
      assert.equal(c.code, 3);
      const doc = JSON.parse(c.out) as { hosts: HostReport[]; summary: ReturnType<typeof summarize> };
      assert.deepEqual(doc.hosts.map((h) => h.host), ['compute-amd-7', 'compute-down', 'compute-intel-1']);
      assert.equal(doc.summary.hostsByStatus.error, 1);
      assert.equal(doc.summary.checks['probe-nested'].FAIL, 1);
      assert.equal(doc.summary.checks['probe-nested'].PASS, 1);
      assert.deepEqual(doc.summary.blocking.map((b) => [b.host, b.reasons.map((x) => x.id)]), [['compute-amd-7', ['probe-nested']]]);
      assert.deepEqual(doc.summary.commonModels, ['qemu64', 'Nehalem', 'Westmere']);
      const text = await cli(['--from-results', dir]);
      assert.match(text.out, /CPU models usable on every probed host .*: qemu64, Nehalem, Westmere/);
      assert.match(text.out, /compute-down: unreachable/);
      const sarif = await cli(['--from-results', dir, '--format', 'sarif']);
      const s = JSON.parse(sarif.out) as { version: string; runs: { results: { ruleId: string; level: string; locations: { physicalLocation?: { artifactLocation: { uri: string }; region?: { startLine: number } } }[] }[] }[] };
      assert.equal(s.version, '2.1.0');
      const mp = s.runs[0].results.find((x) => x.ruleId === 'probe-modprobe');
      assert.equal(mp?.level, 'warning');
      assert.equal(mp?.locations[0].physicalLocation?.artifactLocation.uri, 'ssh://compute-amd-7/etc/modprobe.d/dist.conf');
      assert.equal(mp?.locations[0].physicalLocation?.region?.startLine, 2);
      assert.ok(s.runs[0].results.some((x) => x.ruleId === 'probe-host-error'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the real machine, locally and over ssh, matches what Node reads', async () => {
    const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
    const vendorId = /^vendor_id\s*:\s*(.+)$/m.exec(cpuinfo)?.[1].trim();
    for (const r of [await probeHost('local', { local: true }), await over('nvtest', '/')]) {
      assert.equal(r.error, undefined, JSON.stringify(r.error));
      assert.equal(r.facts?.kernel.release, os.release());
      assert.equal(r.facts?.cpu.vendorId, vendorId);
      assert.equal(r.facts?.complete, true);
      assert.ok(r.checks.length >= 10);
    }
  });
});
