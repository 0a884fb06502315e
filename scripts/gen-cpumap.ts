/**
 * Regenerates server/src/lang/data/cpuMap.generated.json from libvirt's cpu_map in
 * ../shared/cpu_map (or the directory given as the first argument):
 *
 *   npx tsx scripts/gen-cpumap.ts [CPU_MAP_DIR]
 *
 * It uses the same reader as the server reads a user's cpu_map with.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readCpuMap } from '../server/src/lang/cpumap/read';
import { readCpuMapFilesSync } from '../server/src/io/cpuMapFiles';

const root = path.resolve(__dirname, '..');
const src = path.resolve(process.argv[2] ?? path.join(root, '..', 'shared', 'cpu_map'));
const out = path.join(root, 'server', 'src', 'lang', 'data', 'cpuMap.generated.json');

const { map, missing } = readCpuMap(src, readCpuMapFilesSync(src));
const data = { ...map, source: 'bundled' };
fs.writeFileSync(out, JSON.stringify(data) + '\n');
const counts = Object.entries(map.arches)
  .map(([a, d]) => `${a}: ${d.models.length} models, ${d.features.length} features, ${d.vendors.length} vendors`)
  .join('; ');
process.stdout.write(`wrote ${path.relative(root, out)} (${counts})\n`);
if (missing.length) process.stdout.write(`index.xml names files that are not there: ${missing.join(', ')}\n`);
