/** Completion, hover and code actions: look the document up and delegate to the service. */
import { CodeActionKind, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Logger } from '../logger';
import type { LanguageService, RequestOptions } from '../../facade/service';
import { FIX_ALL_KIND } from '../../facade/fixAll';
import { toDiagnostics } from '../../edge/diagnostics';

export function registerFeatureHandlers(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  service: LanguageService,
  options: (uri: string) => Promise<RequestOptions>,
  logger: Logger,
): void {
  const guard = async <R>(what: string, uri: string, empty: R, fn: (doc: TextDocument, opts: RequestOptions) => R): Promise<R> => {
    const doc = documents.get(uri);
    if (!doc) return empty;
    try {
      return fn(doc, await options(uri));
    } catch (e) {
      logger.error(`${what} failed for ${uri}`, e);
      return empty;
    }
  };

  connection.onCompletion((p) => guard('completion', p.textDocument.uri, [], (doc, o) => service.completion(doc, doc.offsetAt(p.position), o)));
  connection.onHover((p) => guard('hover', p.textDocument.uri, null, (doc, o) => service.hover(doc, doc.offsetAt(p.position), o)));
  connection.onCodeAction((p) =>
    guard('code actions', p.textDocument.uri, [], (doc, o) => {
      const only = p.context.only;
      const wants = (kind: string): boolean => only === undefined || only.some((k) => kind.startsWith(k));
      const actions = wants(CodeActionKind.QuickFix) ? service.codeActions(doc, p.range, p.context.diagnostics, o) : [];
      const out = only ? actions.filter((a) => wants(a.kind ?? CodeActionKind.QuickFix)) : actions;
      // Fix-all only on request (Source Action menu, codeActionsOnSave): it would crowd the lightbulb.
      if (only?.some((k) => FIX_ALL_KIND.startsWith(k) && k.startsWith(CodeActionKind.Source))) {
        const diagnostics = toDiagnostics(service.findings(doc, o), service.lines(doc));
        const all = service.fixAll(doc, diagnostics, o);
        if (all) out.push(all);
      }
      return out;
    }),
  );
  connection.onDocumentSymbol((p) => guard('document symbols', p.textDocument.uri, null, (doc, o) => service.documentSymbols(doc, o)));
  connection.onFoldingRanges((p) => guard('folding ranges', p.textDocument.uri, null, (doc, o) => service.foldingRanges(doc, o)));
  connection.onSelectionRanges((p) =>
    guard('selection ranges', p.textDocument.uri, null, (doc, o) => service.selectionRanges(doc, p.positions.map((pos) => doc.offsetAt(pos)), o)),
  );
}
