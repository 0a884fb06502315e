/**
 * Push diagnostics, debounced per document. Push (not pull) because the editors we
 * document (Neovim 0.7+, Helix, Emacs eglot) all accept it, and one model is simpler.
 */
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { DiagnosticsWorker } from '../diagnosticsWorker';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Logger } from '../logger';
import type { LanguageService, RequestOptions } from '../../facade/service';
import { toDiagnostics } from '../../edge/diagnostics';
import { stackFindings } from '../../facade/stacks';
import type { StackFinder } from '../stacks';

const DEBOUNCE_MS = 150;
/** Documents above this many characters are logged when checked. */
const LARGE_DOCUMENT_CHARS = 1_000_000;

export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly service: LanguageService,
    private readonly options: (uri: string) => Promise<RequestOptions>,
    private readonly logger: Logger,
    private readonly stacks?: StackFinder,
    private readonly worker?: DiagnosticsWorker,
  ) {}

  schedule(uri: string, delay = DEBOUNCE_MS): void {
    const prev = this.timers.get(uri);
    if (prev) clearTimeout(prev);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.publish(uri);
      }, delay),
    );
  }

  all(): void {
    for (const doc of this.documents.all()) this.schedule(doc.uri, 0);
  }

  clear(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    this.service.forget(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** The worker's answer; undefined (compute here) when there is no worker or it failed. */
  private async inWorker(doc: TextDocument, opts: RequestOptions): Promise<Diagnostic[] | undefined> {
    const job = this.worker?.run(doc, opts);
    if (!job) return undefined;
    // The main thread reads the same cpu_map too: it reports problems with it once, and
    // completion and hover use it.
    void this.service.catalogs.load(opts.settings.cpuMapPath);
    try {
      return await job;
    } catch (e) {
      this.logger.error(`diagnostics worker failed for ${doc.uri}; computing in process`, e);
      return undefined;
    }
  }

  private async publish(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return;
    try {
      const opts = await this.options(uri);
      const version = doc.version;
      // Big documents are worth a line in the log (and the tests use it to know checking began).
      if (doc.getText().length > LARGE_DOCUMENT_CHARS) this.logger.info(`checking ${uri} (${doc.getText().length} characters, version ${version})`);
      // A nova.conf that belongs to a stack is linted merged with the other files of it (here: the
      // other files' texts live in this thread); every other document in the worker.
      const inStack = this.service.kind(doc) === 'nova' ? await this.stacks?.stackOf(uri, opts.settings) : undefined;
      const diagnostics = inStack
        ? toDiagnostics(stackFindings(this.service, inStack.stack, opts)[inStack.member], this.service.lines(doc))
        : ((await this.inWorker(doc, opts)) ?? toDiagnostics(this.service.findings(doc, opts), this.service.lines(doc)));
      if (this.documents.get(uri)?.version !== version) return;
      await this.connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (e) {
      this.logger.error(`diagnostics failed for ${uri}`, e);
    }
  }
}
