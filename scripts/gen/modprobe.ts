/**
 * server/src/lang/data/kernelModules.generated.json from the kernel facts in
 * scripts/data/kernel-modules/ (kvm-params.json, common-modules.txt; see SOURCE.md
 * there). Run through scripts/gen.ts (`npm run gen`, `npm run gen -- --check`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PARAM_TYPES, type DefaultChange, type GeneratedKernelModules, type ModuleSpec, type ParamSpec, type ParamType } from '../../server/src/lang/modprobe/dataTypes';

interface RawParam {
  readonly name: string;
  readonly type: string;
  readonly default: string;
  readonly perm: string;
  readonly file?: string;
  readonly history?: readonly DefaultChange[];
  readonly choices?: readonly string[];
}
interface RawModule {
  readonly file: string;
  readonly description: string;
  readonly params: readonly RawParam[];
}
interface RawFacts {
  readonly modules: Record<string, RawModule>;
  readonly otherKvmModules: Record<string, string>;
}

const norm = (name: string): string => name.replace(/-/g, '_');

function param(module: string, moduleFile: string, p: RawParam): ParamSpec {
  if (!(PARAM_TYPES as readonly string[]).includes(p.type)) throw new Error(`${module}.${p.name}: unknown type ${p.type}`);
  if (!/^0[0-7]{3}$/.test(p.perm)) throw new Error(`${module}.${p.name}: bad perm ${p.perm}`);
  const spec: ParamSpec = {
    name: norm(p.name),
    type: p.type as ParamType,
    default: p.default,
    history: (p.history ?? []).map((h) => ({ default: h.default, until: h.until })),
    perm: p.perm,
    file: p.file ?? moduleFile,
  };
  return p.choices ? { ...spec, choices: [...p.choices] } : spec;
}

function build(srcDir: string): GeneratedKernelModules {
  const facts = JSON.parse(fs.readFileSync(path.join(srcDir, 'kvm-params.json'), 'utf8')) as RawFacts;
  const kvm: ModuleSpec[] = Object.entries(facts.modules).map(([name, m]) => {
    const params = m.params.map((p) => param(name, m.file, p)).sort((a, b) => a.name.localeCompare(b.name));
    const seen = new Set<string>();
    for (const p of params) {
      if (seen.has(p.name)) throw new Error(`${name}.${p.name} twice`);
      seen.add(p.name);
    }
    return { name: norm(name), file: m.file, description: m.description, params };
  });
  kvm.sort((a, b) => a.name.localeCompare(b.name));
  const common = fs
    .readFileSync(path.join(srcDir, 'common-modules.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map(norm);
  return {
    source: 'scripts/data/kernel-modules (see SOURCE.md): Linux arch/x86/kvm/{x86.c,vmx/vmx.c,svm/svm.c}, virt/kvm/kvm_main.c',
    kvm,
    otherKvm: Object.keys(facts.otherKvmModules).map(norm).sort(),
    common: [...new Set(common)].sort(),
    knownPrefixes: ['snd_'],
  };
}

/** The kvm module facts of `srcDir` (kvm-params.json, common-modules.txt) as the generated JSON. */
export function kernelModulesJson(srcDir: string): { text: string; summary: string } {
  const data = build(srcDir);
  return { text: JSON.stringify(data, null, 1) + '\n', summary: `${data.kvm.length} kvm modules, ${data.common.length} common names` };
}
