/**
 * The modprobe.d snippets. VS Code reads them from snippets/modprobe-conf.json (the
 * manifest's `contributes.snippets`); other editors get them from the server as
 * completion items. This module is their single source: a unit test checks that
 * snippets/modprobe-conf.json is exactly `modprobeSnippetFileText()`.
 */
import type { CompletionItem, Range } from 'vscode-languageserver-protocol';
import { snippetFileText, snippetItem, type SnippetSpec } from '../../core/util/snippets';
import type { Locale } from '../../core/l10n';
import { modprobeMessages, modprobeT, type ModprobeMessageKey } from './messages';

type ModprobeSnippet = SnippetSpec<ModprobeMessageKey>;

export const MODPROBE_SNIPPETS: readonly ModprobeSnippet[] = [
  {
    prefix: 'nested-intel',
    label: 'snippet.intel.label',
    description: 'snippet.intel.detail',
    body: ['# kvm_intel: nested is a bool (Y/N); reload the module or reboot to apply.', 'options kvm_intel nested=${1|Y,1|}', '$0'],
  },
  {
    prefix: 'nested-amd',
    label: 'snippet.amd.label',
    description: 'snippet.amd.detail',
    body: ['# kvm_amd: nested is an int; write 1, not y. Reload the module or reboot to apply.', 'options kvm_amd nested=${1:1}', '$0'],
  },
];

export function modprobeSnippetFileText(): string {
  return snippetFileText(MODPROBE_SNIPPETS.map((s) => ({ name: modprobeMessages.en[s.label], prefix: s.prefix, description: modprobeMessages.en[s.description], body: s.body })));
}

export function modprobeSnippetItems(range: Range, locale: Locale): CompletionItem[] {
  const t = modprobeT(locale);
  return MODPROBE_SNIPPETS.map((s) => snippetItem(s.prefix, t(s.label), s.body.join('\n'), range, 'properties', t(s.description) + '\n\n'));
}
