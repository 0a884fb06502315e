/** `nested-virt explain`, run as a user runs the bundled CLI. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nestedVirt } from './run';

interface Problem {
  id: string;
  category: string;
  message: string;
  evidence: { text: string; lineText: string; line: number; start: number; end: number };
  checks: string[];
  fix: string;
}

const SESSION = [
  'root@compute-7:~# modprobe -r kvm_intel',
  'modprobe: FATAL: Module kvm_intel is in use.',
  "root@compute-7:~# virsh start nested-guest",
  "error: Failed to start domain 'nested-guest'",
  "error: operation failed: guest CPU doesn't match specification: missing features: vmx",
  '',
].join('\n');

describe('nested-virt explain', () => {
  it('explains a message given as an argument, exit 0', () => {
    const r = nestedVirt(['explain', 'kvm: disabled by bios']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^1\. firmware-disabled \(kernel-disabled-by-bios\)$/m);
    assert.match(r.stdout, /Cause: The kernel found VT-x\/AMD-V switched off in the firmware/);
    assert.match(r.stdout, /Fix: Enable "Intel Virtualization Technology"/);
    assert.match(r.stdout, /Checks:\n {5}- In the firmware/);
  });

  it('reads a pasted terminal session from standard input and explains every problem, most specific first', () => {
    const r = nestedVirt(['explain', '--format', 'json', '-'], { input: SESSION });
    assert.equal(r.code, 0, r.stderr);
    const list = JSON.parse(r.stdout) as Problem[];
    assert.deepEqual(list.map((p) => [p.id, p.category]), [
      ['libvirt-missing-features', 'cpu-feature-unavailable'],
      ['kmod-module-in-use', 'module-in-use'],
    ]);
    for (const p of list) {
      assert.ok(p.message && p.fix && p.checks.length, p.id);
      assert.equal(SESSION.slice(p.evidence.start, p.evidence.end), p.evidence.text);
    }
    assert.equal(list[0].evidence.line, 5);
  });

  it('reads a file (a nova-compute log) and counts repeats', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-explain-'));
    try {
      const file = path.join(dir, 'nova-compute.log');
      fs.writeFileSync(file, [
        '2026-12-02 10:00:00.001 2817 INFO nova.compute.manager [-] Starting instance...',
        "2026-12-02 10:00:01.002 2817 ERROR nova.compute.manager [-] Instance failed to spawn: libvirt.libvirtError: operation failed: guest CPU doesn't match specification: missing features: vmx",
        "2026-12-02 10:00:01.003 2817 ERROR nova.compute.manager [-] libvirt.libvirtError: operation failed: guest CPU doesn't match specification: missing features: vmx",
      ].join('\n'));
      const r = nestedVirt(['explain', file]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Seen 2 times\./);
      assert.match(r.stdout, /line 2: 2026-12-02 10:00:01\.002/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exit 1 when nothing matched', () => {
    const r = nestedVirt(['explain', 'all quiet on compute-7']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /No known nested-virtualization error/);
  });

  it('exit 2 on bad usage: unknown option, bad format, no input', () => {
    for (const args of [['explain', '--bogus', 'x'], ['explain', '--format', 'xml', 'x'], ['explain']]) {
      const r = nestedVirt(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /Usage:\n {2}nested-virt explain/);
    }
  });

  it('speaks Chinese with --lang zh-CN or LANG', () => {
    const a = nestedVirt(['explain', '--lang', 'zh-CN', 'kvm: disabled by bios']);
    assert.match(a.stdout, /原因：内核发现固件/);
    const b = nestedVirt(['explain', 'kvm: disabled by bios'], { env: { LANG: 'zh_CN.UTF-8' } });
    assert.match(b.stdout, /修复：/);
  });

  it('uses host facts from a probe report to choose the cause', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-explain-'));
    try {
      const facts = path.join(dir, 'probe.json');
      fs.writeFileSync(facts, JSON.stringify({ hosts: [{ host: 'compute-7', hostFacts: { host: 'compute-7', probedAt: '2026-12-02T10:00:00Z', cpu: { vendor: 'Intel', vmx: true, svm: false, hypervisor: false }, nested: { module: 'kvm_intel', enabled: false } } }] }));
      const r = nestedVirt(['explain', '--facts', facts, '--format', 'json', "missing features: x\nguest CPU doesn't match specification: missing features: vmx"]);
      assert.equal(r.code, 0, r.stderr);
      const [p] = JSON.parse(r.stdout) as (Problem & { host?: string })[];
      assert.equal(p.category, 'nested-off');
      assert.equal(p.host, 'compute-7');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never writes the control characters of the input to the terminal', () => {
    const r = nestedVirt(['explain', '-'], { input: '\u001b[2J\u001b]0;pwned\u0007kvm: disabled by bios \u202eevil\n' });
    assert.equal(r.code, 0);
    for (const c of ['\u001b', '\u0007', '\u202e']) assert.ok(!r.stdout.includes(c), JSON.stringify(c));
    assert.match(r.stdout, /kvm: disabled by bios/);
  });

  it('is listed in the top-level usage', () => {
    assert.match(nestedVirt(['--help']).stdout, /nested-virt explain \[options\] TEXT\|FILE\|-/);
  });
});
