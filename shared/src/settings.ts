/**
 * The one typed schema of the extension's settings.
 *
 * `npm run gen` writes package.json `contributes.configuration` from this table (a
 * unit test checks they agree). To add a setting: add it here, run `npm run gen`, add
 * its description to package.nls*.json, then read its bounds and defaults from here
 * (`clampSetting`, `settingInRange`, `SETTINGS[key].default`).
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
  /**
   * An untrusted workspace cannot set it (package.json `restrictedConfigurations`): it names a
   * file the server reads, a binary, or hosts the probe connects to.
   */
  readonly restricted?: true;
}
export interface StringSetting extends SettingBase<string> {
  readonly type: 'string';
  readonly enum?: readonly string[];
  /** Each enum value has a description in package.nls*.json, `config.<key>.<value>` (release codenames). */
  readonly describeEnum?: true;
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
  /** `string-list`: each item is itself a list of strings (nestedVirt.nova.stacks). */
  readonly items?: 'string' | 'string-list';
}
export type SettingSpec = StringSetting | NumberSetting | BooleanSetting | StringArraySetting;

export const SECTION = 'nestedVirt';

export const SETTINGS = {
  'nestedVirt.cpuMap.path': { type: 'string', default: 'auto', scope: 'machine-overridable', restricted: true },
  'nestedVirt.nova.release': { type: 'string', default: DEFAULT_NOVA_RELEASE, enum: NOVA_RELEASES, describeEnum: true, scope: 'resource' },
  'nestedVirt.nova.hostArch': { type: 'string', default: 'x86_64', enum: HOST_ARCHES, scope: 'resource' },
  'nestedVirt.nova.stacks': { type: 'array', items: 'string-list', default: [], scope: 'resource' },
  'nestedVirt.validate.domainXml': { type: 'boolean', default: true, scope: 'resource' },
  'nestedVirt.validate.novaConf': { type: 'boolean', default: true, scope: 'resource' },
  'nestedVirt.validate.modprobe': { type: 'boolean', default: true, scope: 'resource' },
  'nestedVirt.hosts': { type: 'array', default: [], scope: 'window', restricted: true },
  'nestedVirt.probe.concurrency': { type: 'integer', default: 16, minimum: 1, maximum: 64, scope: 'window' },
  'nestedVirt.probe.sshPath': { type: 'string', default: 'ssh', scope: 'machine', restricted: true },
  'nestedVirt.probe.connectTimeout': { type: 'integer', default: 10, minimum: 1, maximum: 300, scope: 'machine', restricted: true },
  'nestedVirt.probe.novaConfPath': { type: 'string', default: '/etc/nova/nova.conf', scope: 'machine', restricted: true },
  'nestedVirt.trace.server': { type: 'string', default: 'off', enum: ['off', 'messages', 'verbose'], scope: 'window' },
} as const satisfies Record<string, SettingSpec>;

export type SettingKey = keyof typeof SETTINGS;
/** The integer settings, which have bounds. */
export type IntegerSettingKey = { [K in SettingKey]: (typeof SETTINGS)[K] extends NumberSetting ? K : never }[SettingKey];

/** Whether `n` is an integer within the setting's bounds. */
export function settingInRange(key: IntegerSettingKey, n: number): boolean {
  const s = SETTINGS[key];
  return Number.isInteger(n) && n >= s.minimum && n <= s.maximum;
}

/** A number brought into the setting's bounds (rounded down); the default when it is not a number. */
export function clampSetting(key: IntegerSettingKey, value: number | undefined): number {
  const s = SETTINGS[key];
  if (value === undefined || !Number.isFinite(value)) return s.default;
  return Math.min(s.maximum, Math.max(s.minimum, Math.floor(value)));
}

