// `npm test`: type-check, lint, build, then every test layer, then the real VS Code suite.
// Prints one closing line "N passed, N failed" and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = [];
let passed = 0;
let failed = 0;

function step(name, cmd, args, { countFrom } = {}) {
  const started = Date.now();
  process.stdout.write(`\n=== ${name}: ${[cmd, ...args].join(' ')}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: countFrom ? ['inherit', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8', env: process.env });
  if (countFrom) {
    process.stdout.write(r.stdout ?? '');
    const report = countFrom(r.stdout ?? '');
    passed += report.passed;
    failed += report.failed;
  }
  const ok = r.status === 0;
  if (!countFrom) {
    if (ok) passed++;
    else failed++;
  }
  results.push({ name, ok, seconds: ((Date.now() - started) / 1000).toFixed(1) });
  return ok;
}

/** Mocha's spec reporter closes with "N passing" / "N failing"; a skipped layer says "skipped". */
function mochaCounts(out) {
  const p = /(\d+) passing/.exec(out);
  const f = /(\d+) failing/.exec(out);
  if (!p && !f && /skipped:/.test(out)) return { passed: 0, failed: 0 };
  return { passed: p ? Number(p[1]) : 0, failed: f ? Number(f[1]) : p ? 0 : 1 };
}

const npx = 'npx';
step('types', npx, ['tsc', '-b']);
step('lint', npx, ['eslint', '.']);
const built = step('build', process.execPath, ['scripts/build.mjs']);
if (built) {
  step('grammar', npx, ['vscode-tmgrammar-test', 'test/grammar/*.test.nova.conf']);
  step('tests', npx, ['mocha'], { countFrom: mochaCounts });
  if (fs.existsSync(path.join(root, 'scripts', 'vscode-test.mjs'))) {
    step('real VS Code', process.execPath, ['scripts/vscode-test.mjs'], { countFrom: mochaCounts });
  }
}

process.stdout.write('\nSummary:\n');
for (const r of results) process.stdout.write(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds}s)\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 || results.some((r) => !r.ok) ? 1 : 0);
