/**
 * Which files are nova.conf files, by path. `npm run gen` writes these patterns into the
 * `nova-conf` language's `filenames` / `filenamePatterns` in package.json, and a unit test
 * checks that isNovaConfPath agrees with them:
 *   nova.conf, nova-*.conf, nova.conf.d/*.conf, any *.conf under etc/nova/,
 *   kolla-style overrides config/nova/**\/nova*.conf, and kolla's kolla/config/global.conf,
 *   which kolla-ansible merges into nova.conf first (and into every other service's file).
 */

export const NOVA_CONF_FILENAMES = ['nova.conf'] as const;
export const NOVA_CONF_FILENAME_PATTERNS = [
  'nova-*.conf',
  '**/nova.conf.d/*.conf',
  '**/etc/nova/**/*.conf',
  '**/config/nova/**/nova*.conf',
  '**/kolla/config/global.conf',
] as const;

export function isNovaConfPath(fsPath: string): boolean {
  const parts = fsPath.replace(/\\/g, '/').split('/').filter((p) => p !== '');
  const base = parts[parts.length - 1] ?? '';
  if (!base.endsWith('.conf')) return false;
  if (base === 'nova.conf' || (base.startsWith('nova-') && base.length > 'nova-.conf'.length - 1)) return true;
  const dirs = parts.slice(0, -1);
  if (dirs[dirs.length - 1] === 'nova.conf.d') return true;
  if (base === 'global.conf' && dirs[dirs.length - 1] === 'config' && dirs[dirs.length - 2] === 'kolla') return true;
  for (let i = 0; i + 1 < dirs.length; i++) {
    if (dirs[i] === 'etc' && dirs[i + 1] === 'nova') return true;
    if (dirs[i] === 'config' && dirs[i + 1] === 'nova' && base.startsWith('nova')) return true;
  }
  return false;
}
