/**
 * The VS Code side: starts the bundled language server over IPC, forwards the
 * selected host's facts to it, and registers the commands.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { Commands, LanguageIds } from '../../shared/src/commands';
import type { HostFacts } from '../../shared/src/hostFacts';
import { CLIENT_HAS_EXPLAIN_COMMAND } from '../../shared/src/explain';
import { HostFactsNotification, ServerReadyNotification } from '../../shared/src/protocol';
import { registerExplain } from './explain';
import { registerExamples } from './examples';
import { createTraceChannel } from './traceChannel';
import { registerProbe } from './probe';
import { LanguageStatus, type StatusTexts } from './status';
import { registerWorkspaceLint } from './workspaceLint';

/** Returned from activate(); the in-editor tests wait on `ready` instead of sleeping. */
export interface NestedVirtApi {
  readonly ready: Promise<void>;
  /** What the language status items show (VS Code offers no API to read them). */
  status(): StatusTexts;
}

/** The LanguageClient id equals the settings section, so `nestedVirt.trace.server` works. */
const CLIENT_ID = 'nestedVirt';
/** The output channel's name, everywhere (client, server, probe). */
const CHANNEL = 'Nested Virt';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<NestedVirtApi> {
  // One log channel for the client, the server and the probe. The protocol trace
  // (nestedVirt.trace.server) has its own channel whose level follows that setting
  // (see traceChannel.ts), so the setting works without touching the log level.
  const output = vscode.window.createOutputChannel(CHANNEL, { log: true });
  const trace = createTraceChannel(`${CHANNEL} Trace`, CLIENT_ID);
  context.subscriptions.push(output, trace);
  // The server is always the bundled one: no setting can point at another binary.
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: LanguageIds.xml, scheme: 'file' },
      { language: LanguageIds.xml, scheme: 'untitled' },
      { language: LanguageIds.novaConf, scheme: 'file' },
      { language: LanguageIds.novaConf, scheme: 'untitled' },
      { language: LanguageIds.modprobeConf, scheme: 'file' },
      { language: LanguageIds.modprobeConf, scheme: 'untitled' },
    ],
    outputChannel: output,
    traceOutputChannel: trace,
    // The client registers nestedVirt.explainError itself and forwards it to the server.
    initializationOptions: { clientHasSnippets: true, [CLIENT_HAS_EXPLAIN_COMMAND]: true },
    // nova.conf stacks: a change to any *.conf on disk may change the findings of an open file.
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.conf') },
  };
  client = new LanguageClient(CLIENT_ID, CHANNEL, serverOptions, clientOptions);
  const status = new LanguageStatus();
  context.subscriptions.push(status);

  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  context.subscriptions.push(
    client.onNotification(ServerReadyNotification.type, (p) => {
      status.setLoadedCpuMap(p.cpuMapSource);
      markReady();
    }),
  );

  let lastFacts: HostFacts | null = null;
  const sendFacts = (facts: HostFacts | null): void => {
    lastFacts = facts;
    status.setHost(facts);
    void client?.sendNotification(HostFactsNotification.type, { facts });
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.restartServer, async () => {
      await client?.restart();
      if (lastFacts) sendFacts(lastFacts);
    }),
    vscode.commands.registerCommand(Commands.showOutput, () => output.show(true)),
  );
  registerProbe(context, client, sendFacts, output);
  registerExplain(context, () => client);
  registerWorkspaceLint(context, () => client);
  registerExamples(context);

  try {
    await client.start();
  } catch (e) {
    output.error(`nested-virt language server failed to start: ${String(e)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Nested Virt: the language server failed to start. See the output channel.'));
  }
  return { ready, status: () => status.texts() };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
