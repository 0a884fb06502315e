/**
 * The nested-virt language server. Lists capabilities and wires the handlers; the
 * language knowledge lives in service.ts and the feature modules.
 *
 * Run over stdio by any editor: `nested-virt-language-server --stdio`.
 */
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { HostFacts } from '../../../shared/src/hostFacts';
import { HostFactsNotification, ServerReadyNotification } from '../../../shared/src/protocol';
import { CatalogProvider } from '../lang/cpumap/provider';
import { readCpuMapFiles } from '../io/cpuMapFiles';
import { isMainThread, workerData } from 'node:worker_threads';
import { DiagnosticsWorker, runDiagnosticsWorker, WORKER_ROLE } from './diagnosticsWorker';
import { DiagnosticsPublisher } from './handlers/diagnostics';
import { explainCapabilities, registerExplainHandler } from './handlers/explain';
import { registerFeatureHandlers } from './handlers/features';
import { CompletionLists } from './handlers/completionLists';
import { registerWorkspaceLint } from './handlers/workspaceLint';
import { registerProbeHandler } from './handlers/probe';
import { SettingsStore } from './handlers/settings';
import { localeFrom, normalizeLocale, translator, type Locale } from '../core/l10n';
import { parseCommandLine, type OptionTable } from '../core/util/args';
import { lspMessages } from './messages';
import { VERSION } from '../core/version';
import { Logger } from './logger';
import { LanguageService, type RequestOptions } from '../facade/service';
import { StackFinder } from './stacks';
import { FIX_ALL_KIND } from '../facade/fixAll';

/** What our own VS Code client sends in initializationOptions. */
interface InitOptions {
  /** The client contributes snippets/*.json itself, so the server must not serve them again. */
  readonly clientHasSnippets?: boolean;
}

/** What the server offers; the explain command is announced to clients that do not register it themselves. */
function initializeResult(initializationOptions: unknown): InitializeResult {
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: ['<', ' ', '"', "'", '=', ',', '[', '+', '-'], resolveProvider: true },
      hoverProvider: true,
      documentSymbolProvider: { label: 'nova.conf' },
      foldingRangeProvider: true,
      selectionRangeProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      ...explainCapabilities(initializationOptions),
    },
    serverInfo: { name: 'nested-virt-language-server', version: VERSION },
  };
}

/**
 * The service with its cpu_map provider. A cpu_map that cannot be used (at start or after
 * nestedVirt.cpuMap.path changes) is reported once; the bundled one stands in. cpu_map files
 * are read asynchronously (type and size checked): until they are in, the bundled catalog
 * answers, and `onLoaded` has every open document checked again once they are.
 */
function languageService(connection: Connection, logger: Logger, onLoaded: () => void): LanguageService {
  return new LanguageService(
    new CatalogProvider(
      undefined,
      (warning) => {
        logger.warn(warning);
        void connection.window.showWarningMessage(`nested-virt: ${warning}`);
      },
      { read: readCpuMapFiles },
      onLoaded,
    ),
  );
}

