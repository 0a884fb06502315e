/** The probe reads the nova.conf stack nova-compute really reads and says where each CPU setting came from. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildFacts } from '../../server/src/probe/facts';
import { reportFromOutput } from '../../server/src/probe/index';
import { parseProbeOutput } from '../../server/src/probe/parse';
import { check, fx, runShell } from './helpers';

function withHost(setup: (root: string) => void, run: (root: string) => void): void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-stack-'));
  try {
    fs.cpSync(fx('intel-nested-on'), root, { recursive: true });
    setup(root);
    run(root);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function write(root: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

describe('probe: the nova-compute stack', () => {
  it('follows --config-file and --config-dir of the running nova-compute, in command-line order, dir files by name', () => {
    withHost(
      (root) => {
        const args = ['/usr/bin/python3', '/usr/bin/nova-compute', '--config-file=/etc/nova/nova.conf', '--config-dir', '/etc/nova/nova.conf.d', '--config-file', '/etc/nova/nova-compute.conf'];
        write(root, 'proc/4242/cmdline', args.join('\0') + '\0');
        write(root, 'etc/nova/nova.conf.d/10-models.conf', '[libvirt]\ncpu_mode = custom\ncpu_models = Skylake-Client-IBRS\n');
        write(root, 'etc/nova/nova.conf.d/9-mode.conf', '[libvirt]\ncpu_mode = host-model\n');
        write(root, 'etc/nova/nova.conf.d/notes.txt', '[libvirt]\ncpu_mode = none\n');
        write(root, 'etc/nova/nova-compute.conf', '[libvirt]\ncpu_model_extra_flags = +vmx\n');
      },
      (root) => {
        for (const shell of [['dash'], ['busybox', 'sh']]) {
          const out = runShell(shell, root);
          const facts = buildFacts(parseProbeOutput(out), 'stack');
          assert.equal(facts.novaStack?.source, 'cmdline');
          assert.deepEqual(facts.novaStack?.files.map((x) => x.path), ['/etc/nova/nova.conf', '/etc/nova/nova.conf.d/10-models.conf', '/etc/nova/nova.conf.d/9-mode.conf', '/etc/nova/nova-compute.conf']);
          const c = check(reportFromOutput('stack', out), 'probe-nova-conf');
          const text = c.details.join('\n');
          assert.match(text, /nova-compute reads 4 file\(s\), from its command line/);
          assert.match(text, /^cpu_mode = host-model ← \/etc\/nova\/nova\.conf\.d\/9-mode\.conf:2$/m);
          assert.match(text, /^cpu_model_extra_flags = \+vmx ← \/etc\/nova\/nova-compute\.conf:2$/m);
          assert.match(text, /^virt_type = kvm ← \/etc\/nova\/nova\.conf:5$/m);
        }
      },
    );
  });

  it('without a readable command line: the defaults, nova.conf then nova.conf.d', () => {
    withHost(
      (root) => write(root, 'etc/nova/nova.conf.d/50-cpu.conf', '[libvirt]\ncpu_mode = custom\ncpu_models = Haswell-noTSX\n'),
      (root) => {
        const out = runShell(['dash'], root);
        const facts = buildFacts(parseProbeOutput(out), 'd');
        assert.equal(facts.novaStack?.source, 'defaults');
        const text = check(reportFromOutput('d', out), 'probe-nova-conf').details.join('\n');
        assert.match(text, /^cpu_models = Haswell-noTSX ← \/etc\/nova\/nova\.conf\.d\/50-cpu\.conf:3$/m);
        assert.match(text, /^cpu_mode = custom ← \/etc\/nova\/nova\.conf\.d\/50-cpu\.conf:2$/m);
      },
    );
  });

  it('a kolla host: the merged /etc/kolla/nova-compute/nova.conf, even with no /etc/nova/nova.conf', () => {
    withHost(
      (root) => {
        fs.rmSync(path.join(root, 'etc/nova'), { recursive: true });
        write(root, 'etc/kolla/nova-compute/nova.conf', '[DEFAULT]\ndebug = False\n\n[libvirt]\nvirt_type = kvm\ncpu_mode = host-passthrough\n');
      },
      (root) => {
        const out = runShell(['dash'], root);
        const c = check(reportFromOutput('k', out), 'probe-nova-conf');
        assert.notEqual(c.status, 'SKIP');
        const text = c.details.join('\n');
        assert.match(text, /nova-compute reads 1 file\(s\), the kolla-ansible merged config: \/etc\/kolla\/nova-compute\/nova\.conf/);
        assert.match(text, /^cpu_mode = host-passthrough ← \/etc\/kolla\/nova-compute\/nova\.conf:6$/m);
      },
    );
  });

  it('a plain host with only /etc/nova/nova.conf reports as before, without stack lines', () => {
    const out = runShell(['dash'], fx('intel-nested-on'));
    const text = check(reportFromOutput('p', out), 'probe-nova-conf').details.join('\n');
    assert.doesNotMatch(text, /nova-compute reads/);
  });
});
