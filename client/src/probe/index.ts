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
import type { HostReport } from '../../../shared/src/probeReport';
import { readSshConfigAliases } from './hosts';
import { HostSelection, PROBE_NEW } from './selection';
import { verdictOf, type Verdict } from './verdict';
import { readProbeSettings } from './settings';
import { ReportView } from './view';

/**
 * The host to probe: configured hosts, ~/.ssh/config aliases, or whatever is typed
 * (offered as the first item as soon as it is a valid ssh destination).
 */
async function pickHost(): Promise<string | undefined> {
  const s = readProbeSettings();
  const known: vscode.QuickPickItem[] = [
    ...s.hosts.map((h) => ({ label: h, description: vscode.l10n.t('nestedVirt.hosts') })),
    ...readSshConfigAliases().filter((h) => !s.hosts.includes(h)).map((h) => ({ label: h, description: '~/.ssh/config' })),
  ];
  const qp = vscode.window.createQuickPick();
  qp.placeholder = vscode.l10n.t('Host to probe over ssh: pick one or type host, user@host or an ssh alias');
  qp.items = known;
  qp.onDidChangeValue((v) => {
    const typed = v.trim();
    const exact = known.some((k) => k.label === typed);
    const valid = typed !== '' && !validateHost(typed);
    qp.items = valid && !exact ? [{ label: typed, description: vscode.l10n.t('probe this host'), alwaysShow: true }, ...known] : known;
  });
  const picked = await new Promise<string | undefined>((resolve) => {
    qp.onDidAccept(() => {
      const typed = qp.value.trim();
      const item = qp.selectedItems[0]?.label ?? (typed && !validateHost(typed) ? typed : undefined);
      if (item) {
        resolve(item);
        qp.hide();
      }
    });
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  qp.dispose();
  return picked;
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
    private readonly log: vscode.LogOutputChannel,
    context: vscode.ExtensionContext,
  ) {
    context.subscriptions.push(client.onNotification(ProbeProgressNotification.type, (p) => this.progressOf.get(p.token)?.(p)));
  }

  run(targets: string[], local: boolean, title: string): Thenable<ProbeResult> {
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const progressToken = randomBytes(8).toString('hex');
      this.progressOf.set(progressToken, (p) => {
        if (p.kind === 'start') this.log.info(vscode.l10n.t('probing {0}…', p.host));
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

/** The toast when a probe ends: the verdict in words, and "Open report" to bring the report back. */
function finalToast(reports: readonly HostReport[], open: () => void): void {
  const openReport = vscode.l10n.t('Open Report');
  const counts: Record<Verdict, number> = { ready: 0, attention: 0, blocked: 0, error: 0 };
  for (const r of reports) counts[verdictOf(r)]++;
  let text: string;
  if (reports.length === 1) {
    const r = reports[0];
    const v = verdictOf(r);
    text = v === 'error' ? vscode.l10n.t('{0} could not be probed: {1}', r.host, r.error?.message ?? '')
      : v === 'blocked' ? vscode.l10n.t('{0}: nested virtualization is blocked. The report has the fix.', r.host)
      : v === 'attention' ? vscode.l10n.t('{0}: nested virtualization works; some checks need attention. The report says which.', r.host)
      : vscode.l10n.t('{0}: nested virtualization is ready.', r.host);
  } else {
    text = vscode.l10n.t('Probed {0} hosts: {1} ready, {2} need attention, {3} blocked, {4} not probed.', reports.length, counts.ready, counts.attention, counts.blocked, counts.error);
  }
  const shown = counts.ready < reports.length ? vscode.window.showWarningMessage(text, openReport) : vscode.window.showInformationMessage(text, openReport);
  void shown.then((c) => {
    if (c === openReport) open();
  });
}

export function registerProbe(
  context: vscode.ExtensionContext,
  client: BaseLanguageClient,
  sendFacts: (facts: HostFacts | null) => void,
  log: vscode.LogOutputChannel,
): void {
  const selection = new HostSelection(context, sendFacts);
  const view = new ReportView(context);
  const server = new ServerProbe(client, log, context);

  const run = async (targets: string[], local: boolean): Promise<void> => {
    const title = local ? vscode.l10n.t('Probing this machine') : vscode.l10n.t('Probing {0} host(s)', targets.length);
    log.info(title);
    let result: ProbeResult;
    try {
      result = await server.run(targets, local, title);
    } catch (e) {
      if (e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled) return;
      const message = e instanceof Error ? e.message : String(e);
      log.error(message);
      void vscode.window.showErrorMessage(vscode.l10n.t('The probe could not run in the language server: {0}', message));
      return;
    }
    const reports = result.hosts.map((h) => h.report);
    for (const h of result.hosts) log.info(h.text.trimEnd());
    await selection.remember(reports);
    view.show(reports, result.fleet);
    finalToast(reports, () => view.reopen(reports));
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
        const open = vscode.l10n.t('Open Settings');
        const probeOne = vscode.l10n.t('Probe a Host…');
        const c = await vscode.window.showInformationMessage(vscode.l10n.t('No hosts configured: add them to the nestedVirt.hosts setting.'), open, probeOne);
        if (c === open) await vscode.commands.executeCommand('workbench.action.openSettings', 'nestedVirt.hosts');
        if (c === probeOne) await vscode.commands.executeCommand(Commands.probeHost);
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
      if (picked === PROBE_NEW) await vscode.commands.executeCommand(Commands.probeHost);
      else if (picked !== undefined) await selection.select(picked ?? undefined);
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => selection.showStatus()),
  );
}
