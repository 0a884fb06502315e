/**
 * code-server 4.100.3 (VS Code 1.100.3's server + web workbench, from npm), installed into a
 * cache outside the clone and keyed by version, then started with its own user-data and
 * extensions dirs. Tested on Debian 12 / Node 20.
 */
import { spawn, spawnSync, type ChildProcess, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../helpers';
import versions from './codeServerVersions.json';

/** From codeServerVersions.json, which scripts/vscode-test.mjs reads too. Later code-server versions need Node 24. */
export const CODE_SERVER_VERSION: string = versions.codeServer;
export const VSCODE_VERSION: string = versions.vscode;

export function cacheRoot(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'nested-virt');
}

export function codeServerDir(version = CODE_SERVER_VERSION): string {
  return path.join(cacheRoot(), `code-server-${version}`);
}

export function codeServerEntry(dir = codeServerDir()): string {
  return path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** The marker is written last, so a half-finished install is never taken for a good one. */
function markerPath(dir: string): string {
  return path.join(dir, '.nested-virt-install-ok');
}

export function isCodeServerInstalled(dir = codeServerDir()): boolean {
  return fs.existsSync(markerPath(dir)) && fs.existsSync(codeServerEntry(dir));
}

function run(cmd: string, args: string[], opts: SpawnSyncOptions & { cwd: string }, log: (s: string) => void): void {
  log(`$ (cd ${opts.cwd} && ${cmd} ${args.join(' ')})`);
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...opts });
  if (r.status !== 0) {
    const out = `${String(r.stdout ?? '')}\n${String(r.stderr ?? '')}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal}) in ${opts.cwd}:\n${out}`);
  }
}

/**
 * Installs code-server into the cache unless it is already there. Needs the npm registry, and
 * apt's libkrb5-dev (kerberos headers) and ripgrep. Takes about 75 s.
 */
export function ensureCodeServer(log: (s: string) => void = (s) => console.log(s), version = CODE_SERVER_VERSION): string {
  const dir = codeServerDir(version);
  if (isCodeServerInstalled(dir)) return dir;
  const rg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((p) => fs.existsSync(p));
  if (!rg) throw new Error('ripgrep (rg) is missing: apt-get install -y ripgrep');
  log(`installing code-server ${version} into ${dir}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'nested-virt-code-server-cache', private: true }, null, 2));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const env = { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' };
  // The postinstall downloads ripgrep from GitHub: skip scripts and build the native parts here.
  run(npm, ['install', '--ignore-scripts', '--no-save', `code-server@${version}`], { cwd: dir, env }, log);
  run(npm, ['rebuild', 'argon2'], { cwd: dir, env }, log);
  const vscodeDir = path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode');
  run(npm, ['install', '--omit=dev', '--ignore-scripts'], { cwd: vscodeDir, env }, log);
  const rgBin = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  fs.mkdirSync(rgBin, { recursive: true });
  fs.rmSync(path.join(rgBin, 'rg'), { force: true });
  fs.symlinkSync(rg, path.join(rgBin, 'rg'));
  // node-pty is left out: only the integrated terminal needs it, and its build fails here.
  run(npm, ['rebuild', '@parcel/watcher', '@vscode/spdlog', 'kerberos', 'native-watchdog', '@vscode/deviceid'], { cwd: vscodeDir, env }, log);
  const asar = path.join(vscodeDir, 'node_modules.asar');
  fs.rmSync(asar, { force: true });
  fs.symlinkSync('node_modules', asar);
  // Keep code-server from writing ~/.config/code-server/config.yaml.
  const cfgHome = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-cs-config-'));
  const v = spawnSync(process.execPath, [codeServerEntry(dir), '--version'], { encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: cfgHome } });
  fs.rmSync(cfgHome, { recursive: true, force: true });
  const line = v.stdout.split('\n').find((l) => l.startsWith(version)) ?? '';
  if (v.status !== 0 || !line) {
    throw new Error(`code-server --version did not report ${version}: ${v.stdout}${v.stderr}`);
  }
  fs.writeFileSync(markerPath(dir), `${line}\n`);
  log(`code-server ready: ${line}`);
  return dir;
}

export interface CodeServerOptions {
  readonly dir: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly workspace: string;
  readonly locale?: string;
  readonly logFile: string;
  /** A private config.yaml, so nothing is read from or written to ~/.config/code-server. */
  readonly configFile: string;
  readonly env?: NodeJS.ProcessEnv;
}

export interface RunningCodeServer {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/** Installs .vsix files into the given extensions dir with code-server's CLI. */
export function installExtension(
  dir: string, userDataDir: string, extensionsDir: string, vsixes: readonly string[], configFile: string, log: (s: string) => void,
): void {
  run(process.execPath, [codeServerEntry(dir), '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--config', configFile,
    ...vsixes.flatMap((v) => ['--install-extension', v]), '--force'],
    { cwd: userDataDir }, log);
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`code-server exited early (${child.exitCode ?? child.signalCode})`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 200)); // poll interval, bounded by the deadline
  }
  throw new Error(`code-server did not answer on ${url} within ${timeoutMs} ms (${last})`);
}

/** Starts code-server in its own process group; `stop()` kills that group by PID. */
export async function startCodeServer(o: CodeServerOptions): Promise<RunningCodeServer> {
  const port = await freePort();
  const args = [
    codeServerEntry(o.dir), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--user-data-dir', o.userDataDir, '--extensions-dir', o.extensionsDir, '--config', o.configFile,
  ];
  if (!fs.existsSync(o.configFile)) fs.writeFileSync(o.configFile, 'auth: none\n');
  if (o.locale) args.push('--locale', o.locale);
  args.push(o.workspace);
  const out = fs.openSync(o.logFile, 'a');
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', out, out], env: { ...process.env, ...o.env } });
  fs.closeSync(out);
  const url = `http://127.0.0.1:${port}/`;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    const t = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 5000);
    await exited;
    clearTimeout(t);
  };
  try {
    await waitForHttp(`${url}healthz`, child, 60_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, port, child, stop };
}
