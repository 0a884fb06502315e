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
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
  type Connection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { HostFacts } from '../../../shared/src/hostFacts';
import { HostFactsNotification, ServerReadyNotification } from '../../../shared/src/protocol';
import { CatalogProvider } from '../lang/cpumap/provider';
import { readCpuMapFiles } from '../io/cpuMapFiles';
import { isMainThread, workerData } from 'node:worker_threads';
import { DiagnosticsWorker, runDiagnosticsWorker, WORKER_ROLE } from './diagnosticsWorker';
import { DiagnosticsPublisher } from './handlers/diagnostics';
import { registerFeatureHandlers } from './handlers/features';
import { SettingsStore } from './handlers/settings';
import { normalizeLocale, type Locale } from '../core/l10n';
import { Logger } from './logger';
import { LanguageService, type RequestOptions } from '../facade/service';

/** What our own VS Code client sends in initializationOptions. */
interface InitOptions {
  /** The client contributes snippets/*.json itself, so the server must not serve them again. */
  readonly clientHasSnippets?: boolean;
}

/** What the server answers: push diagnostics, completion, hover, quick-fixes. */
const CAPABILITIES: InitializeResult['capabilities'] = {
  textDocumentSync: TextDocumentSyncKind.Incremental,
  completionProvider: { triggerCharacters: ['<', ' ', '"', "'", '=', ',', '[', '+', '-'], resolveProvider: false },
  hoverProvider: true,
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
};

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

  const options = async (uri: string): Promise<RequestOptions> => ({
    settings: await (settings as SettingsStore).get(uri),
    locale,
    host,
    serveSnippets,
  });
  // Diagnostics in a worker thread (this same script), so a huge document never delays hover.
  // NESTED_VIRT_DIAGNOSTICS_IN_PROCESS=1 computes them on the main thread (for debugging).
  const worker = process.env.NESTED_VIRT_DIAGNOSTICS_IN_PROCESS === '1' ? undefined : new DiagnosticsWorker(__filename);
  const publisher = new DiagnosticsPublisher(connection, documents, service, options, logger, worker);
  onCatalogLoaded = () => publisher.all();

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    locale = normalizeLocale(params.locale);
    const init = (params.initializationOptions ?? {}) as InitOptions;
    // Only our VS Code extension says it has the snippets; every other editor gets them from us.
    serveSnippets = init.clientHasSnippets !== true;
    const ws = params.capabilities.workspace;
    settings = new SettingsStore(connection, logger, ws?.configuration === true);
    dynamicConfig = ws?.didChangeConfiguration?.dynamicRegistration === true;
    logger.info(`nested-virt server starting for ${params.clientInfo?.name ?? 'unknown client'} (locale ${locale})`);
    return {
      capabilities: CAPABILITIES,
      serverInfo: { name: 'nested-virt-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (dynamicConfig) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'nestedVirt' });
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

  documents.onDidOpen((e) => publisher.schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => publisher.schedule(e.document.uri));
  documents.onDidClose((e) => publisher.clear(e.document.uri));

  registerFeatureHandlers(connection, documents, service, options, logger);

  process.on('unhandledRejection', (e) => logger.error('unhandled rejection', e));
  process.on('uncaughtException', (e) => logger.error('uncaught exception', e));

  documents.listen(connection);
  connection.listen();
}

function main(argv: readonly string[]): void {
  if (!isMainThread && (workerData as { role?: string } | null)?.role === WORKER_ROLE) {
    runDiagnosticsWorker();
    return;
  }
  if (argv.includes('--version')) {
    process.stdout.write('nested-virt-language-server 0.1.0\n');
    return;
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(
      'Usage: nested-virt-language-server --stdio\n\n' +
        'Language server for libvirt domain XML <cpu> and nova.conf [libvirt].\n' +
        'Transports: --stdio, --node-ipc, --socket=PORT.\n',
    );
    return;
  }
  startServer();
}

main(process.argv.slice(2));
