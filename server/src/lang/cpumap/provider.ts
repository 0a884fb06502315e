/**
 * Chooses the cpu_map named by `nestedVirt.cpuMap.path` and caches each one read.
 *  - `auto`: /usr/share/libvirt/cpu_map/ when it exists, else the bundled catalog;
 *  - `bundled`: the catalog generated from libvirt's newest cpu_map;
 *  - a directory with index.xml, or a legacy single cpu_map.xml.
 * No I/O here: the files come from a CpuMapSource (server/src/io/cpuMapFiles.ts) — read
 * synchronously for the CLI, asynchronously for the server, which answers with the bundled
 * catalog until the one it asked for has been read.
 */
import { SETTINGS } from '../../../../shared/src/settings';
import bundledData from '../data/cpuMap.generated.json';
import { CpuMapCatalog } from './catalog';
import { CpuMapReadError, readCpuMap, type CpuMapFiles } from './read';
import type { RawCpuMap } from './types';

export const SYSTEM_CPU_MAP_DIR = '/usr/share/libvirt/cpu_map';

export interface CatalogResult {
  readonly catalog: CpuMapCatalog;
  /** Set when the requested cpu_map could not be used and the bundled one stands in. */
  readonly warning?: string;
}

let bundled: CpuMapCatalog | undefined;

export function bundledCatalog(): CpuMapCatalog {
  bundled ??= new CpuMapCatalog(bundledData as unknown as RawCpuMap);
  return bundled;
}

/** Where cpu_map files come from: one of the two readers, or none (bundled only). */
export interface CpuMapSource {
  readonly readSync?: (location: string) => CpuMapFiles;
  readonly read?: (location: string) => Promise<CpuMapFiles>;
}

export class CatalogProvider {
  private readonly cache = new Map<string, CatalogResult>();
  private readonly loading = new Map<string, Promise<CatalogResult>>();
  /** Warnings already reported, so that re-reading after a settings change does not repeat them. */
  private readonly reported = new Set<string>();

  /**
   * @param onWarning called once per distinct warning, whenever a cpu_map is read (at
   *   start or after the setting changed), so the user learns the bundled one stands in.
   * @param onLoaded called when an asynchronously read cpu_map is ready, to recheck documents.
   */
  constructor(
    private readonly systemDir: string = SYSTEM_CPU_MAP_DIR,
    private readonly onWarning?: (warning: string) => void,
    private readonly source: CpuMapSource = {},
    private readonly onLoaded?: (setting: string) => void,
  ) {}

  /** The catalog for a setting now: read synchronously, or the bundled one while an asynchronous read runs. */
  get(setting: string): CatalogResult {
    const key = setting.trim() || SETTINGS['nestedVirt.cpuMap.path'].default;
    const cached = this.cache.get(key);
    if (cached) return cached;
    if (key === 'bundled') return this.remember(key, { catalog: bundledCatalog() });
    const location = key === 'auto' ? this.systemDir : key;
    if (this.source.readSync) return this.remember(key, this.build(key, location, this.source.readSync(location)));
    if (this.source.read) {
      void this.load(key);
      return { catalog: bundledCatalog() };
    }
    return this.remember(key, { catalog: bundledCatalog() });
  }

  /** The catalog for a setting once read (asynchronously when the source is). */
  load(setting: string): Promise<CatalogResult> {
    const key = setting.trim() || 'auto';
    const cached = this.cache.get(key);
    if (cached) return Promise.resolve(cached);
    const read = this.source.read;
    if (!read || key === 'bundled') return Promise.resolve(this.get(key));
    let pending = this.loading.get(key);
    if (!pending) {
      const location = key === 'auto' ? this.systemDir : key;
      pending = read(location)
        .then((files) => this.build(key, location, files))
        .catch((e: unknown) => ({ catalog: bundledCatalog(), warning: `${location}: ${String(e)}; using the bundled cpu_map` }))
        .then((result) => {
          this.loading.delete(key);
          this.remember(key, result);
          this.onLoaded?.(key);
          return result;
        });
      this.loading.set(key, pending);
    }
    return pending;
  }

  /** Forget what was read, e.g. when settings change. */
  clear(): void {
    this.cache.clear();
  }

  private remember(key: string, result: CatalogResult): CatalogResult {
    this.cache.set(key, result);
    if (result.warning && !this.reported.has(result.warning)) {
      this.reported.add(result.warning);
      this.onWarning?.(result.warning);
    }
    return result;
  }

  private build(key: string, location: string, files: CpuMapFiles): CatalogResult {
    // auto: the system cpu_map when it is there, else quietly the bundled one.
    if (key === 'auto' && files.kind(`${location}/index.xml`) !== 'file') return { catalog: bundledCatalog() };
    try {
      const { map, missing } = readCpuMap(location, files);
      const warning = missing.length ? `${location}: missing included files ${missing.join(', ')}` : undefined;
      return warning ? { catalog: new CpuMapCatalog(map), warning } : { catalog: new CpuMapCatalog(map) };
    } catch (e) {
      const msg = e instanceof CpuMapReadError ? e.message : String(e);
      return { catalog: bundledCatalog(), warning: `${msg}; using the bundled cpu_map` };
    }
  }
}
