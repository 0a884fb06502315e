/**
 * The probe UI: commands nestedVirt.probeHost / probeLocal / probeAll /
 * selectHost, progress with cancel, an output channel, a webview report with a
 * strict CSP, and a status bar item for the host whose facts drive the editor.
 * Disabled in untrusted workspaces; binaries and ssh options come only from
 * user or machine settings, never from a workspace.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { HostFacts } from '../../../shared/src/hostFacts';
import { Commands } from '../../../shared/src/commands';
import { parseServerSettings, SETTINGS, type NovaRelease } from '../../../shared/src/settings';
import { normalizeLocale } from '../../../server/src/core/l10n/index';
import { LOCAL_HOST, probeHost, probeHosts } from '../../../server/src/probe/index';
import { novaRulesFor } from '../../../server/src/probe/novaRules';
import { fleetReport } from '../../../server/src/probe/fleet';
import { renderHostText } from '../../../server/src/probe/report';
import { validateHost } from '../../../server/src/probe/ssh';
import type { HostReport } from '../../../server/src/probe/types';
import { readSshConfigAliases } from './hosts';
import { reportHtml } from './html';

const SELECTED_KEY = 'nestedVirt.probe.selectedHost';
const FACTS_KEY = 'nestedVirt.probe.facts';

interface ProbeSettings {
  readonly sshPath: string;
  readonly connectTimeout: number;
  readonly novaConfPath: string;
  readonly concurrency: number;
  readonly hosts: string[];
  /** The release whose nova rules check the hosts' nova.conf, as for open files. */
  readonly release: NovaRelease;
}

/** A machine-scoped value: user/global only; workspace values are ignored. */
function machineValue<T>(cfg: vscode.WorkspaceConfiguration, key: string, fallback: T, ok: (v: unknown) => v is T): T {
  const i = cfg.inspect<T>(key);
  const v = i?.globalValue ?? i?.defaultValue;
  return ok(v) ? v : fallback;
}

export function readProbeSettings(): ProbeSettings {
  const cfg = vscode.workspace.getConfiguration('nestedVirt');
  const isStr = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
  const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
  const timeout = machineValue(cfg, 'probe.connectTimeout', SETTINGS['nestedVirt.probe.connectTimeout'].default, isInt);
  const conc = cfg.get<unknown>('probe.concurrency');
  const hosts = cfg.get<unknown>('hosts');
  return {
    sshPath: machineValue(cfg, 'probe.sshPath', SETTINGS['nestedVirt.probe.sshPath'].default, isStr),
    connectTimeout: Math.min(300, Math.max(1, timeout)),
    novaConfPath: machineValue(cfg, 'probe.novaConfPath', SETTINGS['nestedVirt.probe.novaConfPath'].default, isStr),
    concurrency: isInt(conc) ? Math.min(64, Math.max(1, conc)) : SETTINGS['nestedVirt.probe.concurrency'].default,
    hosts: Array.isArray(hosts) ? hosts.filter((h): h is string => typeof h === 'string' && !validateHost(h)) : [],
    release: parseServerSettings({ nova: { release: cfg.get<unknown>('nova.release') } }).novaRelease,
  };
}

