import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { runProbeCommand } from '../../server/src/cli/probe';
import { buildFacts, toHostFacts } from '../../server/src/probe/facts';
import { probeHost, probeHosts, reportFromOutput, type HostReport } from '../../server/src/probe/index';
import { parseInventory, expandRange } from '../../server/src/probe/inventory';
import { parseProbeOutput } from '../../server/src/probe/parse';
import type { summarize } from '../../server/src/probe/report';
import { probeScript, scriptWithSettings } from '../../server/src/probe/script';
import { runOverSsh, sshArgs, validateHost } from '../../server/src/probe/ssh';
import { startSshd, type TestSshd } from './sshd';
import { reportHtml } from '../../client/src/probe/html';
import { sshConfigAliases } from '../../client/src/probe/hosts';

const FIXTURES = path.resolve(__dirname, '../fixtures/hosts');
const fx = (name: string): string => path.join(FIXTURES, name);

function sink(): { stream: Writable; text: () => string } {
  let buf = '';
  return { stream: new Writable({ write(c: Buffer, _e, cb) { buf += c.toString(); cb(); } }), text: () => buf };
}

async function cli(args: string[], locale: 'en' | 'zh-cn' = 'en'): Promise<{ code: number; out: string; err: string }> {
  const out = sink(), err = sink();
  const code = await runProbeCommand(args, { stdout: out.stream, stderr: err.stream, locale });
  return { code, out: out.text(), err: err.text() };
}

function check(r: HostReport, id: string) {
  const c = r.checks.find((x) => x.id === id);
  assert.ok(c, `check ${id} missing in ${r.checks.map((x) => x.id).join(',')}`);
  return c;
}

