/**
 * Diagnostics off the main thread. The server computes every document's diagnostics in one
 * worker thread (the same bundle, started with `role: 'diagnostics'`), so a pathological
 * document that takes seconds never holds up hover, completion or code actions on the main
 * thread, which keep their own parse cache. Jobs run one at a time in the worker; a result
 * for an outdated version is dropped by the publisher. If the worker cannot start or dies,
 * diagnostics are computed in process as before.
 */
import { Worker, parentPort, type WorkerOptions } from 'node:worker_threads';
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LanguageService, type RequestOptions } from '../facade/service';
import { toDiagnostics } from '../edge/diagnostics';
import { CatalogProvider } from '../lang/cpumap/provider';
import { readCpuMapFiles } from '../io/cpuMapFiles';

export const WORKER_ROLE = 'diagnostics';

interface Job {
  readonly id: number;
  readonly uri: string;
  readonly languageId: string;
  readonly version: number;
  readonly text: string;
  readonly options: RequestOptions;
}

type Message = { readonly kind: 'job'; readonly job: Job } | { readonly kind: 'clear' };
type Reply = { readonly id: number; readonly diagnostics: Diagnostic[] } | { readonly id: number; readonly error: string };

/** The worker side: one service, its own catalogs (read asynchronously, checked like the server's). */
export function runDiagnosticsWorker(): void {
  const port = parentPort;
  if (!port) return;
  const catalogs = new CatalogProvider(undefined, undefined, { read: readCpuMapFiles });
  const service = new LanguageService(catalogs);
  port.on('message', (m: Message) => {
    if (m.kind === 'clear') {
      catalogs.clear();
      return;
    }
    const { job } = m;
    void (async (): Promise<Reply> => {
      try {
        await catalogs.load(job.options.settings.cpuMapPath);
        const doc = TextDocument.create(job.uri, job.languageId, job.version, job.text);
        const diagnostics = toDiagnostics(service.findings(doc, job.options), service.lines(doc));
        service.forget(job.uri);
        return { id: job.id, diagnostics };
      } catch (e) {
        return { id: job.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
      }
    })().then((reply) => port.postMessage(reply));
  });
}

/** The main-thread side. */
export class DiagnosticsWorker {
  private worker: Worker | undefined;
  private failed = false;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (d: Diagnostic[]) => void; reject: (e: Error) => void }>();

  constructor(
    private readonly script: string,
    private readonly options: WorkerOptions = {},
  ) {}

  /** Diagnostics for the document, or undefined when there is no worker (compute in process then). */
  run(doc: TextDocument, options: RequestOptions): Promise<Diagnostic[]> | undefined {
    const worker = this.start();
    if (!worker) return undefined;
    const id = this.nextId++;
    const job: Job = { id, uri: doc.uri, languageId: doc.languageId, version: doc.version, text: doc.getText(), options };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ kind: 'job', job } satisfies Message);
    });
  }

  /** Settings changed: the worker forgets the cpu_maps it read. */
  clear(): void {
    this.worker?.postMessage({ kind: 'clear' } satisfies Message);
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private start(): Worker | undefined {
    if (this.worker || this.failed) return this.worker;
    try {
      const w = new Worker(this.script, { ...this.options, workerData: { role: WORKER_ROLE } });
      w.unref();
      w.on('message', (r: Reply) => {
        const p = this.pending.get(r.id);
        if (!p) return;
        this.pending.delete(r.id);
        if ('error' in r) p.reject(new Error(r.error));
        else p.resolve(r.diagnostics);
      });
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => this.fail(new Error(`diagnostics worker exited with ${code}`)));
      this.worker = w;
    } catch {
      this.failed = true;
    }
    return this.worker;
  }

  private fail(e: Error): void {
    this.failed = true;
    this.worker = undefined;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }
}
