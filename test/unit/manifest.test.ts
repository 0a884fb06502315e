import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Commands } from '../../shared/src/commands';
import { DEFAULT_SERVER_SETTINGS, parseServerSettings, SETTINGS } from '../../shared/src/settings';
import { classify } from '../../server/src/facade/service';
import { REPO } from '../helpers';

const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  engines: { vscode: string };
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
  activationEvents: string[];
  contributes: {
    configuration: { properties: Record<string, Record<string, unknown>> };
    commands: { command: string; title: string; category: string }[];
    snippets?: { language: string; path: string }[];
  };
};

describe('package.json matches the settings schema', () => {
  const props = pkg.contributes.configuration.properties;

  it('declares exactly the settings of shared/src/settings.ts', () => {
    assert.deepEqual(Object.keys(props).sort(), Object.keys(SETTINGS).sort());
  });

  for (const [key, spec] of Object.entries(SETTINGS)) {
    it(`${key}: same type, default, scope and bounds`, () => {
      const p = props[key];
      assert.ok(key.startsWith('nestedVirt.'));
      assert.equal(p.type, spec.type);
      assert.deepEqual(p.default, spec.default);
      assert.equal(p.scope, spec.scope);
      assert.deepEqual(p.enum, 'enum' in spec ? [...spec.enum] : undefined);
      assert.equal(p.minimum, 'minimum' in spec ? spec.minimum : undefined);
      assert.equal(p.maximum, 'maximum' in spec ? spec.maximum : undefined);
      assert.ok(typeof p.markdownDescription === 'string' || typeof p.description === 'string', 'has a description');
    });
  }

  it('settings that pick a binary or ssh options are machine-scoped', () => {
    for (const key of ['nestedVirt.probe.sshPath', 'nestedVirt.probe.connectTimeout']) assert.equal(props[key].scope, 'machine');
  });

  it('an untrusted workspace cannot set a machine-scoped setting, a file the server reads or the hosts to probe', () => {
    const restricted = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    for (const [key, spec] of Object.entries(SETTINGS)) {
      if (spec.scope === 'machine' || /path$|\.hosts$/i.test(key)) assert.ok(restricted.includes(key), `${key} is restricted`);
    }
    assert.deepEqual(restricted, Object.keys(SETTINGS).filter((k) => restricted.includes(k)), 'only settings of the schema, in its order');
  });

  it('contributes nestedVirt.trace.server for the LanguageClient id nestedVirt', () => {
    assert.deepEqual(props['nestedVirt.trace.server'].enum, ['off', 'messages', 'verbose']);
    const client = fs.readFileSync(path.join(REPO, 'client', 'src', 'extension.ts'), 'utf8');
    assert.match(client, /const CLIENT_ID = 'nestedVirt'/);
  });

  it('parseServerSettings keeps defaults for bad values and reports them', () => {
    const problems: string[] = [];
    const s = parseServerSettings({ nova: { release: 'diablo', hostArch: 'x86_64' }, cpuMap: { path: 42 }, validate: { novaConf: false, modprobe: 'no' } }, problems);
    assert.equal(s.novaRelease, DEFAULT_SERVER_SETTINGS.novaRelease);
    assert.equal(s.cpuMapPath, 'auto');
    assert.equal(s.validateNovaConf, false);
    assert.equal(s.validateModprobe, true);
    assert.equal(problems.length, 3);
  });
});

describe('package.json commands, activation and strings', () => {
  it('contributes every command id with a title and the Nested Virt category', () => {
    const ids = pkg.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(ids, Object.values(Commands).sort());
    for (const c of pkg.contributes.commands) {
      assert.equal(c.category, 'Nested Virt');
      assert.match(c.title, /^%command\.\w+%$/);
    }
  });

  it('engines.vscode is no newer than 1.100', () => {
    const m = /^\^?(\d+)\.(\d+)/.exec(pkg.engines.vscode)!;
    assert.ok(Number(m[1]) === 1 && Number(m[2]) <= 100);
  });

  it('every %key% has an English and a Chinese string', () => {
    const raw = fs.readFileSync(path.join(REPO, 'package.json'), 'utf8');
    const keys = [...raw.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.length > 10);
    for (const lang of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const nls = JSON.parse(fs.readFileSync(path.join(REPO, lang), 'utf8')) as Record<string, string>;
      for (const k of keys) assert.ok(nls[k], `${lang} lacks ${k}`);
      for (const k of Object.keys(nls)) assert.ok(keys.includes(k), `${lang} has unused ${k}`);
    }
  });
});

describe('which documents the server analyses', () => {
  it('domain XML by its root element, whatever the editor calls XML', () => {
    const vm = `<?xml version="1.0"?>\n<!-- dumpxml -->\n<domain type='kvm'><name>a</name></domain>`;
    for (const id of ['xml', 'nxml', 'libvirt-xml', 'plaintext']) assert.equal(classify(id, vm, 'file:///srv/vm.xml'), 'domain', id);
    assert.equal(classify('xml', `<network><name>default</name></network>`, 'file:///etc/libvirt/qemu/networks/default.xml'), 'none');
    assert.equal(classify('xml', '', 'file:///empty.xml'), 'none');
  });

  it('nova.conf by language id or by path, never other text', () => {
    assert.equal(classify('nova-conf', '[libvirt]\n'), 'nova');
    for (const id of ['dosini', 'conf', 'ini', 'properties']) assert.equal(classify(id, '[libvirt]\n', 'file:///etc/nova/nova.conf'), 'nova', id);
    assert.equal(classify('dosini', '[libvirt]\n', 'file:///etc/php/php.ini'), 'none');
    assert.equal(classify('plaintext', 'hello <domain>', 'file:///notes.txt'), 'none');
  });
});
