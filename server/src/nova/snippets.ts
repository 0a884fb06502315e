/**
 * The nova.conf snippets. VS Code reads them from snippets/nova-conf.json (the
 * manifest's `contributes.snippets`); other editors get them from the server as
 * completion items. This module is their single source (the server's rootDir
 * cannot import a JSON file outside server/src): a unit test checks that
 * snippets/nova-conf.json is exactly `novaSnippetFileText()`.
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver-types';
import type { Translate } from '../l10n';
import { novaMessages, type NovaMessageKey } from './messages';

export interface NovaSnippet {
  readonly prefix: string;
  readonly label: NovaMessageKey;
  readonly description: NovaMessageKey;
  readonly body: readonly string[];
}

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
  const file: Record<string, { prefix: string; description: string; body: readonly string[] }> = {};
  for (const s of NOVA_SNIPPETS) {
    file[novaMessages.en[s.label]] = { prefix: s.prefix, description: novaMessages.en[s.description], body: s.body };
  }
  return JSON.stringify(file, null, 2) + '\n';
}

function preview(text: string): string {
  return text.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
}

export function novaSnippetItems(range: Range, t: Translate<NovaMessageKey>): CompletionItem[] {
  return NOVA_SNIPPETS.map((s) => {
    const text = s.body.join('\n');
    return {
      label: s.prefix,
      kind: CompletionItemKind.Snippet,
      detail: t(s.label),
      documentation: { kind: MarkupKind.Markdown, value: t(s.description) + '\n\n```ini\n' + preview(text) + '\n```' },
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: text },
      filterText: s.prefix,
      sortText: '~' + s.prefix,
    };
  });
}
