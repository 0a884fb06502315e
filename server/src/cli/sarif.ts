/**
 * SARIF 2.1.0 for code-scanning tools: one rule per diagnostic code, regions are
 * 1-based, LSP severities map to error / warning / note.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';

export interface FileResult {
  readonly file: string;
  readonly diagnostics: readonly Diagnostic[];
}

export function sarifLevel(severity: DiagnosticSeverity | undefined): 'error' | 'warning' | 'note' {
  if (severity === DiagnosticSeverity.Error) return 'error';
  if (severity === DiagnosticSeverity.Warning || severity === undefined) return 'warning';
  return 'note';
}

/**
 * `artifactLocation.uri` must be a URI reference (SARIF 2.1.0 §3.4.3): a relative path
 * with each segment percent-encoded (spaces, `#`, `%`, `?`), an absolute path as a
 * file URI (`C:\x` would otherwise read as the scheme `C:`). Windows separators become `/`.
 */
export function artifactUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(path.sep === '\\' ? /[\\/]/ : '/').map((seg) => encodeURIComponent(seg)).join('/');
}

export function toSarif(results: readonly FileResult[], toolVersion: string): object {
  const rules = new Map<string, { id: string; defaultConfiguration: { level: string }; shortDescription: { text: string } }>();
  const sarifResults: object[] = [];
  for (const r of results) {
    for (const d of r.diagnostics) {
      const id = String(d.code ?? 'nested-virt');
      if (!rules.has(id)) {
        rules.set(id, { id, defaultConfiguration: { level: sarifLevel(d.severity) }, shortDescription: { text: id } });
      }
      sarifResults.push({
        ruleId: id,
        level: sarifLevel(d.severity),
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: artifactUri(r.file) },
              region: {
                startLine: d.range.start.line + 1,
                startColumn: d.range.start.character + 1,
                endLine: d.range.end.line + 1,
                endColumn: d.range.end.character + 1,
              },
            },
          },
        ],
      });
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'nested-virt',
            version: toolVersion,
            informationUri: 'https://github.com/nested-virt/nested-virt',
            rules: [...rules.values()],
          },
        },
        results: sarifResults,
      },
    ],
  };
}
