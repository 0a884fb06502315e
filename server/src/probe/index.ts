/** The SSH host probe: run the script, parse, build facts, evaluate. */
import type { Locale } from '../core/l10n/index';
import { clampSetting } from '../../../shared/src/settings';
import { BLOCKING, evaluate, type NovaCheckContext } from './evaluate';
import { buildFacts, toHostFacts } from './facts';
import { probeTranslator } from './messages';
import { parseProbeOutput } from './parse';
import { scriptWithSettings, type ScriptSettings } from './script';
import { classifyFailure, runLocally, runOverSsh, validateHost, type RunOptions } from './ssh';
import type { HostReport, ProbeError } from './types';

export * from './types';

export interface ProbeOptions extends RunOptions, ScriptSettings {
  readonly locale?: Locale;
  /** Release, host arch and cpu_map for the nova.conf checks; default: defaultNovaContext(). */
  readonly nova?: NovaCheckContext;
}

export interface ReportOptions {
  readonly locale?: Locale;
  readonly durationMs?: number;
  readonly transport?: HostReport['transport'];
  readonly nova?: NovaCheckContext;
}

/** Builds the report for one host from the probe's stdout (direct, or collected by Ansible). */
export function reportFromOutput(host: string, stdout: string, o: ReportOptions = {}): HostReport {
  const raw = parseProbeOutput(stdout);
  if (raw.version === undefined) {
    return errorReport(host, { kind: 'bad-output', message: probeTranslator(o.locale ?? 'en')('err.notProbeOutput', host) }, o.durationMs ?? 0, o.transport ?? 'results');
  }
  const facts = buildFacts(raw, host);
  const checks = evaluate(facts, { locale: o.locale, nova: o.nova });
  const blockReasons = checks.filter((c) => c.status === 'FAIL' && BLOCKING.includes(c.id)).map((c) => c.id);
  return { host, transport: o.transport ?? 'ssh', durationMs: o.durationMs ?? 0, facts, hostFacts: toHostFacts(facts), checks, blocksNested: blockReasons.length > 0, blockReasons };
}

export function errorReport(host: string, error: ProbeError, durationMs: number, transport: HostReport['transport']): HostReport {
  return { host, transport, durationMs, error, checks: [], blocksNested: false, blockReasons: [] };
}

export const LOCAL_HOST = 'localhost (local)';

/** Probes one host over ssh, or this machine with `local`. Never throws. */
export async function probeHost(host: string, o: ProbeOptions & { local?: boolean; destination?: string } = {}): Promise<HostReport> {
  const started = Date.now();
  const transport = o.local ? 'local' : 'ssh';
  const name = o.local ? LOCAL_HOST : host;
  const dest = o.destination ?? host;
  if (!o.local) {
    const bad = validateHost(dest);
    if (bad) return errorReport(String(host).slice(0, 200), { kind: 'invalid-host', message: bad }, 0, 'ssh');
  }
  let script: string;
  try {
    script = scriptWithSettings({ root: o.root, novaConfPath: o.novaConfPath });
  } catch (e) {
    return errorReport(name, { kind: 'spawn', message: (e as Error).message }, 0, transport);
  }
  const r = o.local ? await runLocally(script, o) : await runOverSsh(dest, script, o);
  const durationMs = Date.now() - started;
  const err = classifyFailure(name, r, o.local, o.locale, dest);
  if (err) return errorReport(name, err, durationMs, transport);
  return reportFromOutput(name, r.stdout, { locale: o.locale, durationMs, transport, nova: o.nova });
}

export interface ManyOptions extends ProbeOptions {
  readonly concurrency?: number;
  readonly onResult?: (r: HostReport, done: number, total: number) => void;
  readonly onStart?: (host: string) => void;
}

/** Probes many hosts, at most `concurrency` at a time, results in input order. */
export interface ProbeTarget {
  readonly name: string;
  readonly destination: string;
  /** Fixture root for this host only (benchmarks, tests); else the options' root. */
  readonly root?: string;
  /** ssh -p (an inventory's ansible_port). */
  readonly port?: number;
}

export async function probeHosts(targets: readonly (string | ProbeTarget)[], o: ManyOptions = {}): Promise<HostReport[]> {
  const hosts: ProbeTarget[] = targets.map((x) => (typeof x === 'string' ? { name: x, destination: x } : x));
  const n = clampSetting('nestedVirt.probe.concurrency', o.concurrency);
  const results: HostReport[] = new Array<HostReport>(hosts.length);
  let next = 0, done = 0;
  const worker = async (): Promise<void> => {
    while (next < hosts.length) {
      const i = next++;
      const h = hosts[i];
      if (o.signal?.aborted) {
        results[i] = errorReport(h.name, { kind: 'cancelled', message: probeTranslator(o.locale ?? 'en')('err.cancelled') }, 0, 'ssh');
      } else {
        o.onStart?.(h.name);
        results[i] = await probeHost(h.name, { ...o, destination: h.destination, ...(h.root !== undefined ? { root: h.root } : {}), ...(h.port ? { port: h.port } : {}) });
      }
      done++;
      o.onResult?.(results[i], done, hosts.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, hosts.length) }, worker));
  return results;
}
