/**
 * "Did you mean" for an unknown `[libvirt]` key. Name distance alone misleads:
 * `cpu_modle = Haswell` is one edit from `cpu_mode`, which rejects `Haswell`,
 * and two from `cpu_models`, which takes it. So each candidate is scored by its
 * distance (a deprecated name counts as its current name), plus a penalty when the
 * line's value would not fit the candidate's type or choices, plus a larger one
 * when the candidate is already set in the section (renaming would duplicate it).
 */
import { editDistance } from '../../core/util/nearest';
import { archCatalogOf, type NovaContext } from './context';
import { novaOptions, type OptionSpec } from './options';
import type { NovaEntry } from './parser';
import { checkValue } from './values';

export interface KeySuggestion {
  readonly name: string;
  /** The section already sets it: the fix would make a duplicate. */
  readonly alreadySet: boolean;
  /** Lower is better: distance plus the penalties. */
  readonly score: number;
}

const MISFIT_PENALTY = 2;
const ALREADY_SET_PENALTY = 3;
const LIMIT = 3;

const norm = (s: string): string => s.toLowerCase().replace(/-/g, '_');

/** True when the value converts under the option's type, and a model list names cpu_map models. */
function valueFits(entry: NovaEntry, name: string, spec: OptionSpec, ctx: NovaContext): boolean {
  if (entry.value.trim() === '') return true;
  if (checkValue(entry, spec).length > 0) return false;
  if (name === 'cpu_models' || name === 'cpu_model') {
    const arch = archCatalogOf(ctx);
    if (!arch) return true;
    return entry.value.split(',').map((v) => v.trim()).filter(Boolean).every((m) => arch.model(m) !== undefined || arch.model(m.toLowerCase()) !== undefined);
  }
  return true;
}

/**
 * The best current option names for an unknown key, best first. `present` holds the keys the
 * section sets. Linear in the option table (each distance bounded by the key's length).
 */
export function suggestKeys(entry: NovaEntry, ctx: NovaContext, present: ReadonlySet<string>): KeySuggestion[] {
  const release = ctx.settings.novaRelease;
  const table = novaOptions();
  const key = norm(entry.key);
  const bound = Math.max(2, Math.floor(key.length / 3));
  const best = new Map<string, number>();
  const consider = (written: string, canonical: string): void => {
    const n = norm(written);
    let d = editDistance(key, n, bound);
    if (d > bound && key.length >= 3 && n.startsWith(key)) d = bound;
    if (d > bound) return;
    const prev = best.get(canonical);
    if (prev === undefined || d < prev) best.set(canonical, d);
  };
  for (const name of table.names(release)) consider(name, name);
  for (const [alias, target] of table.aliases(release)) consider(alias, target);
  const scored: { name: string; score: number; d: number; alreadySet: boolean }[] = [];
  for (const [name, d] of best) {
    const spec = table.get(name, release);
    if (!spec) continue;
    const alreadySet = present.has(name);
    const score = d + (valueFits(entry, name, spec, ctx) ? 0 : MISFIT_PENALTY) + (alreadySet ? ALREADY_SET_PENALTY : 0);
    scored.push({ name, score, d, alreadySet });
  }
  scored.sort((a, b) => a.score - b.score || a.d - b.d || a.name.length - b.name.length || a.name.localeCompare(b.name));
  return scored.slice(0, LIMIT).map(({ name, alreadySet, score }) => ({ name, alreadySet, score }));
}

/** The first suggestion is clearly best (a fix-all may apply it): not set yet, and no other scores as well. */
export function isClearSuggestion(s: readonly KeySuggestion[]): boolean {
  return s.length > 0 && !s[0].alreadySet && (s.length === 1 || s[0].score < s[1].score);
}
