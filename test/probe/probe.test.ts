/** Script, parser, host-name, inventory, CLI and UI tests of the probe; the scenarios over a real sshd are in overSsh.test.ts. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildFacts, toHostFacts } from '../../server/src/probe/facts';
import { probeHost, reportFromOutput, type HostReport } from '../../server/src/probe/index';
import { parseInventory, expandRange } from '../../server/src/probe/inventory';
import { parseProbeOutput } from '../../server/src/probe/parse';
import { probeScript } from '../../server/src/probe/script';
import { classifyFailure, hostKeyCommands, sshArgs, validateHost } from '../../server/src/probe/ssh';
import { reportFromResultText } from '../../server/src/probe/results';
import { reportHtml } from '../../client/src/probe/html';
import { sshConfigAliases } from '../../client/src/probe/hosts';
import { check, cli, fx, runShell } from './helpers';

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

  it('names the real host (and port) in the host-key commands, not the user or the ssh:// form', () => {
    assert.equal(hostKeyCommands('compute-1'), 'ssh-keygen -F compute-1 ; ssh-keyscan compute-1 | ssh-keygen -lf - ; ssh compute-1');
    assert.equal(hostKeyCommands('root@10.0.0.5'), 'ssh-keygen -F 10.0.0.5 ; ssh-keyscan 10.0.0.5 | ssh-keygen -lf - ; ssh root@10.0.0.5');
    assert.equal(hostKeyCommands('ssh://admin@node:2222'), "ssh-keygen -F '[node]:2222' ; ssh-keyscan -p 2222 node | ssh-keygen -lf - ; ssh ssh://admin@node:2222");
    assert.equal(hostKeyCommands('[fe80::1]'), 'ssh-keygen -F fe80::1 ; ssh-keyscan fe80::1 | ssh-keygen -lf - ; ssh [fe80::1]');
    const r = { stdout: '', stderr: 'Host key verification failed.\n', code: 255, signal: null, timedOut: false, tooLarge: false, cancelled: false };
    assert.match(classifyFailure('cmp-01', r, false, 'en', 'ssh://root@10.0.0.7:2200')?.hint ?? '', /ssh-keygen -F '\[10\.0\.0\.7\]:2200'/);
  });

  it('reports transport and result-file errors in the report language', () => {
    const r = { stdout: '', stderr: 'ssh: Could not resolve hostname x: Name or service not known\n', code: 255, signal: null, timedOut: false, tooLarge: false, cancelled: false };
    assert.equal(classifyFailure('x', r, false, 'zh-cn')?.message, '无法连接 x');
    assert.equal(classifyFailure('x', r)?.message, 'x is unreachable');
    assert.equal(reportFromResultText('h', '{not json', { locale: 'zh-cn' }).error?.message, 'h：结果文件不是有效的 JSON');
    assert.equal(reportFromOutput('h', 'garbage', { locale: 'zh-cn' }).error?.message, 'h：不是探测输出');
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
    assert.deepEqual(inv.hosts.map((h) => [h.name, h.destination, h.port]), [['cmp1', 'ops@cmp1', undefined], ['cmp2', 'ops@cmp2', undefined], ['gpu', 'root@10.0.0.9', 2222]]);
    assert.deepEqual(inv.hosts[0].groups, ['compute', 'bad']);
    assert.equal(inv.problems.length, 1);
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
    const html = reportHtml([r], 'NONCE', 'vscode-resource:', { title: 't', copy: 'c', copied: 'ok', remediation: 'r', error: 'e', hint: 'h', verdict: { ready: 'R', attention: 'W', blocked: 'B', error: 'E' }, columns: ['h', 'v', 'c', 'k', 'f'], noModule: 'n', blockedBy: 'b' });
    assert.doesNotMatch(html, /<script>alert|<img src=x/);
    assert.match(html, /&#60;img src=x onerror=alert\(1\)&#62;/);
    assert.match(html, /default-src 'none'; style-src vscode-resource: 'nonce-NONCE'; script-src 'nonce-NONCE';/);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
  });

  it('lists concrete Host aliases from ssh_config', () => {
    assert.deepEqual(sshConfigAliases('Host a b *.lan !c\n  HostName x\nhost  compute-[1] -bad\nMatch host y\n'), ['a', 'b', 'compute-[1]']);
  });
});
