/**
 * Shared by both runners: bundles the suite for the extension host, copies the fixture
 * workspace to a temp dir, and writes the user settings and the suite config.
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SuiteConfig } from './suite/config';

export const ROOT = path.resolve(__dirname, '..', '..');
/** Each run bundles into its own out/vscode-suite/<pid>, so runs in the same checkout do not collide. */
export const SUITE_OUT = path.join(ROOT, 'out', 'vscode-suite');
export const RESULTS_DIR = path.join(ROOT, 'test-results');

/**
 * Bundles suite/index.ts (with mocha) and each suite/*.test.ts into out/vscode-suite/<pid>/,
 * `vscode` external. `removeSuite()` deletes it when the run ends.
 */
export async function bundleSuite(): Promise<string> {
  const src = path.join(__dirname, 'suite');
  const tests = fs.readdirSync(src).filter((f) => f.endsWith('.test.ts')).map((f) => path.join(src, f));
  const out = path.join(SUITE_OUT, String(process.pid));
  fs.rmSync(out, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [path.join(src, 'index.ts'), ...tests],
    outdir: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'error',
    // mocha require()s the test files by path at run time; that is meant to stay dynamic.
    logOverride: { 'unsupported-require-call': 'silent', 'unsupported-dynamic-import': 'silent' },
  });
  return path.join(out, 'index.js');
}

export function removeSuite(index: string): void {
  fs.rmSync(path.dirname(index), { recursive: true, force: true });
}

/** A fresh copy of test/vscode/workspace, so quick-fix tests never touch the fixtures in git. */
export function copyWorkspace(tmp: string): string {
  const ws = path.join(tmp, 'workspace');
  fs.cpSync(path.join(__dirname, 'workspace'), ws, { recursive: true });
  return ws;
}

/** User settings: no trust prompt, no welcome page, nothing that races the suite for focus. */
export function writeUserSettings(userDataDir: string, extra: Record<string, unknown> = {}): void {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  const settings = {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'telemetry.telemetryLevel': 'off',
    'git.enabled': false,
    'window.restoreWindows': 'none',
    'editor.minimap.enabled': false,
    'files.autoSave': 'off',
    // Only nested-virt's items in the completion screenshots.
    'emmet.showExpandedAbbreviation': 'never',
    'editor.suggest.showWords': false,
    'editor.wordBasedSuggestions': 'off',
    ...extra,
  };
  fs.writeFileSync(path.join(dir, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}

export function writeSuiteConfig(tmp: string, c: SuiteConfig): string {
  const file = path.join(tmp, 'suite-config.json');
  fs.writeFileSync(file, `${JSON.stringify(c, null, 2)}\n`);
  return file;
}
