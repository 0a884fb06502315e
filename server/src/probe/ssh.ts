/**
 * Transport: the system OpenSSH client, spawned with an argument array (no
 * shell). It honours ~/.ssh/config, the agent and ProxyJump. One session per
 * host; the script goes to `sh -s` on stdin. `--local` runs `sh -s` here.
 */
import { spawn } from 'node:child_process';
import type { Locale } from '../core/l10n/index';
import { clampSetting, SETTINGS } from '../../../shared/src/settings';
import { probeTranslator } from './messages';
import { cleanText } from './parse';
import type { ProbeError } from './types';
import { validateHost } from '../../../shared/src/hostName';

export const DEFAULT_MAX_OUTPUT = 8 * 1024 * 1024;
const MAX_STDERR = 64 * 1024;

export interface RunOptions {
  /** ssh binary; from a machine-scoped setting only. Default `ssh`. */
  readonly sshPath?: string;
  /** ssh ConnectTimeout, seconds. */
  readonly connectTimeout?: number;
  /** Overall limit for one host, ms. Default connectTimeout + 60 s. */
  readonly timeoutMs?: number;
  /** `-F FILE` (tests; normally ~/.ssh/config is used). */
  readonly configFile?: string;
  /** ssh -p PORT (an inventory's ansible_port). */
  readonly port?: number;
  readonly maxOutputBytes?: number;
  readonly signal?: AbortSignal;
  /** One line per run: the command, then its exit status, duration and output size (the server's log). */
  readonly log?: (line: string) => void;
}

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly tooLarge: boolean;
  readonly cancelled: boolean;
  readonly spawnError?: string;
}

export { validateHost } from '../../../shared/src/hostName';

export function sshArgs(host: string, o: RunOptions): string[] {
  const ct = clampSetting('nestedVirt.probe.connectTimeout', o.connectTimeout);
  const args = ['-T', '-o', 'BatchMode=yes', '-o', `ConnectTimeout=${ct}`, '-o', 'ServerAliveInterval=15', '-o', 'ServerAliveCountMax=2'];
  if (o.configFile) args.unshift('-F', o.configFile);
  // A port goes in -p with a bare host (IPv6 literals without brackets), never as ssh://host:port.
  if (o.port !== undefined && Number.isInteger(o.port) && o.port >= 1 && o.port <= 65535) args.push('-p', String(o.port));
  args.push('--', host.replace(/@\[(.*)\]$/, '@$1').replace(/^\[(.*)\]$/, '$1'), 'sh', '-s');
  return args;
}

function runProcess(cmd: string, args: string[], input: string, o: RunOptions): Promise<RunResult> {
  const max = o.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  const timeoutMs = o.timeoutMs ?? (clampSetting('nestedVirt.probe.connectTimeout', o.connectTimeout) + 60) * 1000;
  const started = Date.now();
  o.log?.(`$ ${[cmd, ...args].join(' ')}`);
  return new Promise<RunResult>((resolve) => {
    let child;
    try {
      child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], shell: false, windowsHide: true, env: { ...process.env, LC_ALL: 'C' } });
    } catch (e) {
      resolve({ stdout: '', stderr: '', code: null, signal: null, timedOut: false, tooLarge: false, cancelled: false, spawnError: (e as Error).message });
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outLen = 0, errLen = 0;
    let timedOut = false, tooLarge = false, cancelled = false, finished = false;
    let spawnError: string | undefined;
    const kill = (): void => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    const timer = setTimeout(() => { timedOut = true; kill(); }, timeoutMs);
    const onAbort = (): void => { cancelled = true; kill(); };
    if (o.signal) {
      if (o.signal.aborted) onAbort();
      else o.signal.addEventListener('abort', onAbort, { once: true });
    }
    child.stdout.on('data', (b: Buffer) => {
      if (tooLarge) return;
      outLen += b.length;
      if (outLen > max) { tooLarge = true; kill(); return; }
      out.push(b);
    });
    child.stderr.on('data', (b: Buffer) => {
      if (errLen >= MAX_STDERR) return;
      errLen += b.length;
      err.push(b);
    });
    child.stdin.on('error', () => { /* the process went away; its exit status tells why */ });
    child.on('error', (e) => { spawnError = e.message; });
    child.on('close', (code, signal) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      resolve({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8').slice(0, MAX_STDERR),
        code, signal, timedOut, tooLarge, cancelled, spawnError,
      });
    });
    child.stdin.end(input);
  }).then((r) => {
    const how = r.spawnError ? `failed to start (${r.spawnError})` : r.code !== null ? `exit ${r.code}` : `signal ${r.signal ?? '?'}`;
    const why = r.timedOut ? ', timed out' : r.cancelled ? ', cancelled' : r.tooLarge ? ', output too large' : '';
    o.log?.(`${cmd} ${args[args.indexOf('--') + 1] ?? ''}: ${how}${why} after ${Date.now() - started} ms, ${r.stdout.length} bytes of output`.replace(/ {2,}/g, ' '));
    return r;
  });
}

