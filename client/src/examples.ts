/** The walkthrough's "Open Example": the example files shipped in the extension. */
import * as vscode from 'vscode';
import { Commands } from '../../shared/src/commands';

export const EXAMPLES = { domain: 'examples/vm.xml', nova: 'examples/etc/nova/nova.conf' } as const;
export type ExampleKind = keyof typeof EXAMPLES;

export function registerExamples(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.openExample, async (kind?: unknown): Promise<vscode.TextEditor | undefined> => {
      let which: ExampleKind | undefined = kind === 'domain' || kind === 'nova' ? kind : undefined;
      if (!which) {
        const picked = await vscode.window.showQuickPick(
          [
            { label: 'vm.xml', description: vscode.l10n.t('libvirt domain XML'), example: 'domain' as const },
            { label: 'nova.conf', description: vscode.l10n.t('nova-compute configuration'), example: 'nova' as const },
          ],
          { placeHolder: vscode.l10n.t('Example to open') },
        );
        which = picked?.example;
      }
      if (!which) return undefined;
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(context.asAbsolutePath(EXAMPLES[which])));
      return vscode.window.showTextDocument(doc);
    }),
  );
}
