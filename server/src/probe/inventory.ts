/**
 * Hosts from an Ansible INI inventory. The `ini` package reads `key=value`
 * files, but Ansible host lines are `name key=value key=value` with ranges
 * (`web[01:20].example`), so this reads the format directly, as Ansible does for
 * the connection variables `ansible_host`, `ansible_port`, `ansible_user` (and the old
 * `ansible_ssh_*` names):
 *  - host line variables win over group variables, which win over `[all:vars]`; among groups
 *    a child group (`[parent:children]`) wins over its parent, same depth by name order;
 *  - a bad `ansible_port`, a destination OpenSSH does not take, or more than MAX_HOSTS hosts
 *    is a problem reported with its line, never a silent fallback;
 *  - `#` and `;` start comments; duplicates are probed once.
 */
import { validateHost } from './ssh';

export interface InventoryHost {
  /** The inventory name: used in reports. */
  readonly name: string;
  /** What ssh connects to: `host` or `user@host`, host bare (IPv6 without brackets). */
  readonly destination: string;
  /** ansible_port, passed to ssh as `-p`; absent for the default. */
  readonly port?: number;
  readonly groups: readonly string[];
}

export interface InventoryResult {
  readonly hosts: readonly InventoryHost[];
  /** Lines that could not be used, with why. */
  readonly problems: readonly { readonly line: number; readonly message: string }[];
}

/** The most hosts an inventory may expand to. */
export const MAX_HOSTS = 10_000;

type Vars = Record<string, string>;

/** How many names a pattern expands to, without expanding (ranges multiply). */
function rangeCount(pattern: string): number {
  let n = 1;
  for (const m of pattern.matchAll(/\[([0-9a-zA-Z]+):([0-9a-zA-Z]+)(?::(\d+))?\]/g)) {
    const step = m[3] ? Math.max(1, Number(m[3])) : 1;
    const [a, b] = /^\d+$/.test(m[1]) && /^\d+$/.test(m[2]) ? [Number(m[1]), Number(m[2])] : [m[1].charCodeAt(0), m[2].charCodeAt(0)];
    n *= b >= a ? Math.floor((b - a) / step) + 1 : 0;
    if (n > MAX_HOSTS) return n;
  }
  return n;
}

/** Expands Ansible's `[a:b]` / `[01:10]` / `[1:10:2]` ranges, iteratively; at most `limit` names. */
export function expandRange(pattern: string, limit = MAX_HOSTS): string[] {
  let out = [''];
  let rest = pattern;
  for (;;) {
    const m = /^(.*?)\[([0-9a-zA-Z]+):([0-9a-zA-Z]+)(?::(\d+))?\]/.exec(rest);
    if (!m) break;
    const [whole, pre, a, b, stepText] = m;
    const step = stepText ? Math.max(1, Number(stepText)) : 1;
    const items: string[] = [];
    if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
      const width = a.startsWith('0') ? a.length : 0;
      for (let i = Number(a); i <= Number(b) && items.length < limit; i += step) items.push(String(i).padStart(width, '0'));
    } else if (/^[a-zA-Z]$/.test(a) && /^[a-zA-Z]$/.test(b)) {
      for (let c = a.charCodeAt(0); c <= b.charCodeAt(0) && items.length < limit; c += step) items.push(String.fromCharCode(c));
    } else {
      return [pattern];
    }
    const next: string[] = [];
    for (const o of out) for (const it of items) if (next.length < limit) next.push(o + pre + it);
    out = next;
    rest = rest.slice(whole.length);
  }
  return out.map((o) => o + rest);
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

function varsOf(words: readonly string[]): Vars {
  const vars: Vars = {};
  for (const w of words) {
    const eq = w.indexOf('=');
    if (eq > 0) vars[w.slice(0, eq)] = unquote(w.slice(eq + 1));
  }
  return vars;
}

interface Raw {
  readonly hosts: Map<string, { line: number; vars: Vars; groups: Set<string> }>;
  readonly groupVars: Map<string, Vars>;
  readonly children: Map<string, Set<string>>;
  readonly problems: { line: number; message: string }[];
}

