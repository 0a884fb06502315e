/**
 * `workspace/executeCommand` `nestedVirt.explainError` ({text, documents?}): the
 * explanations, each with the lines in open (or client-supplied) domain XML, nova.conf
 * and modprobe.d files that cause it.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Commands } from '../../../../shared/src/commands';
import { CLIENT_HAS_EXPLAIN_COMMAND, type ExplainErrorArgs, type ExplainErrorResult, type ExplainLocation } from '../../../../shared/src/explain';
import type { HostFacts } from '../../../../shared/src/hostFacts';
import type { Locale } from '../../core/l10n';
import { classify, type LanguageService } from '../../facade/service';
import { explain, locate, type WorkspaceDoc } from '../../lang/explain';
import type { Logger } from '../logger';

const MAX_TEXT = 16 * 1024 * 1024;
const MAX_DOCS = 500;
const MAX_DOC_TEXT = 2 * 1024 * 1024;

/**
 * The capability to announce. A client that registers the editor command itself (ours)
 * says so, and is not told: vscode-languageclient would register the same id again.
 */
export function explainCapabilities(initializationOptions: unknown): { executeCommandProvider?: { commands: string[] } } {
  const o = (initializationOptions ?? {}) as Record<string, unknown>;
  return o[CLIENT_HAS_EXPLAIN_COMMAND] === true ? {} : { executeCommandProvider: { commands: [Commands.explainError] } };
}

function kindOf(uri: string, languageId: string, text: string): WorkspaceDoc['kind'] | undefined {
  const k = classify(languageId, text, uri);
  return k === 'none' || k === 'cmdline' ? undefined : k;
}

function workspaceDocs(documents: TextDocuments<TextDocument>, service: LanguageService, extra: ExplainErrorArgs['documents']): { docs: WorkspaceDoc[]; texts: Map<string, TextDocument> } {
  const docs: WorkspaceDoc[] = [];
  const texts = new Map<string, TextDocument>();
  for (const d of documents.all()) {
    const k = service.kind(d);
    if (k === 'none' || k === 'cmdline') continue;
    docs.push({ uri: d.uri, text: d.getText(), kind: k });
    texts.set(d.uri, d);
  }
  for (const x of (Array.isArray(extra) ? extra : []).slice(0, MAX_DOCS)) {
    if (!x || typeof x.uri !== 'string' || typeof x.text !== 'string' || x.text.length > MAX_DOC_TEXT || texts.has(x.uri)) continue;
    const k = kindOf(x.uri, '', x.text);
    if (!k) continue;
    docs.push({ uri: x.uri, text: x.text, kind: k });
    texts.set(x.uri, TextDocument.create(x.uri, 'plaintext', 0, x.text));
  }
  return { docs, texts };
}

/** The service behind the command, without the connection (the protocol test calls it through the server). */
export function explainForEditor(args: ExplainErrorArgs, documents: TextDocuments<TextDocument>, service: LanguageService, locale: Locale, host: HostFacts | null): ExplainErrorResult {
  const text = typeof args?.text === 'string' ? args.text.slice(0, MAX_TEXT) : '';
  const { docs, texts } = workspaceDocs(documents, service, args?.documents);
  const problems = explain(text, { locale, host }).map((e) => {
    const locations: ExplainLocation[] = locate(e, docs, locale).map((l) => {
      const doc = texts.get(l.uri) as TextDocument;
      return { uri: l.uri, kind: l.kind, quickFixes: l.quickFixes, range: { start: doc.positionAt(l.start), end: doc.positionAt(l.end) } };
    });
    return {
      id: e.id,
      category: e.category,
      message: e.message,
      fix: e.fix,
      checks: e.checks,
      evidence: e.evidence,
      occurrences: e.occurrences,
      ...(e.host ? { host: e.host } : {}),
      locations,
    };
  });
  return { problems };
}

export function registerExplainHandler(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  service: LanguageService,
  state: () => { readonly locale: Locale; readonly host: HostFacts | null },
  logger: Logger,
): void {
  connection.onExecuteCommand((params) => {
    if (params.command !== Commands.explainError) return null;
    try {
      const { locale, host } = state();
      return explainForEditor((params.arguments?.[0] ?? {}) as ExplainErrorArgs, documents, service, locale, host);
    } catch (e) {
      logger.error('explainError failed', e);
      return { problems: [] } satisfies ExplainErrorResult;
    }
  });
}