function runShell(shell: string[], root: string): string {
  const r = spawnSync(shell[0], [...shell.slice(1), '-s'], { input: probeScript(), env: { ...process.env, NV_ROOT: root }, encoding: 'utf8' });
  assert.equal(r.status, 0, `${shell.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

describe('probe script', () => {
  for (const shell of [['dash'], ['busybox', 'sh']]) {
    it(`runs under ${shell.join(' ')} and reads a fixture tree`, () => {
      const out = runShell(shell, fx('amd-nested-off'));
      const raw = parseProbeOutput(out);
      assert.equal(raw.version, 1);
      assert.equal(raw.done, true);
      const f = buildFacts(raw, 'amd');
      assert.equal(f.cpu.vendor, 'AMD');
      assert.equal(f.cpu.svm, true);
      assert.equal(f.kernel.release, '4.18.0-513.el8.x86_64');
      assert.deepEqual(f.modules.map((m) => [m.name, m.state, m.nested]), [['kvm', 'live', null], ['kvm_amd', 'live', false]]);
      assert.equal(f.qemuProcesses, 3);
      assert.equal(f.libvirt.runningDomains, 2);
      const lines = f.modprobe.files.flatMap((x) => x.lines.map((l) => `${l.file}:${l.line}:${l.text}`));
      assert.ok(lines.includes('/etc/modprobe.d/dist.conf:2:options amd nested=1'), lines.join('\n'));
    });
  }

  it('gives the same facts under dash and busybox', () => {
    for (const s of ['intel-nested-on', 'builtin-intel', 'domcaps-denied', 'no-vmx']) {
      const facts = (shell: string[]) => {
        const f = buildFacts(parseProbeOutput(runShell(shell, fx(s))), s, 'now');
        return { ...f, remoteNow: 0 };
      };
      assert.deepEqual(facts(['dash']), facts(['busybox', 'sh']), s);
    }
  });

  it('reports /etc/modprobe.conf lines as never read (kmod reads modprobe.d only)', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-legacy-'));
    try {
      fs.cpSync(fx('intel-nested-on'), root, { recursive: true });
      fs.writeFileSync(path.join(root, 'etc/modprobe.conf'), 'alias eth0 e1000\noptions kvm_intel nested=0\n');
      const notRead = '/etc/modprobe.conf:2: options kvm_intel nested=0 — not read: modprobe (kmod) reads only *.conf files in the modprobe.d directories, never /etc/modprobe.conf';
      const r = reportFromOutput('legacy', runShell(['dash'], root));
      const mp = check(r, 'probe-modprobe');
      assert.equal(mp.status, 'NOTE');
      assert.deepEqual(mp.details, [notRead, '/etc/modprobe.d/kvm.conf:2: options kvm_intel nested=1 — effective']);
      assert.deepEqual(mp.remediation, []);
      assert.equal(check(r, 'probe-nested-persist').status, 'PASS');
      // Only /etc/modprobe.conf sets nested: it does nothing, and the fix is a modprobe.d file.
      fs.rmSync(path.join(root, 'etc/modprobe.d'), { recursive: true });
      fs.writeFileSync(path.join(root, 'etc/modprobe.conf'), 'options kvm_intel nested=1\n');
      const r2 = reportFromOutput('legacy', runShell(['dash'], root));
      const mp2 = check(r2, 'probe-modprobe');
      assert.equal(mp2.status, 'WARN');
      assert.match(mp2.details[0], /^\/etc\/modprobe\.conf:1: options kvm_intel nested=1 — not read/);
      assert.deepEqual(mp2.remediation, ['# /etc/modprobe.conf:1 is never read; put this in /etc/modprobe.d/kvm-nested.conf instead:', 'options kvm_intel nested=1']);
      assert.doesNotMatch(check(r2, 'probe-nested-persist').details.join('\n'), /modprobe\.conf/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('reads nova.conf like nova: case-sensitive cpu_mode, and a -vmx extra flag disables nested', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-nova-'));
    const probeWith = (conf: string): HostReport => {
      fs.writeFileSync(path.join(root, 'etc/nova/nova.conf'), conf);
      return reportFromOutput('nova', runShell(['dash'], root));
    };
    try {
      fs.cpSync(fx('intel-nested-on'), root, { recursive: true });
      const wrongCase = check(probeWith('[libvirt]\nvirt_type = kvm\ncpu_mode = Host-Passthrough\n'), 'probe-nova-conf');
      assert.equal(wrongCase.status, 'FAIL');
      assert.doesNotMatch(wrongCase.details.join('\n'), /exposes the host CPU/);
      assert.match(wrongCase.details.join('\n'), /nova-invalid-choice/);
      const off = check(probeWith('[libvirt]\nvirt_type = kvm\ncpu_mode = host-passthrough\ncpu_model_extra_flags = pcid, -VMX\n'), 'probe-nova-conf');
      assert.equal(off.status, 'WARN');
      assert.match(off.details.join('\n'), /cpu_model_extra_flags has -vmx: nova disables vmx/);
      assert.doesNotMatch(off.details.join('\n'), /exposes the host CPU/);
      assert.deepEqual(off.remediation, ['[libvirt]\ncpu_model_extra_flags = pcid, vmx']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('never calls sudo, modprobe or writes', () => {
    const code = probeScript().split('\n').filter((l) => !l.trim().startsWith('#')).join('\n');
    assert.doesNotMatch(code, /\bsudo\b|\bmodprobe\s+-|\binsmod\b|\brmmod\b|\btee\b|>\s*\/(etc|sys|proc|dev\/kvm)/);
  });
});

describe('probe output parser', () => {
  it('ignores forged headers inside data, strips control characters, caps size', () => {
    const raw = parseProbeOutput('@v 1\n@sec cmdline\n|@done \u001b[31mred\n@kv release 1.2\n@bogus x\nnoise\n');
    assert.equal(raw.done, false);
    assert.deepEqual(raw.sections.get('cmdline')?.events, [{ d: '@done [31mred' }]);
    assert.equal(raw.kv.release, '1.2');
    // C1 CSI (U+009B) acts like ESC [ in terminals; bidi overrides hide what text says.
    const c1 = parseProbeOutput('@v 1\n@kv release 6.1\u009b2J\u202eevil\n@sec cpuinfo\n|model name\t: X\u009b31m\u2066Y\u0085\n');
    assert.equal(c1.kv.release, '6.12Jevil');
    assert.deepEqual(c1.sections.get('cpuinfo')?.events, [{ d: 'model name\t: X31mY' }]);
    const big = parseProbeOutput('@v 1\n' + '|x\n'.repeat(10) + 'y'.repeat(9 * 1024 * 1024));
    assert.equal(big.truncated, true);
    const junk = reportFromOutput('h', '\u0000\u0001garbage');
    assert.equal(junk.error?.kind, 'bad-output');
  });
});

describe('host names', () => {
  it('rejects options and odd characters, keeps -- before the destination', () => {
    assert.match(validateHost('-oProxyCommand=touch /tmp/pwned') ?? '', /must not start with "-"/);
    assert.ok(validateHost('host name'));
    assert.ok(validateHost('host\nx'));
    assert.ok(validateHost('a;b'));
    assert.ok(validateHost('$(id)'));
    for (const ok of ['compute-1', 'root@10.0.0.5', 'ssh://admin@node:2222', '[fe80::1]', 'node.example.org']) assert.equal(validateHost(ok), undefined, ok);
    const args = sshArgs('compute-1', { connectTimeout: 5 });
    assert.deepEqual(args.slice(-4), ['--', 'compute-1', 'sh', '-s']);
    assert.ok(args.includes('BatchMode=yes') && args.includes('ConnectTimeout=5'));
  });

  it('does not spawn ssh for an invalid host', async () => {
    const r = await probeHost('-oProxyCommand=touch /tmp/nv-pwned', { sshPath: '/nonexistent/ssh' });
    assert.equal(r.error?.kind, 'invalid-host');
    const c = await cli(['--', '-oProxyCommand=touch /tmp/nv-pwned']);
    assert.equal(c.code, 2);
    assert.match(c.err, /invalid host/);
  });
});

describe('Ansible inventory', () => {
  it('reads groups, ranges and connection variables', () => {
    assert.deepEqual(expandRange('web[01:03].dc'), ['web01.dc', 'web02.dc', 'web03.dc']);
    const inv = parseInventory([
      '# compute nodes', '[compute]', 'cmp[1:2] ansible_user=ops', 'gpu ansible_host=10.0.0.9 ansible_port=2222 ansible_user=root',
      '[compute:vars]', 'ansible_become=true', '[all:children]', 'compute', '[bad]', '-oProxyCommand=x', 'cmp1',
    ].join('\n'));
    assert.deepEqual(inv.hosts.map((h) => [h.name, h.destination]), [['cmp1', 'ops@cmp1'], ['cmp2', 'ops@cmp2'], ['gpu', 'ssh://root@10.0.0.9:2222']]);
    assert.deepEqual(inv.hosts[0].groups, ['compute', 'bad']);
    assert.equal(inv.problems.length, 1);
  });
});

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
    assert.equal(check(r, 'probe-libvirt').status, 'SKIP');
    assert.equal(check(r, 'probe-nova-conf').status, 'SKIP');
    assert.equal(r.blocksNested, true);
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

describe('probe CLI', () => {
  it('prints the script and usage; rejects bad options', async () => {
    const s = await cli(['--emit-script']);
    assert.equal(s.code, 0);
    assert.match(s.out, /^# nested-virt host probe/);
    assert.equal((await cli(['--format', 'xml', 'h'])).code, 2);
    assert.equal((await cli(['--concurrency', '0', 'h'])).code, 2);
    assert.equal((await cli([])).code, 2);
    assert.equal((await cli(['--help'])).code, 0);
  });

  it('toHostFacts keeps the fields the language server uses', () => {
    const raw = parseProbeOutput(runShell(['dash'], fx('amd-nested-off')));
    const hf = toHostFacts(buildFacts(raw, 'h'));
    assert.equal(hf.cpu.vendor, 'AMD');
    assert.equal(hf.cpu.svm, true);
    assert.deepEqual(hf.nested, { module: 'kvm_amd', enabled: false });
    assert.equal(hf.libvirt?.models.find((m) => m.name === 'EPYC-Rome')?.usable, 'no');
  });
});

describe('probe UI helpers', () => {
  it('escapes remote text in the report and keeps a strict CSP', () => {
    const r = reportFromOutput('<img src=x onerror=alert(1)>', '@v 1\n@sec cpuinfo\n|model name\t: <script>alert(1)</script>\n|flags\t: vmx\n@done\n');
    const html = reportHtml([r], 'NONCE', 'vscode-resource:', { title: 't', copy: 'c', remediation: 'r', error: 'e', hint: 'h' });
    assert.doesNotMatch(html, /<script>alert|<img src=x/);
    assert.match(html, /&#60;img src=x onerror=alert\(1\)&#62;/);
    assert.match(html, /default-src 'none'; style-src vscode-resource: 'nonce-NONCE'; script-src 'nonce-NONCE';/);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
  });

  it('lists concrete Host aliases from ssh_config', () => {
    assert.deepEqual(sshConfigAliases('Host a b *.lan !c\n  HostName x\nhost  compute-[1] -bad\nMatch host y\n'), ['a', 'b', 'compute-[1]']);
  });
});
