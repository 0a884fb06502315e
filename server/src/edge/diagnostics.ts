/** Findings → LSP diagnostics, for the language server. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import { SOURCE, type Finding, type Severity } from '../core/finding';
import { codeHref } from '../core/docs';
import type { LineIndex } from '../core/lines';


const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(f: Finding, lines: LineIndex): Diagnostic {
  const d: Diagnostic = {
    range: { start: lines.position(f.start), end: lines.position(Math.max(f.start, f.end)) },
    severity: LSP_SEVERITY[f.severity],
    code: f.code,
    codeDescription: { href: codeHref(f.code) },
    source: SOURCE,
    message: f.message,
  };
  if (f.data !== undefined) d.data = f.data;
  return d;
}

export function toDiagnostics(findings: readonly Finding[], lines: LineIndex): Diagnostic[] {
  return findings.map((f) => toDiagnostic(f, lines));
}
