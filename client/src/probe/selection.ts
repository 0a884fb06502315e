/**
 * The host whose probed facts drive host-aware diagnostics: kept in global state
 * across sessions, shown in a status bar item, sent to the server on change.
 */
import * as vscode from 'vscode';
import { Commands } from '../../../shared/src/commands';
import type { HostFacts } from '../../../shared/src/hostFacts';
import type { HostReport } from '../../../shared/src/probeReport';

const SELECTED_KEY = 'nestedVirt.probe.selectedHost';
const FACTS_KEY = 'nestedVirt.probe.facts';

export class HostSelection {
  private readonly status: vscode.StatusBarItem;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly sendFacts: (facts: HostFacts | null) => void,
  ) {
    this.status = vscode.window.createStatusBarItem('nestedVirt.probe.host', vscode.StatusBarAlignment.Left, 10);
    this.status.name = vscode.l10n.t('Nested Virt host');
    this.status.command = Commands.selectHost;
    context.subscriptions.push(this.status);
    // Restore the selection from the last session.
    const sel = this.selected();
    if (sel && this.known()[sel]) sendFacts(this.known()[sel]);
    this.showStatus();
  }

  /** Facts of every host probed so far, by host. */
  known(): Record<string, HostFacts> {
    return this.context.globalState.get<Record<string, HostFacts>>(FACTS_KEY) ?? {};
  }

  selected(): string | undefined {
    return this.context.globalState.get<string>(SELECTED_KEY);
  }

  showStatus(): void {
    const sel = this.selected();
    this.status.text = sel ? `$(server) ${sel}` : `$(server) ${vscode.l10n.t('No host')}`;
    this.status.tooltip = sel ? vscode.l10n.t('Host-aware diagnostics use {0}. Click to change.', sel) : vscode.l10n.t('Select a probed host for host-aware diagnostics');
    this.status.show();
  }

  async select(host: string | undefined): Promise<void> {
    await this.context.globalState.update(SELECTED_KEY, host);
    this.sendFacts(host ? this.known()[host] ?? null : null);
    this.showStatus();
  }

  /** Stores the new facts; refreshes the selected host's, or selects the one host probed when none is. */
  async remember(reports: readonly HostReport[]): Promise<void> {
    const facts = { ...this.known() };
    for (const r of reports) if (r.hostFacts) facts[r.host] = r.hostFacts;
    await this.context.globalState.update(FACTS_KEY, facts);
    const current = this.selected();
    if (current && reports.some((r) => r.host === current && r.hostFacts)) this.sendFacts(facts[current]);
    else if (!current && reports.length === 1 && reports[0].hostFacts) await this.select(reports[0].host);
  }

  /** The quick pick of probed hosts; undefined when dismissed, null for "none". */
  async pick(): Promise<string | null | undefined> {
    const none = vscode.l10n.t('None (turn host-aware diagnostics off)');
    const items: vscode.QuickPickItem[] = [
      ...Object.values(this.known()).map((f) => ({
        label: f.host,
        description: [f.cpu.vendor, f.nested.module ? `${f.nested.module} nested=${f.nested.enabled === null ? '?' : f.nested.enabled ? 'on' : 'off'}` : ''].filter(Boolean).join(' · '),
        detail: vscode.l10n.t('probed {0}', f.probedAt),
      })),
      { label: none },
    ];
    const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Host whose facts drive host-aware diagnostics (probe hosts first)') });
    if (!picked) return undefined;
    return picked.label === none ? null : picked.label;
  }
}
