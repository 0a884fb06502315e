import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { FIXTURES } from '../helpers';
import { nestedVirt } from './run';

const STACKS = path.join(FIXTURES, 'stacks');

interface JsonResult {
  file: string;
  stack?: string;
  host?: string;
  diagnostics: { range: { start: { line: number; character: number } }; severity: number; code: string; message: string }[];
}

describe('nested-virt lint on nova.conf stacks', () => {
  it('a kolla config/ folder: reported per stack, one error in compute-07 only, exit 1', () => {
    const r = nestedVirt(['lint', 'config'], { cwd: path.join(STACKS, 'kolla') });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const errors = r.stdout.split('\n').filter((l) => / error /.test(l));
    assert.deepEqual(errors.length, 1, r.stdout);
    assert.match(errors[0], /^config\/nova\/compute-07\/nova\.conf:3:12: error nova-cpu-models-without-custom .*nova\/nova-compute\.conf:7.* \[kolla:compute-07\]$/);
    assert.match(r.stderr, /^5 file\(s\) checked: 1 error\(s\)/m);
  });

  it('JSON and SARIF carry the stack and the kolla host', () => {
    const r = nestedVirt(['lint', '--format', 'json', 'config'], { cwd: path.join(STACKS, 'kolla') });
    const out = JSON.parse(r.stdout) as JsonResult[];
    const host = out.find((x) => x.file === 'config/nova/compute-07/nova.conf');
    assert.equal(host?.stack, 'kolla:compute-07');
    assert.equal(host?.host, 'compute-07');
    assert.equal(out.find((x) => x.file === 'config/global.conf')?.stack, 'kolla:*');
    const s = nestedVirt(['lint', '--format', 'sarif', 'config'], { cwd: path.join(STACKS, 'kolla') });
    const sarif = JSON.parse(s.stdout) as { runs: { results: { ruleId: string; properties?: { stack?: string; host?: string } }[] }[] };
    const err = sarif.runs[0].results.find((x) => x.ruleId === 'nova-cpu-models-without-custom');
    assert.deepEqual(err?.properties, { stack: 'kolla:compute-07', host: 'compute-07' });
  });

  it('--explain-value prints the resolution chain of every stack', () => {
    const r = nestedVirt(['lint', '--explain-value', 'libvirt.cpu_mode', 'config'], { cwd: path.join(STACKS, 'kolla') });
    assert.equal(r.code, 0, r.stderr);
    const block = r.stdout.trimEnd().split('\n\n').find((b) => b.startsWith('# kolla:compute-07'));
    assert.equal(
      block,
      [
        '# kolla:compute-07: config',
        '[libvirt] cpu_mode in the stack `kolla:compute-07`:',
        '  1. nova.conf:9: cpu_mode = custom (overridden)',
        '  2. nova/compute-07/nova.conf:3: cpu_mode = host-passthrough (read by nova-compute)',
        '  effective value: host-passthrough',
      ].join('\n'),
    );
  });

  it('nova.conf.d: the fragment named 9-… is read after 10-…', () => {
    const r = nestedVirt(['lint', 'etc'], { cwd: path.join(STACKS, 'oslo') });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^etc\/nova\/nova\.conf\.d\/9-nested-ci\.conf:4:12: error nova-cpu-models-without-custom .* \[oslo\]$/m);
    assert.doesNotMatch(r.stdout, /swp/);
  });

  it('--stack with three files: $name resolved across them, the error in base.conf names host.conf', () => {
    const r = nestedVirt(['lint', '--stack', 'base.conf,site.conf,host.conf'], { cwd: path.join(STACKS, 'explicit') });
    assert.equal(r.code, 1, r.stderr);
    const errors = r.stdout.split('\n').filter((l) => / error /.test(l));
    assert.equal(errors.length, 1, r.stdout);
    assert.match(errors[0], /^base\.conf:10:31: error nova-invalid-host-address .*`my_ip = 172\.29\.236\.256` \(host\.conf:3\).* \[explicit\]$/);
    const x = nestedVirt(['lint', '--stack', 'base.conf,site.conf,host.conf', '--explain-value', 'DEFAULT.instances_path'], { cwd: path.join(STACKS, 'explicit') });
    assert.match(x.stdout, /1\. base\.conf:4: instances_path = \$state_path\/instances \(read by nova-compute\)\n {2}effective value: \/srv\/nova\/instances/);
  });

  it('a --stack file that cannot be read: exit 2 and its name', () => {
    for (const extra of [[], ['--explain-value', 'libvirt.cpu_mode']]) {
      const r = nestedVirt(['lint', '--stack', 'base.conf,missing.conf', ...extra], { cwd: path.join(STACKS, 'explicit') });
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, /Cannot read missing\.conf: ENOENT/);
    }
  });
});
