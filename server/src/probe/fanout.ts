/**
 * How many hosts the built-in fan-out probes at once when the user did not say.
 * Direct connections: the setting's default (16). Behind a bastion (ProxyJump or ProxyCommand in the
 * effective ssh configuration, read with `ssh -G`, which connects to nothing):
 * at most 10, because every session opens through the bastion's sshd, and sshd
 * silently drops new connections beyond MaxStartups (10 by default).
 *
 * Connection reuse is the user's choice: ssh reads ControlMaster/ControlPersist
 * from their ssh_config, and the probe never adds or overrides them.
 */
import { spawn } from 'node:child_process';
import { SETTINGS } from '../../../shared/src/settings';
import { validateHost } from './ssh';

/** The setting's default (nestedVirt.probe.concurrency, the CLI's --concurrency). */
export const DEFAULT_CONCURRENCY: number = SETTINGS['nestedVirt.probe.concurrency'].default;
export const BASTION_CONCURRENCY = 10;
/** Destinations whose configuration is read; proxies are set per Host pattern, so a sample tells. */
const SAMPLE = 16;

/** The proxy ssh would use for a destination (`proxyjump X` / `proxycommand …`), from `ssh -G`. */
export function sshProxy(destination: string, o: { sshPath?: string; configFile?: string } = {}): Promise<string | undefined> {
  if (validateHost(destination)) return Promise.resolve(undefined);
  const args = [...(o.configFile ? ['-F', o.configFile] : []), '-G', '--', destination];
  return new Promise((resolve) => {
    let out = '';
    let child;
    try {
      child = spawn(o.sshPath || 'ssh', args, { stdio: ['ignore', 'pipe', 'ignore'], shell: false, windowsHide: true });
    } catch {
      resolve(undefined);
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.stdout.on('data', (b: Buffer) => { if (out.length < 256 * 1024) out += b.toString(); });
    child.on('error', () => { clearTimeout(timer); resolve(undefined); });
    child.on('close', () => {
      clearTimeout(timer);
      const m = /^(proxyjump|proxycommand) (.+)$/im.exec(out);
      resolve(m && m[2].trim() !== 'none' ? `${m[1].toLowerCase()} ${m[2].trim()}` : undefined);
    });
  });
}

export interface Fanout {
  readonly concurrency: number;
  /** Set when a proxy lowered the default: the first host that has one. */
  readonly proxy?: { readonly host: string; readonly concurrency: number };
}

/** The concurrency to use: the user's, else the default, else 10 when a sampled destination goes through a proxy. */
export async function chooseConcurrency(destinations: readonly string[], requested: number | undefined, o: { sshPath?: string; configFile?: string } = {}): Promise<Fanout> {
  if (requested !== undefined) return { concurrency: requested };
  const sample = [...new Set(destinations)].slice(0, SAMPLE);
  const proxies = await Promise.all(sample.map((d) => sshProxy(d, o)));
  const i = proxies.findIndex((p) => p !== undefined);
  if (i < 0) return { concurrency: DEFAULT_CONCURRENCY };
  return { concurrency: BASTION_CONCURRENCY, proxy: { host: sample[i], concurrency: BASTION_CONCURRENCY } };
}
