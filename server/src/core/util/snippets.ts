/**
 * Snippets have one source per language (domain/snippets.ts, nova/snippets.ts).
 * VS Code reads them from snippets/*.json; other editors get them from the server
 * as completion items. These helpers write the JSON file and build the items.
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver-protocol';

/** A snippet as a language declares it: its label and description are keys of the language's messages. */
export interface SnippetSpec<K extends string> {
  readonly prefix: string;
  readonly label: K;
  readonly description: K;
  readonly body: readonly string[];
}

export interface SnippetFileEntry {
  /** The snippet's name in the JSON file (English). */
  readonly name: string;
  readonly prefix: string;
  readonly description: string;
  readonly body: readonly string[];
}

/** The text of a snippets/*.json file in VS Code's snippet format. */
export function snippetFileText(entries: readonly SnippetFileEntry[]): string {
  const file: Record<string, { prefix: string; description: string; body: readonly string[] }> = {};
  for (const e of entries) file[e.name] = { prefix: e.prefix, description: e.description, body: e.body };
  return JSON.stringify(file, null, 2) + '\n';
}

/** Snippet text with placeholders replaced by their first choice or default, for documentation. */
export function snippetPreview(text: string): string {
  return text
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');
}

/** A completion item that inserts a snippet, sorted after the language's own items. */
export function snippetItem(prefix: string, detail: string, text: string, range: Range, docLanguage: string, lead = ''): CompletionItem {
  return {
    label: prefix,
    kind: CompletionItemKind.Snippet,
    detail,
    documentation: { kind: MarkupKind.Markdown, value: `${lead}\`\`\`${docLanguage}\n${snippetPreview(text)}\n\`\`\`` },
    insertTextFormat: InsertTextFormat.Snippet,
    filterText: prefix,
    textEdit: { range, newText: text },
    sortText: `~${prefix}`,
  };
}
