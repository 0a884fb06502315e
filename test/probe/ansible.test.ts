/**
 * The shipped playbook, run by the real ansible-playbook (Debian's ansible-core)
 * against aliases of the test sshd, each alias its own fixture host: Intel with
 * nested on, AMD with the seed's `options amd nested=1`, a VM without vmx, and a
 * closed port. Checks the result files, the report printed once by the
 * controller, and the `nested_virt` facts a later play uses in `when:`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ansiblePlaybook, closeMasters, PLAYBOOK, runPlaybook, writeInventory, type PlaybookRun } from './ansibleRun';
import { cli, fx } from './helpers';
import { startSshd, type TestSshd } from './sshd';

describe('the Ansible playbook (ansible/probe.yml) with real ansible-playbook', function () {
  this.timeout(240_000);
  let sshd: TestSshd | undefined;
  let work: string;
  let run: PlaybookRun;
  const results = (): string => path.join(work, 'results');

  before(async function () {
    if (!ansiblePlaybook()) {
      if (process.env.CI) assert.fail('ansible-playbook is required under CI: .ci/run must apt-get install ansible-core');
      process.stdout.write('      (skipped: ansible-playbook is not installed; apt-get install ansible-core)\n');
      this.skip();
    }
    try {
      sshd = await startSshd();
    } catch (e) {
      if (process.env.CI) throw e;
      process.stdout.write(`      (skipped: no test sshd: ${(e as Error).message})\n`);
      this.skip();
    }
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-ansible-'));
    const inventory = path.join(work, 'hosts.ini');
    writeInventory(inventory, sshd, [
      { name: 'cmp-intel', alias: 'nvtest-1', root: fx('intel-nested-on') },
      { name: 'cmp-amd', alias: 'nvtest-2', root: fx('amd-nested-off') },
      { name: 'cmp-novmx', alias: 'nvtest-3', root: fx('no-vmx') },
      { name: 'cmp-down', alias: 'nvtest-closed' },
    ]);
    // The shipped playbook, then a play that uses the facts it set.
    const site = path.join(work, 'site.yml');
    fs.writeFileSync(site, [
      `- ansible.builtin.import_playbook: ${JSON.stringify(PLAYBOOK)}`,
      '- hosts: all',
      '  gather_facts: false',
      '  tasks:',
      '    - ansible.builtin.debug:',
      '        msg: "NVFACT {{ inventory_hostname }} {{ nested_virt | to_json }}"',
      '    - ansible.builtin.debug:',
      '        msg: "NVREADY {{ inventory_hostname }}"',
      "      when: nested_virt.verdict == 'ready'",
      '',
    ].join('\n'));
    run = await runPlaybook({ inventory, results: results(), workDir: work, forks: 4, playbook: site });
  });

  after(async () => {
    if (sshd && work) closeMasters(sshd, work, ['nvtest-1', 'nvtest-2', 'nvtest-3']);
    await sshd?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('runs to the end: an unreachable host and failing checks are findings, not play errors', () => {
    assert.equal(run.code, 0, run.stdout.slice(-3000) + run.stderr.slice(-2000));
    assert.match(run.stdout, /cmp-down +: ok=\d+ +changed=\d+ +unreachable=0 +failed=0/);
  });

  it('writes one --tree style JSON result per host on the controller, 0600', () => {
    assert.deepEqual(fs.readdirSync(results()).filter((n) => !n.startsWith('.')).sort(), ['cmp-amd', 'cmp-down', 'cmp-intel', 'cmp-novmx']);
    const amd = JSON.parse(fs.readFileSync(path.join(results(), 'cmp-amd'), 'utf8')) as { stdout: string; rc: number };
    assert.equal(amd.rc, 0);
    assert.match(amd.stdout, /@v 1/);
    assert.match(amd.stdout, /options amd nested=1/);
    const down = JSON.parse(fs.readFileSync(path.join(results(), 'cmp-down'), 'utf8')) as { unreachable: boolean; msg: string };
    assert.equal(down.unreachable, true);
    assert.match(down.msg, /Connection refused/);
    assert.equal(fs.statSync(path.join(results(), 'cmp-amd')).mode & 0o777, 0o600);
  });

  it('prints the aggregated report once, evaluated on the controller', () => {
    assert.equal(run.stdout.match(/Fleet: 4 hosts/g)?.length, 1);
    assert.match(run.stdout, /Fleet: 4 hosts — 1 ready, 0 need attention, 2 blocked, 1 not probed/);
    assert.match(run.stdout, /\[blocked\] probe-nested \(1 hosts\): kvm_amd nested=0/);
    assert.match(run.stdout, /options kvm_amd nested=1/);
  });

  it('leaves results that nested-virt probe --from-results reads later', async () => {
    const c = await cli(['--from-results', results(), '--json']);
    assert.equal(c.code, 3);
    const doc = JSON.parse(c.out) as { hosts: { host: string; error?: { kind: string }; blockReasons: string[] }[]; fleet: { baseline: { cpuModels: string } } };
    assert.deepEqual(doc.hosts.map((h) => [h.host, h.error?.kind ?? h.blockReasons.join(',')]), [
      ['cmp-amd', 'probe-nested'],
      ['cmp-down', 'unreachable'],
      ['cmp-intel', ''],
      ['cmp-novmx', 'probe-cpu-virt,probe-kvm-module,probe-dev-kvm,probe-nested'],
    ]);
    assert.equal(doc.fleet.baseline.cpuModels, 'cpu_models = Westmere, Nehalem, qemu64');
  });

  it('sets the nested_virt fact for later plays', () => {
    const facts = new Map<string, Record<string, unknown>>();
    for (const m of run.stdout.matchAll(/"msg": "(NVFACT (?:[^"\\]|\\.)*)"/g)) {
      const msg = JSON.parse(`"${m[1]}"`) as string;
      const [, host, json] = /^NVFACT (\S+) (.*)$/s.exec(msg) ?? [];
      facts.set(host, JSON.parse(json) as Record<string, unknown>);
    }
    assert.deepEqual([...facts.keys()].sort(), ['cmp-amd', 'cmp-down', 'cmp-intel', 'cmp-novmx']);
    assert.deepEqual(facts.get('cmp-amd'), {
      verdict: 'blocked', blocked: true, reasons: ['probe-nested'], vendor: 'AMD', cpu: 'AMD EPYC 7302 16-Core Processor', cpu_mode: 'custom', nested_enabled: false,
      cpu_models: 'cpu_models = EPYC-IBPB, EPYC, Opteron_G3, Westmere, Nehalem, qemu64',
    });
    assert.equal(facts.get('cmp-intel')?.nested_enabled, true);
    assert.equal(facts.get('cmp-intel')?.cpu_mode, 'host-passthrough');
    assert.equal(facts.get('cmp-down')?.verdict, 'error');
    assert.equal(facts.get('cmp-down')?.nested_enabled, 'unknown');
    const ready = [...run.stdout.matchAll(/"msg": "NVREADY (\S+)"/g)].map((m) => m[1]);
    assert.deepEqual(ready, ['cmp-intel']);
  });
});
