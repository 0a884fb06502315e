/**
 * A minimal LSP client for tests: spawns the bundled server over stdio, as any
 * editor would, answers workspace/configuration, and records diagnostics.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver-protocol/node';
import {
  CodeActionRequest,
  CompletionRequest,
  CompletionResolveRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type InitializeResult,
  type Position,
  type Range,
} from 'vscode-languageserver-protocol';
import type { CancellationToken } from 'vscode-languageserver-protocol';
import {
  HostFactsNotification,
  ProbeProgressNotification,
  ProbeRequest,
  ServerReadyNotification,
  type ProbeParams,
  type ProbeProgressParams,
  type ProbeResult,
  type ServerReadyParams,
} from '../../shared/src/protocol';
import type { HostFacts } from '../../shared/src/hostFacts';
import { REPO } from '../helpers';

export const SERVER = path.join(REPO, 'dist', 'server.js');

export interface StartOptions {
  readonly locale?: string;
  readonly settings?: Record<string, unknown>;
  /** What our VS Code client sends; other editors send nothing. */
  readonly initializationOptions?: Record<string, unknown>;
  /** Whether the client takes completion list defaults (LSP 3.17 itemDefaults), as VS Code does; default true. */
  readonly completionListDefaults?: boolean;
}

export class TestClient {
  readonly diagnostics = new Map<string, { version?: number; diagnostics: Diagnostic[] }>();
  /** window/showMessage(Request) texts, in order. */
  readonly shown: string[] = [];
  /** window/logMessage lines, in order. */
  readonly logs: string[] = [];
  /** nestedVirt/probeProgress notifications, in order. */
  readonly probeProgress: ProbeProgressParams[] = [];
  private waiters: (() => void)[] = [];
  private versions = new Map<string, number>();
  ready!: Promise<ServerReadyParams>;
  initializeResult!: InitializeResult;
  settings: Record<string, unknown>;

  private constructor(
    readonly proc: ChildProcess,
    readonly conn: MessageConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
  }

  static async start(opts: StartOptions = {}): Promise<TestClient> {
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const client = new TestClient(proc, conn, opts.settings ?? { cpuMap: { path: 'bundled' } });
    conn.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => client.settings));
    conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      client.diagnostics.set(p.uri, { version: p.version, diagnostics: p.diagnostics });
      for (const w of client.waiters.splice(0)) w();
    });
    client.ready = new Promise((resolve) => conn.onNotification(ServerReadyNotification.type, resolve));
    conn.onRequest('client/registerCapability', () => null);
    conn.onNotification('window/logMessage', (p: { message: string }) => {
      client.logs.push(p.message);
      for (const w of client.waiters.splice(0)) w();
    });
    const show = (p: { message: string }): void => {
      client.shown.push(p.message);
      for (const w of client.waiters.splice(0)) w();
    };
    conn.onNotification('window/showMessage', show);
    conn.onNotification(ProbeProgressNotification.type, (p) => {
      client.probeProgress.push(p);
      for (const w of client.waiters.splice(0)) w();
    });
    conn.onRequest('window/showMessageRequest', (p: { message: string }) => {
      show(p);
      return null;
    });
    conn.listen();
    client.initializeResult = await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      locale: opts.locale,
      clientInfo: { name: 'nested-virt-test-client' },
      initializationOptions: opts.initializationOptions,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          completion: {
            completionItem: { snippetSupport: true },
            ...(opts.completionListDefaults === false ? {} : { completionList: { itemDefaults: ['editRange', 'data'] } }),
          },
        },
      },
    });
    await conn.sendNotification(InitializedNotification.type, {});
    return client;
  }

  uri(file: string): string {
    return pathToFileURL(path.resolve(REPO, file)).toString();
  }

  async open(uri: string, languageId: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async change(uri: string, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  async setSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: { nestedVirt: settings } });
  }

  async sendHostFacts(facts: HostFacts | null): Promise<void> {
    await this.conn.sendNotification(HostFactsNotification.type, { facts });
  }

  /** Waits until the predicate holds, re-checking on each notification the server sends, with a timeout. */
  async waitFor<R>(check: () => R | undefined | false, describe: () => string = () => 'condition', timeoutMs = 10000): Promise<R> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = check();
      if (r !== undefined && r !== false) return r;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${describe()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits until diagnostics for the uri (of its latest version) satisfy the predicate. */
  diagnosticsFor(uri: string, until: (d: Diagnostic[]) => boolean = () => true, timeoutMs = 10000): Promise<Diagnostic[]> {
    return this.waitFor(
      () => {
        const cur = this.diagnostics.get(uri);
        return cur && (cur.version === undefined || cur.version === this.versions.get(uri)) && until(cur.diagnostics) ? cur.diagnostics : undefined;
      },
      () => `diagnostics of ${uri}; last: ${JSON.stringify(this.diagnostics.get(uri)?.diagnostics.map((d) => d.code))}`,
      timeoutMs,
    );
  }

  /** The completion items, with list defaults applied to each item as an editor does. */
  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const r = await this.completionResponse(uri, position);
    if (!r) return [];
    if (Array.isArray(r)) return r;
    const range = r.itemDefaults?.editRange;
    if (!range || !('start' in range)) return r.items;
    return r.items.map(({ textEditText, ...item }) => ({ ...item, textEdit: item.textEdit ?? { range, newText: textEditText ?? item.label } }));
  }

  /** The completion response as it came over the wire. */
  completionResponse(uri: string, position: Position): Promise<CompletionItem[] | CompletionList | null> {
    return this.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
  }

  resolveCompletion(item: CompletionItem): Promise<CompletionItem> {
    return this.conn.sendRequest(CompletionResolveRequest.type, item);
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    const r = await this.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics } });
    return (r ?? []) as CodeAction[];
  }

  probe(params: ProbeParams, token?: CancellationToken): Promise<ProbeResult> {
    return this.conn.sendRequest(ProbeRequest.type, params, token);
  }

  async stop(): Promise<void> {
    try {
      await this.conn.sendRequest(ShutdownRequest.type);
      await this.conn.sendNotification(ExitNotification.type);
    } catch {
      // the server may already be gone
    }
    this.conn.dispose();
    if (this.proc.exitCode === null) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          this.proc.kill('SIGKILL');
          resolve();
        }, 3000);
        this.proc.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
}
