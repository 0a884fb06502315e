/**
 * kmod's view of a whole configuration tree: which modprobe.d files it reads, in
 * which order, and what that means for the lines in them. Pure functions over
 * (dir, name, text) triples, so the CLI and the tests can hand in any tree.
 */
import type { Translate } from '../../core/l10n';
import type { ModprobeFinding } from './context';
import { acceptsValue, kvmModule, kvmParam } from './modules';
import { modprobeT, type ModprobeMessageKey } from './messages';
import { parseModprobe, type ModprobeFile, type Word } from './parser';
import { MODPROBE_DIRS } from './paths';
import type { Locale } from '../../core/l10n';

export interface ConfFile {
  /** One of kmod's directories, e.g. `/usr/lib/modprobe.d`. */
  readonly dir: string;
  /** The file name, e.g. `kvm.conf`. */
  readonly name: string;
  readonly text: string;
}

export interface Precedence<F extends ConfFile> {
  /** The files kmod reads, in the order it reads them (by file name). */
  readonly read: readonly F[];
  /** Files it skips, each with the file of the same name that wins. */
  readonly hidden: readonly { readonly file: F; readonly by: F }[];
}

const rank = (dir: string): number => {
  const i = (MODPROBE_DIRS as readonly string[]).indexOf(dir.replace(/\/+$/, ''));
  return i < 0 ? MODPROBE_DIRS.length : i;
};

/**
 * Which files win: for each file name the one in the earliest directory (/etc,
 * /run, /usr/local/lib, /usr/lib, /lib); the winners sorted by name (byte order, as
 * kmod's strcmp). O(n log n).
 */
export function whichFilesWin<F extends ConfFile>(files: readonly F[]): Precedence<F> {
  const byName = new Map<string, F>();
  const ordered = [...files].sort((a, b) => rank(a.dir) - rank(b.dir));
  const hidden: { file: F; by: F }[] = [];
  for (const f of ordered) {
    const w = byName.get(f.name);
    if (w) hidden.push({ file: f, by: w });
    else byName.set(f.name, f);
  }
  const read = [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { read, hidden };
}

const pathOf = (f: ConfFile): string => `${f.dir.replace(/\/+$/, '')}/${f.name}`;

function lineEnd(text: string): number {
  const i = text.search(/\r?\n/);
  return i < 0 ? text.length : i;
}

/**
 * Findings that only the whole tree shows, per file (same order as `files`):
 * a hidden file, and an `options` value that a file read later sets again.
 */
export function treeFindings<F extends ConfFile>(files: readonly F[], locale: Locale): ModprobeFinding[][] {
  const t: Translate<ModprobeMessageKey> = modprobeT(locale);
  const out = new Map<F, ModprobeFinding[]>(files.map((f) => [f, []]));
  const { read, hidden } = whichFilesWin(files);
  for (const h of hidden) {
    out.get(h.file)?.push({ code: 'modprobe-file-hidden', severity: 'warning', start: 0, end: lineEnd(h.file.text), message: t('fileHidden', pathOf(h.by)) });
  }
  interface Set1 { file: F; name: Word; module: string; key: string }
  const sets: Set1[] = [];
  const parsed = new Map<F, ModprobeFile>(read.map((f) => [f, parseModprobe(f.text)]));
  for (const f of read) {
    for (const d of parsed.get(f)?.directives ?? []) {
      if (d.command !== 'options' || !d.moduleName || !kvmModule(d.moduleName)) continue;
      for (const p of d.params) {
        const spec = kvmParam(d.moduleName, p.key);
        if (spec && acceptsValue(spec, p.valueText)) sets.push({ file: f, name: p.name, module: d.moduleName, key: p.key });
      }
    }
  }
  const last = new Map<string, Set1>();
  for (const s of sets) last.set(`${s.module}.${s.key}`, s);
  for (const s of sets) {
    const w = last.get(`${s.module}.${s.key}`);
    if (!w || w.file === s.file) continue;
    out.get(s.file)?.push({ code: 'modprobe-overridden-by-file', severity: 'warning', start: s.name.start, end: s.name.end, message: t('overriddenByFile', s.module, s.key, pathOf(w.file)) });
  }
  return files.map((f) => out.get(f) ?? []);
}

/** The one finding of a file at `/etc/modprobe.conf`, which kmod never reads (empty when the file has no directive). */
export function legacyFileFindings(file: ModprobeFile, locale: Locale): ModprobeFinding[] {
  const first = file.directives[0];
  if (!first) return [];
  return [{ code: 'modprobe-legacy-file', severity: 'warning', start: first.keyword.start, end: first.keyword.end, message: modprobeT(locale)('legacyFile') }];
}
