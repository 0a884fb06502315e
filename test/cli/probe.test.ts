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

describe('nested-virt probe: the nova.conf checks use the release and cpu_map given', () => {
  // The AMD fixture host: cpu_mode = custom, cpu_models = EPYC-Rome (unusable there), cpu_model_extra_flags = vmx.
  const amd = path.join(FIXTURES, 'hosts', 'amd-nested-off');
  const probe = (...extra: string[]) => nestedVirt(['probe', '--local', '--root', amd, '--format', 'json', ...extra]);

  it('--release queens: nova reads cpu_model, not cpu_models, so the probe does not judge EPYC-Rome', () => {
    const now = novaCheck(probe().stdout);
    assert.equal(now.status, 'FAIL');
    assert.match(now.details, /cpu_models entry EPYC-Rome is not usable on this host/);
    assert.doesNotMatch(now.details, /nova-key-not-in-release|nova-custom-without-models/);
    const queens = novaCheck(probe('--release', 'queens').stdout);
    // Before the fix the probe's own check read cpu_models with the newest release whatever --release said.
    assert.doesNotMatch(queens.details, /cpu_models entry EPYC-Rome/);
    assert.match(queens.details, /nova-key-not-in-release: "cpu_models" does not exist in queens/);
    assert.match(queens.details, /nova-custom-without-models: "cpu_mode=custom" needs "cpu_model"/);
    assert.match(queens.details, /nova-invalid-list-item: "vmx" is not a valid item of "cpu_model_extra_flags" in queens/);
    assert.equal(queens.status, 'FAIL');
  });

  it('--cpu-map: the nova rules check models against that cpu_map, not the bundled one', () => {
    const bundled = probe('--cpu-map', 'bundled');
    assert.doesNotMatch(novaCheck(bundled.stdout).details, /nova-unknown-cpu-model/);
    const legacy = probe('--cpu-map', path.join(FIXTURES, 'cpumap', 'legacy'));
    assert.match(novaCheck(legacy.stdout).details, /nova-unknown-cpu-model: "EPYC-Rome" is not a CPU model libvirt knows for x86_64/);
    const missing = probe('--cpu-map', path.join(FIXTURES, 'cpumap', 'no-such-dir'));
    assert.match(missing.stderr, /no-such-dir.*using the bundled cpu_map/);
    assert.doesNotMatch(novaCheck(missing.stdout).details, /nova-unknown-cpu-model/);
  });

  it('rejects an unknown --host-arch as bad usage', () => {
    const r = nestedVirt(['probe', '--local', '--host-arch', 'vax']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /vax/);
  });
});