export function registerProbe(context: vscode.ExtensionContext, sendFacts: (facts: HostFacts | null) => void, output?: vscode.OutputChannel): void {
  const log = output ?? vscode.window.createOutputChannel('nested-virt probe');
  if (!output) context.subscriptions.push(log);
  const locale = normalizeLocale(vscode.env.language);
  const status = vscode.window.createStatusBarItem('nestedVirt.probe.host', vscode.StatusBarAlignment.Left, 10);
  status.name = vscode.l10n.t('Nested Virt host');
  status.command = Commands.selectHost;
  context.subscriptions.push(status);
  let panel: vscode.WebviewPanel | undefined;
  let shown: HostReport[] = [];

  const known = (): Record<string, HostFacts> => context.globalState.get<Record<string, HostFacts>>(FACTS_KEY) ?? {};
  const showStatus = (): void => {
    const sel = context.globalState.get<string>(SELECTED_KEY);
    status.text = sel ? `$(server) ${sel}` : `$(server) ${vscode.l10n.t('No host')}`;
    status.tooltip = sel ? vscode.l10n.t('Host-aware diagnostics use {0}. Click to change.', sel) : vscode.l10n.t('Select a probed host for host-aware diagnostics');
    status.show();
  };
  const select = async (host: string | undefined): Promise<void> => {
    await context.globalState.update(SELECTED_KEY, host);
    sendFacts(host ? known()[host] ?? null : null);
    showStatus();
  };
  // Restore the selection from the last session.
  const sel = context.globalState.get<string>(SELECTED_KEY);
  if (sel && known()[sel]) sendFacts(known()[sel]);
  showStatus();

  const untrusted = (): boolean => {
    if (vscode.workspace.isTrusted) return false;
    void vscode.window.showWarningMessage(vscode.l10n.t('The host probe is disabled in untrusted workspaces.'));
    return true;
  };

  const remember = async (reports: readonly HostReport[]): Promise<void> => {
    const facts = { ...known() };
    for (const r of reports) if (r.hostFacts) facts[r.host] = r.hostFacts;
    await context.globalState.update(FACTS_KEY, facts);
    const current = context.globalState.get<string>(SELECTED_KEY);
    if (current && reports.some((r) => r.host === current && r.hostFacts)) sendFacts(facts[current]);
    else if (!current && reports.length === 1 && reports[0].hostFacts) await select(reports[0].host);
  };

  const showReport = (reports: HostReport[]): void => {
    shown = reports;
    const nonce = randomBytes(16).toString('base64');
    if (!panel) {
      panel = vscode.window.createWebviewPanel('nestedVirt.probeReport', vscode.l10n.t('Nested virtualization probe'), vscode.ViewColumn.Beside, { enableScripts: true, localResourceRoots: [] });
      panel.onDidDispose(() => { panel = undefined; }, null, context.subscriptions);
      panel.webview.onDidReceiveMessage((m: unknown) => {
        const msg = (typeof m === 'object' && m !== null ? m : {}) as { type?: unknown; host?: unknown; check?: unknown };
        if (msg.type !== 'copy' || typeof msg.host !== 'number' || typeof msg.check !== 'number') return;
        const c = shown[msg.host]?.checks[msg.check];
        if (!c) return;
        void vscode.env.clipboard.writeText(c.remediation.join('\n')).then(() => vscode.window.setStatusBarMessage(vscode.l10n.t('Remediation copied'), 3000));
      }, null, context.subscriptions);
    }
    panel.webview.html = reportHtml(reports, nonce, panel.webview.cspSource, {
      title: vscode.l10n.t('Nested virtualization probe'),
      copy: vscode.l10n.t('Copy remediation'),
      remediation: vscode.l10n.t('Remediation'),
      error: vscode.l10n.t('Probe failed'),
      hint: vscode.l10n.t('Hint'),
    }, reports.length > 1 ? fleetReport(reports, { locale }) : undefined);
    panel.reveal(undefined, true);
  };

  const run = async (targets: string[], local: boolean): Promise<void> => {
    const s = readProbeSettings();
    const title = local ? vscode.l10n.t('Probing this machine') : vscode.l10n.t('Probing {0} host(s)', targets.length);
    const reports = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort());
      const common = { sshPath: s.sshPath, connectTimeout: s.connectTimeout, novaConfPath: s.novaConfPath, locale, signal: ac.signal, novaDiagnostics: novaRulesFor(s.release) };
      log.appendLine(`[${new Date().toISOString()}] ${title}`);
      if (local) return [await probeHost(LOCAL_HOST, { ...common, local: true })];
      return probeHosts(targets, {
        ...common,
        concurrency: s.concurrency,
        onStart: (h) => log.appendLine(vscode.l10n.t('probing {0}…', h)),
        onResult: (r, done, total) => progress.report({ increment: 100 / total, message: `${done}/${total} ${r.host}` }),
      });
    });
    for (const r of reports) log.append(renderHostText(r, locale));
    await remember(reports);
    showReport(reports);
    const failed = reports.filter((r) => r.error).length;
    if (failed) void vscode.window.showWarningMessage(vscode.l10n.t('{0} of {1} host(s) could not be probed; see the report.', failed, reports.length));
  };

  const pickHost = async (): Promise<string | undefined> => {
    const s = readProbeSettings();
    const typeIt = vscode.l10n.t('Type a host…');
    const items: vscode.QuickPickItem[] = [
      ...s.hosts.map((h) => ({ label: h, description: vscode.l10n.t('nestedVirt.hosts') })),
      ...readSshConfigAliases().filter((h) => !s.hosts.includes(h)).map((h) => ({ label: h, description: '~/.ssh/config' })),
      { label: typeIt, alwaysShow: true },
    ];
    const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Host to probe over ssh') });
    if (!picked) return undefined;
    if (picked.label !== typeIt) return picked.label;
    return vscode.window.showInputBox({
      prompt: vscode.l10n.t('ssh destination: host, user@host, or an alias from ~/.ssh/config'),
      validateInput: (v) => (validateHost(v.trim()) ? vscode.l10n.t('Not a valid host: no leading "-", spaces or shell characters.') : undefined),
    }).then((v) => v?.trim() || undefined);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.probeHost, async (arg?: unknown) => {
      if (untrusted()) return;
      const host = typeof arg === 'string' && !validateHost(arg) ? arg : await pickHost();
      if (host) await run([host], false);
    }),
    vscode.commands.registerCommand(Commands.probeLocal, async () => {
      if (untrusted()) return;
      await run([], true);
    }),
    vscode.commands.registerCommand(Commands.probeAll, async () => {
      if (untrusted()) return;
      const hosts = readProbeSettings().hosts;
      if (!hosts.length) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No hosts configured: add them to the nestedVirt.hosts setting.'));
        return;
      }
      await run(hosts, false);
    }),
    vscode.commands.registerCommand(Commands.selectHost, async (arg?: unknown) => {
      const facts = known();
      if (typeof arg === 'string' || arg === null) {
        await select(typeof arg === 'string' && facts[arg] ? arg : undefined);
        return;
      }
      const none = vscode.l10n.t('None (turn host-aware diagnostics off)');
      const items: vscode.QuickPickItem[] = [
        ...Object.values(facts).map((f) => ({
          label: f.host,
          description: [f.cpu.vendor, f.nested.module ? `${f.nested.module} nested=${f.nested.enabled === null ? '?' : f.nested.enabled ? 'on' : 'off'}` : ''].filter(Boolean).join(' · '),
          detail: vscode.l10n.t('probed {0}', f.probedAt),
        })),
        { label: none },
      ];
      const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Host whose facts drive host-aware diagnostics (probe hosts first)') });
      if (!picked) return;
      await select(picked.label === none ? undefined : picked.label);
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => showStatus()),
  );
}
