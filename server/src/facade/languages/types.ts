/**
 * One language the engine understands (libvirt domain XML, nova.conf). The façade
 * in service.ts keeps one parse per uri and version and hands it to these.
 */
import type {
  CodeAction, CompletionItem, Diagnostic, DocumentSymbol, FoldingRange, Hover, Range, SelectionRange,
} from 'vscode-languageserver-protocol';
import type { Finding } from '../../core/finding';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { HostFacts } from '../../../../shared/src/hostFacts';
import type { ServerSettings } from '../../../../shared/src/settings';
import type { CpuMapCatalog } from '../../lang/cpumap/catalog';
import type { Locale } from '../../core/l10n';

export interface ServiceContext {
  readonly settings: ServerSettings;
  readonly catalog: CpuMapCatalog;
  readonly locale: Locale;
  readonly host: HostFacts | null;
  /** Serve snippets as completion items (clients that cannot read snippets/*.json). */
  readonly serveSnippets: boolean;
}

export interface Language<P> {
  readonly id: 'domain' | 'nova' | 'modprobe' | 'cmdline';
  /** Parses the text; never throws. */
  parse(text: string): P;
  /** False when the parse shows the document is not ours (e.g. XML whose root is not <domain>). */
  applies(parsed: P): boolean;
  enabled(settings: ServerSettings): boolean;
  /** Every finding, in offsets of the document's text. */
  findings(parsed: P, ctx: ServiceContext): Finding[];
  /** Findings that depend on where the file is, e.g. a `/etc/modprobe.conf` kmod never reads; `fsPath` is '' for unsaved text. */
  placeFindings?(fsPath: string, parsed: P, ctx: ServiceContext): Finding[];
  completion(doc: TextDocument, parsed: P, offset: number, ctx: ServiceContext): CompletionItem[];
  hover(doc: TextDocument, parsed: P, offset: number, ctx: ServiceContext): Hover | null;
  codeActions(doc: TextDocument, parsed: P, range: Range, diagnostics: Diagnostic[], ctx: ServiceContext): CodeAction[];
  /** Candidates for `source.fixAll.nestedVirt` (its preferred, targeted fixes) and the action's title. */
  fixAll?(doc: TextDocument, parsed: P, diagnostics: Diagnostic[], ctx: ServiceContext): { title: string; actions: CodeAction[] };
  /** Outline, breadcrumbs and sticky scroll; languages without a structure worth showing leave these out. */
  documentSymbols?(parsed: P): DocumentSymbol[];
  foldingRanges?(parsed: P): FoldingRange[];
  /** One chain per offset, in the same order. */
  selectionRanges?(parsed: P, offsets: readonly number[]): SelectionRange[];
}

/** The whole document, for requests that cover all of it. */
export function wholeRange(doc: TextDocument): Range {
  return { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) };
}
