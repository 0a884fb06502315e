/**
 * A small typed message catalog.
 *
 * Each feature keeps its own catalog (English plus Simplified Chinese) next to its
 * code. The compiler checks that every language has every key; tests check that the
 * placeholders match and that no key is unused. We chose this over @vscode/l10n
 * because the server also runs outside VS Code (CLI, other editors), where no l10n
 * bundle is loaded, and because typed keys catch a misspelt message at build time.
 */

export type Locale = 'en' | 'zh-cn';

export type Catalog<K extends string> = { readonly en: Readonly<Record<K, string>> } & {
  readonly [L in Exclude<Locale, 'en'>]: Readonly<Record<K, string>>;
};

/** Declares a catalog; English is the source of the key set. */
export function defineMessages<K extends string>(en: Record<K, string>, zhCn: Record<K, string>): Catalog<K> {
  return { en, 'zh-cn': zhCn };
}

/** Maps a client or environment locale (`zh-CN`, `zh_CN.UTF-8`, `zh-Hans`) to one we ship. */
export function normalizeLocale(raw: string | undefined | null): Locale {
  if (!raw) return 'en';
  const l = raw.toLowerCase().replace('_', '-');
  if (l === 'zh' || l.startsWith('zh-cn') || l.startsWith('zh-hans') || l.startsWith('zh-sg')) return 'zh-cn';
  return 'en';
}

/** --lang wins, then LC_ALL, LC_MESSAGES and LANG, as gettext does (for command lines). */
export function localeFrom(env: NodeJS.ProcessEnv, flag?: string): Locale {
  const raw = flag ?? (env.LC_ALL || env.LC_MESSAGES || env.LANG);
  return normalizeLocale(raw && raw !== 'C' && raw !== 'POSIX' ? raw : undefined);
}

/** Replaces `{0}`, `{1}`… with the arguments. */
export function format(template: string, args: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, i: string) => {
    const v = args[Number(i)];
    return v === undefined ? whole : String(v);
  });
}

export type Translate<K extends string> = (key: K, ...args: (string | number)[]) => string;

export function translator<K extends string>(catalog: Catalog<K>, locale: Locale): Translate<K> {
  const table = catalog[locale];
  return (key, ...args) => format(table[key] ?? catalog.en[key], args);
}

/** Placeholders used by a template, sorted, for the catalog tests. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort();
}
