/**
 * `nestedVirt/lintWorkspace`: finds domain XML, nova.conf, modprobe.d and kernel
 * command line files under the folders (an iterative walk, async reads, no
 * recursion), lints each with the folder's settings and publishes the diagnostics of
 * files that are not open (the open ones are the publisher's). A nova.conf in a stack
 * (kolla overlays, nova.conf.d, nestedVirt.nova.stacks) is judged in its stack, as the
 * publisher and the CLI judge it. A file the run covered
 * keeps its findings after it is opened and closed again. Reports work-done
 * progress; stops on cancel.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CancellationToken, Connection, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LintWorkspaceRequest, type LintWorkspaceParams, type LintWorkspaceResult } from '../../../../shared/src/protocol';
import { toDiagnostics } from '../../edge/diagnostics';
import type { Finding } from '../../core/finding';
import type { LanguageService, RequestOptions } from '../../facade/service';
import { stackFindings } from '../../facade/stacks';
import { modprobeKindOfPath } from '../../lang/modprobe';
import { isNovaConfPath } from '../../lang/nova';
import type { Logger } from '../logger';
import type { StackFinder } from '../stacks';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test', '.tox', '.venv', '__pycache__']);
const MAX_FILES = 20000;
const MAX_BYTES = 4 * 1024 * 1024;

/** Candidate files: every .xml (the content decides whether it is a domain), nova.conf paths, modprobe.d files and kernel command lines. */
export async function findCandidates(root: string, token?: CancellationToken): Promise<string[]> {
  const out: string[] = [];
  const queue = [root];
  while (queue.length && out.length < MAX_FILES && !token?.isCancellationRequested) {
    const dir = queue.shift() as string;
    let entries;
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) queue.push(full);
      } else if (e.isFile() && (e.name.toLowerCase().endsWith('.xml') || isNovaConfPath(full) || modprobeKindOfPath(full))) {
        out.push(full);
      }
    }
  }
  return out.sort();
}

/** The language id a file found on disk is read with, as the editor would open it. */
function languageOf(file: string): string {
  if (file.toLowerCase().endsWith('.xml')) return 'xml';
  return isNovaConfPath(file) ? 'nova-conf' : 'modprobe-conf';
}

export interface WorkspaceLint {
  /** A document was closed: when the last run covered its file, the file's findings on disk are published again. */
  closed(uri: string): Promise<void>;
}

export function registerWorkspaceLint(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  service: LanguageService,
  options: (uri: string) => Promise<RequestOptions>,
  logger: Logger,
  stacks: StackFinder,
): WorkspaceLint {
  /**
   * What the last run published, by file path (a client may spell a file's URI otherwise than
   * Node does, e.g. file:///c%3A/ on Windows), with the URI it was published under.
   */
  let published = new Map<string, string>();

  connection.onRequest(LintWorkspaceRequest.type, async (params: LintWorkspaceParams, token): Promise<LintWorkspaceResult> => {
    const progress = connection.languages.attachWorkDoneProgress(params);
    progress.begin('nested-virt', 0, 'finding files…', true);
    const started = Date.now();
    let files = 0;
    let filesWithProblems = 0;
    let problems = 0;
    const now = new Map<string, string>();
    try {
      for (const folder of params.folders) {
        if (!folder.startsWith('file:')) continue;
        const root = fileURLToPath(folder);
        const opts = await options(folder);
        const candidates = await findCandidates(root, token);
        for (let i = 0; i < candidates.length && !token.isCancellationRequested; i++) {
          const file = candidates[i];
          progress.report(Math.floor((100 * i) / candidates.length), path.relative(root, file));
          const uri = pathToFileURL(file).toString();
          const n = await lintFile(file, uri, opts);
          if (n < 0) continue;
          files++;
          problems += n;
          if (n > 0) filesWithProblems++;
          now.set(file, uri);
        }
      }
      // Files published last time that are gone or no longer ours: clear them.
      for (const [file, uri] of published) if (!now.has(file) && !documents.get(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
      published = now;
    } finally {
      progress.done();
    }
    const cancelled = token.isCancellationRequested;
    logger.info(`workspace lint: ${files} files, ${problems} problems in ${Date.now() - started} ms${cancelled ? ' (cancelled)' : ''}`);
    return { files, filesWithProblems, problems, cancelled };
  });

  /** A nova.conf's findings in its stack when it is in one, else the file's own. */
  async function findingsOf(doc: TextDocument, opts: RequestOptions): Promise<readonly Finding[]> {
    if (service.kind(doc) === 'nova') {
      const s = await stacks.stackOf(doc.uri, opts.settings);
      if (s) return stackFindings(service, s.stack, opts)[s.member];
    }
    return service.findings(doc, opts);
  }

  /** Findings published for one file; -1 when the file is not ours or cannot be read. */
  async function lintFile(file: string, uri: string, opts: RequestOptions): Promise<number> {
    try {
      const st = await fsp.stat(file);
      if (st.size > MAX_BYTES) return -1;
      const open = documents.get(uri);
      const text = open ? open.getText() : await fsp.readFile(file, 'utf8');
      const doc = open ?? TextDocument.create(uri, languageOf(file), 0, text);
      if (service.kind(doc) === 'none') return -1;
      const findings = await findingsOf(doc, opts);
      if (!open) {
        await connection.sendDiagnostics({ uri, diagnostics: toDiagnostics(findings, service.lines(doc)) });
        service.forget(uri);
      }
      return findings.length;
    } catch (e) {
      logger.warn(`workspace lint: cannot read ${file}: ${String(e)}`);
      return -1;
    }
  }

  return {
    async closed(uri: string): Promise<void> {
      if (!uri.startsWith('file:') || documents.get(uri)) return;
      const file = fileURLToPath(uri);
      if (!published.has(file)) return;
      const n = await lintFile(file, uri, await options(uri));
      if (n < 0) void connection.sendDiagnostics({ uri, diagnostics: [] });
    },
  };
}