export function startServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  const logger = new Logger(connection.console);
  const documents = new TextDocuments(TextDocument);
  let onCatalogLoaded = (): void => undefined;
  const service = languageService(connection, logger, () => onCatalogLoaded());
  let locale: Locale = 'en';
  let serveSnippets = true;
  let host: HostFacts | null = null;
  let settings: SettingsStore | undefined;
  let dynamicConfig = false;
  let dynamicWatch = false;

  const options = async (uri: string): Promise<RequestOptions> => ({
    settings: await (settings as SettingsStore).get(uri),
    locale,
    host,
    serveSnippets,
  });
  const stacks = new StackFinder(documents, logger);
  // Diagnostics in a worker thread (this same script), so a huge document never delays hover.
  // NESTED_VIRT_DIAGNOSTICS_IN_PROCESS=1 computes them on the main thread (for debugging).
  const worker = process.env.NESTED_VIRT_DIAGNOSTICS_IN_PROCESS === '1' ? undefined : new DiagnosticsWorker(__filename);
  const completionLists = new CompletionLists();
  const publisher = new DiagnosticsPublisher(connection, documents, service, options, logger, stacks, worker);
  onCatalogLoaded = () => publisher.all();

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    locale = normalizeLocale(params.locale);
    const init = (params.initializationOptions ?? {}) as InitOptions;
    // Only our VS Code extension says it has the snippets; every other editor gets them from us.
    serveSnippets = init.clientHasSnippets !== true;
    completionLists.configure(params.capabilities);
    const ws = params.capabilities.workspace;
    settings = new SettingsStore(connection, logger, ws?.configuration === true);
    stacks.setWorkspaceFolders(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
    dynamicConfig = ws?.didChangeConfiguration?.dynamicRegistration === true;
    dynamicWatch = ws?.didChangeWatchedFiles?.dynamicRegistration === true;
    logger.info(`nested-virt server starting for ${params.clientInfo?.name ?? 'unknown client'} (locale ${locale})`);
    return initializeResult(params.initializationOptions);
  });

  connection.onInitialized(() => {
    if (dynamicConfig) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'nestedVirt' });
    // Members of nova.conf stacks may change on disk; VS Code's client watches them through synchronize.fileEvents.
    if (dynamicWatch) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.conf' }] });
    void (async () => {
      // Load the catalog the settings name now, so the first request does not pay for it.
      const first = documents.all()[0]?.uri ?? '';
      const s = await (settings as SettingsStore).get(first);
      const { catalog } = await service.catalogs.load(s.cpuMapPath);
      logger.info(`cpu_map: ${catalog.source} (${catalog.modelCount()} models)`);
      await connection.sendNotification(ServerReadyNotification.type, { cpuMapSource: catalog.source, models: catalog.modelCount() });
    })().catch((e: unknown) => logger.error('startup failed', e));
  });

  connection.onDidChangeConfiguration((change) => {
    const raw = (change.settings as Record<string, unknown> | null)?.nestedVirt;
    if (raw !== undefined) settings?.setGlobal(raw);
    settings?.clear();
    service.catalogs.clear();
    worker?.clear();
    publisher.all();
  });

  connection.onNotification(HostFactsNotification.type, (params) => {
    host = params.facts;
    logger.info(host ? `host-aware diagnostics now use ${host.host}` : 'host-aware diagnostics cleared');
    publisher.all();
  });

  const workspaceLint = registerWorkspaceLint(connection, documents, service, options, logger, stacks);
  wireDocumentEvents(connection, documents, service, publisher, stacks, (uri) => {
    workspaceLint.closed(uri).catch((e: unknown) => logger.error(`workspace lint after closing ${uri} failed`, e));
  });

  registerFeatureHandlers(connection, documents, service, options, logger, completionLists, stacks);
  registerProbeHandler(connection, {
    catalogs: service.catalogs,
    settings: () => (settings as SettingsStore).get(''),
    locale: () => locale,
    logger,
  });
  registerExplainHandler(connection, documents, service, () => ({ locale, host }), logger);

  process.on('unhandledRejection', (e) => logger.error('unhandled rejection', e));
  process.on('uncaughtException', (e) => logger.error('uncaught exception', e));

  documents.listen(connection);
  connection.listen();
}

/** Every option; the transports and --clientProcessId are read again by vscode-languageserver's createConnection. */
const SERVER_OPTIONS = {
  stdio: { type: 'boolean' },
  'node-ipc': { type: 'boolean' },
  socket: { type: 'string' },
  pipe: { type: 'string' },
  clientProcessId: { type: 'string' },
  version: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies OptionTable;

/**
 * Document and file events → diagnostics. A change in one file of a nova.conf stack changes
 * the findings of the others, so any nova.conf change re-lints the open nova.conf files.
 */
function wireDocumentEvents(
  connection: Connection, documents: TextDocuments<TextDocument>, service: LanguageService, publisher: DiagnosticsPublisher, stacks: StackFinder,
  closed: (uri: string) => void,
): void {
  documents.onDidOpen((e) => publisher.schedule(e.document.uri, 0));
  const relintNova = (): void => {
    for (const d of documents.all()) if (service.kind(d) === 'nova') publisher.schedule(d.uri);
  };
  documents.onDidChangeContent((e) => (service.kind(e.document) === 'nova' ? relintNova() : publisher.schedule(e.document.uri)));
  // Files changed on disk (the client watches **/*.conf): new or deleted files change the stacks.
  connection.onDidChangeWatchedFiles((p) => {
    if (p.changes.some((c) => c.type !== FileChangeType.Changed)) stacks.invalidate();
    relintNova();
  });
  documents.onDidClose((e) => {
    const nova = service.kind(e.document) === 'nova';
    publisher.clear(e.document.uri);
    // A file the last workspace lint covered shows its findings on disk again, as before it was opened.
    closed(e.document.uri);
    // Its stack now reads the file from disk.
    if (nova) relintNova();
  });

}

function main(argv: readonly string[]): void {
  if (!isMainThread && (workerData as { role?: string } | null)?.role === WORKER_ROLE) {
    runDiagnosticsWorker();
    return;
  }
  const t = translator(lspMessages, localeFrom(process.env));
  const { values, problem } = parseCommandLine(argv, SERVER_OPTIONS);
  if (problem) {
    const error = problem.kind === 'missing-value' ? t('missing-value', problem.option) : t('unknown-option', problem.option);
    process.stderr.write(`nested-virt-language-server: ${error}\n\n${t('usage')}\n`);
    process.exitCode = 2;
    return;
  }
  if (values.version) {
    process.stdout.write(`nested-virt-language-server ${VERSION}\n`);
    return;
  }
  if (values.help) {
    process.stdout.write(t('usage') + '\n');
    return;
  }
  startServer();
}

main(process.argv.slice(2));
