/**
 * Regenerates every generated file in the repository from its one source (the bundled
 * cpu_map, nova option and kernel module data, the snippet files, docs/diagnostics.md, and the settings and nova.conf file names
 * in package.json):
 *
 *   npm run gen                 # write the files that changed
 *   npm run gen -- --check      # write nothing; exit 1 naming each stale file
 *
 * Options: --cpu-map DIR (default vendor/libvirt/cpu_map), --nova FILE (default
 * vendor/nova/nova-libvirt-options.json), --root DIR (the repository whose files are
 * written or checked; default this one).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { diagnosticsDocText } from '../server/src/lang/diagnosticDocs';
import { domainSnippetFileText } from '../server/src/lang/domain/snippets';
import { modprobeSnippetFileText } from '../server/src/lang/modprobe/snippets';
import { novaSnippetFileText } from '../server/src/lang/nova/snippets';
import { cpuMapJson } from './gen/cpumap';
import { manifestJson } from './gen/manifest';
import { kernelModulesJson } from './gen/modprobe';
import { qemuModelsJson } from './gen/qemuModels';
import { novaOptionsJson } from './gen/novaOptions';

const repo = path.resolve(__dirname, '..');

interface Target {
  /** Repository-relative path of the generated file. */
  readonly file: string;
  readonly make: () => { text: string; summary?: string };
}

function targets(cpuMapDir: string, novaFile: string, root: string): Target[] {
  return [
    { file: 'package.json', make: () => manifestJson(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) },
    { file: 'server/src/lang/data/cpuMap.generated.json', make: () => cpuMapJson(cpuMapDir) },
    { file: 'server/src/lang/data/novaOptions.generated.json', make: () => novaOptionsJson(novaFile) },
    { file: 'snippets/domain-xml.json', make: () => ({ text: domainSnippetFileText() }) },
    { file: 'server/src/lang/data/qemuModels.generated.json', make: () => qemuModelsJson() },
    { file: 'server/src/lang/data/kernelModules.generated.json', make: () => kernelModulesJson(path.join(repo, 'scripts', 'data', 'kernel-modules')) },
    { file: 'snippets/nova-conf.json', make: () => ({ text: novaSnippetFileText() }) },
    { file: 'snippets/modprobe-conf.json', make: () => ({ text: modprobeSnippetFileText() }) },
    { file: 'docs/diagnostics.md', make: () => ({ text: diagnosticsDocText() }) },
  ];
}

function options() {
  return parseArgs({
    options: {
      check: { type: 'boolean', default: false },
      'cpu-map': { type: 'string', default: path.join(repo, 'vendor', 'libvirt', 'cpu_map') },
      nova: { type: 'string', default: path.join(repo, 'vendor', 'nova', 'nova-libvirt-options.json') },
      root: { type: 'string', default: repo },
    },
    strict: true,
  }).values;
}

function main(): number {
  let values: ReturnType<typeof options>;
  try {
    values = options();
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\nusage: tsx scripts/gen.ts [--check] [--cpu-map DIR] [--nova FILE] [--root DIR]\n`);
    return 2;
  }
  const root = path.resolve(values.root);
  const stale: string[] = [];
  for (const t of targets(path.resolve(values['cpu-map']), path.resolve(values.nova), root)) {
    const out = path.join(root, t.file);
    const { text, summary } = t.make();
    const current = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : undefined;
    if (current === text) {
      process.stdout.write(`up to date  ${t.file}\n`);
      continue;
    }
    stale.push(t.file);
    if (values.check) {
      process.stderr.write(`stale       ${t.file}\n`);
      continue;
    }
    fs.writeFileSync(out, text);
    process.stdout.write(`wrote       ${t.file}${summary ? ` (${summary})` : ''}\n`);
  }
  if (values.check && stale.length) {
    process.stderr.write(`${stale.length} generated file(s) differ from their source; run: npm run gen\n`);
    return 1;
  }
  return 0;
}

process.exitCode = main();
