/**
 * Custom LSP messages between the nested-virt client and server. Both sides import
 * these objects; no method name is written anywhere else.
 */
import type { FleetReport } from './fleetReport';
import { NotificationType, RequestType, type WorkDoneProgressParams } from 'vscode-languageserver-protocol';
import type { HostFacts } from './hostFacts';
import type { HostReport } from './probeReport';
import type { ProbeSettings } from './settings';

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

/**
 * client → server. Probe hosts over ssh (and/or this machine with `local`) in the
 * language server, with the server's probe engine, cpu_map and nova rules.
 *
 * `settings` fields that are missing or invalid fall back: `release`, `hostArch` and
 * `cpuMapPath` to the server's own `nestedVirt` settings, the ssh options to the
 * schema defaults. The server never reads `sshPath`, `connectTimeout` or
 * `novaConfPath` from workspace/configuration: the client reads them from user
 * settings only and sends them here. A client must not send this request for an
 * untrusted workspace. Cancelling the request kills the ssh children.
 */
export interface ProbeParams {
  /** ssh destinations; each is checked with validateHost and passed after `--`. */
  readonly targets: readonly string[];
  /** Also probe the machine the server runs on (first in the result). */
  readonly local: boolean;
  readonly settings?: Partial<ProbeSettings>;
  /** When set, the server sends nestedVirt/probeProgress with this token. */
  readonly progressToken?: string;
}

export interface ProbedHost {
  /** The report, without the nova.conf text (it may hold credentials). */
  readonly report: HostReport;
  /** The report as text in the client's locale, for an output log. */
  readonly text: string;
}

export interface ProbeResult {
  readonly hosts: readonly ProbedHost[];
  /** The settings the probe ran with, after validation and fallbacks. */
  readonly settings: ProbeSettings;
  /** Where the cpu_map came from: `bundled`, or a path. */
  readonly cpuMapSource: string;
  /** What the hosts mean together (verdicts, groups, baseline, migration warnings), for two or more hosts. */
  readonly fleet?: FleetReport;
}

export const ProbeRequest = {
  method: 'nestedVirt/probe',
  type: new RequestType<ProbeParams, ProbeResult, void>('nestedVirt/probe'),
} as const;

/** server → client, during nestedVirt/probe: a host started, or finished (`done` of `total`). */
export interface ProbeProgressParams {
  readonly token: string;
  readonly kind: 'start' | 'result';
  readonly host: string;
  /** Hosts finished so far (with `kind: 'result'`, including this one). */
  readonly done: number;
  readonly total: number;
}
export const ProbeProgressNotification = {
  method: 'nestedVirt/probeProgress',
  type: new NotificationType<ProbeProgressParams>('nestedVirt/probeProgress'),
} as const;
