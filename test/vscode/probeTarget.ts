/**
 * The SSH host the in-editor probe test runs against: the test sshd from test/probe, started
 * by the outer harness. Its connection details reach VS Code through user settings and the
 * suite through its config.
 */
import type { ProbeTarget as SuiteProbeTarget } from './suite/config';

export interface ProbeTarget {
  /** What the suite needs (the host string to probe and select). */
  readonly suite: SuiteProbeTarget;
  /** User settings for VS Code (machine-scoped ones belong in the user settings.json). */
  readonly settings: Record<string, unknown>;
  /** Environment for code-server (and so for the extension host and ssh). */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

/** undefined when no test sshd is available; the probe test then fails with that reason. */
export async function startProbeTarget(_tmp: string, _log: (s: string) => void): Promise<ProbeTarget | undefined> {
  return undefined;
}
