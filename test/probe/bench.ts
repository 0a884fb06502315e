/**
 * Probe benchmark over the real test sshd. What a fleet pays for, measured apart:
 *  - the script's CPU on a host (user+sys of `sh -s` and what it starts, from bash's `times`),
 *    on a fixture host and on this machine's own /;
 *  - the controller's CPU per host: the ssh client (its rusage through a `times` wrapper given
 *    as the ssh binary) plus this process's CPU to spawn, parse and evaluate;
 *  - the wall time of one loopback probe;
 *  - evaluating 1,000 stored results with `nested-virt probe --from-results` (dist/cli.js);
 *  - 50 hosts at concurrency 16, each alias reading its own copy of a fixture host (so no
 *    host state is shared), with the built-in fan-out and with the Ansible playbook (forks=16)
 *    in the same run.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { probeHost, probeHosts, reportFromOutput, type ProbeTarget } from '../../server/src/probe/index';
import { scriptWithSettings } from '../../server/src/probe/script';
import { runOverSsh } from '../../server/src/probe/ssh';
import { REPO } from '../helpers';
import { ansiblePlaybook, childrenCpuMs, closeMasters, runPlaybook, writeInventory } from './ansibleRun';
import { startSshd, type TestSshd } from './sshd';

const HOSTS = path.join(REPO, 'test/fixtures/hosts');
const KINDS = ['intel-nested-on', 'intel-skylake', 'amd-nested-off', 'builtin-intel', 'domcaps-denied'];

export interface ProbeBench {
  scriptCpuMs: number[];
  scriptCpuMsRealRoot: number[];
  controllerCpuMsPerHost: number[];
  sshClientCpuMs: number[];
  /** The same with the connection reused (ControlMaster/ControlPersist in the user's ssh_config). */
  controllerCpuMsPerHostReused: number[];
  sshClientCpuMsReused: number[];
  oneHostMs: number[];
  fromResults1000Ms: number[];
  fiftyHostsMs: number[];
  fiftyHostsControllerCpuMs: number[];
  ansibleFiftyHostsMs?: number;
  ansibleFiftyHostsCpuMs?: number;
  ansibleSkipped?: string;
}

/** CPU of `sh -s` running the probe once (children of bash, from `times`). */
function scriptCpu(root: string): number {
  const r = spawnSync('bash', ['-c', 'sh -s >/dev/null; times'], { input: scriptWithSettings({ root }), encoding: 'utf8' });
  return childrenCpuMs(r.stdout);
}

/** `n` copies of fixture hosts, round robin over KINDS, the virsh stub link made absolute. */
function hostCopies(dir: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const dest = path.join(dir, `h${i + 1}`);
    fs.cpSync(path.join(HOSTS, KINDS[i % KINDS.length]), dest, { recursive: true, verbatimSymlinks: true });
    const stub = path.join(dest, '.probe-bin/virsh');
    if (fs.existsSync(path.dirname(stub))) {
      fs.rmSync(stub, { force: true });
      fs.symlinkSync(path.join(HOSTS, '_stubs/virsh'), stub);
    }
    return dest;
  });
}

/** An ssh that reports its own CPU: bash runs ssh, then appends `times` (children: ssh) to a file. */
function timedSsh(dir: string): { path: string; take: () => number[] } {
  const log = path.join(dir, 'ssh-times.log');
  const p = path.join(dir, 'ssh-timed');
  fs.writeFileSync(p, `#!/bin/bash\nssh "$@"\nrc=$?\n{ times; echo ---; } >>'${log}'\nexit $rc\n`, { mode: 0o755 });
  return {
    path: p,
    take: () => {
      const text = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
      fs.rmSync(log, { force: true });
      return text.split('---\n').filter((x) => x.trim()).map(childrenCpuMs);
    },
  };
}

const cpuMs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;

/** An ssh_config that turns on connection reuse, then everything the test sshd's config says (first value wins). */
function reuseConfig(sshd: TestSshd, dir: string): string {
  const cp = path.join(dir, 'cm');
  fs.mkdirSync(cp, { recursive: true });
  const file = path.join(dir, 'ssh_config_reuse');
  fs.writeFileSync(file, `Host *\n  ControlMaster auto\n  ControlPath ${cp}/%C\n  ControlPersist 60\nInclude ${sshd.configFile}\n`);
  return file;
}

async function controllerFigures(sshd: TestSshd, root: string, dir: string, runs: number, configFile = sshd.configFile): Promise<{ perHost: number[]; ssh: number[] }> {
  const timed = timedSsh(dir);
  if (configFile !== sshd.configFile) await probeHost('nvtest', { configFile, root }); // starts the master
  const perHost: number[] = [], ssh: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const r = await probeHost('nvtest', { configFile, root, sshPath: timed.path });
    const own = cpuMs(process.cpuUsage(c0));
    if (r.error) throw new Error(`bench probe failed: ${r.error.kind}: ${r.error.message}`);
    const s = timed.take()[0] ?? 0;
    perHost.push(own + s);
    ssh.push(s);
  }
  return { perHost, ssh };
}

function fromResults(dir: string, stdoutByKind: Map<string, string>, runs: number): number[] {
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < 1000; i++) {
    const kind = KINDS[i % KINDS.length];
    fs.writeFileSync(path.join(dir, `cmp-${String(i).padStart(4, '0')}`), JSON.stringify({ changed: false, rc: 0, stdout: stdoutByKind.get(kind) ?? '' }));
  }
  const cli = path.join(REPO, 'dist/cli.js');
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [cli, 'probe', '--from-results', dir, '--format', 'json'], { stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 1 && r.status !== 0) throw new Error(`--from-results exited ${r.status}: ${r.stderr}`);
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

