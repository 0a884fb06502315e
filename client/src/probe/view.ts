/** The probe report webview: one panel, reused; its Copy buttons put a check's remediation on the clipboard. */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { HostReport } from '../../../shared/src/probeReport';
import { reportHtml } from './html';

export class ReportView {
  private panel: vscode.WebviewPanel | undefined;
  private shown: readonly HostReport[] = [];

  constructor(private readonly context: vscode.ExtensionContext) {}

  show(reports: readonly HostReport[]): void {
    this.shown = reports;
    const panel = this.panel ?? this.create();
    panel.webview.html = reportHtml(reports, randomBytes(16).toString('base64'), panel.webview.cspSource, {
      title: vscode.l10n.t('Nested virtualization probe'),
      copy: vscode.l10n.t('Copy remediation'),
      remediation: vscode.l10n.t('Remediation'),
      error: vscode.l10n.t('Probe failed'),
      hint: vscode.l10n.t('Hint'),
    });
    panel.reveal(undefined, true);
  }

  private create(): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel('nestedVirt.probeReport', vscode.l10n.t('Nested virtualization probe'), vscode.ViewColumn.Beside, { enableScripts: true, localResourceRoots: [] });
    this.panel = panel;
    panel.onDidDispose(() => { this.panel = undefined; }, null, this.context.subscriptions);
    panel.webview.onDidReceiveMessage((m: unknown) => {
      const msg = (typeof m === 'object' && m !== null ? m : {}) as { type?: unknown; host?: unknown; check?: unknown };
      if (msg.type !== 'copy' || typeof msg.host !== 'number' || typeof msg.check !== 'number') return;
      const c = this.shown[msg.host]?.checks[msg.check];
      if (!c) return;
      void vscode.env.clipboard.writeText(c.remediation.join('\n')).then(() => vscode.window.setStatusBarMessage(vscode.l10n.t('Remediation copied'), 3000));
    }, null, this.context.subscriptions);
    return panel;
  }
}