function read(text: string): Raw {
  const raw: Raw = { hosts: new Map(), groupVars: new Map(), children: new Map(), problems: [] };
  let group = 'ungrouped';
  let kind: string | undefined;
  let total = 0;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length && i < 200_000; i++) {
    const line = lines[i].trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const sec = /^\[([^\]]+)\]$/.exec(line);
    if (sec) {
      const [g, k] = sec[1].split(':');
      group = g.trim();
      kind = k?.trim();
      continue;
    }
    const words = splitWords(line.replace(/\s#.*$/, ''));
    if (!words.length) continue;
    if (kind === 'vars') {
      const vars = raw.groupVars.get(group) ?? {};
      Object.assign(vars, varsOf([line.replace(/\s*=\s*/, '=')]));
      raw.groupVars.set(group, vars);
      continue;
    }
    if (kind === 'children') {
      const set = raw.children.get(group) ?? new Set<string>();
      set.add(words[0]);
      raw.children.set(group, set);
      continue;
    }
    const count = rangeCount(words[0]);
    if (total + count > MAX_HOSTS) {
      raw.problems.push({ line: i + 1, message: `the inventory expands to more than ${MAX_HOSTS} hosts; the rest is not read` });
      break;
    }
    total += count;
    const vars = varsOf(words.slice(1));
    for (const name of expandRange(words[0])) {
      const h = raw.hosts.get(name) ?? { line: i + 1, vars: {}, groups: new Set<string>() };
      Object.assign(h.vars, vars);
      h.groups.add(group);
      raw.hosts.set(name, h);
    }
  }
  return raw;
}

/**
 * Every group a host is in (its own and their ancestors through :children), with its depth
 * below `all` (1 for a top-level group): deeper groups override shallower ones, as in Ansible.
 * Iterative, with a guard against cycles: the nesting is the user's.
 */
function groupDepths(direct: ReadonlySet<string>, children: Raw['children']): Map<string, number> {
  const parents = new Map<string, string[]>();
  for (const [p, cs] of children) for (const c of cs) parents.set(c, [...(parents.get(c) ?? []), p]);
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const stack: string[] = [...direct];
  while (stack.length) {
    const g = stack[stack.length - 1];
    if (depth.has(g)) {
      stack.pop();
      continue;
    }
    const pending = (parents.get(g) ?? []).filter((p) => !depth.has(p) && !visiting.has(p));
    if (pending.length && !visiting.has(g)) {
      visiting.add(g);
      stack.push(...pending.slice(0, 64));
      continue;
    }
    let d = 1;
    for (const p of parents.get(g) ?? []) d = Math.max(d, (depth.get(p) ?? 0) + 1);
    depth.set(g, d);
    visiting.delete(g);
    stack.pop();
  }
  return depth;
}

const PORT = /^\d{1,5}$/;

export function parseInventory(text: string): InventoryResult {
  const raw = read(text);
  const problems = raw.problems;
  const hosts: InventoryHost[] = [];
  for (const [name, h] of raw.hosts) {
    const groups = groupDepths(h.groups, raw.children);
    const ordered = [...groups].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).map(([g]) => g);
    const vars: Vars = { ...(raw.groupVars.get('all') ?? {}) };
    for (const g of ordered) Object.assign(vars, raw.groupVars.get(g) ?? {});
    Object.assign(vars, h.vars);
    const addr = (vars.ansible_host ?? vars.ansible_ssh_host ?? name).replace(/^\[(.*)\]$/, '$1');
    const user = vars.ansible_user ?? vars.ansible_ssh_user;
    const portText = vars.ansible_port ?? vars.ansible_ssh_port;
    let port: number | undefined;
    if (portText !== undefined) {
      const n = Number(portText);
      if (!PORT.test(portText) || n < 1 || n > 65535) {
        problems.push({ line: h.line, message: `${name}: ansible_port ${JSON.stringify(portText)} is not a port (1-65535)` });
        continue;
      }
      if (n !== 22) port = n;
    }
    const destination = user ? `${user}@${addr}` : addr;
    const bad = validateHost(destination) ?? validateHost(name);
    if (bad) {
      problems.push({ line: h.line, message: bad });
      continue;
    }
    hosts.push({ name, destination, ...(port ? { port } : {}), groups: [...h.groups] });
  }
  return { hosts, problems };
}
