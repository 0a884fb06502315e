/** Findings → the probe's evidence lines (`file:line` with the finding's code and message). */
import type { Finding, Severity } from '../core/finding';

export interface Evidence {
  /** `path:line`, 1-based, as the probe report and its SARIF locations read it. */
  readonly where: string;
  readonly line: number;
  readonly code: string;
  readonly message: string;
  readonly severity: Severity;
}

/** `lineOf` is the document's one offset → line conversion (a LineIndex, or a stack member's). */
export function toEvidence(label: string, f: Finding, lineOf: (offset: number) => number): Evidence {
  const line = lineOf(f.start);
  return { where: `${label}:${line}`, line, code: f.code, message: f.message, severity: f.severity };
}