export function runOverSsh(host: string, script: string, o: RunOptions = {}): Promise<RunResult> {
  const bad = validateHost(host);
  if (bad) return Promise.resolve({ stdout: '', stderr: bad, code: null, signal: null, timedOut: false, tooLarge: false, cancelled: false, spawnError: bad });
  return runProcess(o.sshPath || SETTINGS['nestedVirt.probe.sshPath'].default, sshArgs(host, o), script, o);
}

export function runLocally(script: string, o: RunOptions = {}): Promise<RunResult> {
  return runProcess('/bin/sh', ['-s'], script, o);
}

function tail(stderr: string): string {
  return stderr.split('\n').map((l) => cleanText(l, 500).trim()).filter(Boolean).slice(-6).join('\n');
}

/** The commands that show and check a destination's host key (`user@`, `ssh://…:port` and brackets handled). */
export function hostKeyCommands(destination: string): string {
  let d = destination.replace(/^ssh:\/\//, '');
  d = d.slice(d.lastIndexOf('@') + 1);
  let host = d;
  let port: string | undefined;
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(d);
  if (v6) {
    host = v6[1];
    port = v6[2];
  } else {
    const m = /^([^:]+):(\d+)$/.exec(d);
    if (m) {
      host = m[1];
      port = m[2];
    }
  }
  if (port === '22') port = undefined;
  const known = port ? `'[${host}]:${port}'` : host;
  const scan = port ? `ssh-keyscan -p ${port} ${host}` : `ssh-keyscan ${host}`;
  return `ssh-keygen -F ${known} ; ${scan} | ssh-keygen -lf - ; ssh ${destination}`;
}

/**
 * Why a run failed, or undefined when it produced probe output. ssh exits 255
 * on its own errors; otherwise the status is the remote command's.
 */
export function classifyFailure(host: string, r: RunResult, local = false, locale: Locale = 'en', destination = host): ProbeError | undefined {
  const t = probeTranslator(locale);
  const stderr = tail(r.stderr);
  const se = r.stderr;
  if (r.cancelled) return { kind: 'cancelled', message: t('err.cancelled'), stderr };
  if (r.tooLarge) return { kind: 'output-too-large', message: t('err.tooLarge'), stderr };
  if (r.spawnError) {
    const missing = /ENOENT/.test(r.spawnError);
    return { kind: 'spawn', message: missing ? t('err.spawnMissing', local ? '/bin/sh' : 'ssh', r.spawnError) : r.spawnError, hint: local ? undefined : t('err.spawnHint') };
  }
  if (r.timedOut) return { kind: 'timeout', message: t('err.timeout', host), stderr };
  const sawDone = /(^|\n)@done\s*$/.test(r.stdout.trimEnd()) || r.stdout.includes('\n@done\n');
  if (r.code === 0 && sawDone) return undefined;
  if (!local && r.code === 255) {
    if (/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|host key for .* has changed|No .* host key is known|HOST KEY/i.test(se)) {
      return { kind: 'host-key', message: t('err.hostKey', host), stderr, hint: t('err.hostKeyHint', hostKeyCommands(destination)) };
    }
    if (/Permission denied \(|Too many authentication failures|Authentication failed|no more authentication methods/i.test(se)) {
      return { kind: 'auth', message: t('err.auth', host), stderr, hint: t('err.authHint') };
    }
    if (/timed out|Operation timed out|Connection timed out/i.test(se)) {
      return { kind: 'timeout', message: t('err.connectTimeout', host), stderr };
    }
    if (/Connection refused|No route to host|Could not resolve hostname|Name or service not known|Network is unreachable|Connection closed by|Connection reset|kex_exchange_identification|proxy|not known/i.test(se)) {
      return { kind: 'unreachable', message: t('err.unreachable', host), stderr };
    }
    return { kind: 'ssh', message: t('err.ssh', host), stderr };
  }
  if (r.code === 127 || /sh: .*not found|command not found|No such file or directory/.test(se) && !r.stdout.includes('@v ')) {
    return { kind: 'missing-tool', message: t('err.missingTool', host), stderr };
  }
  if (r.code === 126 || /Permission denied/i.test(se)) {
    return { kind: 'permission', message: t('err.permission', host), stderr };
  }
  if (!r.stdout.includes('@v ')) return { kind: 'bad-output', message: t('err.noOutput', host, r.code ?? r.signal ?? '?'), stderr };
  return undefined;
}
