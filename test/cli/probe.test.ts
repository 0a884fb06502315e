import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURES } from '../helpers';
import { nestedVirt } from './run';

/** A copy of a fixture host (with the shared virsh stub beside it) whose nova.conf we can change. */
function hostWithNovaConf(novaConf: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-cli-'));
  for (const name of ['intel-nested-on', '_stubs']) {
    fs.cpSync(path.join(FIXTURES, 'hosts', name), path.join(dir, name), { recursive: true, verbatimSymlinks: true });
  }
  fs.writeFileSync(path.join(dir, 'intel-nested-on', 'etc', 'nova', 'nova.conf'), novaConf);
  return path.join(dir, 'intel-nested-on');
}

interface JsonReport {
  hosts?: { checks: { id: string; status: string; details: string[] }[] }[];
}

function novaCheck(out: string): { status: string; details: string } {
  const parsed = JSON.parse(out) as JsonReport | JsonReport['hosts'];
  const hosts = Array.isArray(parsed) ? parsed : (parsed?.hosts ?? []);
  const check = hosts![0].checks.find((c) => c.id === 'probe-nova-conf')!;
  return { status: check.status, details: check.details.join('\n') };
}

describe('nested-virt probe --release', () => {
  const conf = '[libvirt]\nvirt_type = kvm\ncpu_mode = custom\ncpu_models = Haswell-noTSX\ncpu_model_extra_flags = +vmx\n';

  it('checks the host nova.conf with the rules of the release given', () => {
    const root = hostWithNovaConf(conf);
    const now = nestedVirt(['probe', '--local', '--root', root, '--format', 'json']);
    assert.ok(now.stdout.trim().startsWith('[') || now.stdout.trim().startsWith('{'), now.stderr);
    assert.doesNotMatch(novaCheck(now.stdout).details, /nova-key-not-in-release|nova-extra-flag-sign/);
    const pike = nestedVirt(['probe', '--local', '--root', root, '--format', 'json', '--release', 'pike']);
    const details = novaCheck(pike.stdout).details;
    assert.match(details, /cpu_models/);
    assert.match(details, /nova-key-not-in-release|nova-extra-flag-sign/);
  });

  it('rejects an unknown release as bad usage', () => {
    const r = nestedVirt(['probe', '--local', '--release', 'diablo']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /diablo/);
  });
});
