import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { clampSetting, SETTINGS, settingInRange } from '../../shared/src/settings';
import { sshArgs } from '../../server/src/probe/ssh';
import { probeTranslator } from '../../server/src/probe/messages';
import { probeUsage } from '../../server/src/cli/usage';
import { REPO } from '../helpers';

describe('settings schema: bounds and defaults come from SETTINGS', () => {
  it('clampSetting keeps a value within bounds, rounds down, and gives the default for no number', () => {
    assert.equal(clampSetting('nestedVirt.probe.concurrency', 1000), SETTINGS['nestedVirt.probe.concurrency'].maximum);
    assert.equal(clampSetting('nestedVirt.probe.concurrency', 0), 1);
    assert.equal(clampSetting('nestedVirt.probe.concurrency', 3.9), 3);
    assert.equal(clampSetting('nestedVirt.probe.concurrency', undefined), 16);
    assert.equal(clampSetting('nestedVirt.probe.connectTimeout', Number.NaN), 10);
    assert.equal(clampSetting('nestedVirt.probe.connectTimeout', 301), 300);
  });

  it('settingInRange accepts only integers within bounds', () => {
    assert.ok(settingInRange('nestedVirt.probe.concurrency', 64));
    assert.ok(!settingInRange('nestedVirt.probe.concurrency', 65));
    assert.ok(!settingInRange('nestedVirt.probe.connectTimeout', 2.5));
  });

  it('ssh gets the connect timeout clamped to the setting bounds', () => {
    assert.ok(sshArgs('h', { connectTimeout: 9999 }).includes('ConnectTimeout=300'));
    assert.ok(sshArgs('h', {}).includes(`ConnectTimeout=${SETTINGS['nestedVirt.probe.connectTimeout'].default}`));
  });

  it('probe --help states the bounds and defaults of the schema, in both languages', () => {
    for (const locale of ['en', 'zh-cn'] as const) {
      const usage = probeUsage(probeTranslator(locale));
      assert.match(usage, /1-64/);
      assert.ok(usage.includes(SETTINGS['nestedVirt.probe.novaConfPath'].default), locale);
      assert.ok(usage.includes(SETTINGS['nestedVirt.nova.release'].default), locale);
      assert.doesNotMatch(usage, /\{\d\}/);
    }
  });

  it("the probe script's own nova.conf default (for runs outside the tool) is the setting's default", () => {
    const sh = fs.readFileSync(path.join(REPO, 'server', 'src', 'probe', 'probe.sh'), 'utf8');
    assert.ok(sh.includes(`NV_NOVA_CONF=\${NV_NOVA_CONF:-${SETTINGS['nestedVirt.probe.novaConfPath'].default}}`));
  });
});
