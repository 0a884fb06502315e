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
import { ProbeProgressNotification, ProbeRequest, type ProbeProgressParams, type ProbeResult } from '../../../shared/src/protocol';
import { readSshConfigAliases } from './hosts';
import { HostSelection } from './selection';
import { readProbeSettings } from './settings';
import { ReportView } from './view';

async function pickHost(): Promise<string | undefined> {
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
  const typed = await vscode.window.showInputBox({
    prompt: vscode.l10n.t('ssh destination: host, user@host, or an alias from ~/.ssh/config'),
    validateInput: (v) => (validateHost(v.trim()) ? vscode.l10n.t('Not a valid host: no leading "-", spaces or shell characters.') : undefined),
  });
  return typed?.trim() || undefined;
}

function untrusted(): boolean {
  if (vscode.workspace.isTrusted) return false;
  void vscode.window.showWarningMessage(vscode.l10n.t('The host probe is disabled in untrusted workspaces.'));
  return true;
}

/** Sends nestedVirt/probe to the language server, with progress; cancelling the notification cancels the request. */
class ServerProbe {
  /** Progress handlers of the requests in flight, by the token each one sent. */
  private readonly progressOf = new Map<string, (p: ProbeProgressParams) => void>();

  constructor(
    private readonly client: BaseLanguageClient,
    private readonly log: vscode.OutputChannel,
    context: vscode.ExtensionContext,
  ) {
    context.subscriptions.push(client.onNotification(ProbeProgressNotification.type, (p) => this.progressOf.get(p.token)?.(p)));
  }

  run(targets: string[], local: boolean, title: string): Thenable<ProbeResult> {
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const progressToken = randomBytes(8).toString('hex');
      this.progressOf.set(progressToken, (p) => {
        if (p.kind === 'start') this.log.appendLine(vscode.l10n.t('probing {0}…', p.host));
        else progress.report({ increment: 100 / p.total, message: `${p.done}/${p.total} ${p.host}` });
      });
      try {
        const params = { targets, local, settings: readProbeSettings().settings, progressToken };
        return await this.client.sendRequest(ProbeRequest.type, params, token);
      } finally {
        this.progressOf.delete(progressToken);
      }
    });
  }
}

export function registerProbe(
  context: vscode.ExtensionContext,
  client: BaseLanguageClient,
  sendFacts: (facts: HostFacts | null) => void,
  output?: vscode.OutputChannel,
): void {
  const log = output ?? vscode.window.createOutputChannel('nested-virt probe');
  if (!output) context.subscriptions.push(log);
  const selection = new HostSelection(context, sendFacts);
  const view = new ReportView(context);
  const server = new ServerProbe(client, log, context);

  const run = async (targets: string[], local: boolean): Promise<void> => {
    const title = local ? vscode.l10n.t('Probing this machine') : vscode.l10n.t('Probing {0} host(s)', targets.length);
    log.appendLine(`[${new Date().toISOString()}] ${title}`);
    let result: ProbeResult;
    try {
      result = await server.run(targets, local, title);
    } catch (e) {
      if (e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled) return;
      const message = e instanceof Error ? e.message : String(e);
      log.appendLine(message);
      void vscode.window.showErrorMessage(vscode.l10n.t('The probe could not run in the language server: {0}', message));
      return;
    }
    const reports = result.hosts.map((h) => h.report);
    for (const h of result.hosts) log.append(h.text);
    await selection.remember(reports);
    view.show(reports);
    const failed = reports.filter((r) => r.error).length;
    if (failed) void vscode.window.showWarningMessage(vscode.l10n.t('{0} of {1} host(s) could not be probed; see the report.', failed, reports.length));
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
      if (typeof arg === 'string' || arg === null) {
        await selection.select(typeof arg === 'string' && selection.known()[arg] ? arg : undefined);
        return;
      }
      const picked = await selection.pick();
      if (picked !== undefined) await selection.select(picked ?? undefined);
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => selection.showStatus()),
  );
}
