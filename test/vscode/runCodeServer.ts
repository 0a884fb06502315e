/**
 * Runs the in-editor suite inside code-server (a real VS Code 1.100.3 extension host) with
 * headless Debian chromium, against the built .vsix:
 *
 *   tsx test/vscode/runCodeServer.ts [--pass main] [--pass zh-cn] [--vsix file] [--no-build]
 *                                    [--install] [--grep re] [--keep] [--images dir]
 *
 * For each pass: fresh user-data/extensions dirs under a temp dir, the .vsix installed with
 * `--install-extension`, a generated test-runner extension that runs the mocha suite when the
 * extension host starts, the workbench opened in chromium so that the extension host starts,
 * results streamed back through a JSON-lines file, screenshots on the suite's request, then
 * everything stopped by PID. Exit code 1 on any failed test or harness error.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  CODE_SERVER_VERSION, codeServerDir, ensureCodeServer, installExtension, isCodeServerInstalled, startCodeServer, type RunningCodeServer,
} from './codeServer';
import { checkVsix } from './packageCheck';
import { packageRunnerExtension, packageVsix, packageZhCnLanguagePack, registerZhCnLanguagePack } from './packaging';
import { bundleSuite, copyWorkspace, removeSuite, RESULTS_DIR, ROOT, writeSuiteConfig, writeUserSettings } from './prepare';
import { startProbeTarget, type ProbeTarget } from './probeTarget';
import type { SuiteConfig } from './suite/config';
import type { EndRecord, TestResult } from './suite/index';

type Mode = SuiteConfig['mode'];
/**
 * main: English. zh-cn: code-server started with --locale zh-cn. zh-cn-display: the display
 * language set the way "Configure Display Language" does it (locale in the user's argv.json).
 */
const PASSES = ['main', 'zh-cn', 'zh-cn-display'] as const;
type Pass = (typeof PASSES)[number];

interface Options {
  passes: Pass[];
  vsix?: string;
  build: boolean;
  install: boolean;
  keep: boolean;
  grep?: string;
  /** Also copy the screenshots here (e.g. docs/images for the README). */
  imagesDir?: string;
  chromium: string;
  timeoutMs: number;
}

const log = (s: string): void => console.log(`[vscode] ${s}`);

/** Stops what is running when the harness itself is interrupted (code-server has its own process group). */
const cleanups = new Set<() => Promise<void>>();
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(sig, () => {
    log(`${sig}: stopping code-server, chromium and sshd`);
    void Promise.allSettled([...cleanups].map((c) => c())).then(() => process.exit(130));
  });
}

export function findChromium(): string | undefined {
  const candidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p) => fs.existsSync(p));
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    passes: [], build: true, install: false, keep: false, chromium: findChromium() ?? '/usr/bin/chromium',
    timeoutMs: Number(process.env.NESTED_VIRT_VSCODE_TIMEOUT_MS ?? 240_000),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--pass') {
      const p = next();
      if (!(PASSES as readonly string[]).includes(p)) throw new Error(`--pass must be one of ${PASSES.join(', ')}`);
      o.passes.push(p as Pass);
    } else if (a === '--locale') o.passes.push(next().toLowerCase() === 'zh-cn' ? 'zh-cn' : 'main');
    else if (a === '--vsix') o.vsix = path.resolve(next());
    else if (a === '--no-build') o.build = false;
    else if (a === '--install') o.install = true;
    else if (a === '--keep') o.keep = true;
    else if (a === '--grep') o.grep = next();
    else if (a === '--images') o.imagesDir = path.resolve(next());
    else throw new Error(`unknown argument ${a}`);
  }
  if (o.passes.length === 0) o.passes.push('main');
  return o;
}

interface PassResult {
  readonly pass: Pass;
  readonly tests: TestResult[];
  readonly end?: EndRecord;
  readonly fatal?: string;
  readonly error?: string;
}

function readRecords(file: string): Record<string, unknown>[] {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);
}

