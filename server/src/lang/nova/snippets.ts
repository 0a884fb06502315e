/**
 * The nova.conf snippets. VS Code reads them from snippets/nova-conf.json (the
 * manifest's `contributes.snippets`); other editors get them from the server as
 * completion items. This module is their single source (the server's rootDir
 * cannot import a JSON file outside server/src): `npm run gen` writes
 * snippets/nova-conf.json from `novaSnippetFileText()`; `-- --check` fails when stale.
 */
import type { CompletionItem, Range } from 'vscode-languageserver-protocol';
import { snippetFileText, snippetItem, type SnippetSpec } from '../../core/util/snippets';
import type { Translate } from '../../core/l10n';
import { novaMessages, type NovaMessageKey } from './messages';

type NovaSnippet = SnippetSpec<NovaMessageKey>;

export const NOVA_SNIPPETS: readonly NovaSnippet[] = [
  {
    prefix: 'libvirt-nested',
    label: 'snippet.label',
    description: 'snippet.detail',
    body: [
      '[libvirt]',
      '# KVM hardware virtualization: the only virt_type whose guests can run KVM themselves.',
      'virt_type = ${1:kvm}',
      '# The host CPU as is, vmx/svm included. Needs nested=Y on the host (kvm_intel or kvm_amd).',
      'cpu_mode = ${2:host-passthrough}',
      '$0',
    ],
  },
];

export function novaSnippetFileText(): string {
  return snippetFileText(NOVA_SNIPPETS.map((s) => ({ name: novaMessages.en[s.label], prefix: s.prefix, description: novaMessages.en[s.description], body: s.body })));
}

export function novaSnippetItems(range: Range, t: Translate<NovaMessageKey>): CompletionItem[] {
  return NOVA_SNIPPETS.map((s) => snippetItem(s.prefix, t(s.label), s.body.join('\n'), range, 'ini', t(s.description) + '\n\n'));
}
