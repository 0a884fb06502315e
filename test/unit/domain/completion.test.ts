import * as assert from 'node:assert/strict';
import type { CompletionItem, TextEdit } from 'vscode-languageserver';
import { domainCompletion } from '../../../server/src/lang/domain/completion';
import { applyEdits, caret, ctx, fixture, load, slice } from './helpers';

function complete(marked: string, extra: Parameters<typeof ctx>[0] = {}) {
  const c = caret(marked);
  const items = domainCompletion(c.doc, c.domain, c.offset, ctx(extra));
  return { ...c, items };
}

function item(items: CompletionItem[], label: string): CompletionItem {
  const found = items.find((i) => i.label === label);
  assert.ok(found, `no item ${label} in ${items.map((i) => i.label).join(', ')}`);
  return found;
}

function edit(i: CompletionItem): TextEdit {
  assert.ok(i.textEdit && 'range' in i.textEdit, 'item has a textEdit with a range');
  return i.textEdit;
}

const HEAD = "<domain type='kvm'>\n  <name>t</name>\n  <vcpu placement='static'>4</vcpu>\n";

describe('domain completion', () => {
  describe('attribute values', () => {
    it('completes a half-typed cpu mode at the end of the file and closes the quote', () => {
      const r = complete(HEAD + "  <cpu mode='host-|");
      assert.deepEqual(r.items.map((i) => i.label), ['custom', 'host-model', 'host-passthrough', 'maximum']);
      const e = edit(item(r.items, 'host-passthrough'));
      assert.equal(slice(r.doc, e.range), 'host-');
      assert.equal(applyEdits(r.doc, [e]), HEAD + "  <cpu mode='host-passthrough'");
      assert.match(String((item(r.items, 'host-passthrough').documentation as { value: string }).value), /^host-passthrough: the guest sees the host CPU/);
    });

    it('replaces the whole closed value', () => {
      const r = complete(HEAD + "  <cpu mode='cu|stom' match='exact'>\n    <model>Haswell</model>\n  </cpu>\n</domain>\n");
      const e = edit(item(r.items, 'host-model'));
      assert.equal(slice(r.doc, e.range), 'custom');
      assert.equal(e.newText, 'host-model');
    });

    it('offers cpu_map features for feature@name, covering the partial word', () => {
      const r = complete(HEAD + "  <cpu mode='custom'>\n    <model>Haswell-noTSX</model>\n    <feature policy='require' name='vm|");
      const vmx = item(r.items, 'vmx');
      assert.equal(vmx.detail, 'CPU feature (cpu_map)');
      const e = edit(vmx);
      assert.equal(slice(r.doc, e.range), 'vm');
      assert.ok(applyEdits(r.doc, [e]).endsWith("<feature policy='require' name='vmx'"));
      assert.ok(r.items.length > 100, 'the whole x86 feature list');
    });

    it('offers feature policies, vcpu placement and the cache/maxphysaddr modes', () => {
      assert.deepEqual(complete(HEAD + "  <cpu>\n    <feature policy='|' name='vmx'/>\n  </cpu>\n</domain>").items.map((i) => i.label), [
        'force', 'require', 'optional', 'disable', 'forbid',
      ]);
      assert.deepEqual(complete("<domain>\n  <vcpu placement='|'>2</vcpu>\n</domain>").items.map((i) => i.label), ['static', 'auto']);
      assert.deepEqual(complete("<domain>\n  <cpu>\n    <maxphysaddr mode='|'/>\n  </cpu>\n</domain>").items.map((i) => i.label), ['emulate', 'passthrough']);
      assert.deepEqual(complete("<domain>\n  <cpu>\n    <cache level='|' mode='emulate'/>\n  </cpu>\n</domain>").items.map((i) => i.label), ['1', '2', '3']);
    });

    it('quotes an unquoted value in the document style', () => {
      const r = complete('<domain type="kvm">\n  <cpu mode=ho|\n</domain>');
      const e = edit(item(r.items, 'host-model'));
      assert.equal(slice(r.doc, e.range), 'ho');
      assert.equal(e.newText, '"host-model"');
    });

    it('offers nothing inside a comment', () => {
      assert.deepEqual(complete("<domain type='kvm'>\n  <!-- try <cpu mode='host-| -->\n  <cpu mode='custom'/>\n</domain>").items, []);
      assert.deepEqual(complete("<domain type='kvm'>\n  <!-- | -->\n</domain>").items, []);
      assert.ok(complete("<domain type='kvm'>\n  <!-- x -->\n  <|\n</domain>").items.length > 0);
    });

    it('leaves other elements alone', () => {
      assert.deepEqual(complete("<domain>\n  <devices>\n    <disk type='|'/>\n  </devices>\n</domain>").items, []);
      assert.deepEqual(complete("<domain>\n  <features>\n    <feature policy='|' name='x'/>\n  </features>\n</domain>").items, []);
    });
  });

  describe('attribute names', () => {
    it('offers the cpu attributes not yet written, as snippets in the document quote style', () => {
      const r = complete(HEAD + "  <cpu mode='custom' |>\n  </cpu>\n</domain>");
      assert.deepEqual(r.items.map((i) => i.label), ['match', 'check', 'migratable']);
      const e = edit(item(r.items, 'check'));
      assert.equal(e.newText, "check='$1'");
      assert.equal(slice(r.doc, e.range), '');
      const dq = complete('<domain type="kvm">\n  <cpu mode="custom" |/>\n</domain>');
      assert.equal(edit(item(dq.items, 'match')).newText, 'match="$1"');
    });

    it('completes a half-typed attribute name and keeps an existing value', () => {
      const r = complete("<domain>\n  <cpu>\n    <topology sockets='1' co|\n  </cpu>\n</domain>");
      const e = edit(item(r.items, 'cores'));
      assert.equal(slice(r.doc, e.range), 'co');
      assert.equal(e.newText, "cores='$1'");
      assert.deepEqual(r.items.map((i) => i.label), ['dies', 'clusters', 'cores', 'threads']);
      const renamed = complete("<domain>\n  <vcpu pla|cement='auto'>2</vcpu>\n</domain>");
      const pe = edit(item(renamed.items, 'placement'));
      assert.equal(slice(renamed.doc, pe.range), 'placement');
      assert.equal(pe.newText, 'placement');
    });

    it('offers model, feature and vcpu attributes', () => {
      assert.deepEqual(complete("<domain>\n  <cpu>\n    <model |>X</model>\n  </cpu>\n</domain>").items.map((i) => i.label), ['fallback', 'vendor_id']);
      assert.deepEqual(complete("<domain>\n  <cpu>\n    <feature name='vmx' |/>\n  </cpu>\n</domain>").items.map((i) => i.label), ['policy']);
      assert.deepEqual(complete("<domain>\n  <vcpu placement='static' |>2</vcpu>\n</domain>").items.map((i) => i.label), ['cpuset', 'current']);
      assert.deepEqual(complete("<domain>\n  <cpu>\n    <maxphysaddr mode='emulate' |/>\n  </cpu>\n</domain>").items.map((i) => i.label), ['bits']);
    });
  });

  describe('text', () => {
    it('completes <model>Sky with no end tag, with vendor, parent and added features', () => {
      const r = complete(HEAD + "  <cpu mode='custom' match='exact'>\n    <model fallback='allow'>Sky|");
      const client = item(r.items, 'Skylake-Client');
      assert.equal(client.detail, 'Intel model');
      const e = edit(client);
      assert.equal(slice(r.doc, e.range), 'Sky');
      assert.equal(applyEdits(r.doc, [e]), HEAD + "  <cpu mode='custom' match='exact'>\n    <model fallback='allow'>Skylake-Client");
      const ibrs = item(r.items, 'Skylake-Client-v2');
      assert.equal(ibrs.detail, 'Intel model, based on Skylake-Client-IBRS');
      const doc = (item(r.items, 'Skylake-Client-IBRS').documentation as { value: string }).value;
      assert.match(doc, /spec-ctrl/);
      assert.equal(item(r.items, 'qemu64').detail, 'Generic model');
    });

    it('gives each request its own range and each locale its own words, though the model list is built once', () => {
      const a = complete(HEAD + "  <cpu mode='custom'>\n    <model>Sky|");
      const zh = complete(HEAD + "  <cpu mode='custom'>\n    <model>Skylake-|", { locale: 'zh-cn' });
      const b = complete(HEAD + "  <cpu mode='custom'>\n    <model>S|");
      assert.equal(item(a.items, 'Skylake-Client').detail, 'Intel model');
      assert.match(item(zh.items, 'Skylake-Client').detail ?? '', /[\u4e00-\u9fff]/, 'the detail is in Chinese');
      assert.equal(item(b.items, 'Skylake-Client').detail, 'Intel model');
      assert.deepEqual([a, zh, b].map((r) => slice(r.doc, edit(item(r.items, 'EPYC')).range)), ['Sky', 'Skylake-', 'S']);
    });

    it('covers the whole word when the cursor is inside a model name', () => {
      const r = complete(load(fixture('dumpxml-custom.xml')).text.replace('Haswell-noTSX', 'Has|well-noTSX'));
      const e = edit(item(r.items, 'Haswell'));
      assert.equal(slice(r.doc, e.range), 'Haswell-noTSX');
    });

    it('offers vendors of the arch in <vendor>', () => {
      const r = complete(HEAD + "  <cpu>\n    <model>EPYC</model>\n    <vendor>A|</vendor>\n  </cpu>\n</domain>");
      assert.deepEqual(r.items.map((i) => i.label), ['Intel', 'AMD', 'Hygon', 'Zhaoxin CentaurHauls']);
      assert.equal(slice(r.doc, edit(item(r.items, 'AMD')).range), 'A');
    });

    it('uses the cpu_map of the domain arch', () => {
      const r = complete("<domain type='kvm'>\n  <os>\n    <type arch='aarch64' machine='virt'>hvm</type>\n  </os>\n  <cpu mode='custom'>\n    <model>cortex-a|</model>\n  </cpu>\n</domain>");
      assert.ok(r.items.some((i) => i.label === 'cortex-a57'));
      assert.ok(!r.items.some((i) => i.label === 'Skylake-Client'));
      assert.equal(item(r.items, 'cortex-a57').detail, 'ARM model');
    });
  });

  describe('elements', () => {
    it('offers the missing <cpu> children on a blank line, as whole elements', () => {
      const r = complete(load(fixture('dumpxml-custom.xml')).text.replace("    <feature policy='disable'", "    |\n    <feature policy='disable'"));
      assert.deepEqual(r.items.map((i) => i.label), ['feature', 'numa', 'cache', 'maxphysaddr']);
      const e = edit(item(r.items, 'feature'));
      assert.equal(e.newText, "<feature policy='${1|require,optional,disable,force,forbid|}' name='$2'/>");
      assert.equal(slice(r.doc, e.range), '');
    });

    it('completes after a lone "<" and after a half-typed tag name', () => {
      const lt = complete("<domain type='kvm'>\n  <cpu mode='custom'>\n    <|\n  </cpu>\n</domain>");
      assert.deepEqual(lt.items.map((i) => i.label), ['model', 'vendor', 'topology', 'feature', 'numa', 'cache', 'maxphysaddr']);
      assert.equal(edit(item(lt.items, 'model')).newText, "model fallback='${1|allow,forbid|}'>$2</model>");
      const half = complete("<domain type='kvm'>\n  <cpu mode='custom'>\n    <to|\n  </cpu>\n</domain>");
      const e = edit(item(half.items, 'topology'));
      assert.equal(slice(half.doc, e.range), 'to');
      assert.equal(e.newText, "topology sockets='${1:1}' cores='${2:2}' threads='${3:1}'/>");
      const existing = complete("<domain type='kvm'>\n  <cpu mode='custom'>\n    <mod|el>X</model>\n  </cpu>\n</domain>");
      assert.equal(edit(item(existing.items, 'model')).newText, 'model');
    });

    it('offers <cpu> and <vcpu> in <domain> only while absent', () => {
      const r = complete("<domain type='kvm'>\n  <name>x</name>\n  <|\n</domain>");
      assert.deepEqual(r.items.map((i) => i.label), ['cpu', 'vcpu']);
      const seed = load(fixture('seed-howto.xml'));
      const offset = seed.text.indexOf('  <os>');
      const c = domainCompletion(seed.doc, seed.domain, offset, ctx());
      assert.deepEqual(c.map((i) => i.label), []);
    });

    it('serves the snippets to clients that are not VS Code', () => {
      const marked = "<domain type='kvm'>\n  <name>x</name>\n  <|\n</domain>";
      assert.ok(!complete(marked).items.some((i) => i.label === 'cpu-host-passthrough'));
      const r = complete(marked, { serveSnippets: true });
      const s = item(r.items, 'cpu-host-passthrough');
      assert.equal(s.detail, 'CPU: host-passthrough (nested-ready)');
      const e = edit(s);
      assert.equal(slice(r.doc, e.range), '<', 'the typed "<" is replaced');
      assert.equal(e.newText, "<cpu mode='host-passthrough' check='none' migratable='${1|on,off|}'/>$0");
      assert.ok(r.items.some((i) => i.label === 'cpu-custom-vmx'));
      assert.ok(!r.items.some((i) => i.label === 'cpu-topology'), 'topology belongs in <cpu>');
      const inCpu = complete('<domain type="kvm">\n\t<cpu mode="host-passthrough">\n\t\t|\n\t</cpu>\n</domain>', { serveSnippets: true, locale: 'zh-cn' });
      const topo = item(inCpu.items, 'cpu-topology');
      assert.equal(topo.detail, 'CPU 拓扑');
      assert.equal(edit(topo).newText, '<topology sockets="${1:1}" cores="${2:2}" threads="${3:1}"/>$0');
    });
  });

  describe('half-typed documents', () => {
    it('a half-typed attribute at the end of the file does not break completion above it', () => {
      const base = fixture('dumpxml-custom.xml').replace('</domain>\n', '');
      const tail = "  <cpu mode='host-passthrough'>\n    <feature policy='require' name='vm";
      const text = base.replace('Haswell-noTSX', 'Has|well-noTSX') + tail;
      const r = complete(text);
      assert.equal(slice(r.doc, edit(item(r.items, 'Haswell-noTSX')).range), 'Haswell-noTSX');
      const attr = complete(text.replace('Has|well', 'Haswell').replace("check='full'", "check='full' |"));
      assert.deepEqual(attr.items.map((i) => i.label), ['migratable']);
      const end = complete(text.replace('Has|well', 'Haswell') + '|');
      assert.equal(slice(end.doc, edit(item(end.items, 'vmx')).range), 'vm');
    });

    it('survives an unclosed start tag in the middle of <cpu>', () => {
      const r = complete("<domain type='kvm'>\n  <cpu mode='custom'\n    <model>Sky|</model>\n  </cpu>\n</domain>");
      assert.ok(r.items.some((i) => i.label === 'Skylake-Server'));
      const tag = complete("<domain type='kvm'>\n  <cpu mode='custom' |\n    <model>Sky</model>\n  </cpu>\n</domain>");
      assert.deepEqual(tag.items.map((i) => i.label), ['match', 'check', 'migratable']);
    });
  });
});
