/**
 * `nestedVirt/probe`: the host probe, run in the language server so that one engine
 * (with the server's cpu_map provider and nova rules) serves VS Code, other editors
 * and, through the same runProbe, the CLI.
 *
 * Trust: the server runs what its client asks for. The VS Code client sends this
 * request only in a trusted workspace, and reads the machine-scoped ssh settings
 * from user settings only; the server never takes `sshPath`, `connectTimeout` or
 * `novaConfPath` from workspace/configuration.
 */
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import { ProbeProgressNotification, ProbeRequest, type ProbeParams, type ProbeResult } from '../../../../shared/src/protocol';
import { parseProbeSettings, type ServerSettings } from '../../../../shared/src/settings';
import type { Locale } from '../../core/l10n';
import type { CatalogProvider } from '../../lang/cpumap/provider';
import { fleetReport } from '../../probe/fleet';
import { renderHostText, reportForJson } from '../../probe/report';
import { runProbe } from '../../probe/run';
import { loadProbeScript } from '../../probe/script';
import type { Logger } from '../logger';

/** More targets than any fleet one editor probes at once; beyond it the request is refused. */
export const MAX_PROBE_TARGETS = 4096;

export interface ProbeHandlerDeps {
  readonly catalogs: CatalogProvider;
  /** The server's own window-level settings: release, host arch and cpu_map when the request leaves them out. */
  readonly settings: () => Promise<ServerSettings>;
  readonly locale: () => Locale;
  readonly logger: Logger;
}

function checkParams(params: unknown): ProbeParams {
  const p = (typeof params === 'object' && params !== null ? params : {}) as Record<string, unknown>;
  const targets = p.targets ?? [];
  if (!Array.isArray(targets) || !targets.every((t) => typeof t === 'string')) {
    throw new ResponseError(ErrorCodes.InvalidParams, 'nestedVirt/probe: targets must be an array of host names');
  }
  if (targets.length > MAX_PROBE_TARGETS) {
    throw new ResponseError(ErrorCodes.InvalidParams, `nestedVirt/probe: at most ${MAX_PROBE_TARGETS} targets`);
  }
  if (p.local !== undefined && typeof p.local !== 'boolean') throw new ResponseError(ErrorCodes.InvalidParams, 'nestedVirt/probe: local must be a boolean');
  if (!targets.length && p.local !== true) throw new ResponseError(ErrorCodes.InvalidParams, 'nestedVirt/probe: no targets and not local');
  const progressToken = typeof p.progressToken === 'string' ? p.progressToken : undefined;
  return { targets: targets as string[], local: p.local === true, settings: p.settings as ProbeParams['settings'], progressToken };
}

export function registerProbeHandler(connection: Connection, deps: ProbeHandlerDeps): void {
  connection.onRequest(ProbeRequest.type, async (raw, token): Promise<ProbeResult> => {
    const params = checkParams(raw);
    await loadProbeScript(); // read once without blocking; the probe then uses the cached text
    const server = await deps.settings();
    const problems: string[] = [];
    const settings = parseProbeSettings(params.settings, problems, { release: server.novaRelease, hostArch: server.hostArch, cpuMapPath: server.cpuMapPath });
    for (const p of problems) deps.logger.warn(`nestedVirt/probe: ${p}`);
    // The server reads cpu_map files asynchronously (type and size checked); wait for them here.
    const { catalog } = await deps.catalogs.load(settings.cpuMapPath);
    const locale = deps.locale();
    const ac = new AbortController();
    const cancel = token.onCancellationRequested(() => ac.abort());
    const progress = params.progressToken;
    const notify = (kind: 'start' | 'result', host: string, done: number, total: number): void => {
      if (progress !== undefined) void connection.sendNotification(ProbeProgressNotification.type, { token: progress, kind, host, done, total });
    };
    const total = params.targets.length + (params.local ? 1 : 0);
    let finished = 0;
    deps.logger.info(`probing ${total} host(s) (release ${settings.release}, cpu_map ${catalog.source})`);
    try {
      const reports = await runProbe(params.targets, params.local, {
        settings,
        catalog,
        locale,
        signal: ac.signal,
        log: (line) => deps.logger.info(line),
        onStart: (host) => notify('start', host, finished, total),
        onResult: (r, done) => {
          finished = done;
          notify('result', r.host, done, total);
        },
      });
      return {
        hosts: reports.map((r) => ({ report: reportForJson(r), text: renderHostText(r, locale) })),
        settings,
        cpuMapSource: catalog.source,
        ...(reports.length > 1 ? { fleet: fleetReport(reports, { locale, release: settings.release }) } : {}),
      };
    } finally {
      cancel.dispose();
    }
  });
}
