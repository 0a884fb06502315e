/**
 * `nested-virt probe`: probe hosts over ssh (or locally), or evaluate results
 * Ansible collected. Exit status: 0 no FAIL (PASS/WARN/NOTE/SKIP only), 1 a check
 * failed, 2 bad usage, 3 a host was unreachable or its probe failed.
 */
import * as fs from 'node:fs';
import { normalizeLocale, type Locale } from '../core/l10n/index';
import { parseCommandLine, rawOption, type OptionTable } from '../core/util/args';
import { CatalogProvider } from '../lang/cpumap/provider';
import { readCpuMapFilesSync } from '../io/cpuMapFiles';
import { type ProbeTarget } from '../probe/index';
import { probeNovaContext } from '../probe/novaRules';
import { parseInventory } from '../probe/inventory';
import { probeTranslator, type ProbeT } from '../probe/messages';
import { probeUsage } from './usage';
import { HOST_ARCHES, NOVA_RELEASES, parseProbeSettings, SETTINGS, settingInRange, type HostArch, type IntegerSettingKey, type NovaRelease } from '../../../shared/src/settings';
import { chooseConcurrency, type Fanout } from '../probe/fanout';
import { exitCodeFor, renderReports, REPORT_FORMATS, type ReportFormat } from '../probe/report';
import { reportsFromResultsDir } from '../probe/results';
import { runProbe } from '../probe/run';
import { probeScript } from '../probe/script';
import { validateHost } from '../probe/ssh';
import { sanitize } from '../probe/sanitize';
import type { HostReport } from '../probe/types';

class Usage extends Error {}

interface ProbeArgs {
  format: ReportFormat;
  /** Unset: the setting's default, or fewer behind a ProxyJump/ProxyCommand (probe/fanout.ts). */
  concurrency?: number;
  connectTimeout: number;
  timeoutMs?: number;
  local: boolean;
  inventory?: string;
  sshConfig?: string;
  ssh?: string;
  novaConf?: string;
  release: NovaRelease;
  hostArch: HostArch;
  /** auto, bundled, a cpu_map directory or a legacy cpu_map.xml; as nestedVirt.cpuMap.path. */
  cpuMap: string;
  root?: string;
  emitScript: boolean;
  fromResults?: string;
  locale: Locale;
  help: boolean;
  hosts: string[];
}

/** An integer option bounded like its setting. */
function intSetting(v: string, opt: string, key: IntegerSettingKey, t: ProbeT): number {
  const s = SETTINGS[key];
  if (!/^\d+$/.test(v) || !settingInRange(key, Number(v))) throw new Usage(t('cli.badValue', v, opt, `${s.minimum}-${s.maximum}`));
  return Number(v);
}

const MAX_TIMEOUT_S = 3600;

