/**
 * Runs the shipped playbook (ansible/probe.yml) with the real ansible-playbook
 * against aliases of the test sshd, each alias reading its own fixture root.
 * Used by ansible.test.ts and by the benchmark.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO } from '../helpers';
import type { TestSshd } from './sshd';

export const PLAYBOOK = path.join(REPO, 'ansible', 'probe.yml');

/** The ansible-playbook on PATH, or undefined. */
export function ansiblePlaybook(): string | undefined {
  const r = spawnSync('sh', ['-c', 'command -v ansible-playbook'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

export interface InventoryHost {
  /** Inventory name (the result file's name). */
  readonly name: string;
  /** ssh_config alias the host connects to. */
  readonly alias: string;
  /** Fixture root the probe reads. */
  readonly root?: string;
}

/** An INI inventory: each host its alias (ansible_host) and fixture root; ssh reads the test ssh_config. */
export function writeInventory(file: string, sshd: TestSshd, hosts: readonly InventoryHost[]): void {
  const q = (v: string): string => `'${v.replace(/'/g, `'\\''`)}'`;
  const lines = ['[compute]'];
  for (const h of hosts) lines.push(`${h.name} ansible_host=${h.alias}${h.root ? ` nested_virt_root=${q(h.root)}` : ''}`);
  lines.push('', '[all:vars]', `ansible_ssh_common_args=${q(`-F ${sshd.configFile}`)}`, '');
  fs.writeFileSync(file, lines.join('\n'));
}

export interface PlaybookRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly wallMs: number;
  /** user+sys CPU of ansible-playbook and everything it ran (its children, ssh included), ms. */
  readonly cpuMs: number;
}

/**
 * ansible-playbook -i INVENTORY ansible/probe.yml -e nested_virt_results=DIR, with
 * Ansible's defaults (ControlPersist multiplexing, the linear strategy). Its CPU is
 * read from bash's `times` (children's user+sys) so it covers the ssh clients too.
 */
export function runPlaybook(o: { inventory: string; results: string; workDir: string; forks?: number; playbook?: string; extraVars?: Record<string, string>; env?: NodeJS.ProcessEnv }): Promise<PlaybookRun> {
  const extra = Object.entries({ nested_virt_results: o.results, ...o.extraVars }).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  const args = ['-i', o.inventory, o.playbook ?? PLAYBOOK, '-f', String(o.forks ?? 16), ...extra];
  const script = 'ansible-playbook "$@"; rc=$?; times >&3; exit $rc';
  const cp = path.join(o.workDir, 'cp');
  fs.mkdirSync(cp, { recursive: true });
  const env = {
    ...process.env,
    LC_ALL: 'C.UTF-8',
    ANSIBLE_NOCOLOR: '1',
    ANSIBLE_LOCAL_TEMP: path.join(o.workDir, 'local-tmp'),
    ANSIBLE_SSH_CONTROL_PATH_DIR: cp,
    ...o.env,
  };
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('bash', ['-c', script, 'ansible-playbook', ...args], { cwd: o.workDir, env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    let stdout = '', stderr = '', times = '';
    child.stdout?.on('data', (b: Buffer) => { stdout += b.toString(); });
    child.stderr?.on('data', (b: Buffer) => { stderr += b.toString(); });
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (b: Buffer) => { times += b.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({ code, stdout, stderr, wallMs, cpuMs: childrenCpuMs(times) });
    });
  });
}

/** The second line of bash's `times` (children): "0m1.234s 0m0.567s" → ms. */
export function childrenCpuMs(times: string): number {
  const line = times.trim().split('\n')[1] ?? '';
  const ms = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60_000 + Number(m[2]) * 1000);
  return ms.reduce((a, b) => a + b, 0);
}

/** Ends the ControlPersist masters Ansible left for these aliases (by their control sockets, not by name). */
export function closeMasters(sshd: TestSshd, workDir: string, aliases: readonly string[]): void {
  const cp = path.join(workDir, 'cp');
  if (!fs.existsSync(cp) || !fs.readdirSync(cp).length) return;
  for (const a of aliases) {
    spawnSync('ssh', ['-F', sshd.configFile, '-o', `ControlPath=${cp}/%C`, '-O', 'exit', a], { stdio: 'ignore', timeout: 5000 });
  }
}
