/**
 * What the outer harness tells the suite. Both runners (code-server and @vscode/test-electron)
 * write it as JSON and pass its path in NESTED_VIRT_SUITE_CONFIG, or hand it to `run()` directly.
 */
import * as fs from 'node:fs';

export interface ProbeTarget {
  /** The host string as a user writes it in `nestedVirt.hosts` (e.g. `nv-test-sshd`). */
  readonly host: string;
}

export interface SuiteConfig {
  /** `main` runs every *.test.js except the *.zh-cn ones; `zh-cn` runs only those. */
  readonly mode: 'main' | 'zh-cn';
  /** Where per-test results go, one JSON object a line, ending with a `{"type":"end"}` line. */
  readonly resultsFile?: string;
  /**
   * Directory for screenshot requests. The suite writes `<name>.request`, the outer harness
   * takes the PNG and writes `<name>.done`. Absent when nobody can take screenshots.
   */
  readonly screenshotDir?: string;
  /** The test sshd, when the harness started one. */
  readonly probe?: ProbeTarget;
  /** mocha --grep */
  readonly grep?: string;
}

// Each test file is its own bundle with its own copy of this module: keep the one config on
// globalThis so that every copy sees what the runner set.
const KEY = Symbol.for('nested-virt.suiteConfig');
type Holder = { [KEY]?: SuiteConfig };

export function setConfig(c: SuiteConfig): void {
  (globalThis as Holder)[KEY] = c;
}

export function config(): SuiteConfig {
  const g = globalThis as Holder;
  if (!g[KEY]) {
    const file = process.env.NESTED_VIRT_SUITE_CONFIG;
    g[KEY] = file ? (JSON.parse(fs.readFileSync(file, 'utf8')) as SuiteConfig) : { mode: 'main' };
  }
  return g[KEY];
}
