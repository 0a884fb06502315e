/**
 * Which files nova-compute reads together, from a list of paths (pure: the callers in
 * cli/ and lsp/ walk the file system). Paths use `/`; results keep the caller's spelling.
 *
 *  - kolla-ansible (`nova-cell` role, `merge_configs`): `global.conf`, `nova.conf`,
 *    `nova/nova-compute.conf`, then `nova/<inventory_hostname>/nova.conf`, all under the
 *    `node_custom_config` folder. One stack per host folder, plus one for every other host.
 *  - oslo.config: `nova.conf` then `--config-dir nova.conf.d`, whose files are Python's
 *    `sorted(glob('nova.conf.d/*.conf'))`: code-point order of the names, no dot files,
 *    no subfolders.
 *  - explicit: the files in the order given (`--stack a,b,c`, `nestedVirt.nova.stacks`).
 */
import type { StackKind } from './stack';

export interface StackSpec {
  readonly kind: StackKind;
  readonly name: string;
  readonly host?: string;
  /** The folder labels are relative to. */
  readonly root: string;
  readonly paths: readonly string[];
}

function norm(p: string): string {
  return p.replace(/\\/g, '/');
}
function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}
function baseOf(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}
function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}
/** Python's string order: by code point (UTF-16 order differs only beyond the BMP). */
export function codePointCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The label of a member: its path relative to the stack's folder. */
export function labelIn(root: string, p: string): string {
  const n = norm(p);
  const r = norm(root);
  return r !== '' && n.startsWith(r + '/') ? n.slice(r.length + 1) : n;
}

/** Every stack among the paths: kolla folders first, then nova.conf.d folders. */
export function findStacks(paths: readonly string[]): StackSpec[] {
  const byNorm = new Map<string, string>();
  for (const p of paths) byNorm.set(norm(p), p);
  const has = (p: string): string | undefined => byNorm.get(p);
  const kollaRoots = new Set<string>();
  const confD = new Map<string, string[]>();
  for (const n of byNorm.keys()) {
    const dir = dirOf(n);
    const base = baseOf(n);
    // <root>/nova/nova-compute.conf or <root>/nova/<host>/nova.conf
    if (base === 'nova-compute.conf' && baseOf(dir) === 'nova') kollaRoots.add(dirOf(dir));
    if (base === 'nova.conf' && baseOf(dirOf(dir)) === 'nova') kollaRoots.add(dirOf(dirOf(dir)));
    if (baseOf(dir) === 'nova.conf.d' && base.endsWith('.conf') && !base.startsWith('.')) {
      const list = confD.get(dirOf(dir));
      if (list) list.push(n);
      else confD.set(dirOf(dir), [n]);
    }
  }
  const out: StackSpec[] = [];
  for (const root of [...kollaRoots].sort(codePointCompare)) out.push(...kollaStacks(root, byNorm));
  for (const [dir, frags] of [...confD].sort((a, b) => codePointCompare(a[0], b[0]))) {
    frags.sort(codePointCompare);
    const main = has(join(dir, 'nova.conf'));
    const list = [...(main ? [main] : []), ...frags.map((f) => byNorm.get(f) as string)];
    out.push({ kind: 'oslo', name: 'oslo', root: dir, paths: list });
  }
  return out;
}

function kollaStacks(root: string, byNorm: ReadonlyMap<string, string>): StackSpec[] {
  const base = ['global.conf', 'nova.conf', 'nova/nova-compute.conf'].map((f) => byNorm.get(join(root, f))).filter((p): p is string => p !== undefined);
  const prefix = join(root, 'nova') + '/';
  const hosts: [string, string][] = [];
  for (const [n, p] of byNorm) {
    if (!n.startsWith(prefix) || !n.endsWith('/nova.conf')) continue;
    const host = n.slice(prefix.length, -'/nova.conf'.length);
    if (host !== '' && !host.includes('/')) hosts.push([host, p]);
  }
  hosts.sort((a, b) => codePointCompare(a[0], b[0]));
  const out: StackSpec[] = [];
  if (base.length) out.push({ kind: 'kolla', name: 'kolla:*', root, paths: base });
  for (const [host, p] of hosts) out.push({ kind: 'kolla', name: `kolla:${host}`, host, root, paths: [...base, p] });
  return out;
}

/** The stack given by the user, in their order; labels relative to the files' common folder. */
export function explicitStack(paths: readonly string[], name = 'explicit'): StackSpec {
  let root = paths.length ? dirOf(norm(paths[0])) : '';
  for (const p of paths) while (root !== '' && !norm(p).startsWith(root + '/')) root = dirOf(root);
  return { kind: 'explicit', name, root, paths: [...paths] };
}

/**
 * A glob as a RegExp over `/` paths: `**` any folders, `*` and `?` within a name,
 * `{a,b}` alternatives, `[...]` classes. Linear in the glob.
 */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  const g = norm(glob);
  let inBraces = false;
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        const slash = g[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      inBraces = true;
      re += '(?:';
    } else if (c === '}' && inBraces) {
      inBraces = false;
      re += ')';
    } else if (c === ',' && inBraces) re += '|';
    else if (c === '[') {
      const close = g.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        re += '[' + g.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * `nestedVirt.nova.stacks`: each stack is a list of globs, relative to `root` unless
 * absolute; the files each glob matches are taken in name order, globs in the order given.
 */
export function settingStacks(globLists: readonly (readonly string[])[], paths: readonly string[], root: string): StackSpec[] {
  const normed = paths.map((p) => [norm(p), p] as const);
  const out: StackSpec[] = [];
  globLists.forEach((globs, i) => {
    const list: string[] = [];
    const seen = new Set<string>();
    for (const g of globs) {
      const abs = norm(g).startsWith('/') || /^[a-z]:\//i.test(norm(g)) ? norm(g) : join(norm(root), norm(g).replace(/^\.\//, ''));
      const re = globToRegExp(abs);
      const hits = normed.filter(([n]) => re.test(n)).sort((a, b) => codePointCompare(a[0], b[0]));
      for (const [n, p] of hits) {
        if (seen.has(n)) continue;
        seen.add(n);
        list.push(p);
      }
    }
    if (list.length) out.push({ ...explicitStack(list, `setting:${i + 1}`) });
  });
  return out;
}

/**
 * The stack a file is linted in by default: one where it is the last file (its own
 * host's stack), else the first that holds it (kolla's "all other hosts").
 */
export function homeStack<S extends { readonly paths: readonly string[] }>(stacks: readonly S[], p: string): S | undefined {
  const n = norm(p);
  let first: S | undefined;
  for (const s of stacks) {
    const i = s.paths.findIndex((x) => norm(x) === n);
    if (i < 0) continue;
    if (i === s.paths.length - 1) return s;
    first ??= s;
  }
  return first;
}
