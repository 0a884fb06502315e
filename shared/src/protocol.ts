/**
 * Custom LSP messages between the nested-virt client and server. Both sides import
 * these objects; no method name is written anywhere else.
 */
import { NotificationType } from 'vscode-languageserver-protocol';
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
