/** Completion, hover and code actions: look the document up and delegate to the service. */
import { CodeActionKind, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Logger } from '../logger';
import type { LanguageService, RequestOptions } from '../../facade/service';
import { stackActions, stackHover } from '../../facade/stacks';
import type { StackFinder } from '../stacks';
import { FIX_ALL_KIND } from '../../facade/fixAll';
import { toDiagnostics } from '../../edge/diagnostics';
import type { CompletionLists } from './completionLists';

export function registerFeatureHandlers(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  service: LanguageService,
  options: (uri: string) => Promise<RequestOptions>,
  logger: Logger,
  completionLists: CompletionLists,
  stacks?: StackFinder,
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

  connection.onCompletion((p) =>
    guard('completion', p.textDocument.uri, [], (doc, o) => completionLists.toWire(service.completion(doc, doc.offsetAt(p.position), o))),
  );
  connection.onCompletionResolve((item) => completionLists.resolve(item));
  /** The stack of a nova.conf document, when it is in one. */
  const stackOf = async (uri: string): Promise<Awaited<ReturnType<StackFinder['stackOf']>>> => {
    const doc = documents.get(uri);
    if (!doc || !stacks || service.kind(doc) !== 'nova') return undefined;
    return stacks.stackOf(uri, (await options(uri)).settings);
  };
  connection.onHover(async (p) => {
    const s = await stackOf(p.textDocument.uri).catch(() => undefined);
    // The other stacks that read this file (kolla's host stacks for a shared file), for "elsewhere" lines.
    const others = s ? (await Promise.all(s.others.map((o) => stacks?.load(o)))).filter((x) => x !== undefined) : [];
    return guard('hover', p.textDocument.uri, null, (doc, o) =>
      s ? stackHover(service, s.stack, s.member, doc.offsetAt(p.position), o, others) : service.hover(doc, doc.offsetAt(p.position), o),
    );
  });
  connection.onCodeAction(async (p) => {
    const s = await stackOf(p.textDocument.uri).catch(() => undefined);
    return guard('code actions', p.textDocument.uri, [], (doc, o) => {
      const only = p.context.only;
      const wants = (kind: string): boolean => only === undefined || only.some((k) => kind.startsWith(k));
      const quick = s ? stackActions(service, s.stack, s.member, p.range, p.context.diagnostics, o) : service.codeActions(doc, p.range, p.context.diagnostics, o);
      const actions = wants(CodeActionKind.QuickFix) ? quick : [];
      const out = only ? actions.filter((a) => wants(a.kind ?? CodeActionKind.QuickFix)) : actions;
      // Fix-all only on request (Source Action menu, codeActionsOnSave): it would crowd the lightbulb.
      // A stack member is left out: its findings depend on the other files, and a fix belongs where the value is set.
      if (!s && only?.some((k) => FIX_ALL_KIND.startsWith(k) && k.startsWith(CodeActionKind.Source))) {
        const all = service.fixAll(doc, toDiagnostics(service.findings(doc, o), service.lines(doc)), o);
        if (all) out.push(all);
      }
      return out;
    });
  });
  connection.onDocumentSymbol((p) => guard('document symbols', p.textDocument.uri, null, (doc, o) => service.documentSymbols(doc, o)));
  connection.onFoldingRanges((p) => guard('folding ranges', p.textDocument.uri, null, (doc, o) => service.foldingRanges(doc, o)));
  connection.onSelectionRanges((p) =>
    guard('selection ranges', p.textDocument.uri, null, (doc, o) => service.selectionRanges(doc, p.positions.map((pos) => doc.offsetAt(pos)), o)),
  );
}
