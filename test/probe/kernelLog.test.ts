/**
 * The probe's kernel-log section on this machine's shell, without a fixture root:
 * dmesg and journalctl are replaced on PATH by small stand-ins that behave like the
 * real tools do when kernel.dmesg_restrict forbids them, or print a log.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { reportFromOutput } from '../../server/src/probe/index';
import { probeScript } from '../../server/src/probe/script';
import { check } from './helpers';

function withTools(tools: Record<string, string>, fn: (env: NodeJS.ProcessEnv) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-klog-'));
  try {
    for (const [name, body] of Object.entries(tools)) fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    fn({ ...process.env, PATH: `${dir}:${process.env.PATH ?? ''}`, NV_ROOT: '' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function probe(env: NodeJS.ProcessEnv): ReturnType<typeof reportFromOutput> {
  const r = spawnSync('dash', ['-s'], { input: probeScript(), env, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  return reportFromOutput('this-machine', r.stdout, { transport: 'local' });
}

describe('probe: kernel log', function () {
  this.timeout(60_000);
  before(function () {
    if (spawnSync('dash', ['-c', 'true']).status !== 0) this.skip();
  });

  it('dmesg and journalctl both refused: skipped with a NOTE', () => {
    withTools({
      dmesg: 'echo "dmesg: read kernel buffer failed: Operation not permitted" >&2; exit 1',
      journalctl: 'echo "No journal files were opened due to insufficient permissions." >&2; exit 1',
    }, (env) => {
      const r = probe(env);
      assert.equal(r.facts?.kernelLog?.status, 'denied');
      const c = check(r, 'probe-kernel-log');
      assert.equal(c.status, 'NOTE');
      assert.match(c.details[0], /cannot be read by this user \(kernel\.dmesg_restrict/);
    });
  });

  it('dmesg refused, journalctl allowed: the journal is read and explained', () => {
    withTools({
      dmesg: 'exit 1',
      journalctl: 'case "$*" in *-k*) printf "%s\\n" "Dec 02 09:12:44 node7 kernel: Linux version 6.8.0" "Dec 02 09:12:44 node7 kernel: kvm_amd: SVM disabled (by BIOS) in MSR_VM_CR on CPU 0" ;; *) exit 1 ;; esac',
    }, (env) => {
      const r = probe(env);
      assert.equal(r.facts?.kernelLog?.via, 'journalctl');
      assert.deepEqual(r.facts?.kernelLog?.lines, ['Dec 02 09:12:44 node7 kernel: kvm_amd: SVM disabled (by BIOS) in MSR_VM_CR on CPU 0']);
      const c = check(r, 'probe-kernel-log');
      assert.equal(c.status, 'FAIL');
      assert.match(c.details[0], /^firmware-disabled: /);
    });
  });

  it('dmesg readable with kvm lines that are no problem: PASS', () => {
    withTools({ dmesg: 'printf "%s\\n" "[    0.0] Linux version 6.8.0" "[    3.1] kvm_intel: Nested Virtualization enabled" "[    3.2] kvm: x86/mmu: Using TDP MMU"' }, (env) => {
      const r = probe(env);
      assert.equal(r.facts?.kernelLog?.via, 'dmesg');
      const c = check(r, 'probe-kernel-log');
      assert.equal(c.status, 'PASS');
      assert.match(c.details[0], /^2 kvm lines read from dmesg/);
    });
  });
});
