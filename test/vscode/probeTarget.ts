/**
 * The SSH host the in-editor probe test runs against: the real OpenSSH server from
 * test/probe/sshd.ts on 127.0.0.1. VS Code reaches it through user settings:
 * `nestedVirt.probe.sshPath` points at a small ssh wrapper that adds the test `-F` config and
 * points the probe at a fixture host root (an AMD host with nested off), so the report and the
 * host-aware diagnostics are the same on every machine. ssh, sshd and probe.sh all run for real.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSshd, writeSshWrapper } from '../probe/sshd';
import { ROOT } from './prepare';
import type { ProbeTarget as SuiteProbeTarget } from './suite/config';

export interface ProbeTarget {
  /** What the suite needs (the host string to probe and select). */
  readonly suite: SuiteProbeTarget;
  /** User settings for VS Code (machine-scoped ones belong in the user settings.json). */
  readonly settings: Record<string, unknown>;
  /** Environment for code-server (and so for the extension host and ssh). */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

export const PROBE_HOST = 'nvtest';
export const FIXTURE_HOST = 'amd-nested-off';

/** undefined when sshd is not installed; the probe test then fails and says so. */
export async function startProbeTarget(tmp: string, log: (s: string) => void): Promise<ProbeTarget | undefined> {
  if (!fs.existsSync('/usr/sbin/sshd')) {
    log('no /usr/sbin/sshd: the probe test will fail (apt-get install -y openssh-server)');
    return undefined;
  }
  const sshd = await startSshd();
  const fixtureRoot = path.join(ROOT, 'test', 'fixtures', 'hosts', FIXTURE_HOST);
  // The probe reads its script from stdin (`ssh … host sh -s`); the wrapper's first line sets NV_ROOT,
  // which makes it read the fixture host's /proc, /sys and virsh instead of this machine's.
  const wrapper = writeSshWrapper(path.join(tmp, 'ssh-test-wrapper'), sshd.configFile, fixtureRoot);
  log(`test sshd on 127.0.0.1:${sshd.port} (host ${PROBE_HOST}, fixture ${FIXTURE_HOST})`);
  return {
    suite: { host: PROBE_HOST },
    settings: {
      'nestedVirt.hosts': [PROBE_HOST],
      'nestedVirt.probe.sshPath': wrapper,
      'nestedVirt.probe.connectTimeout': 5,
    },
    env: {},
    stop: () => sshd.stop(),
  };
}
