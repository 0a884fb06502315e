/**
 * libvirt's CPU bitmap syntax (virBitmapParse): comma-separated items, each `N`,
 * `N-M` or `^N` (exclude), blanks allowed around items, ids below
 * VIR_DOMAIN_CPUMASK_LEN. Used by `<vcpu cpuset>`, `<numa><cell cpus>` and
 * `<cputune><vcpusched vcpus>`. Linear in the text; ranges are kept as ranges.
 */

/** libvirt's VIR_DOMAIN_CPUMASK_LEN: the highest id a CPU bitmap may name, plus one. */
export const CPUMASK_LEN = 16384;

export interface CpuBitmap {
  /** Disjoint, sorted inclusive ranges of set ids. */
  readonly ranges: readonly (readonly [number, number])[];
  readonly count: number;
  /** The largest set id, or -1 when empty. */
  readonly max: number;
}

const ITEM = /^\s*(\^?)\s*([0-9]+)\s*(?:-\s*([0-9]+)\s*)?$/;

/** The set ids, or undefined when libvirt would report "Failed to parse bitmap". */
export function parseCpuBitmap(text: string): CpuBitmap | undefined {
  if (text.trim() === '') return undefined;
  const items: [number, number, number][] = [];
  for (const item of text.split(',')) {
    const m = ITEM.exec(item);
    if (!m) return undefined;
    const lo = Number(m[2]);
    const hi = m[3] === undefined ? lo : Number(m[3]);
    if (m[1] && m[3] !== undefined) return undefined;
    if (hi < lo || hi >= CPUMASK_LEN) return undefined;
    items.push([lo, hi, m[1] ? 0 : 1]);
  }
  if (items.every((it) => it[2] === 1)) return merged(items);
  // With exclusions, the last item covering an id decides it. Walking the items backwards, each id is
  // written once: `next` skips ids already decided (path-compressed), so many wide
  // items stay linear.
  const set = new Uint8Array(CPUMASK_LEN);
  const next = new Int32Array(CPUMASK_LEN + 1);
  for (let i = 0; i <= CPUMASK_LEN; i++) next[i] = i;
  const find = (i: number): number => {
    let r = i;
    while (next[r] !== r) r = next[r];
    while (next[i] !== r) {
      const n = next[i];
      next[i] = r;
      i = n;
    }
    return r;
  };
  for (let k = items.length - 1; k >= 0; k--) {
    const [lo, hi, bit] = items[k];
    for (let i = find(lo); i <= hi; i = find(i + 1)) {
      set[i] = bit;
      next[i] = i + 1;
    }
  }
  const ranges: [number, number][] = [];
  let count = 0;
  for (let i = 0; i < CPUMASK_LEN; i++) {
    if (!set[i]) continue;
    let j = i;
    while (j + 1 < CPUMASK_LEN && set[j + 1]) j++;
    ranges.push([i, j]);
    count += j - i + 1;
    i = j;
  }
  return { ranges, count, max: ranges.length ? ranges[ranges.length - 1][1] : -1 };
}

/** Only inclusions: sort and merge the ranges (n·log n in the items, no id-sized array). */
function merged(items: [number, number, number][]): CpuBitmap {
  items.sort((a, b) => a[0] - b[0]);
  const ranges: [number, number][] = [];
  let count = 0;
  for (const [lo, hi] of items) {
    const last = ranges[ranges.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else ranges.push([lo, hi]);
  }
  for (const [lo, hi] of ranges) count += hi - lo + 1;
  return { ranges, count, max: ranges.length ? ranges[ranges.length - 1][1] : -1 };
}
