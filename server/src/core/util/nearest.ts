/** Edit distance with transpositions (optimal string alignment), bounded for speed. */
export function editDistance(a: string, b: string, bound = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > bound) return bound + 1;
  const m = a.length;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, prev2[j - 2] + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > bound) return bound + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}

/**
 * A per-document allowance of fresh searches (cached answers are free): past it, findings
 * keep their message but carry no suggestion, so 100,000 distinct unknown names stay cheap.
 */
export interface SearchBudget {
  left: number;
}

export const SEARCHES_PER_DOCUMENT = 200;

export function searchBudget(): SearchBudget {
  return { left: SEARCHES_PER_DOCUMENT };
}

/** Names longer than this get no suggestion: no CPU model, feature or nova key is near that long. */
export const MAX_SUGGESTED_NAME = 64;
/** Distinct names remembered per candidate list before the cache starts over. */
const CACHE_LIMIT = 4096;
const cache = new WeakMap<object, Map<string, string[]>>();

/**
 * The candidates nearest to `name`, best first. Comparison ignores case and the
 * `-`/`_` difference, which is how most typos of CPU names look. Results are cached
 * per candidate list (when it is an object that stays the same, like the catalog's
 * name arrays) and per distinct name, so 50,000 unknown features cost one search each
 * distinct name, not one each.
 */
export function nearest(name: string, candidates: Iterable<string>, limit = 3, budget?: SearchBudget): string[] {
  if (name.length > MAX_SUGGESTED_NAME) return [];
  let memo = cache.get(candidates);
  const key = `${limit}\u0000${name}`;
  const hit = memo?.get(key);
  if (hit) return [...hit];
  if (budget && budget.left-- <= 0) return [];
  const result = search(name, candidates, limit);
  if (!memo || memo.size >= CACHE_LIMIT) {
    memo = new Map();
    cache.set(candidates, memo);
  }
  memo.set(key, result);
  return [...result];
}

function search(name: string, candidates: Iterable<string>, limit: number): string[] {
  const norm = (s: string): string => s.toLowerCase().replace(/_/g, '-');
  const target = norm(name);
  const bound = Math.max(2, Math.floor(target.length / 3));
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    const nc = norm(c);
    let d = editDistance(target, nc, bound);
    // A prefix typed so far ("Skyl") is a good hint too.
    if (d > bound && target.length >= 3 && nc.startsWith(target)) d = bound;
    if (d <= bound) scored.push({ c, d });
  }
  scored.sort((x, y) => x.d - y.d || x.c.length - y.c.length || x.c.localeCompare(y.c));
  return scored.slice(0, limit).map((s) => s.c);
}

/** True when exactly one candidate is clearly best: the quick-fix can be preferred. */
export function isClearWinner(name: string, suggestions: readonly string[]): boolean {
  if (suggestions.length === 0) return false;
  if (suggestions.length === 1) return true;
  const norm = (s: string): string => s.toLowerCase().replace(/_/g, '-');
  const d0 = editDistance(norm(name), norm(suggestions[0]));
  const d1 = editDistance(norm(name), norm(suggestions[1]));
  return d0 < d1;
}
