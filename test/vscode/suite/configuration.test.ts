import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SETTINGS, type SettingKey } from '../../../shared/src/settings';
import { activate } from './helpers';

suite('Configuration', () => {
  suiteSetup(async () => {
    await activate();
  });

  test('VS Code knows every setting of the schema, with its default', () => {
    for (const key of Object.keys(SETTINGS) as SettingKey[]) {
      const [section, ...rest] = key.split('.');
      const info = vscode.workspace.getConfiguration(section).inspect(rest.join('.'));
      assert.ok(info, `${key} is contributed`);
      assert.deepEqual(info.defaultValue, SETTINGS[key].default, `${key} default`);
    }
  });

  test('the harness settings reached VS Code', function () {
    const hosts = vscode.workspace.getConfiguration('nestedVirt').get<string[]>('hosts');
    if (!hosts?.length) this.skip();
    assert.ok(hosts.every((h) => typeof h === 'string'));
  });
});
