/**
 * Workspace lint in the editor: the `nestedVirt.lintWorkspace` command asks the
 * server to lint every matching file (progress with cancel; results land in
 * Problems), and a `nested-virt` task type runs the bundled CLI with the
 * `$nested-virt` problem matcher, for tasks.json and CI-like runs.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { WorkDoneProgress, type WorkDoneProgressBegin, type WorkDoneProgressReport } from 'vscode-languageclient';
import { Commands } from '../../shared/src/commands';
import { LintWorkspaceRequest, type LintWorkspaceResult } from '../../shared/src/protocol';

export const TASK_TYPE = 'nested-virt';

interface NestedVirtTaskDefinition extends vscode.TaskDefinition {
  readonly type: typeof TASK_TYPE;
  /** Files or folders, relative to the workspace folder (default: the folder). */
  readonly paths?: string[];
  readonly release?: string;
}

export async function lintWorkspace(client: LanguageClient | undefined): Promise<LintWorkspaceResult | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.toString());
  if (!client || !folders.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder to lint its domain XML and nova.conf files.'));
    return undefined;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Nested Virt: linting the workspace'), cancellable: true },
    async (progress, token) => {
      const workDoneToken = `nestedVirt.lintWorkspace.${Date.now()}`;
      let last = 0;
      const sub = client.onProgress(WorkDoneProgress.type, workDoneToken, (v) => {
        if (v.kind === 'end') return;
        const p = v as WorkDoneProgressBegin | WorkDoneProgressReport;
        const pct = p.percentage ?? last;
        progress.report({ increment: Math.max(0, pct - last), message: p.message });
        last = pct;
      });
      try {
        return await client.sendRequest(LintWorkspaceRequest.type, { folders, workDoneToken }, token);
      } finally {
        sub.dispose();
      }
    },
  );
  const summary = vscode.l10n.t('Checked {0} file(s): {1} problem(s) in {2} file(s).', result.files, result.problems, result.filesWithProblems);
  const open = vscode.l10n.t('Open Problems');
  void vscode.window.showInformationMessage(result.cancelled ? vscode.l10n.t('Cancelled. {0}', summary) : summary, open).then((c) => {
    if (c === open) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return result;
}

/** The task that runs the bundled CLI over a folder, its output read by the `$nested-virt` matcher. */
export function lintTask(context: vscode.ExtensionContext, folder: vscode.WorkspaceFolder, def: NestedVirtTaskDefinition): vscode.Task {
  const cli = context.asAbsolutePath('dist/cli.js');
  const args = [cli, 'lint', '--lang', 'en', ...(def.release ? ['--release', def.release] : []), ...(def.paths?.length ? def.paths : ['.'])];
  // The extension host's binary is Node (code-server) or Electron, which runs as Node with this variable.
  const exec = new vscode.ProcessExecution(process.execPath, args, { cwd: folder.uri.fsPath, env: { ELECTRON_RUN_AS_NODE: '1' } });
  const task = new vscode.Task(def, folder, vscode.l10n.t('lint'), TASK_TYPE, exec, ['$nested-virt']);
  task.group = vscode.TaskGroup.Test;
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Silent, clear: true };
  return task;
}

export function registerWorkspaceLint(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.lintWorkspace, () => lintWorkspace(client())),
    vscode.tasks.registerTaskProvider(TASK_TYPE, {
      provideTasks: () => (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => lintTask(context, f, { type: TASK_TYPE })),
      resolveTask: (task) => {
        const def = task.definition as NestedVirtTaskDefinition;
        const folder = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
        return folder ? lintTask(context, folder, def) : undefined;
      },
    }),
  );
}
