/**
 * One probe run from ProbeSettings: what the language server's `nestedVirt/probe`
 * and the CLI's `nested-virt probe` both call, so both honour the same release,
 * host arch, cpu_map and ssh options.
 */
import type { ProbeSettings } from '../../../shared/src/settings';
import type { Locale } from '../core/l10n/index';
import type { CpuMapCatalog } from '../lang/cpumap/catalog';
import { LOCAL_HOST, probeHost, probeHosts, type ProbeOptions, type ProbeTarget } from './index';
import { probeNovaContext } from './novaRules';
import type { HostReport } from './types';

export interface ProbeRun {
  readonly settings: ProbeSettings;
  /** The cpu_map read for `settings.cpuMapPath` by the caller's CatalogProvider. */
  readonly catalog: CpuMapCatalog;
  readonly locale: Locale;
  /** Aborting kills the ssh (or sh) children; their hosts report `cancelled`. */
  readonly signal?: AbortSignal;
  /** CLI and tests only: `ssh -F`, a limit per host, a fixture root. */
  readonly transport?: Pick<ProbeOptions, 'configFile' | 'timeoutMs' | 'root'>;
  readonly onStart?: (host: string) => void;
  /** Each ssh (or sh) run: the command, exit status and duration. */
  readonly log?: (line: string) => void;
  /** After each host; `done` counts this machine (with `local`) and the targets. */
  readonly onResult?: (report: HostReport, done: number, total: number) => void;
}

/** Probes this machine (with `local`) and then the targets; reports in that order. Never throws. */
export async function runProbe(targets: readonly (string | ProbeTarget)[], local: boolean, run: ProbeRun): Promise<HostReport[]> {
  const s = run.settings;
  const common: ProbeOptions = {
    ...run.transport,
    sshPath: s.sshPath,
    connectTimeout: s.connectTimeout,
    novaConfPath: s.novaConfPath,
    locale: run.locale,
    signal: run.signal,
    log: run.log,
    nova: probeNovaContext(s, run.catalog),
  };
  const first = local ? 1 : 0;
  const total = targets.length + first;
  const reports: HostReport[] = [];
  if (local) {
    run.onStart?.(LOCAL_HOST);
    const r = await probeHost(LOCAL_HOST, { ...common, local: true });
    reports.push(r);
    run.onResult?.(r, 1, total);
  }
  if (targets.length) {
    reports.push(...(await probeHosts(targets, {
      ...common,
      concurrency: s.concurrency,
      onStart: run.onStart,
      onResult: (r, done) => run.onResult?.(r, done + first, total),
    })));
  }
  return reports;
}
