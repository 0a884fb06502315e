import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from '../helpers';

const GENERATED = [
  'package.json',
  'server/src/lang/data/cpuMap.generated.json',
  'server/src/lang/data/novaOptions.generated.json',
  'snippets/domain-xml.json',
  'snippets/nova-conf.json',
  'server/src/lang/data/kernelModules.generated.json',
  'snippets/modprobe-conf.json',
  'docs/diagnostics.md',
  'server/src/lang/data/qemuModels.generated.json',
];

function gen(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const tsx = path.join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  return spawnSync(process.execPath, [tsx, path.join(REPO, 'scripts', 'gen.ts'), ...args], { encoding: 'utf8' });
}

describe('npm run gen', function () {
  this.timeout(60000);

  it('--check passes: every committed generated file is what its source makes now', () => {
    const r = gen('--check');
    assert.equal(r.status, 0, r.stderr);
    for (const f of GENERATED) assert.match(r.stdout, new RegExp(`up to date\\s+${f.replace(/\./g, '\\.')}`));
  });

  it('--check names each stale file and writes nothing; without --check it rewrites them', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-'));
    for (const f of GENERATED) {
      fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
      fs.copyFileSync(path.join(REPO, f), path.join(root, f));
    }
    const nova = path.join(root, 'snippets/nova-conf.json');
    fs.writeFileSync(nova, fs.readFileSync(nova, 'utf8').replace('cpu_mode', 'cpu_mood'));
    fs.rmSync(path.join(root, 'server/src/lang/data/cpuMap.generated.json'));
    const pkg = path.join(root, 'package.json');
    fs.writeFileSync(pkg, fs.readFileSync(pkg, 'utf8').replace('"maximum": 64', '"maximum": 65'));

    const check = gen('--check', '--root', root);
    assert.equal(check.status, 1);
    assert.match(check.stderr, /stale\s+server\/src\/lang\/data\/cpuMap\.generated\.json/);
    assert.match(check.stderr, /stale\s+snippets\/nova-conf\.json/);
    assert.match(check.stderr, /stale\s+package\.json/);
    assert.match(fs.readFileSync(pkg, 'utf8'), /"maximum": 65/);
    assert.doesNotMatch(check.stderr, /domain-xml|novaOptions/);
    assert.ok(!fs.existsSync(path.join(root, 'server/src/lang/data/cpuMap.generated.json')));
    assert.match(fs.readFileSync(nova, 'utf8'), /cpu_mood/);

    const write = gen('--root', root);
    assert.equal(write.status, 0, write.stderr);
    for (const f of GENERATED) assert.equal(fs.readFileSync(path.join(root, f), 'utf8'), fs.readFileSync(path.join(REPO, f), 'utf8'), f);
    assert.equal(gen('--check', '--root', root).status, 0);
  });

  it('rejects an unknown option with usage and exit code 2', () => {
    const r = gen('--chek');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /usage: /);
  });
});
