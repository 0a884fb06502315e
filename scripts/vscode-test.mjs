// The real-VS Code suite, as `npm test` runs it: code-server (version in test/vscode/codeServerVersions.json) + headless chromium.
//
//   node scripts/vscode-test.mjs                 all passes: English, --locale zh-cn, zh-cn display language
//   node scripts/vscode-test.mjs --pass main     one pass (main, zh-cn or zh-cn-display)
//   node scripts/vscode-test.mjs --install       install code-server into the cache and exit
//   other flags go to test/vscode/runCodeServer.ts (--grep, --keep, --vsix, --no-build)
//
// With CI=true the suite is required: code-server is installed into the cache when missing, and a
// missing chromium or a failed install fails loudly. Elsewhere the suite is skipped, with a
// one-line reason, when code-server or chromium is absent.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The one statement of the version: test/vscode/codeServerVersions.json (test/vscode/codeServer.ts reads it too).
const CODE_SERVER_VERSION = JSON.parse(fs.readFileSync(path.join(root, 'test', 'vscode', 'codeServerVersions.json'), 'utf8')).codeServer;
const ci = /^(1|true|yes)$/i.test(process.env.CI ?? '');
const args = process.argv.slice(2);

const cacheDir = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'nested-virt', `code-server-${CODE_SERVER_VERSION}`);
const installed = fs.existsSync(path.join(cacheDir, '.nested-virt-install-ok'));
// CHROMIUM_PATH, when set, is the only candidate.
const chromium = (process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'])
  .find((p) => fs.existsSync(p));

function tsx(file, extra) {
  const bin = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');
  return spawnSync(bin, [file, ...extra], { cwd: root, stdio: 'inherit', env: process.env }).status ?? 1;
}

function fail(msg) {
  console.error(`real VS Code suite: FAILED: ${msg}`);
  process.exit(1);
}

function skip(msg) {
  console.log(`real VS Code suite: skipped: ${msg}`);
  process.exit(0);
}

const installer = path.join(root, 'test', 'vscode', 'installCodeServer.ts');
if (args.includes('--install')) process.exit(tsx(installer, []));

if (!chromium) {
  const why = `chromium not found at ${process.env.CHROMIUM_PATH || '/usr/bin/chromium'} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
  if (ci) fail(why);
  skip(why);
}
if (!installed) {
  if (!ci) skip(`code-server ${CODE_SERVER_VERSION} is not in ${cacheDir} (install it with: node scripts/vscode-test.mjs --install)`);
  console.log(`real VS Code suite: installing code-server ${CODE_SERVER_VERSION} into ${cacheDir}`);
  if (tsx(installer, []) !== 0) fail(`could not install code-server ${CODE_SERVER_VERSION} into ${cacheDir}`);
}

const passes = args.includes('--pass') || args.includes('--locale') ? [] : ['--pass', 'main', '--pass', 'zh-cn', '--pass', 'zh-cn-display'];
const code = tsx(path.join(root, 'test', 'vscode', 'runCodeServer.ts'), [...passes, ...args]);
if (code !== 0) fail('see the test output above; logs and screenshots are in test-results/');
