import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activate, closeAllEditors, completionsAt, EXTENSION_ID, labelOf, open, pollUntil, positionOf } from './helpers';

interface SnippetContribution { language: string; path: string }
interface SnippetBody { prefix: string | string[]; body: string | string[]; description?: string }

function contributedSnippets(language: string): { file: string; prefixes: string[] }[] {
  const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
  const contrib = ((ext.packageJSON as { contributes?: { snippets?: SnippetContribution[] } }).contributes?.snippets ?? [])
    .filter((s) => s.language === language);
  return contrib.map((s) => {
    const file = path.join(ext.extensionPath, s.path);
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, SnippetBody>;
    return { file, prefixes: Object.values(json).flatMap((b) => (Array.isArray(b.prefix) ? b.prefix : [b.prefix])) };
  });
}

suite('Snippets', () => {
  suiteSetup(async () => {
    await activate();
  });
  suiteTeardown(closeAllEditors);

  for (const [language, fixture, anchor] of [
    ['xml', 'domain/nested-guest.xml', '  </cpu>\n'],
    ['nova-conf', 'etc/nova/nova.conf', 'debug = false\n'],
  ] as const) {
    test(`${language} snippets are contributed and offered`, async () => {
      const files = contributedSnippets(language);
      assert.ok(files.length > 0, `package.json contributes snippets for ${language}`);
      const prefixes = files.flatMap((f) => f.prefixes);
      assert.ok(prefixes.length > 0, `${files.map((f) => f.file).join(', ')} define snippets`);
      const { document: doc } = await open(fixture);
      // A line start with no word after it: VS Code offers no snippets in front of a word.
      const pos = positionOf(doc, anchor, anchor.length);
      const items = await pollUntil(
        () => completionsAt(doc.uri, pos),
        (xs) => xs.some((i) => i.kind === vscode.CompletionItemKind.Snippet),
        `snippet completions in ${fixture}`,
      );
      const offered = new Set(items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map(labelOf));
      for (const p of prefixes) assert.ok(offered.has(p), `snippet "${p}" is offered; got ${[...offered].join(', ')}`);
    });
  }
});
