/**
 * server/src/lang/data/cpuMap.generated.json from libvirt's cpu_map (by default the copy in
 * vendor/libvirt/cpu_map). It uses the same reader as the server reads a user's cpu_map with.
 */
import { readCpuMapFilesSync } from '../../server/src/io/cpuMapFiles';
import { readCpuMap } from '../../server/src/lang/cpumap/read';

/** The generated file's text and a one-line summary of what it holds. */
export function cpuMapJson(src: string): { text: string; summary: string } {
  const { map, missing } = readCpuMap(src, readCpuMapFilesSync(src));
  const counts = Object.entries(map.arches)
    .map(([a, d]) => `${a}: ${d.models.length} models, ${d.features.length} features, ${d.vendors.length} vendors`)
    .join('; ');
  const gaps = missing.length ? `; index.xml names files that are not there: ${missing.join(', ')}` : '';
  return { text: JSON.stringify({ ...map, source: 'bundled' }) + '\n', summary: counts + gaps };
}
