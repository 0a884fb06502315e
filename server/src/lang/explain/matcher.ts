/**
 * Runs the signature catalog over text, linear in its size:
 * 1. one case-insensitive scan for the union of every signature's keywords finds the
 *    candidate lines (most lines of a log contain none and are never looked at again);
 * 2. on a candidate line (capped at MAX_LINE characters) only the signatures whose own
 *    keywords occur are tried, and their patterns use bounded repetition only.
 */
import type { Captures, Evidence, Signature } from './types';

/** Longest stretch of one line that is matched; longer lines are looked at around each keyword. */
export const MAX_LINE = 4096;

const TOKENS: Readonly<Record<string, string>> = {
  '{Q}': '[\'"‘’`]?',
  '{NAME}': '[A-Za-z0-9_.+-]{1,64}',
};

export interface CompiledSignature {
  readonly sig: Signature;
  readonly re: RegExp;
}

export interface Catalog {
  readonly signatures: readonly CompiledSignature[];
  /** Union of all keywords, global and case-insensitive. */
  readonly trigger: RegExp;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export function compilePattern(pattern: string): RegExp {
  let src = pattern;
  for (const [token, re] of Object.entries(TOKENS)) src = src.split(token).join(re);
  return new RegExp(src, 'i');
}

export function compileCatalog(signatures: readonly Signature[]): Catalog {
  const keywords = new Set<string>();
  for (const s of signatures) for (const k of s.keywords) keywords.add(k.toLowerCase());
  // Longest first, so that the alternation prefers the longer keyword at one position.
  const union = [...keywords].sort((a, b) => b.length - a.length).map(escape).join('|');
  return {
    signatures: signatures.map((sig) => ({ sig, re: compilePattern(sig.pattern) })),
    trigger: new RegExp(union, 'gi'),
  };
}

export interface RawMatch {
  readonly sig: Signature;
  readonly evidence: Evidence;
  readonly captures: Captures;
}

/** Work done, for the linearity test: characters and lines handed to the patterns. */
export interface ScanStats {
  candidateLines: number;
  patternRuns: number;
  patternChars: number;
}

function capturesOf(groups: Record<string, string | undefined> | undefined): Captures {
  const out: Record<string, string | readonly string[]> = {};
  if (!groups) return out;
  for (const [name, value] of Object.entries(groups)) {
    if (value === undefined || value === '') continue;
    const key = name.replace(/\d+$/, '');
    if (key === 'feature') {
      const list = value.split(/[\s,]+/).filter(Boolean);
      out.features = list;
      out.feature = list.join(', ');
    } else if (key === 'module') {
      out.module = value.replace(/-/g, '_').toLowerCase();
    } else if (!(key in out)) {
      out[key] = value;
    }
  }
  return out as Captures;
}

/** Matches of one line segment; a lower-priority match that overlaps a higher one is dropped. */
function matchSegment(cat: Catalog, text: string, from: number, to: number, line: number, lineText: string, stats: ScanStats): RawMatch[] {
  const seg = text.slice(from, to);
  const lower = seg.toLowerCase();
  stats.candidateLines++;
  const found: RawMatch[] = [];
  for (const c of cat.signatures) {
    if (!c.sig.keywords.some((k) => lower.includes(k))) continue;
    stats.patternRuns++;
    stats.patternChars += seg.length;
    const m = c.re.exec(seg);
    if (!m) continue;
    const start = from + m.index;
    found.push({
      sig: c.sig,
      evidence: { text: m[0], lineText, line, start, end: start + m[0].length },
      captures: capturesOf(m.groups),
    });
  }
  if (found.length < 2) return found;
  return found.filter((a) => !found.some((b) => b !== a && b.sig.priority > a.sig.priority && b.evidence.start < a.evidence.end && a.evidence.start < b.evidence.end));
}

/** Every signature match in `text`, in text order. */
export function scan(cat: Catalog, text: string, stats: ScanStats = { candidateLines: 0, patternRuns: 0, patternChars: 0 }): RawMatch[] {
  const out: RawMatch[] = [];
  const trigger = new RegExp(cat.trigger.source, cat.trigger.flags);
  let line = 1;
  let counted = 0; // newlines before this offset are counted in `line`
  let m: RegExpExecArray | null;
  while ((m = trigger.exec(text)) !== null) {
    const hit = m.index;
    const ls = text.lastIndexOf('\n', hit) + 1;
    let le = text.indexOf('\n', hit);
    if (le < 0) le = text.length;
    for (let p = text.indexOf('\n', counted); p !== -1 && p < ls; p = text.indexOf('\n', p + 1)) {
      line++;
      counted = p + 1;
    }
    if (counted < ls) counted = ls;
    let from = ls;
    let to = le;
    if (le - ls > MAX_LINE) {
      from = Math.max(ls, Math.max(trigger.lastIndex - 1, hit) - MAX_LINE / 2);
      to = Math.min(le, from + MAX_LINE);
    }
    let lineText = text.slice(from, Math.min(to, from + 500)).trim();
    if (lineText.endsWith('\r')) lineText = lineText.slice(0, -1);
    out.push(...matchSegment(cat, text, from, to, line, lineText, stats));
    trigger.lastIndex = to < le ? to : le + 1;
    if (trigger.lastIndex > text.length) break;
  }
  return out;
}
