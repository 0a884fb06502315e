/**
 * The language service façade: picks the language of a document, keeps one parse
 * per uri and version, and answers with LSP types. No connection here, so the CLI,
 * the server and the tests all use the same object.
 */
import type {
  CodeAction, CompletionItem, Diagnostic, DocumentSymbol, FoldingRange, Hover, Range, SelectionRange,
} from 'vscode-languageserver-protocol';
import { byPosition, type Finding } from '../core/finding';
import { LineIndex } from '../core/lines';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { HostFacts } from '../../../shared/src/hostFacts';
import type { ServerSettings } from '../../../shared/src/settings';
import { CatalogProvider } from '../lang/cpumap/provider';
import type { Locale } from '../core/l10n';
import { domainLanguage } from './languages/domain';
import { novaLanguage } from './languages/nova';
import { cmdlineLanguage, modprobeLanguage } from './languages/modprobe';
import { modprobeKindOf, modprobeKindOfPath } from '../lang/modprobe';
import type { Language, ServiceContext } from './languages/types';
import { fixAllAction } from './fixAll';
import { fileURLToPath } from 'node:url';
import { domainXmlKind } from '../lang/domain/detect';
import { isNovaConfPath } from '../lang/nova/paths';
import { parseNovaConf, type NovaConfFile } from '../lang/nova';
import { translator } from '../core/l10n';
import { facadeMessages } from './messages';

/** The first `MAX_FINDINGS` findings and, when more were found, one information finding at the first left out. */
export function capFindings(sorted: Finding[], message: (left: number) => string): Finding[] {
  if (sorted.length <= MAX_FINDINGS) return sorted;
  const first = sorted[MAX_FINDINGS];
  const left = sorted.length - MAX_FINDINGS;
  const kept = sorted.slice(0, MAX_FINDINGS);
  kept.push({ code: 'findings-capped', severity: 'information', start: first.start, end: first.end, message: message(left) });
  return kept;
}

export type DocumentKind = 'domain' | 'nova' | 'modprobe' | 'cmdline' | 'none';

/** Past this many findings per document the rest are counted, not listed. */
export const MAX_FINDINGS = 1000;
/** Documents longer than this (UTF-16 code units, about 16 MB) are not parsed. */
export const MAX_DOCUMENT_CHARS = 16 * 1024 * 1024;

interface Entry {
  readonly version: number;
  /** The document is over MAX_DOCUMENT_CHARS: not parsed, one finding says so. */
  readonly tooLarge?: boolean;
  readonly kind: DocumentKind;
  readonly parsed: unknown;
  /** Built on first use: the CLI and the LSP edge convert offsets with it. */
  lines?: LineIndex;
}

/**
 * Decides which language a document is, cheaply, with each language's one detection
 * function (as the CLI does): the `nova-conf` language id; the `modprobe-conf` language
 * id (lang/modprobe/paths.ts tells modprobe.d from a kernel command line); else markup
 * is a domain when its root is `<domain>` (lang/domain/detect.ts) and left alone
 * otherwise; else a nova.conf path (lang/nova/paths.ts) or a modprobe.d / grub /
 * kernel cmdline path (lang/modprobe/paths.ts).
 */
export function classify(languageId: string, text: string, uri = ''): DocumentKind {
  if (languageId === 'nova-conf') return 'nova';
  const fsPath = uri.startsWith('file:') ? uriPath(uri) : '';
  if (languageId === 'modprobe-conf') return modprobeKindOf(fsPath, text);
  // The CLI's `--type cmdline`: a command line whatever the path.
  if (languageId === 'kernel-cmdline') return 'cmdline';
  const markup = domainXmlKind(text);
  if (markup) return markup === 'domain' ? 'domain' : 'none';
  if (fsPath && isNovaConfPath(fsPath)) return 'nova';
  return (fsPath && modprobeKindOfPath(fsPath)) || 'none';
}

function uriPath(uri: string): string {
  try {
    return fileURLToPath(uri);
  } catch {
    return '';
  }
}

const LANGUAGES: Record<Exclude<DocumentKind, 'none'>, Language<unknown>> = {
  domain: domainLanguage as Language<unknown>,
  nova: novaLanguage as Language<unknown>,
  modprobe: modprobeLanguage as Language<unknown>,
  cmdline: cmdlineLanguage as Language<unknown>,
};

export interface RequestOptions {
  readonly settings: ServerSettings;
  readonly locale: Locale;
  readonly host?: HostFacts | null;
  readonly serveSnippets?: boolean;
}

export class LanguageService {
  private readonly cache = new Map<string, Entry>();

  constructor(readonly catalogs: CatalogProvider = new CatalogProvider()) {}

