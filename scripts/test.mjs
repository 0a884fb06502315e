// `npm test`: type-check, lint, generated files up to date, no unused code (knip), no import
// cycles, build, grammar, every test layer, then the real VS Code suite.
// Output streams as it comes. Prints one closing line "N passed, N failed" and exits
// non-zero on any failure.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = [];
let passed = 0;
let failed = 0;

/** Runs a step, teeing its stdout; `countFrom` turns that output into test counts. */
function step(name, cmd, args, { countFrom } = {}) {
  const started = Date.now();
  process.stdout.write(`\n=== ${name}: ${[cmd, ...args].join(' ')}\n`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['inherit', 'pipe', 'inherit'], env: process.env });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code) => {
      const ok = code === 0;
      if (countFrom) {
        const report = countFrom(out, ok);
        passed += report.passed;
        failed += report.failed;
      } else if (ok) passed++;
      else failed++;
      results.push({ name, ok, seconds: ((Date.now() - started) / 1000).toFixed(1) });
      resolve(ok);
    });
  });
}

/** Mocha's spec reporter closes with "N passing" / "N failing"; a skipped layer says "skipped". */
function mochaCounts(out, ok) {
  const p = /(\d+) passing/.exec(out);
  const f = /(\d+) failing/.exec(out);
  if (!p && !f) return /skipped:/.test(out) && ok ? { passed: 0, failed: 0 } : { passed: 0, failed: 1 };
  return { passed: p ? Number(p[1]) : 0, failed: f ? Number(f[1]) : ok ? 0 : 1 };
}

const npx = 'npx';
await step('types', npx, ['tsc', '-b']);
await step('lint', npx, ['eslint', '.']);
await step('generated files', npx, ['tsx', 'scripts/gen.ts', '--check']);
await step('unused code', npx, ['knip']);
await step('import cycles', process.execPath, ['scripts/check-cycles.mjs']);
const built = await step('build', process.execPath, ['scripts/build.mjs']);
if (built) {
  await step('grammar', npx, ['vscode-tmgrammar-test', 'test/grammar/*.test.nova.conf', 'test/grammar/*.test.modprobe.conf']);
  await step('tests', npx, ['mocha'], { countFrom: mochaCounts });
  if (fs.existsSync(path.join(root, 'scripts', 'vscode-test.mjs'))) {
    await step('real VS Code', process.execPath, ['scripts/vscode-test.mjs'], { countFrom: mochaCounts });
  }
}

process.stdout.write('\nSummary:\n');
for (const r of results) process.stdout.write(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds}s)\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 || results.some((r) => !r.ok) ? 1 : 0);
