/**
 * The language service façade: picks the language of a document, keeps one parse
 * per uri and version, and answers with LSP types. No connection here, so the CLI,
 * the server and the tests all use the same object.
 */
import type { CodeAction, CompletionItem, Diagnostic, Hover, Range } from 'vscode-languageserver-protocol';
import { byPosition, type Finding } from '../core/finding';
import { LineIndex } from '../core/lines';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { HostFacts } from '../../../shared/src/hostFacts';
import type { ServerSettings } from '../../../shared/src/settings';
import { CatalogProvider } from '../lang/cpumap/provider';
import type { Locale } from '../core/l10n';
import { domainLanguage } from './languages/domain';
import { novaLanguage } from './languages/nova';
import type { Language, ServiceContext } from './languages/types';
import { fileURLToPath } from 'node:url';
import { isNovaConfPath } from '../lang/nova';
import { rootElementName } from '../lang/xml';
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

export type DocumentKind = 'domain' | 'nova' | 'none';

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
 * Decides which language a document is, cheaply. Editors name XML differently
 * (VS Code and Neovim say `xml`, Emacs eglot `nxml`), so any document whose text
 * starts with markup and whose root is <domain> is a domain; other XML is left
 * after reading its first tag. nova.conf is the `nova-conf` language id, or a file
 * whose path is a nova.conf path, as the CLI decides.
 */
export function classify(languageId: string, text: string, uri = ''): DocumentKind {
  if (languageId === 'nova-conf') return 'nova';
  if (startsWithMarkup(text)) return rootElementName(text) === 'domain' ? 'domain' : 'none';
  if (uri.startsWith('file:') && isNovaConfPath(uriPath(uri))) return 'nova';
  return 'none';
}

/** True when the first non-blank character (after a BOM) is `<`. */
function startsWithMarkup(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3c) return true;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0xfeff) return false;
  }
  return false;
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

  private context(opts: RequestOptions): ServiceContext {
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
    const all = this.withLanguage(doc, opts, [], (lang, parsed, ctx) => lang.findings(parsed, ctx).sort(byPosition));
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
}
