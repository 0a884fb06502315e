/** Completion, hover, quick-fixes, snippets, path detection and the message catalog. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItemKind, InsertTextFormat, type CodeAction, type MarkupContent } from 'vscode-languageserver-protocol';
import { placeholders } from '../../../server/src/core/l10n';
import {
  NOVA_CONF_FILENAME_PATTERNS, NOVA_CONF_FILENAMES, isNovaConfPath, novaCodeActions, novaCompletion, novaDescriptions,
  novaHover, novaMessages, parseNovaConf,
} from '../../../server/src/lang/nova';
import { INTEL_HOST, novaCtx, novaDoc } from './helpers';
import { novaDiagnostics } from '../../helpers';

const REPO = path.resolve(__dirname, '..', '..', '..');
// test/tsconfig.json excludes fixtures/, so load the generator without making tsc follow it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { makeLargeNovaConf } = require('../../fixtures/nova/large') as { makeLargeNovaConf(lines: number): string };

function complete(textWithCaret: string, opts: Parameters<typeof novaCtx>[0] = {}, snippets = false): { doc: TextDocument; items: ReturnType<typeof novaCompletion> } {
  const offset = textWithCaret.indexOf('|');
  const text = textWithCaret.replace('|', '');
  const doc = novaDoc(text);
  return { doc, items: novaCompletion(doc, parseNovaConf(text), offset, novaCtx(opts), { snippets }) };
}

function fixes(text: string, opts: Parameters<typeof novaCtx>[0] = {}): { doc: TextDocument; actions: CodeAction[] } {
  const doc = novaDoc(text);
  const file = parseNovaConf(text);
  const ctx = novaCtx(opts);
  const diags = novaDiagnostics(doc, file, ctx);
  const range = { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) };
  return { doc, actions: novaCodeActions(doc, file, range, diags, ctx) };
}

function apply(doc: TextDocument, a: CodeAction): string {
  return TextDocument.applyEdits(doc, a.edit?.changes?.[doc.uri] ?? []);
}

describe('nova completion', () => {
  it('offers [libvirt] keys with type and default, marking keys the release lacks', () => {
    const { doc, items } = complete('[libvirt]\ncpu_mo|\n', { release: 'zed' });
    const mode = items.find((i) => i.label === 'cpu_mode');
    assert.ok(mode);
    assert.equal(mode.detail, 'string, default: none (unset)');
    assert.deepEqual(mode.textEdit && 'range' in mode.textEdit ? doc.getText(mode.textEdit.range) : '', 'cpu_mo');
    const power = items.find((i) => i.label === 'cpu_power_management');
    assert.equal(power?.detail, 'boolean, default: false (not in zed)');
    assert.ok(power?.sortText?.startsWith('2'));
    assert.equal(items.find((i) => i.label === 'num_pcie_ports')?.detail, 'integer, default: 0');
  });

  it('offers choices, booleans, cpu_map models and features as values', () => {
    assert.deepEqual(complete('[libvirt]\ncpu_mode = |\n').items.map((i) => i.label), ['host-model', 'host-passthrough', 'custom', 'none']);
    assert.deepEqual(complete('[libvirt]\ninject_key = t|\n').items.map((i) => i.label), ['true', 'false']);
    const models = complete('[libvirt]\ncpu_models = Haswell-noTSX, Sky|\n');
    const sky = models.items.find((i) => i.label === 'Skylake-Client');
    assert.ok(sky && sky.textEdit && 'range' in sky.textEdit);
    assert.equal(models.doc.getText(sky.textEdit.range), 'Sky');
    const flags = complete('[libvirt]\ncpu_model_extra_flags = +vm|\n');
    const vmx = flags.items.find((i) => i.label === 'vmx');
    assert.ok(vmx && vmx.textEdit && 'range' in vmx.textEdit);
    assert.equal(flags.doc.getText(vmx.textEdit.range), 'vm');
    assert.equal(vmx.sortText, '0vmx');
    assert.deepEqual(complete('[libvirt]\ncpu_model_extra_flags = |\n', { release: 'queens' }).items.map((i) => i.label), ['pcid', 'ssbd', 'virt-ssbd', 'amd-ssbd', 'amd-no-ssb']);
  });

  it('offers cpu_map models for the single-string cpu_model of pike–stein', () => {
    const old = complete('[libvirt]\ncpu_model = Has|\n', { release: 'stein' });
    const has = old.items.find((i) => i.label === 'Haswell-noTSX');
    assert.ok(has && has.textEdit && 'range' in has.textEdit);
    assert.equal(old.doc.getText(has.textEdit.range), 'Has');
    assert.ok(complete('[libvirt]\ncpu_model = |\n', { release: 'train' }).items.some((i) => i.label === 'EPYC'));
  });

  it('offers section names after [', () => {
    const { doc, items } = complete('[lib|\n');
    const lv = items.find((i) => i.label === 'libvirt');
    assert.ok(lv && lv.textEdit && 'range' in lv.textEdit);
    assert.equal(lv.textEdit.newText, 'libvirt]');
    assert.equal(doc.getText(lv.textEdit.range), 'lib');
  });

  it('serves the nested-ready [libvirt] snippet only to clients that ask for it', () => {
    assert.equal(complete('|\n', {}, false).items.length, 0);
    const snip = complete('|\n', {}, true).items.find((i) => i.kind === CompletionItemKind.Snippet);
    assert.ok(snip);
    assert.equal(snip.insertTextFormat, InsertTextFormat.Snippet);
    assert.match(snip.textEdit?.newText ?? '', /^\[libvirt\]\n.*\nvirt_type = \$\{1:kvm\}\n.*\ncpu_mode = \$\{2:host-passthrough\}/);
  });
});

describe('nova hover', () => {
  it('explains cpu_mode in our words with type, default, choices', () => {
    const text = '[libvirt]\ncpu_mode = host-passthrough\n';
    const doc = novaDoc(text);
    const h = novaHover(doc, parseNovaConf(text), 13, novaCtx());
    assert.ok(h);
    const md = (h.contents as MarkupContent).value;
    assert.match(md, /^\*\*cpu_mode\*\* `\[libvirt\]`/);
    assert.match(md, /vmx`\/`svm` included/);
    assert.match(md, /- Values: `host-model`, `host-passthrough`, `custom`, `none`/);
    assert.deepEqual(h.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 8 } });
  });

  it('says a moved key is still read from [libvirt], like the diagnostic, not that it is unavailable', () => {
    const text = '[libvirt]\nremove_unused_resized_minimum_age_seconds = 3600\n';
    const md = (novaHover(novaDoc(text), parseNovaConf(text), 12, novaCtx())?.contents as MarkupContent).value;
    assert.match(md, /belongs to `\[image_cache\]` \(as `remove_unused_resized_minimum_age_seconds`\); nova still reads it from `\[libvirt\]`/);
    assert.doesNotMatch(md, /Not available/);
    const old = (novaHover(novaDoc(text), parseNovaConf(text), 12, novaCtx({ release: 'stein' }))?.contents as MarkupContent).value;
    assert.doesNotMatch(old, /belongs to|Not available/);
  });

  it('gives release history for every key, and Chinese text under zh-cn', () => {
    const text = '[libvirt]\ntb_cache_size = 32\nlive_migration_tunnelled = false\n';
    const file = parseNovaConf(text);
    const doc = novaDoc(text);
    const tb = (novaHover(doc, file, 12, novaCtx({ release: 'zed' }))?.contents as MarkupContent).value;
    assert.match(tb, /Not available in zed/);
    assert.match(tb, /- Added in: 2023\.2 \(bobcat\)/);
    const lmt = (novaHover(doc, file, text.indexOf('live_'), novaCtx({ locale: 'zh-cn' }))?.contents as MarkupContent).value;
    assert.match(lmt, /已弃用并计划移除: wallaby/);
    assert.match(lmt, /热迁移/);
  });

  it('describes a cpu_models entry and an extra flag from cpu_map', () => {
    const text = '[libvirt]\ncpu_models = EPYC-Rome\ncpu_model_extra_flags = -vmx\n';
    const file = parseNovaConf(text);
    const doc = novaDoc(text);
    const m = novaHover(doc, file, text.indexOf('EPYC') + 2, novaCtx());
    assert.match((m?.contents as MarkupContent).value, /CPU model `EPYC-Rome`, vendor AMD, \d+ features\. `svm`/);
    const f = novaHover(doc, file, text.indexOf('-vmx') + 2, novaCtx());
    assert.equal((f?.contents as MarkupContent).value, 'CPU feature `vmx` (disabled in the guest).');
    assert.equal(doc.getText(f?.range), '-vmx');
  });
});

describe('nova quick-fixes', () => {
  it('renames a deprecated key and keeps the value', () => {
    const { doc, actions } = fixes('[libvirt]\ncpu_mode = custom\ncpu_model = Haswell-noTSX\ncpu_model_extra_flags = vmx\n');
    const rename = actions.find((a) => a.title === 'Rename "cpu_model" to "cpu_models"');
    assert.ok(rename);
    assert.equal(rename.isPreferred, true);
    assert.equal(rename.kind, 'quickfix');
    assert.equal(apply(doc, rename), '[libvirt]\ncpu_mode = custom\ncpu_models = Haswell-noTSX\ncpu_model_extra_flags = vmx\n');
  });

  it('replaces a typo with the nearest key or value', () => {
    const k = fixes('[libvirt]\nvirt_typo = kvm\n');
    const fix = k.actions.find((a) => a.title === 'Change to "virt_type"');
    assert.ok(fix?.isPreferred);
    assert.equal(apply(k.doc, fix), '[libvirt]\nvirt_type = kvm\n');
    const v = fixes('[libvirt]\ncpu_mode = host-passthru\n');
    const pv = v.actions.find((a) => a.isPreferred);
    assert.equal(pv?.title, 'Change to "host-passthrough"');
    assert.equal(apply(v.doc, pv), '[libvirt]\ncpu_mode = host-passthrough\n');
  });

  it('Switch to host-passthrough: sets the mode, comments out cpu_models (all lines) and drops vmx-only flags', () => {
    const text = '[libvirt]\nvirt_type = kvm\ncpu_mode = custom\ncpu_models = Haswell-noTSX,\n  Skylak-Client\ncpu_model_extra_flags = +vmx\n';
    const { doc, actions } = fixes(text);
    const sw = actions.filter((a) => a.title === 'Switch to host-passthrough');
    assert.equal(sw.length, 1);
    assert.equal(sw[0].isPreferred, true);
    assert.equal(
      apply(doc, sw[0]),
      '[libvirt]\nvirt_type = kvm\ncpu_mode = host-passthrough\n# cpu_models = Haswell-noTSX,\n#   Skylak-Client\n# cpu_model_extra_flags = +vmx\n',
    );
    const after = apply(doc, sw[0]);
    assert.deepEqual(novaDiagnostics(novaDoc(after), parseNovaConf(after), novaCtx()).map((d) => d.code), []);
  });

  it('Switch to host-passthrough keeps other flags, adds cpu_mode when missing, and Add virt_type=kvm', () => {
    const { doc, actions } = fixes('[libvirt]\ncpu_models = Haswell-noTSX\ncpu_model_extra_flags = +vmx, pcid\n');
    const sw = actions.find((a) => a.title === 'Switch to host-passthrough');
    assert.ok(sw);
    assert.equal(apply(doc, sw), '[libvirt]\ncpu_mode = host-passthrough\n# cpu_models = Haswell-noTSX\ncpu_model_extra_flags = pcid\n');
    const vt = actions.find((a) => a.title === 'Add "virt_type=kvm"');
    assert.ok(vt);
    assert.equal(apply(doc, vt), '[libvirt]\nvirt_type = kvm\ncpu_models = Haswell-noTSX\ncpu_model_extra_flags = +vmx, pcid\n');
    const custom = actions.find((a) => a.title === 'Set "cpu_mode=custom"');
    assert.ok(custom);
    assert.equal(apply(doc, custom), '[libvirt]\ncpu_mode = custom\ncpu_models = Haswell-noTSX\ncpu_model_extra_flags = +vmx, pcid\n');
  });

  it('the switch title is localized but the English one is exact', () => {
    const zh = fixes('[libvirt]\ncpu_mode = custom\n', { locale: 'zh-cn' }).actions;
    assert.ok(zh.some((a) => a.title === '切换到 host-passthrough'));
    assert.ok(fixes('[libvirt]\ncpu_mode = custom\n').actions.some((a) => a.title === 'Switch to host-passthrough'));
  });

  it('offers the switch for a model the probed host cannot run, and removes an ignored duplicate', () => {
    const h = fixes('[libvirt]\ncpu_mode = custom\ncpu_models = Icelake-Server-noTSX\ncpu_model_extra_flags = vmx\n', { host: { ...INTEL_HOST, nested: { module: 'kvm_intel', enabled: true } } });
    assert.ok(h.actions.some((a) => a.title === 'Switch to host-passthrough'));
    const d = fixes('[libvirt]\nvirt_type = qemu\nvirt_type = kvm\n');
    const rm = d.actions.find((a) => a.title === 'Remove the ignored line');
    assert.ok(rm);
    assert.equal(apply(d.doc, rm), '[libvirt]\nvirt_type = kvm\n');
  });
});

describe('nova paths, manifest and catalogs', () => {
  it('recognises nova.conf files by name and folder', () => {
    for (const p of ['/etc/nova/nova.conf', 'nova.conf', '/srv/nova-compute.conf', '/etc/nova/nova.conf.d/50-libvirt.conf', 'C:\\deploy\\etc\\nova\\rootwrap.d\\x.conf',
      '/etc/kolla/config/nova/nova-compute.conf', '/etc/kolla/config/nova/host1/nova.conf', 'repo/etc/nova/api-paste.conf', '/etc/kolla/config/global.conf', 'deploy/kolla/config/global.conf']) {
      assert.equal(isNovaConfPath(p), true, p);
    }
    for (const p of ['/etc/neutron/neutron.conf', '/etc/kolla/config/nova/policy.conf', '/etc/nova/nova.conf.bak', 'novaconf.conf', '/etc/libvirt/qemu.conf', '/srv/app/config/global.conf', '/etc/kolla/global.conf']) {
      assert.equal(isNovaConfPath(p), false, p);
    }
  });

  it('package.json contributes nova-conf with the same file names and patterns', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
      contributes: { languages: { id: string; filenames: string[]; filenamePatterns: string[]; aliases: string[] }[]; grammars: { language: string; path: string }[] };
    };
    const lang = pkg.contributes.languages.find((l) => l.id === 'nova-conf');
    assert.ok(lang);
    assert.deepEqual(lang.filenames, NOVA_CONF_FILENAMES);
    assert.deepEqual(lang.filenamePatterns, NOVA_CONF_FILENAME_PATTERNS);
    const nls = JSON.parse(fs.readFileSync(path.join(REPO, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const zh = JSON.parse(fs.readFileSync(path.join(REPO, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;
    assert.ok(nls['nova-conf.languageName'] && zh['nova-conf.languageName']);
    const grammar = pkg.contributes.grammars.find((g) => g.language === 'nova-conf');
    assert.ok(grammar && fs.existsSync(path.join(REPO, grammar.path)));
  });

  it('every message has the same placeholders in English and Chinese', () => {
    for (const catalog of [novaMessages, novaDescriptions]) {
      for (const key of Object.keys(catalog.en) as (keyof typeof catalog.en)[]) {
        assert.deepEqual(placeholders(catalog['zh-cn'][key]), placeholders(catalog.en[key]), String(key));
        assert.notEqual(catalog['zh-cn'][key], catalog.en[key], String(key));
      }
    }
  });

  it('the 10,000-line benchmark nova.conf is realistic and clean under 2026.1 (speed is measured by npm run bench)', () => {
    const text = makeLargeNovaConf(10000);
    assert.equal(text.split('\n').length - 1, 10000);
    const d = novaDiagnostics(novaDoc(text), parseNovaConf(text), novaCtx());
    assert.ok(d.length > 0);
    assert.ok(d.every((x) => x.code === 'nova-deprecated-for-removal'), JSON.stringify(d.map((x) => x.code)));
  });
});

describe('nova quick-fixes without a diagnostic', () => {
  it('offers Switch to host-passthrough on a cpu_mode line (devstack cpu_mode = none), not preferred', () => {
    const text = '[libvirt]\ncpu_mode = none\nvirt_type = qemu\n';
    const doc = novaDoc(text);
    const file = parseNovaConf(text);
    const at = { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } };
    const actions = novaCodeActions(doc, file, at, [], novaCtx());
    const sw = actions.find((a) => a.title === 'Switch to host-passthrough');
    assert.ok(sw);
    assert.equal(sw.isPreferred, undefined);
    assert.equal(apply(doc, sw), '[libvirt]\ncpu_mode = host-passthrough\nvirt_type = qemu\n');
    const elsewhere = novaCodeActions(doc, file, { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, [], novaCtx());
    assert.equal(elsewhere.length, 0);
    const done = parseNovaConf('[libvirt]\ncpu_mode = host-passthrough\n');
    assert.equal(novaCodeActions(novaDoc(done.text), done, at, [], novaCtx()).length, 0);
  });
});
