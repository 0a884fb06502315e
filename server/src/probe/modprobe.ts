/**
 * How modprobe (kmod) reads modprobe.d, reduced to what matters for `nested`. The
 * lines come from the shared modprobe.d parser (lang/modprobe, via facts.ts), the one
 * the editor and the CLI use; this module judges them against the probed host:
 *  - directories by priority /etc, /run, /usr/local/lib, /usr/lib, /lib; a file
 *    shadows files of the same name in lower-priority directories;
 *  - the remaining files are read in order of their names; `options` lines for a
 *    module accumulate and the kernel applies parameters left to right, so the
 *    last `nested=` wins;
 *  - module names are compared with `-` and `_` the same;
 *  - a built-in module never reads modprobe.d: only the kernel command line counts;
 *  - `/etc/modprobe.conf` is not read at all (kmod's config paths are the
 *    modprobe.d directories only; module-init-tools read it, kmod replaced it).
 */
import type { ModprobeLine, ProbeFacts } from '../../../shared/src/probeReport';
import { normaliseBool } from './facts';
import { MODPROBE_DIRS } from '../lang/modprobe';

export type LineKind =
  | 'effective'
  | 'overridden'
  | 'shadowed'
  | 'legacy-file'
  | 'no-module'
  | 'other-vendor'
  | 'builtin'
  | 'blacklist'
  | 'install'
  | 'not-nested';

export interface LineVerdict {
  readonly line: ModprobeLine;
  readonly kind: LineKind;
  /** For overridden: the line that wins. */
  readonly by?: ModprobeLine;
  /** For shadowed: the file that wins. */
  readonly shadowedBy?: string;
  /** For no-module: the module it probably meant. */
  readonly suggestion?: string;
  /** The nested value it sets, when it sets one. */
  readonly nested?: boolean | null;
}

export interface ModprobeAnalysis {
  readonly verdicts: readonly LineVerdict[];
  /** Per module (normalised): the line whose nested= takes effect at the next load. */
  readonly effectiveNested: ReadonlyMap<string, ModprobeLine>;
  readonly deniedFiles: readonly string[];
}

const LEGACY_FILE = '/etc/modprobe.conf';
const DIR_PRIORITY: readonly string[] = MODPROBE_DIRS;
export const KNOWN_KVM_MODULES = ['kvm', 'kvm_intel', 'kvm_amd', 'kvm_hv', 'kvm_pr', 'kvm_pvm'];
const SUSPECT_NAMES = new Set(['amd', 'intel', 'vmx', 'svm', 'amd_kvm', 'intel_kvm', 'kvm_vmx', 'kvm_svm', 'kvmintel', 'kvmamd']);

export function knownModules(f: ProbeFacts): Set<string> {
  const s = new Set<string>(KNOWN_KVM_MODULES);
  for (const m of f.modules) s.add(m.name);
  for (const m of f.loadedModules) s.add(m);
  for (const m of f.builtinList ?? []) s.add(m);
  for (const m of f.availableModules ?? []) s.add(m);
  return s;
}

export function isBuiltin(f: ProbeFacts, module: string): boolean {
  return f.modules.some((m) => m.name === module && m.builtin) || (f.builtinList ?? []).includes(module);
}

function nestedParam(l: ModprobeLine): { value?: string } | undefined {
  let found: { value?: string } | undefined;
  for (const p of l.params) if (p.name.replace(/-/g, '_') === 'nested') found = p;
  return found;
}

function relevant(l: ModprobeLine): boolean {
  const m = l.module ?? '';
  return m.includes('kvm') || SUSPECT_NAMES.has(m) || (l.command === 'options' && nestedParam(l) !== undefined);
}

