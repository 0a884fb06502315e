/** ProbeSettings come from the one settings schema; the client bundle carries no probe engine. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { DEFAULT_PROBE_SETTINGS, parseProbeSettings, PROBE_SETTING_KEYS, SETTINGS, type ProbeSettings } from '../../shared/src/settings';
import { REPO } from '../helpers';

describe('probe settings', () => {
  it('take their defaults from SETTINGS', () => {
    for (const [field, key] of Object.entries(PROBE_SETTING_KEYS)) {
      assert.deepEqual(DEFAULT_PROBE_SETTINGS[field as keyof ProbeSettings], SETTINGS[key].default, field);
    }
  });

  it("clamp integers to the schema's bounds and drop invalid values, saying so", () => {
    const problems: string[] = [];
    const s = parseProbeSettings({ connectTimeout: 0, concurrency: 1000, release: 'diablo', hostArch: 'vax', sshPath: '  ', novaConfPath: 7 }, problems);
    assert.equal(s.connectTimeout, SETTINGS['nestedVirt.probe.connectTimeout'].minimum);
    assert.equal(s.concurrency, SETTINGS['nestedVirt.probe.concurrency'].maximum);
    assert.equal(s.release, SETTINGS['nestedVirt.nova.release'].default);
    assert.equal(s.hostArch, 'x86_64');
    assert.equal(s.sshPath, 'ssh');
    assert.equal(s.novaConfPath, '/etc/nova/nova.conf');
    assert.deepEqual(problems.map((p) => p.split(':')[0]), ['nestedVirt.nova.release', 'nestedVirt.nova.hostArch', 'nestedVirt.probe.sshPath', 'nestedVirt.probe.novaConfPath']);
  });

  it('fill missing fields from the given defaults (the server settings) before the schema', () => {
    const s = parseProbeSettings({ sshPath: '/usr/bin/ssh' }, [], { release: 'queens', cpuMapPath: 'bundled' });
    assert.deepEqual(s, { ...DEFAULT_PROBE_SETTINGS, sshPath: '/usr/bin/ssh', release: 'queens', cpuMapPath: 'bundled' });
    assert.equal(parseProbeSettings({ release: 'wallaby' }, [], { release: 'queens' }).release, 'wallaby');
  });
});

describe('client bundle', () => {
  it('holds no engine code: nothing from server/src', async () => {
    const r = await esbuild.build({
      absWorkingDir: REPO, entryPoints: ['client/src/extension.ts'], bundle: true, platform: 'node', format: 'cjs',
      external: ['vscode'], write: false, metafile: true, outfile: path.join(REPO, 'out', 'bundle-check.js'), logLevel: 'silent',
    });
    const inputs = Object.keys(r.metafile.inputs);
    assert.ok(inputs.some((i) => i.startsWith('client/src/probe/')), inputs.join('\n'));
    assert.deepEqual(inputs.filter((i) => i.startsWith('server/')), []);
  });
});
