/**
 * `lint` over modprobe.d trees: files of one tree (an image, a chroot, a config
 * repo laid out as etc/modprobe.d, usr/lib/modprobe.d…) are judged together, the
 * way kmod reads them — which file of a name wins, and which later file sets a value
 * again. (`etc/modprobe.conf`, which kmod never reads, is flagged by the façade for
 * every client.) The rules live in lang/modprobe/files.ts; this only groups the inputs.
 */
import * as path from 'node:path';
import { byPosition } from '../core/finding';
import type { Locale } from '../core/l10n';
import { modprobePlace, treeFindings, type ConfFile } from '../lang/modprobe';
import type { FileFindings } from '../edge/text';

interface Input {
  readonly file: string;
  readonly text: string;
  readonly type: string;
}

interface TreeFile extends ConfFile {
  readonly index: number;
}

/** Adds the tree findings to `results` (same order as `inputs`), in place. */
export function modprobeTreeFindings(inputs: readonly Input[], results: FileFindings[], cwd: string, locale: Locale): void {
  const trees = new Map<string, TreeFile[]>();
  const addTo = (index: number, extra: FileFindings['findings']): void => {
    if (extra.length === 0) return;
    const r = results[index];
    results[index] = { ...r, findings: [...r.findings, ...extra].sort(byPosition) };
  };
  inputs.forEach((input, index) => {
    if (input.type !== 'modprobe' || input.file === '-') return;
    const full = path.resolve(cwd, input.file).replace(/\\/g, '/');
    const place = modprobePlace(full);
    if (!place) return;
    const list = trees.get(place.root) ?? [];
    list.push({ dir: place.dir, name: place.name, text: input.text, index });
    trees.set(place.root, list);
  });
  for (const files of trees.values()) {
    treeFindings(files, locale).forEach((extra, i) => addTo(files[i].index, extra));
  }
}
