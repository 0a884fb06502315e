/**
 * Push diagnostics, debounced per document. Push (not pull) because the editors we
 * document (Neovim 0.7+, Helix, Emacs eglot) all accept it, and one model is simpler.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Logger } from '../logger';
import type { LanguageService, RequestOptions } from '../../facade/service';
import { toDiagnostics } from '../../edge/diagnostics';
import { stackFindings } from '../../facade/stacks';
import type { StackFinder } from '../stacks';

const DEBOUNCE_MS = 150;

export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly service: LanguageService,
    private readonly options: (uri: string) => Promise<RequestOptions>,
    private readonly logger: Logger,
    private readonly stacks?: StackFinder,
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

  private async publish(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return;
    try {
      const opts = await this.options(uri);
      const version = doc.version;
      // A nova.conf that belongs to a stack is linted merged with the other files of it.
      const inStack = this.service.kind(doc) === 'nova' ? await this.stacks?.stackOf(uri, opts.settings) : undefined;
      const findings = inStack ? stackFindings(this.service, inStack.stack, opts)[inStack.member] : this.service.findings(doc, opts);
      const diagnostics = toDiagnostics(findings, this.service.lines(doc));
      if (this.documents.get(uri)?.version !== version) return;
      await this.connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (e) {
      this.logger.error(`diagnostics failed for ${uri}`, e);
    }
  }
}
