/**
 * The probe report webviews: one tab per host (a probe of several hosts opens one
 * fleet tab), titled with the host, reused when the same host (or fleet) is probed
 * again. Copy buttons put a check's remediation on the clipboard and say so.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { FleetReport } from '../../../shared/src/fleetReport';
import type { HostReport } from '../../../shared/src/probeReport';
import { reportHtml, type HtmlLabels } from './html';

export const REPORT_VIEW_TYPE = 'nestedVirt.probeReport';

interface Shown {
  readonly panel: vscode.WebviewPanel;
  reports: readonly HostReport[];
}

function labels(): HtmlLabels {
  return {
    title: vscode.l10n.t('Nested virtualization probe'),
    copy: vscode.l10n.t('Copy remediation'),
    copied: vscode.l10n.t('Copied'),
    remediation: vscode.l10n.t('Remediation'),
    error: vscode.l10n.t('Probe failed'),
    hint: vscode.l10n.t('Hint'),
    verdict: {
      ready: vscode.l10n.t('nested virtualization is ready'),
      attention: vscode.l10n.t('nested virtualization works; some checks need attention'),
      blocked: vscode.l10n.t('nested virtualization is blocked'),
      error: vscode.l10n.t('could not be probed'),
    },
    columns: [vscode.l10n.t('Host'), vscode.l10n.t('Verdict'), vscode.l10n.t('CPU'), vscode.l10n.t('KVM module'), vscode.l10n.t('Checks that FAIL or WARN')],
    noModule: vscode.l10n.t('no kvm module'),
    blockedBy: vscode.l10n.t('blocked by'),
  };
}

export class ReportView {
  private readonly panels = new Map<string, Shown>();

  constructor(private readonly context: vscode.ExtensionContext) {}

  /** The tab's key and title: the host, or the fleet's size. */
  static titleOf(reports: readonly HostReport[]): { key: string; title: string } {
    if (reports.length === 1) return { key: `host:${reports[0].host}`, title: vscode.l10n.t('Probe: {0}', reports[0].host) };
    return { key: `fleet:${reports.map((r) => r.host).join(',')}`, title: vscode.l10n.t('Probe: {0} hosts', reports.length) };
  }

  /** `fleet`: the server's fleet report, shown with two or more hosts. */
  show(reports: readonly HostReport[], fleet?: FleetReport): void {
    const { key, title } = ReportView.titleOf(reports);
    let shown = this.panels.get(key);
    if (!shown) {
      shown = { panel: this.create(key, title), reports };
      this.panels.set(key, shown);
    }
    shown.reports = reports;
    const { panel } = shown;
    panel.title = title;
    panel.webview.html = reportHtml(reports, randomBytes(16).toString('base64'), panel.webview.cspSource, labels(), fleet);
    panel.reveal(undefined, true);
  }

  /** Shows the report again (the toast's "Open report"), re-creating its tab if it was closed. */
  reopen(reports: readonly HostReport[]): void {
    this.show(reports);
    this.panels.get(ReportView.titleOf(reports).key)?.panel.reveal(undefined, false);
  }

  private create(key: string, title: string): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, title, vscode.ViewColumn.Beside, { enableScripts: true, localResourceRoots: [] });
    panel.onDidDispose(() => this.panels.delete(key), null, this.context.subscriptions);
    panel.webview.onDidReceiveMessage((m: unknown) => {
      const msg = (typeof m === 'object' && m !== null ? m : {}) as { type?: unknown; host?: unknown; check?: unknown };
      if (msg.type !== 'copy' || typeof msg.host !== 'number' || typeof msg.check !== 'number') return;
      const r = this.panels.get(key)?.reports[msg.host];
      const c = r?.checks[msg.check];
      if (!r || !c) return;
      void vscode.env.clipboard.writeText(c.remediation.join('\n')).then(() =>
        vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Remediation for "{0}" on {1} copied', c.title, r.host), 4000),
      );
    }, null, this.context.subscriptions);
    return panel;
  }
}
