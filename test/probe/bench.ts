/**
 * Probe benchmark over the real test sshd: one loopback host (target ≤ 1.5 s),
 * and 50 aliases of the same sshd at concurrency 16 (target ≤ 5 s). Each run is
 * a full probe: ssh session, script, parse, evaluate. Hosts run the fixture
 * tree of an Intel compute node so the figures don't depend on this machine.
 */
import * as path from 'node:path';
import { probeHost, probeHosts } from '../../server/src/probe/index';
import { startSshd } from './sshd';

export async function benchProbe(o: { runs?: number } = {}): Promise<{ oneHostMs: number[]; fiftyHostsMs: number[] }> {
  const runs = o.runs ?? 5;
  const root = path.resolve(__dirname, '../fixtures/hosts/intel-nested-on');
  const sshd = await startSshd();
  try {
    const common = { configFile: sshd.configFile, connectTimeout: 5, root };
    // Warm-up: page cache, sshd's first fork.
    await probeHost('nvtest', common);
    const oneHostMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = process.hrtime.bigint();
      const r = await probeHost('nvtest', common);
      if (r.error) throw new Error(`bench probe failed: ${r.error.kind}: ${r.error.message}`);
      oneHostMs.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    const fiftyHostsMs: number[] = [];
    const hosts = sshd.aliases(50);
    for (let i = 0; i < Math.max(1, Math.ceil(runs / 2)); i++) {
      const t = process.hrtime.bigint();
      const rs = await probeHosts(hosts, { ...common, concurrency: 16 });
      const bad = rs.filter((r) => r.error);
      if (bad.length) throw new Error(`bench: ${bad.length} of 50 hosts failed, e.g. ${bad[0].error?.kind}: ${bad[0].error?.message} ${bad[0].error?.stderr ?? ''}`);
      fiftyHostsMs.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    return { oneHostMs, fiftyHostsMs };
  } finally {
    await sshd.stop();
  }
}

if (require.main === module) {
  benchProbe().then(
    (r) => { process.stdout.write(JSON.stringify(r, null, 2) + '\n'); },
    (e: unknown) => { process.stderr.write(String(e instanceof Error ? e.stack : e) + '\n'); process.exitCode = 1; },
  );
}
