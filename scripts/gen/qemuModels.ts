/**
 * server/src/lang/data/qemuModels.generated.json from the QEMU CPU model names in
 * scripts/data/qemu-cpu-models.json (provenance in scripts/data/SOURCE.md); run by
 * scripts/gen.ts (`npm run gen`, `npm run gen -- --check`).
 *
 * The output maps each libvirt guest arch (`<os><type arch=…>`) to the sorted, de-duplicated
 * list of names its QEMU binary accepts, lower-cased where QEMU compares without case (ppc).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Source {
  readonly targets: Record<string, { readonly file: string; readonly models: readonly string[] }>;
  readonly domainArches: Record<string, readonly string[]>;
}

const REPO = path.resolve(__dirname, '..', '..');
const INPUT = path.join(REPO, 'scripts', 'data', 'qemu-cpu-models.json');

/** QEMU's ppc target looks names up case-insensitively; the others compare exactly. */
const CASELESS = /^ppc/;

export function generate(source: Source): string {
  const byArch: Record<string, { caseless: boolean; models: string[] }> = {};
  for (const arch of Object.keys(source.domainArches).sort()) {
    const caseless = CASELESS.test(arch);
    const names = new Set<string>();
    for (const target of source.domainArches[arch]) {
      const t = source.targets[target];
      if (!t) throw new Error(`${arch}: unknown QEMU target ${target}`);
      for (const m of t.models) names.add(caseless ? m.toLowerCase() : m);
    }
    byArch[arch] = { caseless, models: [...names].sort() };
  }
  return `${JSON.stringify({ source: 'scripts/data/qemu-cpu-models.json', arches: byArch }, null, 1)}\n`;
}

/** The generated file's text from the committed source. */
export function qemuModelsJson(input = INPUT): { text: string } {
  return { text: generate(JSON.parse(fs.readFileSync(input, 'utf8')) as Source) };
}
