/**
 * `npm run test:vscode`: the same in-editor suite through @vscode/test-electron, for machines
 * that can download VS Code. Runs against the source tree (extensionDevelopmentPath) with the
 * dist/ bundles built by `npm run build`.
 *
 *   tsx test/vscode/runElectron.ts [--vscode <version|stable|insiders>]... [--pass main|zh-cn]... [--grep re]
 *
 * Default: the minimum `engines.vscode` and `stable`, English pass and zh-cn pass. Each pass gets
 * a fresh user-data dir and extensions dir; the zh-cn pass installs Microsoft's Chinese
 * (Simplified) language pack into it, because VS Code ignores --locale zh-cn without one.
 */

const ZH_CN_LANGUAGE_PACK = 'MS-CEINTL.vscode-language-pack-zh-hans';
import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleSuite, copyWorkspace, removeSuite, ROOT, writeSuiteConfig, writeUserSettings } from './prepare';
import { startProbeTarget } from './probeTarget';
import type { SuiteConfig } from './suite/config';

function minimumEngine(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { vscode: string } };
  const m = /(\d+\.\d+\.\d+)/.exec(pkg.engines.vscode);
  return m ? m[1] : 'stable';
}

async function main(argv: string[]): Promise<number> {
  const versions: string[] = [];
  const passes: SuiteConfig['mode'][] = [];
  let grep: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--vscode') versions.push(argv[++i] ?? 'stable');
    else if (argv[i] === '--pass' || argv[i] === '--locale') passes.push(argv[++i] === 'zh-cn' ? 'zh-cn' : 'main');
    else if (argv[i] === '--grep') grep = argv[++i];
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (versions.length === 0) versions.push(minimumEngine(), 'stable');
  if (passes.length === 0) passes.push('main', 'zh-cn');
  const suiteIndex = await bundleSuite();
  let failures = 0;
  for (const version of versions) {
    const executable = await downloadAndUnzipVSCode(version);
    const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(executable);
    for (const mode of passes) {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `nv-electron-${mode}-`));
      const probe = mode === 'main' ? await startProbeTarget(tmp, (s) => console.log(`[electron] ${s}`)) : undefined;
      try {
        const ws = copyWorkspace(tmp);
        const userDataDir = path.join(tmp, 'user-data');
        const extensionsDir = path.join(tmp, 'extensions');
        writeUserSettings(userDataDir, probe?.settings ?? {});
        if (mode === 'zh-cn') {
          const r = spawnSync(cli, [...cliArgs, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', ZH_CN_LANGUAGE_PACK],
            { encoding: 'utf8', stdio: 'inherit', shell: process.platform === 'win32' });
          if (r.status !== 0) throw new Error(`could not install ${ZH_CN_LANGUAGE_PACK}`);
        }
        const cfg = writeSuiteConfig(tmp, { mode, grep, ...(probe ? { probe: probe.suite } : {}) });
        console.log(`[electron] VS Code ${version}, ${mode} pass`);
        await runTests({
          vscodeExecutablePath: executable,
          extensionDevelopmentPath: ROOT,
          extensionTestsPath: suiteIndex,
          launchArgs: [ws, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--disable-workspace-trust', '--skip-welcome',
            '--skip-release-notes', ...(mode === 'zh-cn' ? ['--locale', 'zh-cn'] : [])],
          extensionTestsEnv: { NESTED_VIRT_SUITE_CONFIG: cfg, ...(probe?.env ?? {}) },
        });
      } catch (err) {
        failures++;
        console.error(`[electron] VS Code ${version}, ${mode} pass failed: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        await probe?.stop();
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    }
  }
  removeSuite(suiteIndex);
  return failures === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