  /** The parse for this uri and version, computed once. */
  private entry(doc: TextDocument): Entry {
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit;
    const text = doc.getText();
    if (text.length > MAX_DOCUMENT_CHARS) {
      const big: Entry = { version: doc.version, kind: 'none', parsed: undefined, tooLarge: true };
      this.cache.set(doc.uri, big);
      return big;
    }
    const kind = classify(doc.languageId, text, doc.uri);
    let parsed: unknown;
    let finalKind = kind;
    if (kind !== 'none') {
      parsed = LANGUAGES[kind].parse(text);
      if (!LANGUAGES[kind].applies(parsed)) finalKind = 'none';
    }
    const e: Entry = { version: doc.version, kind: finalKind, parsed };
    this.cache.set(doc.uri, e);
    return e;
  }

  kind(doc: TextDocument): DocumentKind {
    return this.entry(doc).kind;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /** The nova.conf parse of a document (cached like any other), whatever its language id. */
  novaFile(doc: TextDocument): NovaConfFile {
    const e = this.entry(doc);
    if (e.kind === 'nova') return e.parsed as NovaConfFile;
    const parsed = parseNovaConf(doc.getText());
    this.cache.set(doc.uri, { version: doc.version, kind: 'nova', parsed });
    return parsed;
  }

  context(opts: RequestOptions): ServiceContext {
    return {
      settings: opts.settings,
      catalog: this.catalogs.get(opts.settings.cpuMapPath).catalog,
      locale: opts.locale,
      host: opts.host ?? null,
      serveSnippets: opts.serveSnippets ?? false,
    };
  }

  private withLanguage<R>(doc: TextDocument, opts: RequestOptions, empty: R, fn: (lang: Language<unknown>, parsed: unknown, ctx: ServiceContext) => R): R {
    const e = this.entry(doc);
    if (e.kind === 'none') return empty;
    const lang = LANGUAGES[e.kind];
    if (!lang.enabled(opts.settings)) return empty;
    return fn(lang, e.parsed, this.context(opts));
  }

  /**
   * Findings in offsets, ordered by position, at most MAX_FINDINGS of them and then one
   * that says how many were left out; a document over the size limit gets one finding.
   */
  findings(doc: TextDocument, opts: RequestOptions): Finding[] {
    const t = translator(facadeMessages, opts.locale);
    if (this.entry(doc).tooLarge) {
      const mb = (n: number): string => (n / (1024 * 1024)).toFixed(1);
      return [{ code: 'document-too-large', severity: 'warning', start: 0, end: 0, message: t('document-too-large', mb(doc.getText().length), mb(MAX_DOCUMENT_CHARS)) }];
    }
    const all = this.withLanguage(doc, opts, [], (lang, parsed, ctx) => {
      const own = lang.findings(parsed, ctx);
      const placed = lang.placeFindings?.(doc.uri.startsWith('file:') ? uriPath(doc.uri) : '', parsed, ctx) ?? [];
      return (placed.length ? [...own, ...placed] : own).sort(byPosition);
    });
    return capFindings(all, (left) => t('findings-capped', left, MAX_FINDINGS));
  }

  /** The line index of this uri and version, for converting findings at the edge. */
  lines(doc: TextDocument): LineIndex {
    const e = this.entry(doc);
    e.lines ??= new LineIndex(doc.getText());
    return e.lines;
  }

  completion(doc: TextDocument, offset: number, opts: RequestOptions): CompletionItem[] {
    return this.withLanguage(doc, opts, [], (lang, parsed, ctx) => lang.completion(doc, parsed, offset, ctx));
  }

  hover(doc: TextDocument, offset: number, opts: RequestOptions): Hover | null {
    return this.withLanguage(doc, opts, null, (lang, parsed, ctx) => lang.hover(doc, parsed, offset, ctx));
  }

  codeActions(doc: TextDocument, range: Range, diagnostics: Diagnostic[], opts: RequestOptions): CodeAction[] {
    return this.withLanguage(doc, opts, [], (lang, parsed, ctx) => lang.codeActions(doc, parsed, range, diagnostics, ctx));
  }

  /** One `source.fixAll.nestedVirt` action with every preferred quick-fix that does not overlap another. */
  fixAll(doc: TextDocument, diagnostics: Diagnostic[], opts: RequestOptions): CodeAction | null {
    return this.withLanguage(doc, opts, null, (lang, parsed, ctx) => {
      const all = lang.fixAll?.(doc, parsed, diagnostics, ctx);
      return all ? fixAllAction(doc.uri, all.actions, all.title) : null;
    });
  }

  /**
   * null (not []) where the language has no structure to show: VS Code then keeps its
   * own indentation folding and other extensions' outlines for XML documents.
   */
  documentSymbols(doc: TextDocument, opts: RequestOptions): DocumentSymbol[] | null {
    return this.withLanguage(doc, opts, null, (lang, parsed) => lang.documentSymbols?.(parsed) ?? null);
  }

  foldingRanges(doc: TextDocument, opts: RequestOptions): FoldingRange[] | null {
    return this.withLanguage(doc, opts, null, (lang, parsed) => lang.foldingRanges?.(parsed) ?? null);
  }

  selectionRanges(doc: TextDocument, offsets: readonly number[], opts: RequestOptions): SelectionRange[] | null {
    return this.withLanguage(doc, opts, null, (lang, parsed) => lang.selectionRanges?.(parsed, offsets) ?? null);
  }
}
