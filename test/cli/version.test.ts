import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { VERSION } from '../../server/src/core/version';
import { REPO } from '../helpers';
import { SERVER } from '../protocol/lspClient';
import { nestedVirt } from './run';

const pkgVersion = (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

describe('version: package.json is the one source', () => {
  it('run from source, core/version reads package.json', () => {
    assert.equal(VERSION, pkgVersion);
  });

  it('the bundled CLI reports it in --version and in SARIF', () => {
    assert.equal(nestedVirt(['--version']).stdout, `nested-virt ${pkgVersion}\n`);
    const sarif = JSON.parse(nestedVirt(['lint', '--format', 'sarif', 'examples/vm.xml']).stdout) as { runs: { tool: { driver: { version: string } } }[] };
    assert.equal(sarif.runs[0].tool.driver.version, pkgVersion);
  });

  it('the bundled language server reports it in --version', () => {
    const r = spawnSync(process.execPath, [SERVER, '--version'], { encoding: 'utf8' });
    assert.equal(r.stdout, `nested-virt-language-server ${pkgVersion}\n`);
  });

  it('the bundles carry it as a literal and do not read package.json at run time', () => {
    for (const f of ['cli.js', 'server.js']) {
      const js = fs.readFileSync(path.join(REPO, 'dist', f), 'utf8');
      assert.doesNotMatch(js, /__NESTED_VIRT_VERSION__|package\.json/, f);
    }
  });
});
