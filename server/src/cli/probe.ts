/**
 * `nested-virt probe`: probe hosts over ssh (or locally), or evaluate results
 * Ansible collected. Exit status: 0 no FAIL (PASS/WARN/NOTE/SKIP only), 1 a check
 * failed, 2 bad usage, 3 a host was unreachable or its probe failed.
 */
import * as fs from 'node:fs';
import { normalizeLocale, type Locale } from '../core/l10n/index';
import { LOCAL_HOST, probeHost, probeHosts, type ProbeTarget } from '../probe/index';
import { parseInventory } from '../probe/inventory';
import { probeTranslator, type ProbeT } from '../probe/messages';
import { DEFAULT_NOVA_RELEASE, NOVA_RELEASES, type NovaRelease } from '../../../shared/src/settings';
import { novaRulesFor } from '../probe/novaRules';
import { exitCodeFor, renderReports, REPORT_FORMATS, type ReportFormat } from '../probe/report';
import { reportsFromResultsDir } from '../probe/results';
import { probeScript } from '../probe/script';
import { validateHost } from '../probe/ssh';
import { sanitize } from '../probe/sanitize';
import type { HostReport } from '../probe/types';

class Usage extends Error {}

interface ProbeArgs {
  format: ReportFormat;
  concurrency: number;
  connectTimeout: number;
  timeoutMs?: number;
  local: boolean;
  inventory?: string;
  sshConfig?: string;
  ssh?: string;
  novaConf?: string;
  release: NovaRelease;
  root?: string;
  emitScript: boolean;
  fromResults?: string;
  locale: Locale;
  help: boolean;
  hosts: string[];
}

function intIn(v: string, opt: string, min: number, max: number, t: ProbeT): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) throw new Usage(t('cli.badValue', v, opt, `${min}-${max}`));
  return n;
}

export function parseProbeArgs(args: readonly string[], locale: Locale): ProbeArgs {
  const langArg = args.find((a, i) => a.startsWith('--lang=') || args[i - 1] === '--lang');
  const loc = langArg ? normalizeLocale(langArg.startsWith('--lang=') ? langArg.slice(7) : langArg) : locale;
  const t = probeTranslator(loc);
  const o: ProbeArgs = { format: 'text', release: DEFAULT_NOVA_RELEASE, concurrency: 8, connectTimeout: 10, local: false, emitScript: false, locale: loc, help: false, hosts: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      o.hosts.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-')) {
      o.hosts.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : undefined;
    const val = (): string => {
      if (inline !== undefined) return inline;
      const v = args[i + 1];
      if (v === undefined) throw new Usage(t('cli.missingValue', name));
      i++;
      return v;
    };
    switch (name) {
      case '--format': {
        const v = val();
        if (!(REPORT_FORMATS as readonly string[]).includes(v)) throw new Usage(t('cli.badValue', v, name, REPORT_FORMATS.join(', ')));
        o.format = v as ReportFormat;
        break;
      }
      case '--json': o.format = 'json'; break;
      case '--concurrency': o.concurrency = intIn(val(), name, 1, 64, t); break;
      case '--connect-timeout': o.connectTimeout = intIn(val(), name, 1, 300, t); break;
      case '--timeout': o.timeoutMs = intIn(val(), name, 1, 3600, t) * 1000; break;
      case '--local': o.local = true; break;
      case '--inventory': o.inventory = val(); break;
      case '--ssh-config': o.sshConfig = val(); break;
      case '--ssh': o.ssh = val(); break;
      case '--nova-conf': {
        const v = val();
        // eslint-disable-next-line no-control-regex
        if (!v.startsWith('/') || /[\u0000-\u001f\u007f]/.test(v)) throw new Usage(t('cli.badValue', sanitize(v), name, '/absolute/path'));
        o.novaConf = v;
        break;
      }
      case '--release': {
        const v = val();
        if (!(NOVA_RELEASES as readonly string[]).includes(v)) throw new Usage(t('cli.badValue', v, name, NOVA_RELEASES.join(', ')));
        o.release = v as NovaRelease;
        break;
      }
      case '--root': o.root = val(); break; // fixture trees (tests)
      case '--emit-script': o.emitScript = true; break;
      case '--from-results': o.fromResults = val(); break;
      case '--lang': val(); break;
      case '-h':
      case '--help': o.help = true; break;
      default: throw new Usage(t('cli.unknownOption', a));
    }
  }
  return o;
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
      io.stderr.write(`nested-virt probe: ${e.message}\n\n${t0('cli.usage')}\n`);
      return 2;
    }
    throw e;
  }
  const t = probeTranslator(o.locale);
  if (o.help) {
    io.stdout.write(t('cli.usage') + '\n');
    return 0;
  }
  if (o.emitScript) {
    io.stdout.write(probeScript());
    return 0;
  }
  const novaDiagnostics = novaRulesFor(o.release);
  let reports: HostReport[];
  if (o.fromResults) {
    try {
      reports = reportsFromResultsDir(o.fromResults, { locale: o.locale, novaDiagnostics });
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
      io.stderr.write(`nested-virt probe: ${t('cli.noHosts')}\n\n${t('cli.usage')}\n`);
      return 2;
    }
    const common = {
      sshPath: o.ssh, connectTimeout: o.connectTimeout, timeoutMs: o.timeoutMs, configFile: o.sshConfig,
      root: o.root, novaConfPath: o.novaConf, locale: o.locale, novaDiagnostics, signal: io.signal,
    };
    reports = [];
    if (o.local) reports.push(await probeHost(LOCAL_HOST, { ...common, local: true }));
    if (targets.length) reports.push(...(await probeHosts(targets, { ...common, concurrency: o.concurrency })));
  }
  io.stdout.write(renderReports(reports, o.format, o.locale));
  return exitCodeFor(reports);
}
