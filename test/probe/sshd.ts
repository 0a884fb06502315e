/**
 * A real OpenSSH server for the probe tests: Debian's /usr/sbin/sshd on
 * 127.0.0.1, a free port, throwaway host and user keys in a temp dir, and no
 * change to the system's ssh configuration. The client side is an `ssh -F`
 * file with Host aliases (nvtest, nvtest-1 … nvtest-N for the bench, plus
 * aliases for the failure scenarios).
 *
 * As root, sshd needs its privilege-separation directory /run/sshd, which the
 * Debian service creates at start; the harness creates it when missing (an
 * empty runtime directory, not configuration).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../helpers';

export const SSHD = '/usr/sbin/sshd';

export interface TestSshd {
  readonly dir: string;
  readonly port: number;
  /** `ssh -F` file. */
  readonly configFile: string;
  readonly user: string;
  /** nvtest-1 … nvtest-N */
  aliases(n: number): string[];
  /** A port nothing listens on (alias nvtest-closed). */
  readonly closedPort: number;
  /** A listener that accepts and never speaks (alias nvtest-silent). */
  readonly silentPort: number;
  stop(): Promise<void>;
}

function keygen(file: string): void {
  const r = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'nested-virt-test', '-f', file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ssh-keygen failed: ${r.stderr || r.error?.message}`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('data', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
    s.setTimeout(500, () => { s.destroy(); resolve(false); });
  });
}

export async function startSshd(): Promise<TestSshd> {
  if (!fs.existsSync(SSHD)) throw new Error(`${SSHD} not found: install openssh-server`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-sshd-'));
  fs.chmodSync(dir, 0o755);
  const user = os.userInfo().username;
  const hostKey = path.join(dir, 'host_key');
  const userKey = path.join(dir, 'user_key');
  const otherKey = path.join(dir, 'other_key');
  keygen(hostKey);
  keygen(userKey);
  keygen(otherKey);
  fs.copyFileSync(userKey + '.pub', path.join(dir, 'authorized_keys'));
  const port = await freePort();
  const closedPort = await freePort();
  const silent = net.createServer((sock) => { sock.on('error', () => undefined); });
  const silentPort = await new Promise<number>((resolve) => silent.listen(0, '127.0.0.1', () => resolve((silent.address() as net.AddressInfo).port)));
  const isRoot = process.getuid?.() === 0;
  if (isRoot && !fs.existsSync('/run/sshd')) fs.mkdirSync('/run/sshd', { mode: 0o755 });
  const cfg = path.join(dir, 'sshd_config');
  fs.writeFileSync(cfg, [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${hostKey}`,
    `PidFile ${path.join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
    'StrictModes no',
    'UsePAM no',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    'PermitRootLogin prohibit-password',
    `AllowUsers ${user}`,
    'MaxStartups 200:30:400',
    'MaxSessions 200',
    'LoginGraceTime 20',
    'LogLevel ERROR',
    // bash sources ~/.bashrc for commands run by sshd when SHLVL < 2. On the
    // development machine root's ~/.bashrc runs `pyenv init` (~0.3 s a login),
    // which would dominate the benchmark and is not part of the probe. With
    // NV_TEST_SSHD_FULL_LOGIN=1 the harness keeps the full login for comparison.
    ...(process.env.NV_TEST_SSHD_FULL_LOGIN ? [] : ['SetEnv SHLVL=1']),
    'Subsystem sftp internal-sftp',
    '',
  ].join('\n'));
  const hostPub = fs.readFileSync(hostKey + '.pub', 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
  fs.writeFileSync(path.join(dir, 'known_hosts'), `[127.0.0.1]:${port} ${hostPub}\n`);
  fs.writeFileSync(path.join(dir, 'empty_known_hosts'), '');
  // Loopback: both ends of every key exchange run on this machine's CPUs, so the test
  // client uses plain curve25519 instead of OpenSSH 9's default sntrup761 hybrid.
  const common = ['  HostName 127.0.0.1', '  KexAlgorithms curve25519-sha256,curve25519-sha256@libssh.org', `  User ${user}`, '  IdentitiesOnly yes', '  GlobalKnownHostsFile /dev/null', '  StrictHostKeyChecking yes', '  LogLevel ERROR', '  ControlMaster no', '  ControlPath none'];
  const client = path.join(dir, 'ssh_config');
  const known = path.join(dir, 'known_hosts');
  const host = (pattern: string, p: number, key: string, knownHosts = known): string[] => [
    `Host ${pattern}`,
    `  Port ${p}`,
    `  IdentityFile ${key}`,
    `  UserKnownHostsFile ${knownHosts}`,
    ...common,
  ];
  fs.writeFileSync(client, [
    ...host('nvtest-unknownkey', port, userKey, path.join(dir, 'empty_known_hosts')),
    ...host('nvtest-badkey', port, otherKey),
    ...host('nvtest-closed', closedPort, userKey),
    ...host('nvtest-silent', silentPort, userKey),
    ...host('nvtest nvtest-* !nvtest-unknownkey !nvtest-badkey !nvtest-closed !nvtest-silent', port, userKey),
    '',
  ].join('\n'));
  const t = spawnSync(SSHD, ['-t', '-f', cfg], { encoding: 'utf8' });
  if (t.status !== 0) throw new Error(`sshd -t rejected the test config: ${t.stderr}`);
  const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', cfg], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => { if (stderr.length < 8192) stderr += b.toString(); });
  let exited = false;
  child.on('exit', () => { exited = true; });
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (exited) throw new Error(`sshd exited: ${stderr}`);
    if (await canConnect(port)) break;
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`sshd did not answer on 127.0.0.1:${port}: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    dir, port, configFile: client, user, closedPort, silentPort,
    aliases: (n) => Array.from({ length: n }, (_, i) => `nvtest-${i + 1}`),
    stop: async () => {
      silent.close();
      if (!exited) {
        const gone = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM');
        await Promise.race([gone, new Promise((r) => setTimeout(r, 3000))]);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function shQuote(v: string): string {
  return `'${v.replace(/'/g, `'\\''`)}'`;
}

/**
 * An ssh client to name in `nestedVirt.probe.sshPath`: the real ssh with the test
 * sshd's `-F` config and, when a fixture root is given, an `NV_ROOT=` line sent
 * ahead of the script (which reads its settings from stdin), so the probe reads
 * that fixture host's /proc, /sys and virsh. Returns the file.
 */
export function writeSshWrapper(file: string, configFile: string, fixtureRoot?: string): string {
  const pipe = fixtureRoot === undefined
    ? `exec ssh -F ${shQuote(configFile)} "$@"`
    : `{ printf '%s\\n' ${shQuote(`NV_ROOT=${shQuote(fixtureRoot)}`)}; cat; } | exec ssh -F ${shQuote(configFile)} "$@"`;
  fs.writeFileSync(file, ['#!/bin/sh', '# Generated by test/probe/sshd.ts: the test sshd config, and a fixture host root.', pipe, ''].join('\n'), { mode: 0o755 });
  return file;
}
