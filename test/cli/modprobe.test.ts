/** `nested-virt lint` on modprobe.d files, trees and kernel command lines: text, JSON, SARIF. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURES } from '../helpers';
import { nestedVirt } from './run';

const TREE = path.join('test', 'fixtures', 'modprobe', 'tree');

describe('nested-virt lint (modprobe.d and kernel command lines)', () => {
  it('recognises the files of a tree by their place and says which modprobe.d file wins', () => {
    const r = nestedVirt(['lint', TREE]);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.ok(lines.includes(`${TREE}/usr/lib/modprobe.d/kvm.conf:1:1: warning modprobe-file-hidden kmod does not read this file: /etc/modprobe.d/kvm.conf has the same name and comes first.`), r.stdout);
    assert.ok(lines.some((l) => l.startsWith(`${TREE}/etc/modprobe.d/kvm.conf:3:17: warning modprobe-overridden-by-file kvm_amd "nested" is set again in /usr/lib/modprobe.d/zz-tuning.conf`)), r.stdout);
    assert.ok(lines.some((l) => l.startsWith(`${TREE}/etc/default/grub:11:53: error cmdline-bad-value`)), r.stdout);
    assert.ok(!lines.some((l) => l.includes('blacklist-gpu.conf')), 'nouveau, pcspkr and snd_hda_intel are real modules');
    assert.match(r.stderr, /^6 file\(s\) checked: 1 error\(s\), 2 warning\(s\)/m);
  });

  it('reports the seed\'s AMD lines as JSON with LSP ranges', () => {
    const r = nestedVirt(['lint', '--json', '--type', 'modprobe', path.join(FIXTURES, 'modprobe', 'broken-amd.conf')]);
    assert.equal(r.code, 1);
    const [out] = JSON.parse(r.stdout) as { diagnostics: { code: string; severity: number; range: { start: { line: number; character: number } } }[] }[];
    assert.deepEqual(out.diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character]), [
      ['modprobe-bad-value', 1, 1, 23],
      ['modprobe-unknown-module', 2, 2, 8],
    ]);
  });

  it('writes SARIF with the modprobe rules', () => {
    const r = nestedVirt(['lint', '--format', 'sarif', path.join(FIXTURES, 'modprobe', 'seed-dist.conf'), '--type', 'modprobe']);
    assert.equal(r.code, 0, 'a warning only');
    const run = (JSON.parse(r.stdout) as { runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] }).runs[0];
    assert.deepEqual(run.results.map((x) => [x.ruleId, x.level, x.locations[0].physicalLocation.region.startLine]), [['modprobe-unknown-module', 'warning', 4]]);
  });

  it('--type cmdline reads standard input as a kernel command line, in Chinese with --lang', () => {
    const r = nestedVirt(['lint', '--type', 'cmdline', '--lang', 'zh-CN', '-'], { input: 'BOOT_IMAGE=/vmlinuz ro kvm_amd.nested=y\n' });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^-:1:39: 错误 cmdline-bad-value "y" 不是 kvm_amd "nested" 的有效 int 值/m);
  });

  it('without --type, standard input is told apart by its lines: modprobe.d, /proc/cmdline, grub defaults, nova.conf', () => {
    const code = (input: string): string[] => [...nestedVirt(['lint', '--format', 'json', '-'], { input }).stdout.matchAll(/"code": "([\w-]+)"/g)].map((m) => m[1]);
    // The seed's persistence line, typed the way it is often mistyped.
    assert.deepEqual(code('# /etc/modprobe.d/kvm.conf\noptions kvm_amd nested=y\n'), ['modprobe-bad-value']);
    assert.deepEqual(code('BOOT_IMAGE=/vmlinuz-6.1.0-28-amd64 root=UUID=0b1c ro quiet kvm_amd.nested=y\n'), ['cmdline-builtin-note', 'cmdline-bad-value']);
    assert.deepEqual(code('GRUB_CMDLINE_LINUX_DEFAULT="quiet kvm-amd.nested=y"\n'), ['cmdline-builtin-note', 'cmdline-bad-value']);
    assert.deepEqual(code('[libvirt]\ncpu_mode = host-passthrough\ncpu_models = Haswell\n'), ['nova-cpu-models-without-custom']);
  });

  it('--type modprobe searches every *.conf of a directory; other files are passed over', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-modprobe-'));
    fs.writeFileSync(path.join(dir, 'nested.conf'), 'options kvm_intel nested=0\n');
    fs.writeFileSync(path.join(dir, 'README'), 'options amd nested=1\n');
    const r = nestedVirt(['lint', '--type', 'modprobe', dir]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /nested\.conf:1:26: info modprobe-nested-off/);
    assert.doesNotMatch(r.stdout, /README/);
  });
});

describe('nested-virt lint: /etc/modprobe.conf', () => {
  it('says kmod never reads it', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-legacy-'));
    fs.mkdirSync(path.join(root, 'etc'));
    fs.writeFileSync(path.join(root, 'etc', 'modprobe.conf'), '# old CentOS 5 style\noptions kvm_intel nested=1\n');
    const r = nestedVirt(['lint', root]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /etc\/modprobe\.conf:2:1: warning modprobe-legacy-file kmod never reads \/etc\/modprobe\.conf/);
  });
});