export function analyseModprobe(f: ProbeFacts, vendorModule: string | undefined): ModprobeAnalysis {
  const known = knownModules(f);
  const byBase = new Map<string, string>();
  const shadowed = new Map<string, string>();
  const files = [...f.modprobe.files].sort((a, b) => {
    const pa = DIR_PRIORITY.indexOf(a.dir), pb = DIR_PRIORITY.indexOf(b.dir);
    return (pa < 0 ? 99 : pa) - (pb < 0 ? 99 : pb);
  });
  const readFiles: typeof files = [];
  const verdicts: LineVerdict[] = [];
  for (const file of files) {
    if (file.path === LEGACY_FILE) {
      for (const l of file.lines) if (relevant(l)) verdicts.push({ line: l, kind: 'legacy-file', nested: l.command === 'options' ? lineNestedOrUndefined(l) : undefined });
      continue;
    }
    const winner = byBase.get(file.base);
    if (winner) {
      // With /lib -> usr/lib both listings are the same file: drop the copy.
      const sameFile = f.modprobe.libLink !== undefined && /^\/(usr\/)?lib\/modprobe\.d$/.test(file.dir) && /^\/(usr\/)?lib\/modprobe\.d$/.test(winner.slice(0, winner.lastIndexOf('/')));
      if (!sameFile) shadowed.set(file.path, winner);
      continue;
    }
    byBase.set(file.base, file.path);
    readFiles.push(file);
  }
  const deniedFiles = files.filter((x) => x.denied).map((x) => x.path);
  // Shadowed files' lines still get a verdict.
  for (const file of files) {
    const by = shadowed.get(file.path);
    if (!by) continue;
    for (const l of file.lines) if (relevant(l)) verdicts.push({ line: l, kind: 'shadowed', shadowedBy: by });
  }
  readFiles.sort((a, b) => (a.base < b.base ? -1 : a.base > b.base ? 1 : 0));
  const lastNested = new Map<string, ModprobeLine>();
  const pending: { l: ModprobeLine; nested?: boolean | null }[] = [];
  for (const file of readFiles) {
    for (const l of file.lines) {
      if (!relevant(l)) continue;
      const mod = l.module ?? '';
      if (!known.has(mod)) {
        const suggestion = mod.includes('amd') || mod.includes('svm') ? 'kvm_amd' : mod.includes('intel') || mod.includes('vmx') ? 'kvm_intel' : vendorModule ?? 'kvm_intel';
        const np = nestedParam(l);
        verdicts.push({ line: l, kind: 'no-module', suggestion, nested: np ? normaliseBool(np.value ?? '1') : undefined });
        continue;
      }
      if (l.command === 'blacklist') { verdicts.push({ line: l, kind: 'blacklist' }); continue; }
      if (l.command === 'install') { verdicts.push({ line: l, kind: 'install' }); continue; }
      if (l.command !== 'options') { verdicts.push({ line: l, kind: 'not-nested' }); continue; }
      const np = nestedParam(l);
      if (!np) { verdicts.push({ line: l, kind: 'not-nested' }); continue; }
      const nested = normaliseBool(np.value ?? '1');
      if (isBuiltin(f, mod)) { verdicts.push({ line: l, kind: 'builtin', nested }); continue; }
      if (vendorModule && (mod === 'kvm_intel' || mod === 'kvm_amd') && mod !== vendorModule) {
        verdicts.push({ line: l, kind: 'other-vendor', nested });
        continue;
      }
      lastNested.set(mod, l);
      pending.push({ l, nested });
    }
  }
  for (const p of pending) {
    const winner = lastNested.get(p.l.module ?? '');
    if (winner === p.l) verdicts.push({ line: p.l, kind: 'effective', nested: p.nested });
    else verdicts.push({ line: p.l, kind: 'overridden', by: winner, nested: p.nested });
  }
  verdicts.sort((a, b) => (a.line.file === b.line.file ? a.line.line - b.line.line : a.line.file < b.line.file ? -1 : 1));
  return { verdicts, effectiveNested: lastNested, deniedFiles };
}

function lineNestedOrUndefined(l: ModprobeLine): boolean | null | undefined {
  const np = nestedParam(l);
  return np ? normaliseBool(np.value ?? '1') : undefined;
}

/** The nested value a modprobe line sets. */
export function lineNested(l: ModprobeLine): boolean | null {
  const np = nestedParam(l);
  return np ? normaliseBool(np.value ?? '1') : null;
}
