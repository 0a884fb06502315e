/** Findings → compiler-style text lines and JSON, for the CLI. */
import type { Finding, Severity } from '../core/finding';
import type { LineIndex } from '../core/lines';
import { toDiagnostics } from './diagnostics';

/** Findings of one file, with the line index of its text. */
export interface FileFindings {
  /** As the user named it (relative path, `-` for stdin). */
  readonly file: string;
  readonly findings: readonly Finding[];
  readonly lines: LineIndex;
  /** The nova.conf stack the file was linted in (`kolla:compute-07`, `oslo`, `explicit`). */
  readonly stack?: string;
  /** The kolla inventory host of a per-host stack. */
  readonly host?: string;
}

/** `file:line:col: severity code message [stack]`, 1-based like gcc; `severityWord` localizes. */
export function formatTextLine(file: string, f: Finding, lines: LineIndex, severityWord: (s: Severity) => string, stack?: string): string {
  const p = lines.position(f.start);
  return `${file}:${p.line + 1}:${p.character + 1}: ${severityWord(f.severity)} ${f.code} ${f.message}${stack ? ` [${stack}]` : ''}`;
}

/** The CLI's JSON: `[{file, stack?, host?, diagnostics: [LSP Diagnostic]}]` with 0-based positions. */
export function toJson(results: readonly FileFindings[]): string {
  return JSON.stringify(
    results.map((r) => ({ file: r.file, ...(r.stack ? { stack: r.stack } : {}), ...(r.host ? { host: r.host } : {}), diagnostics: toDiagnostics(r.findings, r.lines) })),
    null,
    2,
  );
}

export function countBySeverity(results: readonly FileFindings[]): Record<Severity, number> {
  const n: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of results) for (const f of r.findings) n[f.severity]++;
  return n;
}
