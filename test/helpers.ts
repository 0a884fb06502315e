/** Shared test helpers: caret markers, fixture paths, applying edits. */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { byPosition, type Finding } from '../server/src/core/finding';
import { LineIndex } from '../server/src/core/lines';
import { toDiagnostics } from '../server/src/edge/diagnostics';
import type { DomainContext } from '../server/src/lang/domain/context';
import { domainFindings } from '../server/src/lang/domain/diagnostics';
import type { DomainInfo } from '../server/src/lang/domain/model';
import { novaFindings, type NovaConfFile, type NovaContext } from '../server/src/lang/nova';

export const REPO = path.resolve(__dirname, '..');
export const FIXTURES = path.join(REPO, 'test', 'fixtures');
/** Third-party data vendored into the repository (see vendor/README.md). */
export const VENDOR = path.join(REPO, 'vendor');
export const VENDOR_CPU_MAP = path.join(VENDOR, 'libvirt', 'cpu_map');

export function fixture(...parts: string[]): string {
  return fs.readFileSync(path.join(FIXTURES, ...parts), 'utf8');
}

/** Removes the single `|` marker and returns the text and its offset. */
export function caret(textWithCaret: string): { text: string; offset: number } {
  const offset = textWithCaret.indexOf('|');
  if (offset < 0) throw new Error('no | caret in test text');
  return { text: textWithCaret.slice(0, offset) + textWithCaret.slice(offset + 1), offset };
}

export function doc(text: string, languageId = 'xml', uri = 'file:///test/vm.xml'): TextDocument {
  return TextDocument.create(uri, languageId, 1, text);
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const d = TextDocument.create('file:///x', 'plaintext', 1, text);
  return TextDocument.applyEdits(d, [...edits]);
}

export function applyWorkspaceEdit(document: TextDocument, edit: WorkspaceEdit | undefined): string {
  const edits = edit?.changes?.[document.uri] ?? [];
  return TextDocument.applyEdits(document, edits);
}

/** The text a range covers, for exact-range assertions. */
export function covered(document: TextDocument, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  return document.getText(range);
}

/** Diagnostic.message is string | MarkupContent since LSP 3.18; ours are strings. */
export function messageOf(d: Pick<Diagnostic, 'message'>): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

/** A TCP port free on 127.0.0.1 right now, for servers the tests start (sshd, code-server). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Findings as the editor receives them: through the one LSP edge, ordered by position. */
export function asDiagnostics(findings: readonly Finding[], text: string): Diagnostic[] {
  return toDiagnostics([...findings].sort(byPosition), new LineIndex(text));
}

export function domainDiagnostics(document: TextDocument, domain: DomainInfo, ctx: DomainContext): Diagnostic[] {
  return asDiagnostics(domainFindings(domain, ctx), document.getText());
}

export function novaDiagnostics(document: TextDocument, file: NovaConfFile, ctx: NovaContext): Diagnostic[] {
  return asDiagnostics(novaFindings(file, ctx), document.getText());
}
