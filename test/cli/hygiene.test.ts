/** The CLI on special files, huge lists and closed pipes: clear messages and documented exit codes, never a hang or a stack trace. */
import * as assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, nestedVirt } from './run';

describe('nested-virt lint: inputs and pipes', function () {
  this.timeout(120000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-hygiene-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a FIFO is refused with a message, without blocking (exit 2)', () => {
    const fifo = path.join(dir, 'vm.xml');
    execFileSync('mkfifo', [fifo]);
    const r = nestedVirt(['lint', fifo]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /it is a FIFO, not a regular file/);
  });

  it('/dev/zero is refused with a message (exit 2), and other files still print', () => {
    const good = path.join(dir, 'nova.conf');
    fs.writeFileSync(good, '[libvirt]\nvirt_type = kvm\ncpu_mode = custom\n');
    const r = nestedVirt(['lint', '/dev/zero', good]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\/dev\/zero: it is a character device/);
    assert.match(r.stdout, /nova-custom-without-models/);
  });

  it('a 100,000-item cpu_model_extra_flags prints capped findings and exits 1', () => {
    const conf = path.join(dir, 'big', 'nova.conf');
    fs.mkdirSync(path.dirname(conf));
    const flags = Array.from({ length: 100000 }, (_, i) => `flag${i}`).join(',');
    fs.writeFileSync(conf, `[libvirt]\ncpu_mode = custom\ncpu_models = Haswell\ncpu_model_extra_flags = ${flags}\n`);
    const r = nestedVirt(['lint', conf]);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 1001);
    assert.match(lines[lines.length - 1], /findings-capped 99001 more findings are not shown/);
  });

  it('a closed pipe ends quietly with the status the run decides', () => {
    const conf = path.join(dir, 'big', 'nova.conf');
    // `head -1` closes the pipe after the first line; the shell reports the CLI's own status.
    const bash = spawnSync('bash', ['-c', `node "${CLI}" lint "${conf}" | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"`], { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8' } });
    assert.doesNotMatch(bash.stderr, /EPIPE|at .*\(node:/);
    assert.equal(bash.stdout.trim(), '1');
  });
});
