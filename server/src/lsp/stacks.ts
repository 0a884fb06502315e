/**
 * The server's side of nova.conf stacks: which `*.conf` files exist around a document
 * (one asynchronous walk per folder, kept until a watched file is created or deleted),
 * which stack the document belongs to, and the members' texts: the open document's
 * when there is one, else the file on disk (fs/promises; never sync I/O here).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { StackDocs } from '../facade/stacks';
import { findStacks, homeStack, settingStacks, type StackSpec } from '../lang/nova/stackLayout';
import type { ServerSettings } from '../../../shared/src/settings';
import type { Logger } from './logger';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test']);
/** A workspace bigger than this is not searched further for stack members. */
const MAX_ENTRIES = 50_000;
/** Outside a workspace folder: how deep to search below the folder the layout points at. */
const LOOSE_DEPTH = 3;

export class StackFinder {
  private folders: string[] = [];
  private readonly listings = new Map<string, Promise<string[]>>();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly logger: Logger,
  ) {}

  setWorkspaceFolders(uris: readonly string[]): void {
    this.folders = uris.flatMap((u) => (u.startsWith('file:') ? [fileURLToPath(u)] : []));
    this.invalidate();
  }

  /** A `*.conf` file appeared or went away: list the folders again on next use. */
  invalidate(): void {
    this.listings.clear();
  }

  /** The stack the document is linted in, with every member's text; undefined when it is alone. */
  async stackOf(uri: string, settings: ServerSettings): Promise<{ stack: StackDocs; member: number; others: StackSpec[] } | undefined> {
    if (!uri.startsWith('file:')) return undefined;
    const file = fileURLToPath(uri);
    const root = this.folders.filter((f) => file.startsWith(f + path.sep)).sort((a, b) => b.length - a.length)[0];
    const confs = await this.listing(root ?? looseRoot(file), root ? Infinity : LOOSE_DEPTH);
    const all = confs.includes(file) ? confs : [...confs, file];
    const specs: StackSpec[] = [...settingStacks(settings.novaStacks ?? [], all, root ?? path.dirname(file)), ...findStacks(all)];
    const spec = homeStack(specs, file);
    if (!spec || spec.paths.length < 2) return undefined;
    const stack = await this.load(spec);
    if (!stack) return undefined;
    const others = specs.filter((s) => s !== spec && s.paths.includes(file));
    return { stack, member: spec.paths.indexOf(file), others };
  }

  /** A stack with the texts of its members; undefined when one cannot be read. */
  async load(spec: StackSpec): Promise<StackDocs | undefined> {
    const docs = await Promise.all(spec.paths.map((p) => this.docOf(p)));
    return docs.some((d) => d === undefined) ? undefined : { spec, docs: docs as TextDocument[] };
  }

  private async docOf(p: string): Promise<TextDocument | undefined> {
    const uri = pathToFileURL(p).toString();
    const open = this.documents.get(uri);
    if (open) return open;
    try {
      const [text, st] = await Promise.all([readFile(p, 'utf8'), stat(p)]);
      // Files on disk get a version from their modification time and size, so the parse cache sees changes.
      return TextDocument.create(uri, 'nova-conf', -(Math.floor(st.mtimeMs) * 1000 + (text.length % 1000)), text);
    } catch (e) {
      this.logger.warn(`stack member ${p} cannot be read: ${String(e)}`);
      return undefined;
    }
  }

  private listing(root: string, depth: number): Promise<string[]> {
    let p = this.listings.get(root);
    if (!p) {
      p = walkConfs(root, depth).catch((e: unknown) => {
        this.logger.warn(`cannot list ${root}: ${String(e)}`);
        return [];
      });
      this.listings.set(root, p);
    }
    return p;
  }
}

/**
 * For a file outside the workspace, the folder its layout points at: the folder holding
 * `nova.conf.d/`, the kolla `config/` folder above `nova/…`, else its own folder.
 */
export function looseRoot(file: string): string {
  const dir = path.dirname(file);
  const up = (d: string, n: number): string => (n === 0 ? d : up(path.dirname(d), n - 1));
  if (path.basename(dir) === 'nova.conf.d') return up(dir, 1);
  if (path.basename(dir) === 'nova' && path.basename(file) === 'nova-compute.conf') return up(dir, 1);
  if (path.basename(path.dirname(dir)) === 'nova' && path.basename(file) === 'nova.conf') return up(dir, 2);
  return dir;
}

/** Every `*.conf` under root down to `maxDepth` folders, breadth first, without recursion. */
async function walkConfs(root: string, maxDepth: number): Promise<string[]> {
  const out: string[] = [];
  const queue: [string, number][] = [[root, 0]];
  let seen = 0;
  for (let i = 0; i < queue.length && seen < MAX_ENTRIES; i++) {
    const [dir, depth] = queue[i];
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      seen++;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && depth < maxDepth) queue.push([full, depth + 1]);
      } else if (e.isFile() && e.name.endsWith('.conf')) out.push(full);
    }
  }
  return out;
}
