/**
 * Custom LSP messages between the nested-virt client and server. Both sides import
 * these objects; no method name is written anywhere else.
 */
import { NotificationType, RequestType, type WorkDoneProgressParams } from 'vscode-languageserver-protocol';
import type { HostFacts } from './hostFacts';

/**
 * client → server. The host selected with `nestedVirt.selectHost`, with its
 * probed facts, or `facts: null` to clear host-aware diagnostics.
 */
export interface HostFactsParams {
  readonly facts: HostFacts | null;
}
export const HostFactsNotification = {
  method: 'nestedVirt/hostFacts',
  type: new NotificationType<HostFactsParams>('nestedVirt/hostFacts'),
} as const;

/**
 * server → client. Sent once the cpu_map catalog is loaded and the server can
 * answer; tests wait for it instead of sleeping.
 */
export interface ServerReadyParams {
  /** Where the catalog came from: `bundled`, or a path. */
  readonly cpuMapSource: string;
  readonly models: number;
}
export const ServerReadyNotification = {
  method: 'nestedVirt/serverReady',
  type: new NotificationType<ServerReadyParams>('nestedVirt/serverReady'),
} as const;

/**
 * client → server. Lint every domain XML and nova.conf file under the folders and
 * publish the results as diagnostics, so files that are not open show in Problems.
 * Reports work-done progress when the client sends a `workDoneToken`; cancellable.
 */
export interface LintWorkspaceParams extends WorkDoneProgressParams {
  /** Folder URIs (file: scheme) to search. */
  readonly folders: readonly string[];
}
export interface LintWorkspaceResult {
  /** Files checked (domain XML and nova.conf). */
  readonly files: number;
  /** Files with at least one finding. */
  readonly filesWithProblems: number;
  readonly problems: number;
  readonly cancelled: boolean;
}
export const LintWorkspaceRequest = {
  method: 'nestedVirt/lintWorkspace',
  type: new RequestType<LintWorkspaceParams, LintWorkspaceResult, void>('nestedVirt/lintWorkspace'),
} as const;
