/** The probe's settings as the client sends them with nestedVirt/probe. */
import * as vscode from 'vscode';
import { validateHost } from '../../../shared/src/hostName';
import { PROBE_SETTING_KEYS, SECTION, settingValue, type ProbeSettings, type SettingKey } from '../../../shared/src/settings';

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