async function ansibleFifty(sshd: TestSshd, dir: string, targets: readonly ProbeTarget[], r: ProbeBench): Promise<void> {
  if (!ansiblePlaybook()) {
    r.ansibleSkipped = 'ansible-playbook not installed (apt-get install ansible-core)';
    return;
  }
  fs.mkdirSync(dir, { recursive: true });
  const inventory = path.join(dir, 'hosts.ini');
  writeInventory(inventory, sshd, targets.map((t) => ({ name: t.name, alias: t.destination, root: t.root })));
  try {
    const run = await runPlaybook({ inventory, results: path.join(dir, 'results'), workDir: dir, forks: 16, extraVars: { nested_virt_facts: 'false' } });
    if (run.code !== 0) throw new Error(`ansible-playbook exited ${run.code}: ${run.stdout.slice(-2000)}`);
    r.ansibleFiftyHostsMs = run.wallMs;
    r.ansibleFiftyHostsCpuMs = run.cpuMs;
  } finally {
    closeMasters(sshd, dir, targets.map((t) => t.destination));
  }
}

export async function benchProbe(o: { runs?: number } = {}): Promise<ProbeBench> {
  const runs = o.runs ?? 5;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-bench-'));
  const sshd = await startSshd();
  try {
    const roots = hostCopies(path.join(tmp, 'hosts'), 50);
    const root = roots[0];
    const r: ProbeBench = {
      scriptCpuMs: Array.from({ length: runs * 2 }, () => scriptCpu(root)),
      scriptCpuMsRealRoot: Array.from({ length: runs }, () => scriptCpu('/')),
      controllerCpuMsPerHost: [], sshClientCpuMs: [], controllerCpuMsPerHostReused: [], sshClientCpuMsReused: [], oneHostMs: [], fromResults1000Ms: [], fiftyHostsMs: [], fiftyHostsControllerCpuMs: [],
    };
    const common = { configFile: sshd.configFile, connectTimeout: 5, root };
    await probeHost('nvtest', common); // warm-up: page cache, sshd's first fork
    for (let i = 0; i < runs; i++) {
      const t = process.hrtime.bigint();
      const h = await probeHost('nvtest', common);
      if (h.error) throw new Error(`bench probe failed: ${h.error.kind}: ${h.error.message}`);
      r.oneHostMs.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    const c = await controllerFigures(sshd, root, tmp, runs * 2);
    r.controllerCpuMsPerHost = c.perHost;
    r.sshClientCpuMs = c.ssh;
    const reuse = reuseConfig(sshd, tmp);
    try {
      const c2 = await controllerFigures(sshd, root, tmp, runs * 2, reuse);
      r.controllerCpuMsPerHostReused = c2.perHost;
      r.sshClientCpuMsReused = c2.ssh;
    } finally {
      spawnSync('ssh', ['-F', reuse, '-O', 'exit', 'nvtest'], { stdio: 'ignore', timeout: 5000 });
    }
    const outputs = new Map<string, string>();
    for (const k of KINDS) {
      const res = await runOverSsh('nvtest', scriptWithSettings({ root: path.join(HOSTS, k) }), { configFile: sshd.configFile });
      outputs.set(k, res.stdout);
      if (!reportFromOutput(k, res.stdout).facts) throw new Error(`no probe output for ${k}`);
    }
    r.fromResults1000Ms = fromResults(path.join(tmp, 'results-1000'), outputs, Math.max(2, Math.ceil(runs / 2)));
    const targets: ProbeTarget[] = sshd.aliases(50).map((a, i) => ({ name: `cmp-${i + 1}`, destination: a, root: roots[i] }));
    const fifty = { configFile: sshd.configFile, connectTimeout: 5, concurrency: 16 };
    const check = (rs: { error?: { kind: string; message: string; stderr?: string } }[]): void => {
      const bad = rs.filter((x) => x.error);
      if (bad.length) throw new Error(`bench: ${bad.length} of 50 hosts failed, e.g. ${bad[0].error?.kind}: ${bad[0].error?.message} ${bad[0].error?.stderr ?? ''}`);
    };
    for (let i = 0; i < Math.max(1, Math.ceil(runs / 2)); i++) {
      const t = process.hrtime.bigint();
      check(await probeHosts(targets, fifty));
      r.fiftyHostsMs.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    // CPU in a separate run: the timing wrapper around ssh adds a bash per host to the wall time.
    const timed = timedSsh(tmp);
    const c0 = process.cpuUsage();
    check(await probeHosts(targets, { ...fifty, sshPath: timed.path }));
    r.fiftyHostsControllerCpuMs.push(cpuMs(process.cpuUsage(c0)) + timed.take().reduce((x, y) => x + y, 0));
    await ansibleFifty(sshd, path.join(tmp, 'ansible'), targets, r);
    return r;
  } finally {
    await sshd.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchProbe().then(
    (r) => { process.stdout.write(JSON.stringify(r, null, 2) + '\n'); },
    (e: unknown) => { process.stderr.write(String(e instanceof Error ? e.stack : e) + '\n'); process.exitCode = 1; },
  );
}
