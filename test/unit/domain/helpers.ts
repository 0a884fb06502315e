/** Shared helpers for the domain service tests: caret marker, context, edit application. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { bundledCatalog } from '../../../server/src/lang/cpumap/provider';
import type { DomainContext } from '../../../server/src/lang/domain/context';
import { parseDomain, type DomainInfo } from '../../../server/src/lang/domain/model';

export const URI = 'file:///etc/libvirt/qemu/test.xml';

export function ctx(extra: Partial<DomainContext> = {}): DomainContext {
  return { catalog: bundledCatalog(), locale: 'en', ...extra };
}

export function fixture(name: string): string {
  return fs.readFileSync(path.join(__dirname, '../../fixtures/domain/services', name), 'utf8');
}

export interface Loaded {
  readonly doc: TextDocument;
  readonly domain: DomainInfo;
  readonly text: string;
}

export function load(text: string): Loaded {
  const doc = TextDocument.create(URI, 'xml', 1, text);
  const { domain } = parseDomain(text);
  if (!domain) throw new Error('not a domain');
  return { doc, domain, text };
}

/** Removes the first `|` and returns the text with the cursor offset. */
export function caret(marked: string): Loaded & { offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error('no caret');
  return { ...load(marked.slice(0, offset) + marked.slice(offset + 1)), offset };
}

/** Places the cursor just after the first occurrence of `after` (or before it with `before`). */
export function at(text: string, needle: string, where: 'after' | 'before' = 'after'): number {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`not found: ${needle}`);
  return where === 'after' ? i + needle.length : i;
}

export function applyEdits(doc: TextDocument, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(doc, [...edits]);
}

export function applyWorkspaceEdit(doc: TextDocument, edit: WorkspaceEdit | undefined): string {
  const edits = edit?.changes?.[doc.uri];
  if (!edits) throw new Error('no edits for the document');
  return applyEdits(doc, edits);
}

/** The text a range covers. */
export function slice(doc: TextDocument, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  return doc.getText().slice(doc.offsetAt(range.start), doc.offsetAt(range.end));
}
