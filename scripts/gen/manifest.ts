/**
 * The parts of package.json (the extension manifest) that restate facts owned elsewhere:
 * `contributes.configuration.properties` and the untrusted-workspace `restrictedConfigurations`
 * from the settings schema (shared/src/settings.ts), and the `nova-conf` language's file names from lang/nova/paths.ts. Everything else in
 * package.json is kept as written; key order and formatting are npm's.
 */
import { SETTINGS, type SettingSpec } from '../../shared/src/settings';
import { NOVA_CONF_FILENAME_PATTERNS, NOVA_CONF_FILENAMES } from '../../server/src/lang/nova/paths';

interface Manifest {
  capabilities: { untrustedWorkspaces: { restrictedConfigurations?: string[] } };
  contributes: {
    configuration: { properties: Record<string, unknown> };
    languages: { id: string; filenames?: string[]; filenamePatterns?: string[] }[];
  };
}

/** One `contributes.configuration` property, in the manifest's key order. */
function property(key: string, spec: SettingSpec): Record<string, unknown> {
  return {
    type: spec.type,
    ...(spec.type === 'array' ? { items: spec.items === 'string-list' ? { type: 'array', items: { type: 'string' } } : { type: 'string' } } : {}),
    default: spec.default,
    ...(spec.type === 'string' && spec.enum ? { enum: [...spec.enum] } : {}),
    ...(spec.type === 'string' && spec.enum && spec.describeEnum
      ? { enumDescriptions: spec.enum.map((v) => `%config.${key.replace(/^nestedVirt\./, '')}.${v}%`) }
      : {}),
    ...(spec.type === 'integer' ? { minimum: spec.minimum, maximum: spec.maximum } : {}),
    scope: spec.scope,
    markdownDescription: `%config.${key.replace(/^nestedVirt\./, '')}%`,
  };
}

export function manifestJson(current: string): { text: string } {
  const pkg = JSON.parse(current) as Manifest;
  const specs: Record<string, SettingSpec> = SETTINGS;
  pkg.contributes.configuration.properties = Object.fromEntries(Object.entries(specs).map(([key, spec]) => [key, property(key, spec)]));
  pkg.capabilities.untrustedWorkspaces.restrictedConfigurations = Object.entries(specs).filter(([, spec]) => spec.restricted).map(([key]) => key);
  const nova = pkg.contributes.languages.find((l) => l.id === 'nova-conf');
  if (!nova) throw new Error('package.json declares no nova-conf language');
  nova.filenames = [...NOVA_CONF_FILENAMES];
  nova.filenamePatterns = [...NOVA_CONF_FILENAME_PATTERNS];
  return { text: JSON.stringify(pkg, null, 2) + '\n' };
}