/** Every `nested-virt probe` option; defaults and bounds from the settings schema. */
const PROBE_OPTIONS = {
  format: { type: 'string', default: 'text' },
  json: { type: 'boolean', default: false },
  concurrency: { type: 'string' },
  'connect-timeout': { type: 'string', default: String(SETTINGS['nestedVirt.probe.connectTimeout'].default) },
  timeout: { type: 'string' },
  local: { type: 'boolean', default: false },
  inventory: { type: 'string' },
  'ssh-config': { type: 'string' },
  ssh: { type: 'string' },
  'nova-conf': { type: 'string' },
  release: { type: 'string', default: SETTINGS['nestedVirt.nova.release'].default },
  'host-arch': { type: 'string', default: SETTINGS['nestedVirt.nova.hostArch'].default },
  'cpu-map': { type: 'string', default: SETTINGS['nestedVirt.cpuMap.path'].default },
  root: { type: 'string' }, // fixture trees (tests)
  'emit-script': { type: 'boolean', default: false },
  'from-results': { type: 'string' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies OptionTable;

export function parseProbeArgs(args: readonly string[], locale: Locale): ProbeArgs {
  const lang = rawOption(args, PROBE_OPTIONS, 'lang');
  const loc = lang !== undefined ? normalizeLocale(lang) : locale;
  const t = probeTranslator(loc);
  const { values: v, positionals, problem } = parseCommandLine(args, PROBE_OPTIONS);
  if (problem) throw new Usage(problem.kind === 'missing-value' ? t('cli.missingValue', problem.option) : t('cli.unknownOption', problem.option));
  const oneOf = <T extends string>(list: readonly T[], value: string, opt: string): T => {
    if ((list as readonly string[]).includes(value)) return value as T;
    throw new Usage(t('cli.badValue', value, opt, list.join(', ')));
  };
  const novaConf = v['nova-conf'];
  // eslint-disable-next-line no-control-regex
  if (novaConf !== undefined && (!novaConf.startsWith('/') || /[\u0000-\u001f\u007f]/.test(novaConf))) throw new Usage(t('cli.badValue', sanitize(novaConf), '--nova-conf', '/absolute/path'));
  const timeout = v.timeout;
  if (timeout !== undefined && !(/^\d+$/.test(timeout) && Number(timeout) >= 1 && Number(timeout) <= MAX_TIMEOUT_S)) {
    throw new Usage(t('cli.badValue', timeout, '--timeout', `1-${MAX_TIMEOUT_S}`));
  }
  return {
    format: v.json ? 'json' : oneOf(REPORT_FORMATS, v.format, '--format'),
    concurrency: v.concurrency === undefined ? undefined : intSetting(v.concurrency, '--concurrency', 'nestedVirt.probe.concurrency', t),
    connectTimeout: intSetting(v['connect-timeout'], '--connect-timeout', 'nestedVirt.probe.connectTimeout', t),
    timeoutMs: timeout === undefined ? undefined : Number(timeout) * 1000,
    local: v.local,
    inventory: v.inventory,
    sshConfig: v['ssh-config'],
    ssh: v.ssh,
    novaConf,
    release: oneOf(NOVA_RELEASES, v.release, '--release'),
    hostArch: oneOf(HOST_ARCHES, v['host-arch'], '--host-arch'),
    cpuMap: v['cpu-map'],
    root: v.root,
    emitScript: v['emit-script'],
    fromResults: v['from-results'],
    locale: loc,
    help: v.help,
    hosts: positionals,
  };
}

export async function runProbeCommand(
  args: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; locale: Locale; signal?: AbortSignal },
): Promise<number> {
  let o: ProbeArgs;
  const t0 = probeTranslator(io.locale);
  try {
    o = parseProbeArgs(args, io.locale);
  } catch (e) {
    if (e instanceof Usage) {
      io.stderr.write(`nested-virt probe: ${e.message}\n\n${probeUsage(t0)}\n`);
      return 2;
    }
    throw e;
  }
  const t = probeTranslator(o.locale);
  if (o.help) {
    io.stdout.write(probeUsage(t) + '\n');
    return 0;
  }
  if (o.emitScript) {
    io.stdout.write(probeScript());
    return 0;
  }
  // The same ProbeSettings the language server's nestedVirt/probe takes.
  const settings = parseProbeSettings({
    release: o.release, hostArch: o.hostArch, cpuMapPath: o.cpuMap, sshPath: o.ssh,
    connectTimeout: o.connectTimeout, novaConfPath: o.novaConf,
  });
  const { catalog, warning } = new CatalogProvider(undefined, undefined, { readSync: readCpuMapFilesSync }).get(settings.cpuMapPath);
  if (warning) io.stderr.write(`nested-virt probe: ${warning}\n`);
  let reports: HostReport[];
  let fan: Fanout | undefined;
  if (o.fromResults) {
    try {
      reports = reportsFromResultsDir(o.fromResults, { locale: o.locale, nova: probeNovaContext(settings, catalog) });
    } catch (e) {
      io.stderr.write(`nested-virt probe: ${t('cli.cannotRead', sanitize(o.fromResults), sanitize((e as Error).message))}\n`);
      return 2;
    }
  } else {
    const targets: ProbeTarget[] = [];
    for (const h of o.hosts) {
      const bad = validateHost(h);
      if (bad) {
        io.stderr.write(`nested-virt probe: ${t('cli.badHost', sanitize(bad))}\n`);
        return 2;
      }
      targets.push({ name: h, destination: h });
    }
    if (o.inventory) {
      let text: string;
      try {
        text = fs.readFileSync(o.inventory, 'utf8');
      } catch (e) {
        io.stderr.write(`nested-virt probe: ${t('cli.cannotRead', sanitize(o.inventory), sanitize((e as Error).message))}\n`);
        return 2;
      }
      const inv = parseInventory(text);
      for (const p of inv.problems) io.stderr.write(`nested-virt probe: ${t('cli.inventory', sanitize(o.inventory), p.line, sanitize(p.message))}\n`);
      for (const h of inv.hosts) if (!targets.some((x) => x.name === h.name)) targets.push(h);
    }
    if (!targets.length && !o.local) {
      io.stderr.write(`nested-virt probe: ${t('cli.noHosts')}\n\n${probeUsage(t)}\n`);
      return 2;
    }
    const transport = { timeoutMs: o.timeoutMs, configFile: o.sshConfig, root: o.root };
    fan = await chooseConcurrency(targets.map((x) => x.destination), o.concurrency, { sshPath: settings.sshPath, configFile: o.sshConfig });
    reports = await runProbe(targets, o.local, { settings: { ...settings, concurrency: fan.concurrency }, catalog, locale: o.locale, signal: io.signal, transport });
  }
  io.stdout.write(renderReports(reports, o.format, o.locale, { release: settings.release, proxy: fan?.proxy }));
  return exitCodeFor(reports);
}
