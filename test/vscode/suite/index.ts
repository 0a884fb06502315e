/**
 * mocha runner entry, loaded inside the VS Code extension host. `run()` is what
 * @vscode/test-electron calls (extensionTestsPath); the code-server test-runner extension calls
 * `run(config)` too. Test files are bundled next to this file as `*.test.js`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { config, setConfig, type SuiteConfig } from './config';

export interface TestResult {
  readonly type: 'test';
  readonly title: string;
  readonly state: 'passed' | 'failed' | 'pending';
  readonly durationMs: number;
  readonly error?: string;
}
export interface EndRecord {
  readonly type: 'end';
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  readonly vscodeVersion: string;
  readonly error?: string;
}

function append(file: string | undefined, rec: TestResult | EndRecord): void {
  if (file) fs.appendFileSync(file, `${JSON.stringify(rec)}\n`);
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

/** Test files for the mode: `*.test.js`, split by the `.zh-cn.test.js` suffix. */
export function testFiles(dir: string, mode: SuiteConfig['mode']): string[] {
  return fs.readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .filter((f) => (mode === 'zh-cn') === f.endsWith('.zh-cn.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
}

export async function run(cfg?: SuiteConfig): Promise<void> {
  if (cfg) setConfig(cfg);
  const c = config();
  // Lazy: `vscode` only exists inside the extension host.
  const vscode = await import('vscode');
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, slow: 5_000, grep: c.grep, reporter: 'spec' });
  for (const f of testFiles(__dirname, c.mode)) mocha.addFile(f);
  const counts = { passed: 0, failed: 0, pending: 0 };
  await new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve());
      runner.on('pass', (t) => {
        counts.passed++;
        append(c.resultsFile, { type: 'test', title: t.fullTitle(), state: 'passed', durationMs: t.duration ?? 0 });
      });
      runner.on('fail', (t, err) => {
        counts.failed++;
        append(c.resultsFile, { type: 'test', title: t.fullTitle(), state: 'failed', durationMs: t.duration ?? 0, error: errorText(err) });
      });
      runner.on('pending', (t) => {
        counts.pending++;
        append(c.resultsFile, { type: 'test', title: t.fullTitle(), state: 'pending', durationMs: 0 });
      });
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  }).catch((err: unknown) => {
    append(c.resultsFile, { type: 'end', ...counts, failed: counts.failed + 1, vscodeVersion: vscode.version, error: errorText(err) });
    throw err;
  });
  append(c.resultsFile, { type: 'end', ...counts, vscodeVersion: vscode.version });
  if (counts.failed > 0) throw new Error(`${counts.failed} real-VS Code test(s) failed`);
}
