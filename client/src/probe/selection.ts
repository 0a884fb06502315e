/**
 * The host whose probed facts drive host-aware diagnostics: kept in global state
 * across sessions, shown in a status bar item, sent to the server on change.
 */
import * as vscode from 'vscode';
import { Commands } from '../../../shared/src/commands';
import type { HostFacts } from '../../../shared/src/hostFacts';
import type { HostReport } from '../../../shared/src/probeReport';

const SELECTED_KEY = 'nestedVirt.probe.selectedHost';
/** What pick() returns for "Probe a new host…". */
export const PROBE_NEW = Symbol('probe a new host');

/** "5 minutes ago", in the display language. */
export function relativeTime(iso: string, now = Date.now()): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const s = Math.round((t - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(vscode.env.language, { numeric: 'auto' });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600], ['minute', 60]];
  for (const [unit, secs] of units) if (Math.abs(s) >= secs) return rtf.format(Math.round(s / secs), unit);
  return rtf.format(s, 'second');
}

/** The kvm module and nested state as probed: "kvm_amd, nested off"; what is missing when there is none. */
export function moduleSummary(f: HostFacts): string {
  if (f.nested.module) {
    const state = f.nested.enabled === null ? vscode.l10n.t('nested unknown') : f.nested.enabled ? vscode.l10n.t('nested on') : vscode.l10n.t('nested off');
    return `${f.nested.module}, ${state}`;
  }
  return f.cpu.vmx || f.cpu.svm ? vscode.l10n.t('no kvm module loaded') : vscode.l10n.t('no vmx/svm');
}
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

  /** The quick pick of probed hosts; undefined when dismissed, null for "none", PROBE_NEW to probe another. */
  async pick(): Promise<string | null | typeof PROBE_NEW | undefined> {
    const none = vscode.l10n.t('None (turn host-aware diagnostics off)');
    const probeNew = vscode.l10n.t('$(add) Probe a new host…');
    const current = this.selected();
    const hosts = Object.values(this.known()).sort((a, b) => b.probedAt.localeCompare(a.probedAt));
    const items: vscode.QuickPickItem[] = [
      ...hosts.map((f) => ({
        label: f.host,
        description: [f.cpu.vendor, f.arch, moduleSummary(f)].filter(Boolean).join(' · '),
        detail: vscode.l10n.t('probed {0}', relativeTime(f.probedAt)) + (f.host === current ? ` · ${vscode.l10n.t('selected')}` : ''),
      })),
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      { label: probeNew, alwaysShow: true },
      { label: none, alwaysShow: true },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      placeHolder: hosts.length ? vscode.l10n.t('Host whose facts drive host-aware diagnostics') : vscode.l10n.t('No host probed yet: probe one first'),
    });
    if (!picked) return undefined;
    if (picked.label === probeNew) return PROBE_NEW;
    return picked.label === none ? null : picked.label;
  }
}