/** What the language server needs, per document. */
export interface ServerSettings {
  readonly cpuMapPath: string;
  readonly novaRelease: NovaRelease;
  readonly hostArch: HostArch;
  readonly validateDomainXml: boolean;
  readonly validateNovaConf: boolean;
  /** modprobe.d files and kernel command lines (/etc/default/grub, /proc/cmdline copies). */
  readonly validateModprobe: boolean;
  /** `nestedVirt.nova.stacks`: each stack a list of globs (workspace-relative unless absolute). */
  readonly novaStacks?: readonly (readonly string[])[];
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = {
  cpuMapPath: SETTINGS['nestedVirt.cpuMap.path'].default,
  novaRelease: SETTINGS['nestedVirt.nova.release'].default,
  hostArch: SETTINGS['nestedVirt.nova.hostArch'].default,
  validateDomainXml: SETTINGS['nestedVirt.validate.domainXml'].default,
  validateNovaConf: SETTINGS['nestedVirt.validate.novaConf'].default,
  validateModprobe: SETTINGS['nestedVirt.validate.modprobe'].default,
  novaStacks: SETTINGS['nestedVirt.nova.stacks'].default,
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
  const isStackList = (v: unknown): v is string[][] => Array.isArray(v) && v.every((s) => Array.isArray(s) && s.every(isNonEmptyString));
  return {
    cpuMapPath: pick(cpuMap.path, isNonEmptyString, DEFAULT_SERVER_SETTINGS.cpuMapPath, 'nestedVirt.cpuMap.path'),
    novaRelease: pick(nova.release, (v): v is NovaRelease => isOneOf(NOVA_RELEASES, v), DEFAULT_SERVER_SETTINGS.novaRelease, 'nestedVirt.nova.release'),
    hostArch: pick(nova.hostArch, (v): v is HostArch => isOneOf(HOST_ARCHES, v), DEFAULT_SERVER_SETTINGS.hostArch, 'nestedVirt.nova.hostArch'),
    validateDomainXml: pick(validate.domainXml, isBool, DEFAULT_SERVER_SETTINGS.validateDomainXml, 'nestedVirt.validate.domainXml'),
    validateNovaConf: pick(validate.novaConf, isBool, DEFAULT_SERVER_SETTINGS.validateNovaConf, 'nestedVirt.validate.novaConf'),
    validateModprobe: pick(validate.modprobe, isBool, DEFAULT_SERVER_SETTINGS.validateModprobe, 'nestedVirt.validate.modprobe'),
    novaStacks: pick(nova.stacks, isStackList, DEFAULT_SERVER_SETTINGS.novaStacks, 'nestedVirt.nova.stacks'),
  };
}

/** The value type of a setting, read off its spec: an enum's members, else its JSON type. */
export type SettingValue<K extends SettingKey> = (typeof SETTINGS)[K] extends { readonly enum: readonly (infer E)[] }
  ? E
  : (typeof SETTINGS)[K]['type'] extends 'integer'
    ? number
    : (typeof SETTINGS)[K]['type'] extends 'boolean'
      ? boolean
      : (typeof SETTINGS)[K]['type'] extends 'array'
        ? readonly string[]
        : string;

/** The settings a host probe uses, and the setting each one is read from. */
export const PROBE_SETTING_KEYS = {
  release: 'nestedVirt.nova.release',
  hostArch: 'nestedVirt.nova.hostArch',
  cpuMapPath: 'nestedVirt.cpuMap.path',
  sshPath: 'nestedVirt.probe.sshPath',
  connectTimeout: 'nestedVirt.probe.connectTimeout',
  novaConfPath: 'nestedVirt.probe.novaConfPath',
  concurrency: 'nestedVirt.probe.concurrency',
} as const satisfies Record<string, SettingKey>;

/**
 * What a host probe runs with: the nova release and host arch whose rules check the
 * host's nova.conf, the cpu_map (`auto`, `bundled` or a path), and the ssh options.
 * `sshPath`, `connectTimeout` and `novaConfPath` are machine-scoped: a client reads
 * them from user settings only, never from a workspace.
 */
export type ProbeSettings = { readonly [P in keyof typeof PROBE_SETTING_KEYS]: SettingValue<(typeof PROBE_SETTING_KEYS)[P]> };

/**
 * One setting's value checked against its spec: the right type, one of its enum,
 * a non-empty string; integers are clamped to the spec's bounds. Anything else is
 * the default, and is reported.
 */
export function settingValue<K extends SettingKey>(key: K, value: unknown, problems: string[] = []): SettingValue<K> {
  const spec: SettingSpec = SETTINGS[key];
  const fallback = spec.default as SettingValue<K>;
  if (value === undefined) return fallback;
  const bad = (): SettingValue<K> => {
    problems.push(`${key}: ignoring invalid value ${JSON.stringify(value)}`);
    return fallback;
  };
  switch (spec.type) {
    case 'string':
      if (typeof value !== 'string' || value.trim() === '') return bad();
      if (spec.enum && !spec.enum.includes(value)) return bad();
      return value as SettingValue<K>;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return bad();
      return Math.min(spec.maximum, Math.max(spec.minimum, value)) as SettingValue<K>;
    case 'boolean':
      return typeof value === 'boolean' ? (value as SettingValue<K>) : bad();
    case 'array':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as SettingValue<K>) : bad();
  }
}

/** The probe settings from a partial object (e.g. a request's params): each field checked against SETTINGS. */
export function parseProbeSettings(raw: unknown, problems: string[] = [], defaults?: Partial<ProbeSettings>): ProbeSettings {
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const field = <P extends keyof ProbeSettings>(p: P): ProbeSettings[P] => {
    const v = o[p] === undefined ? defaults?.[p] : o[p];
    return settingValue(PROBE_SETTING_KEYS[p], v, problems) as ProbeSettings[P];
  };
  return {
    release: field('release'),
    hostArch: field('hostArch'),
    cpuMapPath: field('cpuMapPath'),
    sshPath: field('sshPath'),
    connectTimeout: field('connectTimeout'),
    novaConfPath: field('novaConfPath'),
    concurrency: field('concurrency'),
  };
}

export const DEFAULT_PROBE_SETTINGS: ProbeSettings = parseProbeSettings({});
