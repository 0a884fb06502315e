/**
 * The one typed schema of the extension's settings.
 *
 * package.json `contributes.configuration` must match this table; a unit test
 * checks it. To add a setting: add it here, add it to package.json with the same
 * type, default, enum and scope, add its description to package.nls*.json, then
 * read it through `readSettings`.
 */

export const NOVA_RELEASES = [
  'pike', 'queens', 'rocky', 'stein', 'train', 'ussuri', 'victoria', 'wallaby', 'xena', 'yoga', 'zed',
  '2023.1', '2023.2', '2024.1', '2024.2', '2025.1', '2025.2', '2026.1', 'master',
] as const;
export type NovaRelease = (typeof NOVA_RELEASES)[number];
/**
 * Codenames of the numbered releases (pike…zed are their own codenames). The one
 * source for the release labels in the status item, the settings UI
 * (package.json enumDescriptions; test/unit/manifest.test.ts checks them) and messages.
 */
export const NOVA_RELEASE_CODENAMES: Readonly<Record<NovaRelease, string>> = {
  pike: 'Pike', queens: 'Queens', rocky: 'Rocky', stein: 'Stein', train: 'Train', ussuri: 'Ussuri', victoria: 'Victoria',
  wallaby: 'Wallaby', xena: 'Xena', yoga: 'Yoga', zed: 'Zed',
  '2023.1': 'Antelope', '2023.2': 'Bobcat', '2024.1': 'Caracal', '2024.2': 'Dalmatian', '2025.1': 'Epoxy', '2025.2': 'Flamingo',
  '2026.1': 'Gazpacho', master: '',
};

/** "2023.1 Antelope", "zed", "master". */
export function releaseLabel(release: NovaRelease): string {
  const code = NOVA_RELEASE_CODENAMES[release];
  return code && code.toLowerCase() !== release ? `${release} ${code}` : release;
}

/** The newest stable release: the default target. */
export const DEFAULT_NOVA_RELEASE: NovaRelease = '2026.1';

/** Host architectures as nova and libvirt spell them. */
export const HOST_ARCHES = ['x86_64', 'i686', 'aarch64', 'armv7l', 'ppc64', 'ppc64le', 's390x'] as const;
export type HostArch = (typeof HOST_ARCHES)[number];

export type SettingScope = 'application' | 'machine' | 'machine-overridable' | 'window' | 'resource';

interface SettingBase<T> {
  readonly default: T;
  readonly scope: SettingScope;
}
export interface StringSetting extends SettingBase<string> {
  readonly type: 'string';
  readonly enum?: readonly string[];
}
export interface NumberSetting extends SettingBase<number> {
  readonly type: 'integer';
  readonly minimum: number;
  readonly maximum: number;
}
export interface BooleanSetting extends SettingBase<boolean> {
  readonly type: 'boolean';
}
export interface StringArraySetting extends SettingBase<readonly string[]> {
  readonly type: 'array';
}
export type SettingSpec = StringSetting | NumberSetting | BooleanSetting | StringArraySetting;

export const SECTION = 'nestedVirt';

export const SETTINGS = {
  'nestedVirt.cpuMap.path': { type: 'string', default: 'auto', scope: 'machine-overridable' },
  'nestedVirt.nova.release': { type: 'string', default: DEFAULT_NOVA_RELEASE, enum: NOVA_RELEASES, scope: 'resource' },
  'nestedVirt.nova.hostArch': { type: 'string', default: 'x86_64', enum: HOST_ARCHES, scope: 'resource' },
  'nestedVirt.validate.domainXml': { type: 'boolean', default: true, scope: 'resource' },
  'nestedVirt.validate.novaConf': { type: 'boolean', default: true, scope: 'resource' },
  'nestedVirt.hosts': { type: 'array', default: [], scope: 'window' },
  'nestedVirt.probe.concurrency': { type: 'integer', default: 8, minimum: 1, maximum: 64, scope: 'window' },
  'nestedVirt.probe.sshPath': { type: 'string', default: 'ssh', scope: 'machine' },
  'nestedVirt.probe.connectTimeout': { type: 'integer', default: 10, minimum: 1, maximum: 300, scope: 'machine' },
  'nestedVirt.probe.novaConfPath': { type: 'string', default: '/etc/nova/nova.conf', scope: 'machine' },
  'nestedVirt.trace.server': { type: 'string', default: 'off', enum: ['off', 'messages', 'verbose'], scope: 'window' },
} as const satisfies Record<string, SettingSpec>;

export type SettingKey = keyof typeof SETTINGS;

/** What the language server needs, per document. */
export interface ServerSettings {
  readonly cpuMapPath: string;
  readonly novaRelease: NovaRelease;
  readonly hostArch: HostArch;
  readonly validateDomainXml: boolean;
  readonly validateNovaConf: boolean;
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = {
  cpuMapPath: SETTINGS['nestedVirt.cpuMap.path'].default,
  novaRelease: DEFAULT_NOVA_RELEASE,
  hostArch: 'x86_64',
  validateDomainXml: true,
  validateNovaConf: true,
};

function isOneOf<T extends string>(list: readonly T[], v: unknown): v is T {
  return typeof v === 'string' && (list as readonly string[]).includes(v);
}

/**
 * Validates the raw `nestedVirt` section the client sends. Bad values fall back to
 * the defaults, and each one is reported so the caller can log it.
 */
export function parseServerSettings(raw: unknown, problems: string[] = []): ServerSettings {
  const section = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const cpuMap = (section.cpuMap ?? {}) as Record<string, unknown>;
  const nova = (section.nova ?? {}) as Record<string, unknown>;
  const validate = (section.validate ?? {}) as Record<string, unknown>;
  const pick = <T>(value: unknown, ok: (v: unknown) => v is T, fallback: T, name: string): T => {
    if (value === undefined) return fallback;
    if (ok(value)) return value;
    problems.push(`${name}: ignoring invalid value ${JSON.stringify(value)}`);
    return fallback;
  };
  const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
  const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
  return {
    cpuMapPath: pick(cpuMap.path, isNonEmptyString, DEFAULT_SERVER_SETTINGS.cpuMapPath, 'nestedVirt.cpuMap.path'),
    novaRelease: pick(nova.release, (v): v is NovaRelease => isOneOf(NOVA_RELEASES, v), DEFAULT_NOVA_RELEASE, 'nestedVirt.nova.release'),
    hostArch: pick(nova.hostArch, (v): v is HostArch => isOneOf(HOST_ARCHES, v), 'x86_64', 'nestedVirt.nova.hostArch'),
    validateDomainXml: pick(validate.domainXml, isBool, true, 'nestedVirt.validate.domainXml'),
    validateNovaConf: pick(validate.novaConf, isBool, true, 'nestedVirt.validate.novaConf'),
  };
}
