/**
 * The one shape every language reports in: a finding in offsets of the document's
 * text. Languages never build LSP diagnostics, text lines or SARIF themselves;
 * `server/src/edge/` converts findings once, at the edge, for each consumer.
 */

/**
 * error: libvirt refuses it, or nova-compute will not start or fails every build, or
 * the kernel refuses the module; warning: it runs, but not as the writer meant
 * (ignored, overridden, deprecated); information: advice; hint: a faded mark only.
 */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Finding<D = unknown> {
  /** Stable kebab-case code (`cpu-…`, `nova-…`, `xml-…`); never translated. */
  readonly code: string;
  readonly severity: Severity;
  /** Offsets into the document text, `start <= end`. */
  readonly start: number;
  readonly end: number;
  /** Localized, plain words. */
  readonly message: string;
  /** What a quick-fix needs; travels in `Diagnostic.data`. */
  readonly data?: D;
}

/** Orders findings by position, then by end, so every output lists them alike. */
export function byPosition(a: Finding, b: Finding): number {
  return a.start - b.start || a.end - b.end;
}

/** The `source` of every diagnostic we publish; code actions recognise ours by it. */
export const SOURCE = 'nested-virt';
