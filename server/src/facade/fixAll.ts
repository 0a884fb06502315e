/**
 * `source.fixAll.nestedVirt`: the unambiguous quick-fixes of a document in one edit.
 * Unambiguous means preferred (one clear candidate, a rename, a required attribute)
 * and targeted at its own diagnostic; the languages leave out broad rewrites such as
 * switching the CPU mode. Actions are taken in order; one whose edits touch an edit
 * already taken waits for the next run, so the combined edit is always valid.
 * Each edit is checked against its neighbours by binary search.
 */
import type { CodeAction, Position, TextEdit } from 'vscode-languageserver-protocol';

export const FIX_ALL_KIND = 'source.fixAll.nestedVirt';

const cmp = (a: Position, b: Position): number => a.line - b.line || a.character - b.character;

/** Index of the first taken edit that starts after `p` (taken is sorted by start). */
function upper(taken: readonly TextEdit[], p: Position): number {
  let lo = 0;
  let hi = taken.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cmp(taken[mid].range.start, p) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Edits touch when they overlap or share a point (two insertions at one place have no defined order). */
function touches(a: TextEdit, b: TextEdit): boolean {
  return cmp(a.range.start, b.range.end) <= 0 && cmp(b.range.start, a.range.end) <= 0;
}

function conflicts(taken: readonly TextEdit[], e: TextEdit): boolean {
  const i = upper(taken, e.range.start);
  return (i > 0 && touches(taken[i - 1], e)) || (i < taken.length && touches(taken[i], e));
}

export function fixAllAction(uri: string, actions: readonly CodeAction[], title: string): CodeAction | null {
  const taken: TextEdit[] = [];
  const seen = new Set<string>();
  for (const a of actions) {
    const edits = a.isPreferred ? (a.edit?.changes?.[uri] ?? []) : [];
    if (!edits.length) continue;
    const key = JSON.stringify(edits);
    if (seen.has(key)) continue;
    seen.add(key);
    if (edits.some((e) => conflicts(taken, e))) continue;
    for (const e of edits) taken.splice(upper(taken, e.range.start), 0, { range: e.range, newText: e.newText });
  }
  if (!taken.length) return null;
  return { title, kind: FIX_ALL_KIND, edit: { changes: { [uri]: taken } } };
}