interface ScreenshotRequest {
  /** A CSS selector in the workbench to click first (e.g. the language status indicator). */
  readonly click?: string;
  /** A CSS selector in the workbench that must be visible first. */
  readonly waitFor?: string;
  /** A CSS selector that must be gone first (e.g. a finished progress notification). */
  readonly waitGone?: string;
  /** Texts to look for in every frame (webviews included); the answer goes back to the suite. */
  readonly expectText?: readonly string[];
}

async function frameTexts(page: Page): Promise<string> {
  const texts = await Promise.all(page.frames().map((f) => f.evaluate('document.body ? document.body.innerText : ""').catch(() => '')));
  return texts.map(String).join('\n');
}

/** Takes the PNG; returns which of the expected texts the page (all frames) shows. */
async function takeScreenshot(page: Page, requestFile: string, out: string): Promise<Record<string, boolean>> {
  let req: ScreenshotRequest = {};
  try {
    req = JSON.parse(fs.readFileSync(requestFile, 'utf8')) as ScreenshotRequest;
  } catch { /* plain request */ }
  if (req.click) {
    await page.click(req.click, { timeout: 10_000 }).catch(() => log(`screenshot ${path.basename(out)}: could not click ${req.click}`));
  }
  if (req.waitFor) {
    await page.waitForSelector(req.waitFor, { state: 'visible', timeout: 10_000 }).catch(() => log(`screenshot ${path.basename(out)}: ${req.waitFor} did not show`));
  }
  if (req.waitGone) {
    await page.waitForSelector(req.waitGone, { state: 'hidden', timeout: 10_000 }).catch(() => log(`screenshot ${path.basename(out)}: ${req.waitGone} did not go away`));
  }
  const found: Record<string, boolean> = {};
  if (req.expectText?.length) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const all = await frameTexts(page);
      for (const t of req.expectText) found[t] = all.includes(t);
      if (Object.values(found).every(Boolean) || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 200)); // poll interval, bounded by the deadline
    }
  }
  // Let the workbench paint what the extension host just changed.
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())))');
  await page.screenshot({ path: out });
  return found;
}

function copyLogs(tmp: string, userDataDir: string, pass: Pass): string {
  const dest = path.join(RESULTS_DIR, `vscode-logs-${pass}`);
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(dest, { recursive: true });
  const logs = path.join(userDataDir, 'logs');
  if (fs.existsSync(logs)) fs.cpSync(logs, path.join(dest, 'logs'), { recursive: true });
  for (const f of ['code-server.log', 'browser-console.log', 'results.jsonl']) {
    if (fs.existsSync(path.join(tmp, f))) fs.copyFileSync(path.join(tmp, f), path.join(dest, f));
  }
  return dest;
}

function exthostTail(userDataDir: string): string {
  const found: string[] = [];
  const walk = (d: string): void => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/^exthost\.log$|nested|Nested/.test(e.name)) found.push(p);
    }
  };
  walk(path.join(userDataDir, 'logs'));
  return found.map((f) => `--- ${path.relative(userDataDir, f)}\n${fs.readFileSync(f, 'utf8').split('\n').slice(-40).join('\n')}`).join('\n');
}

