/**
 * Hosts from an Ansible INI inventory. The `ini` package reads `key=value`
 * files, but Ansible host lines are `name key=value key=value` with ranges
 * (`web[01:20].example`), so this reads the format directly:
 *  - `[group]` host lines, `[group:vars]` and `[group:children]` are not hosts;
 *  - `ansible_host`, `ansible_user`, `ansible_port` (and the old `ansible_ssh_*`)
 *    build the ssh destination; everything else is ignored;
 *  - `#` and `;` start comments; duplicates are probed once.
 */
import { validateHost } from './ssh';

export interface InventoryHost {
  /** The inventory name: used in reports. */
  readonly name: string;
  /** What ssh connects to: `name`, `user@host`, or `ssh://user@host:port`. */
  readonly destination: string;
  readonly groups: readonly string[];
}

export interface InventoryResult {
  readonly hosts: readonly InventoryHost[];
  /** Lines that could not be used, with why. */
  readonly problems: readonly { readonly line: number; readonly message: string }[];
}

const MAX_EXPANSION = 10_000;

/** Expands Ansible's `[a:b]` / `[01:10]` / `[1:10:2]` ranges. */
export function expandRange(pattern: string): string[] {
  const m = /^(.*?)\[([0-9a-zA-Z]+):([0-9a-zA-Z]+)(?::(\d+))?\](.*)$/.exec(pattern);
  if (!m) return [pattern];
  const [, pre, a, b, stepText, post] = m;
  const step = stepText ? Math.max(1, Number(stepText)) : 1;
  const out: string[] = [];
  const rest = expandRange(post);
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const width = a.startsWith('0') ? a.length : 0;
    for (let i = Number(a); i <= Number(b) && out.length < MAX_EXPANSION; i += step) {
      for (const r of rest) out.push(pre + String(i).padStart(width, '0') + r);
    }
  } else if (/^[a-zA-Z]$/.test(a) && /^[a-zA-Z]$/.test(b)) {
    for (let c = a.charCodeAt(0); c <= b.charCodeAt(0) && out.length < MAX_EXPANSION; c += step) {
      for (const r of rest) out.push(pre + String.fromCharCode(c) + r);
    }
  } else {
    return [pattern];
  }
  return out;
}

function splitWords(line: string): string[] {
  const words: string[] = [];
  const re = /(?:[^\s"']+|"[^"]*"|'[^']*')+/g;
  for (const m of line.matchAll(re)) words.push(m[0]);
  return words;
}

function unquote(v: string): string {
  return v.replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
}

export function parseInventory(text: string): InventoryResult {
  const hosts = new Map<string, { name: string; destination: string; groups: string[] }>();
  const problems: { line: number; message: string }[] = [];
  let group = 'ungrouped';
  let hostSection = true;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length && i < 200_000; i++) {
    const line = lines[i].trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const sec = /^\[([^\]]+)\]$/.exec(line);
    if (sec) {
      const [g, kind] = sec[1].split(':');
      group = g.trim();
      hostSection = kind === undefined;
      continue;
    }
    if (!hostSection) continue;
    const words = splitWords(line.replace(/\s#.*$/, ''));
    if (!words.length) continue;
    const vars: Record<string, string> = {};
    for (const w of words.slice(1)) {
      const eq = w.indexOf('=');
      if (eq > 0) vars[w.slice(0, eq)] = unquote(w.slice(eq + 1));
    }
    for (const name of expandRange(words[0])) {
      const addr = vars.ansible_host ?? vars.ansible_ssh_host ?? name;
      const user = vars.ansible_user ?? vars.ansible_ssh_user;
      const port = vars.ansible_port ?? vars.ansible_ssh_port;
      let destination = user ? `${user}@${addr}` : addr;
      if (port && /^\d{1,5}$/.test(port) && port !== '22') {
        const h = addr.includes(':') && !addr.startsWith('[') ? `[${addr}]` : addr;
        destination = `ssh://${user ? `${user}@` : ''}${h}:${port}`;
      }
      const bad = validateHost(destination) ?? validateHost(name);
      if (bad) {
        problems.push({ line: i + 1, message: bad });
        continue;
      }
      const existing = hosts.get(name);
      if (existing) {
        if (!existing.groups.includes(group)) existing.groups.push(group);
      } else {
        hosts.set(name, { name, destination, groups: [group] });
      }
    }
  }
  return { hosts: [...hosts.values()], problems };
}
