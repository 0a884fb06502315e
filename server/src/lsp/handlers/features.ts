/** Completion, hover and code actions: look the document up and delegate to the service. */
import { CodeActionKind, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Logger } from '../logger';
import type { LanguageService, RequestOptions } from '../../facade/service';
import { stackActions, stackHover } from '../../facade/stacks';
import type { StackFinder } from '../stacks';

export function registerFeatureHandlers(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  service: LanguageService,
  options: (uri: string) => Promise<RequestOptions>,
  logger: Logger,
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

  connection.onCompletion((p) => guard('completion', p.textDocument.uri, [], (doc, o) => service.completion(doc, doc.offsetAt(p.position), o)));
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
      const actions = s ? stackActions(service, s.stack, s.member, p.range, p.context.diagnostics, o) : service.codeActions(doc, p.range, p.context.diagnostics, o);
      const only = p.context.only;
      return only ? actions.filter((a) => only.some((k) => (a.kind ?? CodeActionKind.QuickFix).startsWith(k))) : actions;
    });
  });
}
