/** package.json contributions of the editor UI: release codenames, the task type and its problem matcher. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NOVA_RELEASE_CODENAMES, NOVA_RELEASES, releaseLabel } from '../../shared/src/settings';
import { LineIndex } from '../../server/src/core/lines';
import { formatTextLine } from '../../server/src/edge/text';
import { REPO } from '../helpers';

const read = (f: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(REPO, f), 'utf8')) as Record<string, unknown>;
const pkg = read('package.json') as {
  contributes: {
    configuration: { properties: Record<string, { enum?: string[]; enumDescriptions?: string[] }> };
    taskDefinitions: { type: string }[];
    problemMatchers: { name: string; owner: string; fileLocation: string[]; pattern: { regexp: string; file: number; line: number; column: number; severity: number; code: number; message: number } }[];
  };
  scripts: Record<string, string>;
};
const nls = { en: read('package.nls.json') as Record<string, string>, zh: read('package.nls.zh-cn.json') as Record<string, string> };

describe('release codenames', () => {
  it('come from shared/src/settings.ts, and the settings UI shows the same ones', () => {
    const rel = pkg.contributes.configuration.properties['nestedVirt.nova.release'];
    assert.deepEqual(rel.enum, [...NOVA_RELEASES]);
    assert.equal(rel.enumDescriptions?.length, NOVA_RELEASES.length);
    NOVA_RELEASES.forEach((r, i) => {
      const key = /^%(.+)%$/.exec(rel.enumDescriptions?.[i] ?? '')?.[1];
      assert.ok(key, `enumDescriptions[${i}] is an nls key`);
      for (const lang of ['en', 'zh'] as const) {
        const text = nls[lang][key];
        assert.ok(text?.toLowerCase().includes(r) || r === 'master', `${lang} ${key}: ${text}`);
        if (NOVA_RELEASE_CODENAMES[r]) assert.ok(text.includes(NOVA_RELEASE_CODENAMES[r]), `${lang} ${key} lacks ${NOVA_RELEASE_CODENAMES[r]}`);
      }
    });
    assert.equal(releaseLabel('2026.1'), '2026.1 Gazpacho');
    assert.equal(releaseLabel('2023.1'), '2023.1 Antelope');
    assert.equal(releaseLabel('zed'), 'zed');
  });

  it('match the nova option data generated from the upstream release list', () => {
    const data = read('server/src/lang/data/novaOptions.generated.json') as { releases: string[]; codenames: string[] };
    data.releases.forEach((r, i) => {
      if (r !== 'master') assert.equal(data.codenames[i], NOVA_RELEASE_CODENAMES[r as keyof typeof NOVA_RELEASE_CODENAMES].toLowerCase(), r);
    });
  });
});

describe('nested-virt task and $nested-virt problem matcher', () => {
  it('contributes the task type and a matcher that reads the CLI text format', () => {
    assert.deepEqual(pkg.contributes.taskDefinitions.map((t) => t.type), ['nested-virt']);
    const [m] = pkg.contributes.problemMatchers;
    assert.equal(m.name, 'nested-virt');
    const line = formatTextLine('etc/nova/nova.conf', { code: 'nova-unknown-key', severity: 'error', start: 10, end: 19, message: 'Unknown option "cpu_modle" in [libvirt]; nova ignores it.' }, new LineIndex('[libvirt]\ncpu_modle = Haswell\n'), (s) => (s === 'information' ? 'info' : s));
    const g = new RegExp(m.pattern.regexp).exec(line);
    assert.ok(g, line);
    assert.deepEqual([g[m.pattern.file], g[m.pattern.line], g[m.pattern.column], g[m.pattern.severity], g[m.pattern.code], g[m.pattern.message]], [
      'etc/nova/nova.conf', '2', '1', 'error', 'nova-unknown-key', 'Unknown option "cpu_modle" in [libvirt]; nova ignores it.',
    ]);
    // A Windows path keeps its drive letter in the file group.
    assert.equal(new RegExp(m.pattern.regexp).exec('C:\\vm\\a.xml:3:5: warning cpu-model-ignored libvirt ignores it')?.[1], 'C:\\vm\\a.xml');
  });
});
