/**
 * Language status items for domain XML and nova.conf (the `{}` next to the language
 * name in the status bar): the nova release with its codename, the host arch, the
 * cpu_map in use and the selected probed host. Each one opens a picker to change it.
 */
import * as vscode from 'vscode';
import { Commands, LanguageIds } from '../../shared/src/commands';
import type { HostFacts } from '../../shared/src/hostFacts';
import { HOST_ARCHES, NOVA_RELEASES, parseServerSettings, releaseLabel, type NovaRelease } from '../../shared/src/settings';

const SELECTOR: vscode.DocumentSelector = [{ language: LanguageIds.xml }, { language: LanguageIds.novaConf }];

/** What the items show, for the in-editor tests (language status items cannot be queried through the API). */
export interface StatusTexts {
  readonly release: string;
  readonly hostArch: string;
  readonly cpuMap: string;
  readonly host: string;
}

export class LanguageStatus implements vscode.Disposable {
  private readonly release = vscode.languages.createLanguageStatusItem('nestedVirt.release', SELECTOR);
  private readonly arch = vscode.languages.createLanguageStatusItem('nestedVirt.hostArch', SELECTOR);
  private readonly cpuMap = vscode.languages.createLanguageStatusItem('nestedVirt.cpuMap', SELECTOR);
  private readonly host = vscode.languages.createLanguageStatusItem('nestedVirt.host', SELECTOR);
  private readonly subs: vscode.Disposable[] = [];
  private loadedCpuMap: string | undefined;
  private facts: HostFacts | null = null;

  constructor() {
    this.release.name = vscode.l10n.t('Nova release');
    this.arch.name = vscode.l10n.t('Compute host arch');
    this.cpuMap.name = vscode.l10n.t('cpu_map');
    this.host.name = vscode.l10n.t('Probed host');
    this.release.command = { title: vscode.l10n.t('Change'), command: Commands.changeRelease };
    this.arch.command = { title: vscode.l10n.t('Change'), command: Commands.changeHostArch };
    this.cpuMap.command = { title: vscode.l10n.t('Change'), command: Commands.changeCpuMap };
    this.host.command = { title: vscode.l10n.t('Select'), command: Commands.selectHost };
    this.subs.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('nestedVirt')) this.refresh();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.commands.registerCommand(Commands.changeRelease, () => this.pickRelease()),
      vscode.commands.registerCommand(Commands.changeHostArch, () => this.pickArch()),
      vscode.commands.registerCommand(Commands.changeCpuMap, () => this.pickCpuMap()),
    );
    this.refresh();
  }

  /** The cpu_map the server loaded (`bundled` or a path), from its ready notification. */
  setLoadedCpuMap(source: string): void {
    this.loadedCpuMap = source;
    this.refresh();
  }

  setHost(facts: HostFacts | null): void {
    this.facts = facts;
    this.refresh();
  }

  texts(): StatusTexts {
    return { release: this.release.text, hostArch: this.arch.text, cpuMap: this.cpuMap.text, host: this.host.text };
  }

  private settings(): { release: NovaRelease; hostArch: string; cpuMap: string } {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const cfg = vscode.workspace.getConfiguration('nestedVirt', uri);
    const s = parseServerSettings({ nova: { release: cfg.get('nova.release'), hostArch: cfg.get('nova.hostArch') }, cpuMap: { path: cfg.get('cpuMap.path') } });
    return { release: s.novaRelease, hostArch: s.hostArch, cpuMap: s.cpuMapPath };
  }

  private refresh(): void {
    const s = this.settings();
    this.release.text = `$(versions) ${releaseLabel(s.release)}`;
    this.release.detail = vscode.l10n.t('nova release for nova.conf checks');
    this.arch.text = `$(chip) ${this.facts?.arch ?? s.hostArch}`;
    this.arch.detail = this.facts?.arch ? vscode.l10n.t('arch of {0}', this.facts.host) : vscode.l10n.t('compute host arch (setting)');
    const loaded = this.loadedCpuMap && s.cpuMap === 'auto' ? ` → ${this.loadedCpuMap}` : '';
    this.cpuMap.text = `$(library) cpu_map: ${s.cpuMap}${loaded}`;
    this.cpuMap.detail = vscode.l10n.t('CPU models and features');
    this.host.text = this.facts ? `$(server) ${this.facts.host}` : `$(server) ${vscode.l10n.t('No host')}`;
    this.host.detail = this.facts ? vscode.l10n.t('host-aware diagnostics, probed {0}', this.facts.probedAt) : vscode.l10n.t('probe a host for host-aware diagnostics');
  }

  /** Workspace settings when a folder is open (the release is per project), else user settings. */
  private target(): vscode.ConfigurationTarget {
    return vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  }

  private async pickRelease(): Promise<void> {
    const current = this.settings().release;
    const items = [...NOVA_RELEASES].reverse().map((r) => ({ label: releaseLabel(r), release: r, picked: r === current, description: r === current ? vscode.l10n.t('current') : undefined }));
    const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('OpenStack release of the nova.conf files') });
    if (picked) await vscode.workspace.getConfiguration('nestedVirt').update('nova.release', picked.release, this.target());
  }

  private async pickArch(): Promise<void> {
    const current = this.settings().hostArch;
    const picked = await vscode.window.showQuickPick(HOST_ARCHES.map((a) => ({ label: a, description: a === current ? vscode.l10n.t('current') : undefined })), {
      placeHolder: vscode.l10n.t('Architecture of the compute hosts'),
    });
    if (picked) await vscode.workspace.getConfiguration('nestedVirt').update('nova.hostArch', picked.label, this.target());
  }

  private async pickCpuMap(): Promise<void> {
    const folder = vscode.l10n.t('Choose a cpu_map folder…');
    const picked = await vscode.window.showQuickPick(
      [
        { label: 'auto', description: vscode.l10n.t("this machine's libvirt cpu_map, else the bundled one") },
        { label: 'bundled', description: vscode.l10n.t('the cpu_map shipped with the extension') },
        { label: folder },
      ],
      { placeHolder: vscode.l10n.t('cpu_map for model and feature names') },
    );
    if (!picked) return;
    let value = picked.label;
    if (picked.label === folder) {
      const uri = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: true, canSelectMany: false, openLabel: vscode.l10n.t('Use this cpu_map') });
      if (!uri?.[0]) return;
      value = uri[0].fsPath;
    }
    await vscode.workspace.getConfiguration('nestedVirt').update('cpuMap.path', value, vscode.ConfigurationTarget.Global);
  }

  dispose(): void {
    for (const d of [this.release, this.arch, this.cpuMap, this.host, ...this.subs]) d.dispose();
  }
}
