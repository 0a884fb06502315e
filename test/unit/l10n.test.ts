/**
 * Every message has an English and a Simplified Chinese text with the same
 * placeholders, and every key is used by the code that owns the catalog.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliMessages } from '../../server/src/cli/messages';
import { lspMessages } from '../../server/src/lsp/messages';
import { facadeMessages } from '../../server/src/facade/messages';
import { domainMessages } from '../../server/src/lang/domain/messages';
import { explainMessages, signatureCatalog } from '../../server/src/lang/explain/messages';
import { normalizeLocale, placeholders, type Catalog } from '../../server/src/core/l10n';
import { novaDescriptions } from '../../server/src/lang/nova/descriptions';
import { novaMessages } from '../../server/src/lang/nova/messages';
import { modprobeDescriptions } from '../../server/src/lang/modprobe/descriptions';
import { modprobeMessages } from '../../server/src/lang/modprobe/messages';
import { stackMessages } from '../../server/src/lang/nova/stackmessages';
import { fleetMessages } from '../../server/src/probe/fleetMessages';
import { probeMessages } from '../../server/src/probe/messages';
import { REPO } from '../helpers';

interface Entry {
  readonly name: string;
  readonly catalog: Catalog<string>;
  /** Source folders whose code uses the keys. */
  readonly dirs: readonly string[];
  /** Keys looked up by a computed name (e.g. option names) count as used. */
  readonly computed?: boolean;
}

const CATALOGS: readonly Entry[] = [
  { name: 'domain', catalog: domainMessages, dirs: ['server/src/lang/domain', 'server/src/lang/xml', 'server/src/facade/languages'] },
  { name: 'nova', catalog: novaMessages, dirs: ['server/src/lang/nova', 'server/src/facade/languages'] },
  { name: 'nova stacks', catalog: stackMessages, dirs: ['server/src/lang/nova', 'server/src/probe'] },
  { name: 'nova descriptions', catalog: novaDescriptions, dirs: ['server/src/lang/nova'], computed: true },
  { name: 'modprobe', catalog: modprobeMessages, dirs: ['server/src/lang/modprobe'] },
  { name: 'modprobe descriptions', catalog: modprobeDescriptions, dirs: ['server/src/lang/modprobe'], computed: true },
  { name: 'probe', catalog: probeMessages, dirs: ['server/src/probe', 'server/src/cli', 'client/src/probe'] },
  { name: 'cli', catalog: cliMessages, dirs: ['server/src/cli'] },
  { name: 'explain', catalog: explainMessages, dirs: ['server/src/lang/explain', 'server/src/cli', 'server/src/lsp', 'server/src/probe'] },
  // The explanations, fixes and checks of every error signature (data in lang/explain/signatures).
  { name: 'explain signatures', catalog: signatureCatalog(), dirs: [], computed: true },
  { name: 'lsp', catalog: lspMessages, dirs: ['server/src/lsp'] },
  { name: 'fleet', catalog: fleetMessages, dirs: ['server/src/probe', 'client/src/probe'] },
  { name: 'facade', catalog: facadeMessages, dirs: ['server/src/facade'] },
];

function sources(dirs: readonly string[]): string {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|sh)$/.test(e.name) && !/messages\.ts$|descriptions\.ts$/.test(e.name)) out.push(fs.readFileSync(p, 'utf8'));
    }
  };
  for (const d of dirs) walk(path.join(REPO, d));
  return out.join('\n');
}

/** A key is used when it is written as a literal, or built from a template prefix and a literal suffix. */
function isUsed(key: string, code: string): boolean {
  const literal = (s: string): boolean => code.includes(`'${s}'`) || code.includes(`"${s}"`) || code.includes(`\`${s}\``);
  if (literal(key)) return true;
  for (let cut = 1; cut < key.length - 1; cut++) {
    if (key[cut] !== '.' && key[cut] !== '-') continue;
    const prefix = key.slice(0, cut + 1);
    if (code.includes(`\`${prefix}\${`) && literal(key.slice(cut + 1))) return true;
  }
  return false;
}

describe('message catalogs (en + zh-cn)', () => {
  for (const { name, catalog, dirs, computed } of CATALOGS) {
    describe(name, () => {
      const en = catalog.en as Record<string, string>;
      const zh = catalog['zh-cn'] as Record<string, string>;

      it('has a Chinese text for every English key, and nothing else', () => {
        assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
        for (const k of Object.keys(en)) {
          assert.ok(en[k].trim(), `${k}: empty English text`);
          assert.ok(zh[k].trim(), `${k}: empty Chinese text`);
        }
      });

      it('keeps the same placeholders in both languages', () => {
        for (const k of Object.keys(en)) assert.deepEqual(placeholders(zh[k]), placeholders(en[k]), `${name}/${k}`);
      });

      it('keeps identifiers untranslated', () => {
        for (const k of Object.keys(en)) {
          for (const id of ['host-passthrough', 'cpu_mode', 'cpu_models', 'vmx', 'svm', 'kvm_intel', 'kvm_amd']) {
            if (en[k].includes(id)) assert.ok(zh[k].includes(id), `${name}/${k}: "${id}" must stay as it is in Chinese`);
          }
        }
      });

      it('is actually Chinese where the English is prose', () => {
        const han = Object.keys(en).filter((k) => /[\u4e00-\u9fff]/.test(zh[k]));
        assert.ok(han.length / Object.keys(en).length > 0.8, `${name}: only ${han.length} of ${Object.keys(en).length} texts are Chinese`);
      });

      if (!computed) {
        it('uses every key', () => {
          const code = sources(dirs);
          const unused = Object.keys(en).filter((k) => !isUsed(k, code));
          assert.deepEqual(unused, []);
        });
      }
    });
  }

  it('uses the terms of Chinese OpenStack and libvirt documentation', () => {
    const all = CATALOGS.map((c) => Object.values(c.catalog['zh-cn'] as Record<string, string>).join('\n')).join('\n');
    for (const term of ['嵌套虚拟化', '宿主机', '计算节点']) assert.ok(all.includes(term), term);
  });

  it('maps client and environment locales', () => {
    for (const l of ['zh-cn', 'zh-CN', 'zh_CN.UTF-8', 'zh-Hans', 'zh']) assert.equal(normalizeLocale(l), 'zh-cn');
    for (const l of ['en', 'en-US', 'de', 'C.UTF-8', undefined]) assert.equal(normalizeLocale(l), 'en');
  });
});

describe('client strings (vscode.l10n)', () => {
  const bundle = JSON.parse(fs.readFileSync(path.join(REPO, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
  const code = sources(['client/src']);
  const used = new Set<string>();
  for (const m of code.matchAll(/l10n\.t\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g)) used.add(m[2].replace(/\\(['"`\\])/g, '$1'));

  it('has a Chinese entry for every vscode.l10n.t string', () => {
    assert.ok(used.size > 5);
    assert.deepEqual([...used].filter((s) => !(s in bundle)), []);
  });

  it('has no unused entries, and placeholders match', () => {
    assert.deepEqual(Object.keys(bundle).filter((k) => !used.has(k)), []);
    for (const [k, v] of Object.entries(bundle)) assert.deepEqual(placeholders(v), placeholders(k), k);
  });
});
