/**
 * The domain XML snippets. VS Code reads them from snippets/domain-xml.json (the
 * manifest's `contributes.snippets`); other editors get them from the server as
 * completion items. This module is their single source: `npm run gen` writes
 * the JSON file from `domainSnippetFileText()` and `-- --check` fails when it is stale.
 */
import type { CompletionItem, Range } from 'vscode-languageserver-protocol';
import { snippetFileText, snippetItem } from '../../core/util/snippets';
import type { DomainMessageKey } from './messages';
import type { Quote } from './edit';
import { domainMessages } from './messages';
import type { Translate } from '../../core/l10n';

export interface DomainSnippet {
  readonly prefix: string;
  /** Where the snippet fits: directly in `<domain>`, or in `<cpu>`. */
  readonly parent: 'domain' | 'cpu';
  readonly label: DomainMessageKey;
  readonly body: readonly string[];
}

export const DOMAIN_SNIPPETS: readonly DomainSnippet[] = [
  {
    prefix: 'cpu-host-passthrough',
    parent: 'domain',
    label: 'snippet-host-passthrough',
    body: ["<cpu mode='host-passthrough' check='none' migratable='${1|on,off|}'/>$0"],
  },
  {
    prefix: 'cpu-host-model',
    parent: 'domain',
    label: 'snippet-host-model',
    body: ["<cpu mode='host-model' check='partial'/>$0"],
  },
  {
    prefix: 'cpu-custom-vmx',
    parent: 'domain',
    label: 'snippet-custom-vmx',
    body: [
      "<cpu mode='custom' match='exact' check='partial'>",
      "\t<model fallback='${1|allow,forbid|}'>${2:Skylake-Client-IBRS}</model>",
      "\t<feature policy='require' name='${3|vmx,svm|}'/>$0",
      '</cpu>',
    ],
  },
  {
    prefix: 'cpu-topology',
    parent: 'cpu',
    label: 'snippet-topology',
    body: ["<topology sockets='${1:1}' cores='${2:2}' threads='${3:1}'/>$0"],
  },
];

/** The text of snippets/domain-xml.json (VS Code snippet format, English names). */
export function domainSnippetFileText(): string {
  return snippetFileText(DOMAIN_SNIPPETS.map((s) => ({ name: domainMessages.en[s.label], prefix: s.prefix, description: domainMessages.en[s.label], body: s.body })));
}

/** Snippet text with the body's single quotes switched to the document's style. */
function bodyText(s: DomainSnippet, quote: Quote, indent: string): string {
  const text = s.body.join('\n').replace(/\t/g, indent);
  return quote === "'" ? text : text.replace(/'/g, '"');
}

export function snippetItems(parent: 'domain' | 'cpu', range: Range, quote: Quote, indent: string, t: Translate<DomainMessageKey>): CompletionItem[] {
  return DOMAIN_SNIPPETS.filter((s) => s.parent === parent).map((s) => snippetItem(s.prefix, t(s.label), bodyText(s, quote, indent), range, 'xml'));
}