async function runPass(pass: Pass, o: Options, csDir: string, vsix: string, suiteIndex: string): Promise<PassResult> {
  const mode: Mode = pass === 'main' ? 'main' : 'zh-cn';
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `nv-vscode-${pass}-`));
  const removeTmp = async (): Promise<void> => { if (!o.keep) fs.rmSync(tmp, { recursive: true, force: true }); };
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  const shotsDir = path.join(tmp, 'screenshot-requests');
  const resultsFile = path.join(tmp, 'results.jsonl');
  const configFile = path.join(tmp, 'code-server.yaml');
  fs.mkdirSync(shotsDir, { recursive: true });
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const ws = copyWorkspace(tmp);
  let probe: ProbeTarget | undefined;
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  const prefix = pass === 'main' ? '' : `${pass}-`;
  try {
    fs.writeFileSync(configFile, 'auth: none\n');
    if (mode === 'main') probe = await startProbeTarget(tmp, log);
    const runningProbe = probe;
    if (runningProbe) cleanups.add(() => runningProbe.stop().then(removeTmp));
    writeUserSettings(userDataDir, probe?.settings ?? {});
    const suiteCfg: SuiteConfig & { suiteIndex: string } = {
      mode, resultsFile, screenshotDir: shotsDir, grep: o.grep, suiteIndex,
      ...(probe ? { probe: probe.suite } : {}),
    };
    const suiteConfigFile = writeSuiteConfig(tmp, suiteCfg);
    log(`${pass}: installing ${path.basename(vsix)} into a fresh extensions dir`);
    const extra = mode === 'zh-cn' ? [packageZhCnLanguagePack(tmp)] : [];
    installExtension(csDir, userDataDir, extensionsDir, [vsix, packageRunnerExtension(tmp, suiteConfigFile), ...extra], configFile, () => undefined);
    if (mode === 'zh-cn') registerZhCnLanguagePack(userDataDir, extensionsDir);
    if (pass === 'zh-cn-display') {
      // What "Configure Display Language" writes; code-server reads it when no --locale is given.
      fs.writeFileSync(path.join(userDataDir, 'User', 'argv.json'), `${JSON.stringify({ locale: 'zh-cn' }, null, 2)}\n`);
    }
    server = await startCodeServer({
      dir: csDir, userDataDir, extensionsDir, workspace: ws, configFile,
      logFile: path.join(tmp, 'code-server.log'), ...(pass === 'zh-cn' ? { locale: 'zh-cn' } : {}),
      env: { ...(probe?.env ?? {}) },
    });
    const runningServer = server;
    cleanups.add(() => runningServer.stop());
    log(`${pass}: code-server ${CODE_SERVER_VERSION} on ${server.url} (pid ${server.child.pid})`);
    browser = await chromium.launch({
      executablePath: o.chromium,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    const runningBrowser = browser;
    cleanups.add(() => runningBrowser.close());
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    const consoleLog = fs.createWriteStream(path.join(tmp, 'browser-console.log'));
    page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));
    await page.goto(`${server.url}?folder=${encodeURIComponent(ws)}`, { waitUntil: 'domcontentloaded' });

    const loaded = Date.now();
    const deadline = loaded + o.timeoutMs;
    const startDeadline = loaded + Math.min(o.timeoutMs, 90_000);
    const seen = new Set<string>();
    const tests: TestResult[] = [];
    let printed = 0;
    for (;;) {
      const recs = readRecords(resultsFile);
      for (const r of recs.slice(printed)) {
        if (r.type === 'test') {
          const t = r as unknown as TestResult;
          tests.push(t);
          const mark = t.state === 'passed' ? 'ok  ' : t.state === 'failed' ? 'FAIL' : 'skip';
          log(`${pass}: ${mark} ${t.title} (${t.durationMs} ms)`);
          if (t.error) console.log(t.error.split('\n').slice(0, 12).map((l) => `        ${l}`).join('\n'));
        }
      }
      printed = recs.length;
      const end = recs.find((r) => r.type === 'end') as EndRecord | undefined;
      const fatal = recs.find((r) => r.type === 'fatal') as { error: string } | undefined;
      if (end) {
        log(`${pass}: ${end.passed} passed, ${end.failed} failed, ${end.pending} pending in VS Code ${end.vscodeVersion} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
        if (end.error) log(`${pass}: runner error: ${end.error}`);
        return { pass, tests, end };
      }
      if (fatal) return { pass, tests, fatal: fatal.error };
      for (const f of fs.readdirSync(shotsDir)) {
        if (!f.endsWith('.request') || seen.has(f)) continue;
        seen.add(f);
        const name = f.slice(0, -'.request'.length);
        const png = path.join(RESULTS_DIR, `${prefix}${name}.png`);
        const found = await takeScreenshot(page, path.join(shotsDir, f), png);
        if (o.imagesDir) {
          fs.mkdirSync(o.imagesDir, { recursive: true });
          fs.copyFileSync(png, path.join(o.imagesDir, path.basename(png)));
        }
        fs.writeFileSync(path.join(shotsDir, `${name}.done`), JSON.stringify({ png, found }));
        log(`${pass}: screenshot ${path.relative(ROOT, png)}`);
      }
      if (server.child.exitCode !== null) throw new Error(`code-server exited (${server.child.exitCode}) before the suite finished`);
      const notStarted = recs.length === 0;
      if (Date.now() > (notStarted ? startDeadline : deadline)) {
        await page.screenshot({ path: path.join(RESULTS_DIR, `${prefix}timeout.png`) }).catch(() => undefined);
        throw new Error(notStarted
          ? `the test-runner extension did not start within ${Math.round((startDeadline - loaded) / 1000)} s of opening the workbench`
          : `the suite did not finish within ${o.timeoutMs} ms`);
      }
      await new Promise((r) => setTimeout(r, 150)); // poll interval; the deadline above bounds the wait
    }
  } catch (err) {
    return { pass, tests: [], error: err instanceof Error ? err.message : String(err) };
  } finally {
    const failed = !fs.existsSync(resultsFile) || readRecords(resultsFile).some((r) => r.type === 'fatal' || (r.type === 'test' && r.state === 'failed'));
    if (failed) {
      const dest = copyLogs(tmp, userDataDir, pass);
      log(`${pass}: logs copied to ${path.relative(ROOT, dest)}`);
      const tail = exthostTail(userDataDir);
      if (tail) console.log(tail);
    }
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await probe?.stop();
    cleanups.clear();
    if (o.keep) log(`${pass}: kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export async function main(argv: string[]): Promise<number> {
  const o = parseArgs(argv);
  const t0 = Date.now();
  if (!fs.existsSync(o.chromium)) throw new Error(`chromium not found at ${o.chromium} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  let csDir = codeServerDir();
  if (!isCodeServerInstalled(csDir)) {
    if (!o.install) throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed in ${csDir}; run with --install`);
    csDir = ensureCodeServer(log);
  }
  const vsix = o.vsix ?? packageVsix(o.build);
  const pkg = checkVsix(vsix);
  log(`${path.basename(vsix)}: ${pkg.files.length} files${pkg.problems.length ? '' : ', all allow-listed'}`);
  for (const p of pkg.problems) log(`PACKAGE PROBLEM: ${p}`);
  const suiteIndex = await bundleSuite();
  log(`suite bundled to ${path.relative(ROOT, path.dirname(suiteIndex))}/`);
  const results: PassResult[] = [];
  cleanups.add(async () => removeSuite(suiteIndex));
  try {
    for (const pass of o.passes) results.push(await runPass(pass, o, csDir, vsix, suiteIndex));
  } finally {
    removeSuite(suiteIndex);
  }
  fs.writeFileSync(path.join(RESULTS_DIR, 'vscode-results.json'), `${JSON.stringify(results, null, 2)}\n`);
  let bad = pkg.problems.length > 0 ? 1 : 0;
  for (const r of results) {
    if (r.error) { bad++; log(`${r.pass}: HARNESS ERROR: ${r.error}`); }
    if (r.fatal) { bad++; log(`${r.pass}: the suite could not run: ${r.fatal}`); }
    if (r.end && (r.end.failed > 0 || r.end.passed === 0)) bad++;
  }
  log(`${bad === 0 ? "all green" : `${bad} failure(s) (package check, passes)`} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  // Totals in mocha's words, for scripts/test.mjs: the package check, harness errors and suites
  // that could not run count as failures.
  const passing = results.reduce((n, r) => n + r.tests.filter((t) => t.state === 'passed').length, 0) + (pkg.problems.length ? 0 : 1);
  const failing = results.reduce((n, r) => n + r.tests.filter((t) => t.state === 'failed').length + (r.error || r.fatal ? 1 : 0), 0)
    + (pkg.problems.length ? 1 : 0);
  console.log(`\n  ${passing} passing (real VS Code)`);
  if (failing) console.log(`  ${failing} failing (real VS Code)`);
  return bad === 0 ? 0 : 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (err: unknown) => {
    console.error(`[vscode] ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
}
