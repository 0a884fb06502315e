/**
 * Reads a cpu_map's files from disk for the pure parser in lang/cpumap/read.ts, with the
 * checks a path from the settings needs: only directories and regular files (a FIFO would
 * block, /dev/zero never ends), each file at most MAX_CPU_MAP_FILE_BYTES. The server uses
 * the asynchronous reader, so a slow or odd path never blocks it; the CLI the synchronous one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CpuMapFiles } from '../lang/cpumap/read';

/** No cpu_map file is near this: libvirt's largest (x86_features.xml) is under 100 KB. */
export const MAX_CPU_MAP_FILE_BYTES = 16 * 1024 * 1024;
/** At most this many files are read from a cpu_map directory. */
const MAX_FILES = 1000;

type Kind = 'file' | 'dir' | 'missing' | string;

function kindOf(st: fs.Stats): Kind {
  if (st.isDirectory()) return 'dir';
  if (st.isFile()) return st.size > MAX_CPU_MAP_FILE_BYTES ? `it is ${(st.size / 1048576).toFixed(1)} MB, over the 16 MB limit` : 'file';
  if (st.isFIFO()) return 'it is a FIFO, not a regular file';
  if (st.isCharacterDevice()) return 'it is a character device, not a regular file';
  return 'it is not a regular file';
}

class Snapshot implements CpuMapFiles {
  readonly kinds = new Map<string, Kind>();
  readonly texts = new Map<string, string>();
  kind(file: string): Kind {
    return this.kinds.get(path.resolve(file)) ?? 'missing';
  }
  text(file: string): string {
    return this.texts.get(path.resolve(file)) ?? '';
  }
}

/** The files of `location` (a directory's *.xml, or the one file), read asynchronously. */
export async function readCpuMapFiles(location: string): Promise<CpuMapFiles> {
  const snap = new Snapshot();
  const add = async (file: string): Promise<Kind> => {
    const full = path.resolve(file);
    let kind: Kind;
    try {
      kind = kindOf(await fs.promises.stat(full));
      if (kind === 'file') {
        const buf = await fs.promises.readFile(full);
        if (buf.length > MAX_CPU_MAP_FILE_BYTES) kind = 'it grew over the 16 MB limit while being read';
        else snap.texts.set(full, buf.toString('utf8'));
      }
    } catch (e) {
      kind = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : `cannot read it: ${(e as Error).message}`;
    }
    snap.kinds.set(full, kind);
    return kind;
  };
  if ((await add(location)) === 'dir') {
    const names = (await fs.promises.readdir(location)).filter((n) => n.endsWith('.xml')).slice(0, MAX_FILES);
    for (const n of names) await add(path.join(location, n));
  }
  return snap;
}

/** The same, synchronously, for the CLI. */
export function readCpuMapFilesSync(location: string): CpuMapFiles {
  const snap = new Snapshot();
  const add = (file: string): Kind => {
    const full = path.resolve(file);
    let kind: Kind;
    try {
      kind = kindOf(fs.statSync(full));
      if (kind === 'file') snap.texts.set(full, fs.readFileSync(full, 'utf8'));
    } catch (e) {
      kind = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : `cannot read it: ${(e as Error).message}`;
    }
    snap.kinds.set(full, kind);
    return kind;
  };
  if (add(location) === 'dir') {
    for (const n of fs.readdirSync(location).filter((x) => x.endsWith('.xml')).slice(0, MAX_FILES)) add(path.join(location, n));
  }
  return snap;
}
