/**
 * The probe UI: commands nestedVirt.probeHost / probeLocal / probeAll /
 * selectHost, progress with cancel, an output channel, a webview report with a
 * strict CSP, and a status bar item for the host whose facts drive the editor.
 *
 * The probe itself runs in the language server (`nestedVirt/probe`), so this
 * bundle carries no probe engine. Disabled in untrusted workspaces: the request is
 * never sent there. Binaries and ssh options come only from user or machine
 * settings, never from a workspace, and travel in the request.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { LSPErrorCodes, ResponseError, type BaseLanguageClient } from 'vscode-languageclient';
import type { HostFacts } from '../../../shared/src/hostFacts';
import { Commands } from '../../../shared/src/commands';
import { validateHost } from '../../../shared/src/hostName';
import type { HostReport } from '../../../shared/src/probeReport';
import { ProbeProgressNotification, ProbeRequest, type ProbeProgressParams, type ProbeResult } from '../../../shared/src/protocol';
import { PROBE_SETTING_KEYS, settingValue, SECTION, type ProbeSettings, type SettingKey } from '../../../shared/src/settings';
import { readSshConfigAliases } from './hosts';
import { reportHtml } from './html';

const SELECTED_KEY = 'nestedVirt.probe.selectedHost';
const FACTS_KEY = 'nestedVirt.probe.facts';

/** Settings only a user (or the machine) may set: they choose what the server runs. */
const MACHINE_ONLY = new Set<keyof ProbeSettings>(['sshPath', 'connectTimeout', 'novaConfPath']);

/** One setting of the `nestedVirt` section; machine-scoped ones from user/global values only, never a workspace's. */
function readSetting(cfg: vscode.WorkspaceConfiguration, key: SettingKey, machineOnly: boolean): unknown {
  const name = key.slice(SECTION.length + 1);
  if (!machineOnly) return cfg.get<unknown>(name);
  const i = cfg.inspect<unknown>(name);
  return i?.globalValue ?? i?.defaultValue;
}

/** The ProbeSettings sent with nestedVirt/probe (checked against the one schema), and the configured hosts. */
export function readProbeSettings(): { settings: ProbeSettings; hosts: string[] } {
  const cfg = vscode.workspace.getConfiguration(SECTION);
  const raw: Record<string, unknown> = {};
  for (const [field, key] of Object.entries(PROBE_SETTING_KEYS)) {
    raw[field] = settingValue(key, readSetting(cfg, key, MACHINE_ONLY.has(field as keyof ProbeSettings)));
  }
  const hosts = cfg.get<unknown>('hosts');
  return {
    settings: raw as ProbeSettings,
    hosts: Array.isArray(hosts) ? hosts.filter((h): h is string => typeof h === 'string' && !validateHost(h)) : [],
  };
}

export function registerProbe(
  context: vscode.ExtensionContext,
  client: BaseLanguageClient,
  sendFacts: (facts: HostFacts | null) => void,
  output?: vscode.OutputChannel,
): void {
  const log = output ?? vscode.window.createOutputChannel('nested-virt probe');
  if (!output) context.subscriptions.push(log);
  // Progress of the requests in flight, by the token each one sent.
  const progressOf = new Map<string, (p: ProbeProgressParams) => void>();
  context.subscriptions.push(client.onNotification(ProbeProgressNotification.type, (p) => progressOf.get(p.token)?.(p)));
  const status = vscode.window.createStatusBarItem('nestedVirt.probe.host', vscode.StatusBarAlignment.Left, 10);
  status.name = vscode.l10n.t('Nested Virt host');
  status.command = Commands.selectHost;
  context.subscriptions.push(status);
  let panel: vscode.WebviewPanel | undefined;
  let shown: readonly HostReport[] = [];

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

  const showReport = (reports: readonly HostReport[]): void => {
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
    });
    panel.reveal(undefined, true);
  };

  /** Sends nestedVirt/probe; cancelling the notification cancels the request, and the server kills ssh. */
  const request = (targets: string[], local: boolean, title: string): Thenable<ProbeResult> =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const progressToken = randomBytes(8).toString('hex');
      progressOf.set(progressToken, (p) => {
        if (p.kind === 'start') log.appendLine(vscode.l10n.t('probing {0}…', p.host));
        else progress.report({ increment: 100 / p.total, message: `${p.done}/${p.total} ${p.host}` });
      });
      try {
        return await client.sendRequest(ProbeRequest.type, { targets, local, settings: readProbeSettings().settings, progressToken }, token);
      } finally {
        progressOf.delete(progressToken);
      }
    });

  const run = async (targets: string[], local: boolean): Promise<void> => {
    const title = local ? vscode.l10n.t('Probing this machine') : vscode.l10n.t('Probing {0} host(s)', targets.length);
    log.appendLine(`[${new Date().toISOString()}] ${title}`);
    let result: ProbeResult;
    try {
      result = await request(targets, local, title);
    } catch (e) {
      if (e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled) return;
      const message = e instanceof Error ? e.message : String(e);
      log.appendLine(message);
      void vscode.window.showErrorMessage(vscode.l10n.t('The probe could not run in the language server: {0}', message));
      return;
    }
    const reports = result.hosts.map((h) => h.report);
    for (const h of result.hosts) log.append(h.text);
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
