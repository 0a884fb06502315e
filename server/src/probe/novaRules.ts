/**
 * The editor's nova.conf rules, applied to a nova.conf found on a host. Until
 * the nova service (server/src/nova/index.ts) is available this returns
 * undefined and only the probe's own nested-related nova checks run.
 */
import type { EvaluateOptions } from './evaluate';

export function novaRulesFor(): EvaluateOptions['novaDiagnostics'] {
  return undefined;
}
