/**
 * Which files are modprobe.d files or kernel command lines, by path: the ONE
 * detection used by the server (documents of other language ids) and the CLI.
 * Mirrors the `modprobe-conf` language's `filenames`/`filenamePatterns` in
 * package.json: `**\/modprobe.d/*.conf`, `modprobe.conf`, `**\/etc/default/grub`,
 * `**\/kernel/cmdline`.
 */

import { COMMANDS } from './parser';

export type ModprobeKind = 'modprobe' | 'cmdline';

export const MODPROBE_FILENAMES = ['modprobe.conf'] as const;
export const MODPROBE_FILENAME_PATTERNS = ['**/modprobe.d/*.conf', '**/etc/default/grub', '**/kernel/cmdline'] as const;

/** The directories kmod reads, in priority order (a file name in an earlier one hides later ones). */
export const MODPROBE_DIRS = ['/etc/modprobe.d', '/run/modprobe.d', '/usr/local/lib/modprobe.d', '/usr/lib/modprobe.d', '/lib/modprobe.d'] as const;

function parts(fsPath: string): string[] {
  return fsPath.replace(/\\/g, '/').split('/').filter((p) => p !== '');
}

/** `/etc/modprobe.conf` (in a tree or on a host), which module-init-tools read and kmod never does. */
export function isLegacyModprobePath(fsPath: string): boolean {
  const p = parts(fsPath);
  return p[p.length - 1] === 'modprobe.conf' && p[p.length - 2] === 'etc';
}

export function modprobeKindOfPath(fsPath: string): ModprobeKind | undefined {
  const p = parts(fsPath);
  const base = p[p.length - 1] ?? '';
  const parent = p[p.length - 2] ?? '';
  if (base === 'modprobe.conf' || (parent === 'modprobe.d' && base.endsWith('.conf') && base.length > 5)) return 'modprobe';
  if (base === 'grub' && parent === 'default' && p[p.length - 3] === 'etc') return 'cmdline';
  if (base === 'cmdline' && parent === 'kernel') return 'cmdline';
  return undefined;
}

export interface ModprobePlace {
  /** Everything before the system directory (a chroot, an image tree, a repo folder); '' for `/`. */
  readonly root: string;
  /** The kmod directory it stands for, e.g. `/etc/modprobe.d`. */
  readonly dir: (typeof MODPROBE_DIRS)[number];
  readonly name: string;
}

/**
 * Where a modprobe.d file sits in kmod's search path, for a path such as
 * `images/base/usr/lib/modprobe.d/kvm.conf`; undefined when the folder above
 * modprobe.d is none of kmod's.
 */
export function modprobePlace(fsPath: string): ModprobePlace | undefined {
  const norm = fsPath.replace(/\\/g, '/');
  for (const dir of MODPROBE_DIRS) {
    const at = norm.lastIndexOf(dir + '/');
    if (at < 0) continue;
    const name = norm.slice(at + dir.length + 1);
    // usr/local/lib and usr/lib also end in lib/modprobe.d: take the longest match.
    if (dir === '/lib/modprobe.d' && /\/usr(\/local)?$/.test(norm.slice(0, at))) continue;
    if (dir === '/usr/lib/modprobe.d' && norm.slice(0, at).endsWith('/usr/local')) continue;
    if (name.includes('/') || !name.endsWith('.conf')) return undefined;
    return { root: norm.slice(0, at), dir, name };
  }
  return undefined;
}

/** A shell file that assigns GRUB_* variables: /etc/default/grub or a copy of it. */
export function looksLikeGrub(text: string): boolean {
  return /^[ \t]*(?:export[ \t]+)?GRUB_[A-Z_]+=/m.test(text);
}

const COMMAND_LINE = new RegExp(`^[ \t]*(?:${COMMANDS.join('|')})[ \t]`);
const INI_LINE = /^[ \t]*\[|^[ \t]*[A-Za-z_][\w.-]*[ \t]*=/;

/**
 * modprobe.d text with no path to go by (stdin): some line starts with a modprobe command
 * (`options`, `blacklist`…) and no line looks like INI (a `[section]` or a `key = value`).
 * A line continued from the one before (`\` at its end) is part of that command.
 */
export function looksLikeModprobe(text: string): boolean {
  let command = false;
  let continued = false;
  for (const line of text.split('\n')) {
    if (!continued) {
      if (INI_LINE.test(line)) return false;
      if (COMMAND_LINE.test(line)) command = true;
    }
    continued = /\\\r?$/.test(line);
  }
  return command;
}

/**
 * A kernel command line as /proc/cmdline gives it: one line of words, some `name=value`, none
 * a lone `=` (INI's `key = value`), the first not a modprobe command.
 */
export function looksLikeCmdline(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length !== 1) return false;
  const words = lines[0].trim().split(/\s+/);
  if (/^[[#;]/.test(words[0]) || COMMAND_LINE.test(lines[0]) || words.includes('=')) return false;
  return words[0].startsWith('BOOT_IMAGE=') || (words.length > 1 && words.some((w) => /^[A-Za-z_][\w.-]*=/.test(w)));
}

/**
 * Which of the two languages a `modprobe-conf` document is: by path when the path
 * says, otherwise a command line when it assigns GRUB_* variables.
 */
export function modprobeKindOf(fsPath: string, text: string): ModprobeKind {
  return modprobeKindOfPath(fsPath) ?? (looksLikeGrub(text) ? 'cmdline' : 'modprobe');
}
