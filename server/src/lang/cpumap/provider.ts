/**
 * Chooses the cpu_map named by `nestedVirt.cpuMap.path` and caches each one read.
 *  - `auto`: /usr/share/libvirt/cpu_map/ when it exists, else the bundled catalog;
 *  - `bundled`: the catalog generated from libvirt's newest cpu_map;
 *  - a directory with index.xml, or a legacy single cpu_map.xml.
 */
import * as fs from 'node:fs';
import { SETTINGS } from '../../../../shared/src/settings';
import bundledData from '../data/cpuMap.generated.json';
import { CpuMapCatalog } from './catalog';
import { CpuMapReadError, readCpuMap } from './read';
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

export class CatalogProvider {
  private readonly cache = new Map<string, CatalogResult>();
  /** Warnings already reported, so that re-reading after a settings change does not repeat them. */
  private readonly reported = new Set<string>();

  /**
   * @param onWarning called once per distinct warning, whenever a cpu_map is read (at
   *   start or after the setting changed), so the user learns the bundled one stands in.
   */
  constructor(
    private readonly systemDir: string = SYSTEM_CPU_MAP_DIR,
    private readonly onWarning?: (warning: string) => void,
  ) {}

  get(setting: string): CatalogResult {
    const key = setting.trim() || SETTINGS['nestedVirt.cpuMap.path'].default;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const result = this.load(key);
    this.cache.set(key, result);
    if (result.warning && !this.reported.has(result.warning)) {
      this.reported.add(result.warning);
      this.onWarning?.(result.warning);
    }
    return result;
  }

  /** Forget what was read, e.g. when settings change. */
  clear(): void {
    this.cache.clear();
  }

  private load(key: string): CatalogResult {
    if (key === 'bundled') return { catalog: bundledCatalog() };
    if (key === 'auto') {
      if (!fs.existsSync(`${this.systemDir}/index.xml`)) return { catalog: bundledCatalog() };
      return this.loadPath(this.systemDir);
    }
    return this.loadPath(key);
  }

  private loadPath(location: string): CatalogResult {
    try {
      const { map, missing } = readCpuMap(location);
      const warning = missing.length ? `${location}: missing included files ${missing.join(', ')}` : undefined;
      return warning ? { catalog: new CpuMapCatalog(map), warning } : { catalog: new CpuMapCatalog(map) };
    } catch (e) {
      const msg = e instanceof CpuMapReadError ? e.message : String(e);
      return { catalog: bundledCatalog(), warning: `${msg}; using the bundled cpu_map` };
    }
  }
}
