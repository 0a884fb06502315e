/**
 * nestedVirt/probe over stdio: the bundled server probes a fixture host through a
 * real sshd (test/probe/sshd.ts), with the release and cpu_map from its own settings
 * or from the request, reports progress, and kills ssh when the request is cancelled.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CancellationTokenSource } from 'vscode-languageserver-protocol';
import type { Check } from '../../shared/src/probeReport';
import type { ProbedHost } from '../../shared/src/protocol';
import { FIXTURES } from '../helpers';
import { startSshd, writeSshWrapper, type TestSshd } from '../probe/sshd';
import { TestClient } from './lspClient';

const LEGACY_CPU_MAP = path.join(FIXTURES, 'cpumap', 'legacy');
// cpu_mode = custom, cpu_models = EPYC-Rome (unusable on that host), cpu_model_extra_flags = vmx.
const AMD_HOST = path.join(FIXTURES, 'hosts', 'amd-nested-off');

function novaDetails(h: ProbedHost): string {
  const c = h.report.checks.find((x: Check) => x.id === 'probe-nova-conf');
  assert.ok(c, `no probe-nova-conf check; error: ${JSON.stringify(h.report.error)}`);
  return c.details.join('\n');
}

describe('nestedVirt/probe over stdio', function () {
  this.timeout(60_000);
  let sshd: TestSshd | undefined;
  let client: TestClient;
  let tmp = '';
  /** ssh with the test config that makes the probe read the AMD fixture host. */
  let amdSsh = '';
  /** ssh with the test config, nothing else. */
  let plainSsh = '';

  before(async function () {
    try {
      sshd = await startSshd();
    } catch (e) {
      if (process.env.CI) throw e;
      // Outside CI a machine without openssh-server skips; CI must fail.
      this.skip();
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-probe-lsp-'));
    amdSsh = writeSshWrapper(path.join(tmp, 'ssh-amd'), sshd.configFile, AMD_HOST);
    plainSsh = writeSshWrapper(path.join(tmp, 'ssh'), sshd.configFile);
    // The server's own settings: the newest release, and a cpu_map without EPYC-Rome.
    client = await TestClient.start({ settings: { cpuMap: { path: LEGACY_CPU_MAP }, nova: { release: '2026.1' } } });
    await client.ready;
  });
  after(async () => {
    await client?.stop();
    await sshd?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("probes a host with the server's release and cpu_map, and reports progress", async () => {
    const r = await client.probe({ targets: ['nvtest'], local: false, settings: { sshPath: amdSsh, connectTimeout: 5 }, progressToken: 'first' });
    assert.equal(r.settings.release, '2026.1');
    assert.equal(r.settings.cpuMapPath, LEGACY_CPU_MAP);
    assert.equal(r.settings.sshPath, amdSsh);
    assert.equal(r.cpuMapSource, path.join(LEGACY_CPU_MAP, 'cpu_map.xml'));
    assert.equal(r.hosts.length, 1);
    const [h] = r.hosts;
    assert.equal(h.report.error, undefined, JSON.stringify(h.report.error));
    assert.equal(h.report.host, 'nvtest');
    assert.equal(h.report.hostFacts?.cpu.vendor, 'AMD');
    assert.equal(h.report.blocksNested, true);
    const nova = novaDetails(h);
    assert.match(nova, /cpu_models entry EPYC-Rome is not usable on this host/);
    // The rules ran against the server's cpu_map, which has no EPYC-Rome.
    assert.match(nova, /nova-unknown-cpu-model: "EPYC-Rome" is not a CPU model libvirt knows for x86_64/);
    // The nova.conf text (it holds transport_url passwords) stays in the server.
    assert.equal(h.report.facts?.nova.present, true);
    assert.equal(h.report.facts?.nova.text, undefined);
    assert.match(h.text, /^Host nvtest — /);
    assert.match(h.text, /FAIL/);
    // The server's log (the client's one output channel) has the ssh command, its exit and duration, once each.
    const ssh = client.logs.filter((l) => l.includes(amdSsh));
    assert.equal(ssh.length, 2, ssh.join('\n'));
    assert.match(ssh[0], new RegExp(`^\\$ ${amdSsh.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} -T -o BatchMode=yes .* -- nvtest sh -s$`));
    assert.match(ssh[1], /: exit 0 after \d+ ms, \d+ bytes of output$/);
    assert.ok(!client.logs.some((l) => /^\[\d{4}-/.test(l)), 'no timestamp of our own: the client adds one');
    assert.deepEqual(client.probeProgress.filter((p) => p.token === 'first'), [
      { token: 'first', kind: 'start', host: 'nvtest', done: 0, total: 1 },
      { token: 'first', kind: 'result', host: 'nvtest', done: 1, total: 1 },
    ]);
  });

  it("uses the request's release and cpu_map over the server's", async () => {
    const r = await client.probe({ targets: ['nvtest'], local: false, settings: { sshPath: amdSsh, connectTimeout: 5, release: 'queens', cpuMapPath: 'bundled' } });
    assert.equal(r.settings.release, 'queens');
    assert.equal(r.cpuMapSource, 'bundled');
    const nova = novaDetails(r.hosts[0]);
    // queens reads cpu_model only: the probe does not judge cpu_models, and the rules say it does not exist.
    assert.doesNotMatch(nova, /cpu_models entry EPYC-Rome/);
    assert.match(nova, /nova-key-not-in-release: "cpu_models" does not exist in queens/);
    assert.doesNotMatch(nova, /nova-unknown-cpu-model/);
  });

  it('follows the server settings when they change', async () => {
    await client.setSettings({ cpuMap: { path: 'bundled' }, nova: { release: 'queens' } });
    try {
      const r = await client.probe({ targets: ['nvtest'], local: false, settings: { sshPath: amdSsh, connectTimeout: 5 } });
      assert.equal(r.settings.release, 'queens');
      assert.equal(r.cpuMapSource, 'bundled');
      assert.match(novaDetails(r.hosts[0]), /nova-custom-without-models/);
    } finally {
      await client.setSettings({ cpuMap: { path: LEGACY_CPU_MAP }, nova: { release: '2026.1' } });
    }
  });

  it('probes the machine the server runs on with local', async () => {
    const r = await client.probe({ targets: [], local: true });
    const [h] = r.hosts;
    assert.equal(h.report.error, undefined, JSON.stringify(h.report.error));
    assert.equal(h.report.transport, 'local');
    assert.equal(h.report.facts?.kernel.release, os.release());
    assert.ok(h.report.checks.length >= 10);
  });

  it('refuses malformed params, and never runs ssh for an invalid host name', async () => {
    await assert.rejects(client.probe({ targets: 'nvtest' as unknown as string[], local: false }), /targets must be an array/);
    await assert.rejects(client.probe({ targets: [], local: false }), /no targets/);
    const marker = path.join(tmp, 'spawned');
    const r = await client.probe({ targets: [`-oProxyCommand=touch ${marker}`, 'a;b'], local: false, settings: { sshPath: plainSsh } });
    assert.deepEqual(r.hosts.map((h) => h.report.error?.kind), ['invalid-host', 'invalid-host']);
    assert.equal(fs.existsSync(marker), false);
  });

  it('falls back to the schema for invalid settings', async () => {
    const r = await client.probe({ targets: ['nvtest'], local: false, settings: { sshPath: amdSsh, connectTimeout: 100_000, concurrency: -3, release: 'diablo' as 'queens' } });
    assert.equal(r.settings.connectTimeout, 300);
    assert.equal(r.settings.concurrency, 1);
    assert.equal(r.settings.release, '2026.1');
    assert.equal(r.hosts[0].report.error, undefined);
  });

  it('cancelling the request kills ssh; the host reports cancelled', async () => {
    // nvtest-silent accepts the connection and never speaks: ssh waits until it is killed.
    const cts = new CancellationTokenSource();
    const pending = client.probe({ targets: ['nvtest-silent'], local: false, settings: { sshPath: plainSsh, connectTimeout: 300 }, progressToken: 'cancel' }, cts.token);
    await client.waitFor(() => client.probeProgress.some((p) => p.token === 'cancel' && p.kind === 'start'), () => 'the probe to start');
    cts.cancel();
    const r = await pending;
    assert.equal(r.hosts[0].report.error?.kind, 'cancelled');
  });

  it("renders the text in the client's locale", async () => {
    const zh = await TestClient.start({ locale: 'zh-CN', settings: { cpuMap: { path: 'bundled' } } });
    try {
      await zh.ready;
      const r = await zh.probe({ targets: ['nvtest'], local: false, settings: { sshPath: amdSsh, connectTimeout: 5 } });
      assert.match(r.hosts[0].text, /^宿主机 nvtest/);
      assert.match(r.hosts[0].text, /嵌套虚拟化未开启/);
    } finally {
      await zh.stop();
    }
  });
});
