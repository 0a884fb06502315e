/** Per-document caps: at most 1,000 findings plus one that counts the rest; documents over 16 MB are not analysed. */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SERVER_SETTINGS } from '../../shared/src/settings';
import { LanguageService, MAX_DOCUMENT_CHARS, MAX_FINDINGS } from '../../server/src/facade/service';

const opts = { settings: { ...DEFAULT_SERVER_SETTINGS, cpuMapPath: 'bundled' }, locale: 'en' as const };

describe('per-document caps', () => {
  it('keeps the first 1,000 findings by position and says how many were left out', () => {
    const flags = Array.from({ length: 1500 }, (_, i) => `flag${i}`).join(',');
    const text = `[libvirt]\ncpu_mode = custom\ncpu_models = Haswell\ncpu_model_extra_flags = ${flags},vmx\n`;
    const f = new LanguageService().findings(TextDocument.create('file:///etc/nova/nova.conf', 'nova-conf', 1, text), opts);
    assert.equal(f.length, MAX_FINDINGS + 1);
    const last = f[f.length - 1];
    assert.equal(last.code, 'findings-capped');
    assert.equal(last.severity, 'information');
    assert.match(last.message, /^500 more findings are not shown/);
    assert.equal(text.slice(last.start, last.end), 'flag1000');
    const zh = new LanguageService().findings(TextDocument.create('file:///etc/nova/nova.conf', 'nova-conf', 1, text), { ...opts, locale: 'zh-cn' });
    assert.match(zh[zh.length - 1].message, /还有 500 条问题未显示/);
  });

  it('does not analyse a document over the size limit, and says so', () => {
    const text = `<domain type='kvm'>${' '.repeat(MAX_DOCUMENT_CHARS)}</domain>`;
    const f = new LanguageService().findings(TextDocument.create('file:///big.xml', 'xml', 1, text), opts);
    assert.deepEqual(f.map((x) => [x.code, x.severity]), [['document-too-large', 'warning']]);
    assert.match(f[0].message, /This document is 16\.0 MB, over the 16\.0 MB nested-virt checks/);
  });
});
