/** Host names for the pickers: settings, and Host aliases in ~/.ssh/config. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validateHost } from '../../../shared/src/hostName';

/** Concrete `Host` aliases (no wildcards or negations) from an ssh_config text, following nothing. */
export function sshConfigAliases(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*Host\s+(.+)$/i.exec(raw);
    if (!m) continue;
    for (const name of m[1].split(/\s+/)) {
      if (!name || /[*?!]/.test(name) || validateHost(name)) continue;
      if (!out.includes(name)) out.push(name);
    }
  }
  return out;
}

export function readSshConfigAliases(file = path.join(os.homedir(), '.ssh', 'config')): string[] {
  try {
    const st = fs.statSync(file);
    if (!st.isFile() || st.size > 1024 * 1024) return [];
    return sshConfigAliases(fs.readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
}
