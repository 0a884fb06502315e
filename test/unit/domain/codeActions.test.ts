import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver';
import { domainCodeActions } from '../../../server/src/lang/domain/codeActions';
import { domainDiagnostics } from '../../helpers';
import { applyEdits, applyWorkspaceEdit, ctx, fixture, load, type Loaded } from './helpers';

function whole(l: Loaded): Range {
  return { start: l.doc.positionAt(0), end: l.doc.positionAt(l.text.length) };
}

function rangeOf(l: Loaded, needle: string): Range {
  const i = l.text.indexOf(needle);
  assert.ok(i >= 0, needle);
  return { start: l.doc.positionAt(i), end: l.doc.positionAt(i + needle.length) };
}

function actions(l: Loaded, range: Range = whole(l), extra: Parameters<typeof ctx>[0] = {}): { list: CodeAction[]; diags: Diagnostic[] } {
  const diags = domainDiagnostics(l.doc, l.domain, ctx(extra));
  return { list: domainCodeActions(l.doc, l.domain, range, diags, ctx(extra)), diags };
}

function find(list: CodeAction[], title: string): CodeAction {
  const a = list.find((x) => x.title === title);
  assert.ok(a, `no action "${title}" in ${list.map((x) => x.title).join(' | ')}`);
  assert.equal(a.kind, 'quickfix');
  return a;
}

function codes(a: CodeAction): string[] {
  return (a.diagnostics ?? []).map((d) => String(d.code));
}

describe('domain code actions', () => {
  describe('switch to host-passthrough', () => {
    it('keeps topology and features, check, drops model, vendor and match (virsh dumpxml)', () => {
      const l = load(fixture('dumpxml-custom.xml'));
      const a = find(actions(l, rangeOf(l, '<vendor>')).list, 'Switch to host-passthrough');
      assert.equal(a.isPreferred, undefined);
      assert.deepEqual(codes(a), ['nested-model-lacks-feature']);
      const expected = l.text.replace(
        / {2}<cpu mode='custom'[\s\S]*?<\/cpu>/,
        [
          "  <cpu mode='host-passthrough' check='full'>",
          "    <topology sockets='1' dies='1' clusters='1' cores='2' threads='2'/>",
          "    <feature policy='require' name='ss'/>",
          "    <feature policy='disable' name='pcid'/>",
          '  </cpu>',
        ].join('\n'),
      );
      assert.equal(applyWorkspaceEdit(l.doc, a.edit), expected);
    });

    it('rewrites a host-model <cpu> from /etc/libvirt/qemu and lists what it fixes', () => {
      const l = load(fixture('etc-libvirt-qemu-instance.xml'));
      const a = find(actions(l, rangeOf(l, "mode='host-model'")).list, 'Switch to host-passthrough');
      // In document order, as the editor passes them: match= on <cpu> comes before <model>.
      assert.deepEqual(codes(a), ['cpu-match-ignored', 'cpu-model-ignored']);
      const expected = l.text.replace(
        / {2}<cpu mode='host-model'[\s\S]*?<\/cpu>/,
        "  <cpu mode='host-passthrough' check='partial'>\n    <topology sockets='8' cores='1' threads='1'/>\n    <feature policy='require' name='vmx'/>\n  </cpu>",
      );
      assert.equal(applyWorkspaceEdit(l.doc, a.edit), expected);
    });

    it('keeps double quotes, tabs, cache, maxphysaddr and migratable', () => {
      const l = load(fixture('epyc-double-quotes.xml'));
      const a = find(actions(l, rangeOf(l, 'EPYC-Rome')).list, 'Switch to host-passthrough');
      const expected = l.text.replace(
        /\t<cpu mode="custom"[\s\S]*?<\/cpu>/,
        '\t<cpu mode="host-passthrough" migratable="on">\n\t\t<topology sockets="1" cores="8" threads="2"/>\n\t\t<cache mode="passthrough"/>\n\t\t<maxphysaddr mode="passthrough"/>\n\t</cpu>',
      );
      assert.equal(applyWorkspaceEdit(l.doc, a.edit), expected);
    });

    it('self-closes when nothing is kept, and is offered without any diagnostic', () => {
      const l = load("<domain type='kvm'>\n  <cpu mode='custom' match='exact'><model>Westmere</model><vendor>Intel</vendor></cpu>\n</domain>\n");
      const a = find(domainCodeActions(l.doc, l.domain, rangeOf(l, 'Westmere'), [], ctx()), 'Switch to host-passthrough');
      assert.deepEqual(a.diagnostics, []);
      assert.equal(applyWorkspaceEdit(l.doc, a.edit), "<domain type='kvm'>\n  <cpu mode='host-passthrough'/>\n</domain>\n");
    });

    it('puts children of a one-line <cpu> on their own lines', () => {
      const l = load("<domain type='kvm'>\n  <cpu mode='host-model'><topology sockets='1' cores='4' threads='1'/></cpu>\n</domain>\n");
      const a = find(actions(l).list, 'Switch to host-passthrough');
      assert.equal(
        applyWorkspaceEdit(l.doc, a.edit),
        "<domain type='kvm'>\n  <cpu mode='host-passthrough'>\n    <topology sockets='1' cores='4' threads='1'/>\n  </cpu>\n</domain>\n",
      );
    });

    it('is not offered away from <cpu>, on a clean host-passthrough, or on an unclosed <cpu>', () => {
      const l = load(fixture('dumpxml-custom.xml'));
      assert.ok(!actions(l, rangeOf(l, '<name>')).list.some((a) => a.title === 'Switch to host-passthrough'));
      const seed = load(fixture('seed-howto.xml'));
      assert.deepEqual(actions(seed).list, []);
      const open = load("<domain type='kvm'>\n  <cpu mode='custom'>\n    <model>Haswell</model>\n");
      assert.ok(!actions(open).list.some((a) => a.title === 'Switch to host-passthrough'));
    });

    it('has a localized title', () => {
      const l = load(fixture('dumpxml-custom.xml'));
      assert.ok(actions(l, rangeOf(l, '<vendor>'), { locale: 'zh-cn' }).list.some((a) => a.title === '切换为 host-passthrough'));
    });
  });

  describe('nested: require vmx or svm', () => {
    it('inserts the Intel flag after the last feature, matching indentation', () => {
      const l = load(fixture('dumpxml-custom.xml'));
      const a = find(actions(l, rangeOf(l, 'Haswell-noTSX')).list, 'Require vmx for nested virtualization');
      assert.equal(a.isPreferred, true);
      assert.deepEqual(codes(a), ['nested-model-lacks-feature']);
      const expected = l.text.replace(
        "    <feature policy='disable' name='pcid'/>\n",
        "    <feature policy='disable' name='pcid'/>\n    <feature policy='require' name='vmx'/>\n",
      );
      assert.equal(applyWorkspaceEdit(l.doc, a.edit), expected);
    });

    it('inserts after the model when there are no features, and inline in a one-line <cpu>', () => {
      const l = load("<domain type='kvm'>\n  <cpu mode='custom' match='exact'>\n    <model fallback='allow'>Icelake-Server</model>\n  </cpu>\n</domain>\n");
      const a = find(actions(l).list, 'Require vmx for nested virtualization');
      assert.equal(
        applyWorkspaceEdit(l.doc, a.edit),
        "<domain type='kvm'>\n  <cpu mode='custom' match='exact'>\n    <model fallback='allow'>Icelake-Server</model>\n    <feature policy='require' name='vmx'/>\n  </cpu>\n</domain>\n",
      );
      const one = load('<domain type="kvm"><cpu mode="custom"><model>Haswell-noTSX</model></cpu></domain>');
      const b = find(actions(one).list, 'Require vmx for nested virtualization');
      assert.equal(applyWorkspaceEdit(one.doc, b.edit), '<domain type="kvm"><cpu mode="custom"><model>Haswell-noTSX</model><feature policy="require" name="vmx"/></cpu></domain>');
    });

    it('chooses svm for an AMD model', () => {
      const l = load("<domain type='kvm'>\n  <cpu mode='custom' match='exact'>\n    <model fallback='forbid'>Opteron_G1</model>\n  </cpu>\n</domain>\n");
      const a = find(actions(l).list, 'Require svm for nested virtualization');
      assert.equal(
        applyWorkspaceEdit(l.doc, a.edit),
        "<domain type='kvm'>\n  <cpu mode='custom' match='exact'>\n    <model fallback='forbid'>Opteron_G1</model>\n    <feature policy='require' name='svm'/>\n  </cpu>\n</domain>\n",
      );
    });
  });

  describe('nested: no <cpu> at all', () => {
    it('adds <cpu mode="host-passthrough"/> after <vcpu>', () => {
      const seed = fixture('seed-howto.xml');
      const l = load(seed.replace("<cpu mode='host-passthrough'/>", ''));
      const a = find(actions(l).list, 'Add <cpu mode="host-passthrough"/> for nested virtualization');
      assert.equal(a.isPreferred, true);
      assert.deepEqual(codes(a), ['nested-no-cpu']);
      assert.equal(
        applyWorkspaceEdit(l.doc, a.edit),
        seed.replace("<cpu mode='host-passthrough'/>", "\n  <cpu mode='host-passthrough'/>"),
      );
    });

    it('adds it as the last child when there is no <vcpu>, in the document quote style', () => {
      const l = load('<domain type="kvm">\n\t<name>a</name>\n\t<memory>1</memory>\n</domain>\n');
      const a = find(actions(l).list, 'Add <cpu mode="host-passthrough"/> for nested virtualization');
      assert.equal(applyWorkspaceEdit(l.doc, a.edit), '<domain type="kvm">\n\t<name>a</name>\n\t<memory>1</memory>\n\t<cpu mode="host-passthrough"/>\n</domain>\n');
    });
  });

  describe('replacements from suggestions', () => {
    it('replaces an unknown model with each suggestion, preferring a clear winner', () => {
      const l = load("<domain type='kvm'>\n  <cpu mode='custom'>\n    <model>Skylake-Clinet</model>\n    <feature policy='require' name='vmx'/>\n  </cpu>\n</domain>\n");
      const list = actions(l).list.filter((a) => a.title.startsWith('Replace'));
      assert.ok(list.length >= 1);
      assert.equal(list[0].title, 'Replace with "Skylake-Client"');
      assert.equal(list[0].isPreferred, true);
      assert.ok(list.slice(1).every((a) => a.isPreferred === undefined));
      assert.deepEqual(codes(list[0]), ['cpu-model-unknown']);
      assert.equal(applyWorkspaceEdit(l.doc, list[0].edit), l.text.replace('Skylake-Clinet', 'Skylake-Client'));
    });

    it('replaces misspelt enum values and a misspelt feature', () => {
      const l = load(
        "<domain type='kvm'>\n  <vcpu placement='statik'>2</vcpu>\n  <cpu mode='host-passthru' check='ful'>\n    <feature policy='requir' name='vmx'/>\n  </cpu>\n</domain>\n",
      );
      const preferred = actions(l).list.filter((a) => a.isPreferred && a.title.startsWith('Replace'));
      assert.deepEqual(preferred.map((a) => a.title), [
        'Replace with "static"', 'Replace with "host-passthrough"', 'Replace with "full"', 'Replace with "require"',
      ]);
      // Apply all of them at once: their ranges do not overlap.
      const edits = preferred.flatMap((a) => a.edit?.changes?.[l.doc.uri] ?? []);
      assert.equal(
        applyEdits(l.doc, edits),
        "<domain type='kvm'>\n  <vcpu placement='static'>2</vcpu>\n  <cpu mode='host-passthrough' check='full'>\n    <feature policy='require' name='vmx'/>\n  </cpu>\n</domain>\n",
      );
      const f = load("<domain type='kvm'>\n  <cpu mode='custom'>\n    <model>Haswell-noTSX</model>\n    <feature policy='require' name='vmxx'/>\n  </cpu>\n</domain>\n");
      const vmx = find(actions(f).list, 'Replace with "vmx"');
      assert.deepEqual(codes(vmx), ['cpu-feature-unknown']);
      assert.equal(applyWorkspaceEdit(f.doc, vmx.edit), f.text.replace('vmxx', 'vmx'));
    });

    it('replaces an unknown vendor', () => {
      const l = load("<domain type='kvm'>\n  <cpu mode='custom'>\n    <model>EPYC</model>\n    <vendor>AMDD</vendor>\n  </cpu>\n</domain>\n");
      const a = find(actions(l).list, 'Replace with "AMD"');
      assert.equal(applyWorkspaceEdit(l.doc, a.edit), l.text.replace('AMDD', 'AMD'));
    });
  });

  describe('removals and small fixes', () => {
    it('removes the ignored <model> line and the ignored match attribute', () => {
      const l = load(fixture('etc-libvirt-qemu-instance.xml'));
      const { list } = actions(l);
      const model = find(list, 'Remove the ignored <model>');
      assert.deepEqual(codes(model), ['cpu-model-ignored']);
      assert.equal(applyWorkspaceEdit(l.doc, model.edit), l.text.replace("    <model fallback='allow'>Cascadelake-Server</model>\n", ''));
      const match = find(list, 'Remove the match attribute');
      assert.equal(applyWorkspaceEdit(l.doc, match.edit), l.text.replace("<cpu mode='host-model' match='exact' check='partial'>", "<cpu mode='host-model' check='partial'>"));
    });

    it('removes migratable where the mode does not allow it', () => {
      const l = load(fixture('epyc-double-quotes.xml'));
      const a = find(actions(l).list, 'Remove the migratable attribute');
      assert.deepEqual(codes(a), ['cpu-migratable-mode']);
      assert.equal(applyWorkspaceEdit(l.doc, a.edit), l.text.replace(' migratable="on"', ''));
    });

    it('sets vcpu current to the maximum (seed how-to with a typo)', () => {
      const l = load(fixture('seed-howto.xml').replace("current='20'>22", "current='24'>22"));
      const a = find(actions(l).list, 'Set current to 22');
      assert.equal(a.isPreferred, true);
      assert.deepEqual(codes(a), ['vcpu-current-exceeds']);
      assert.equal(applyWorkspaceEdit(l.doc, a.edit), fixture('seed-howto.xml').replace("current='20'", "current='22'"));
    });

    it('adds policy="require" to a feature without one, in the element quote style', () => {
      const l = load('<domain type="kvm">\n  <cpu mode="custom">\n    <model>Haswell-noTSX</model>\n    <feature name="vmx"/>\n  </cpu>\n</domain>\n');
      const a = find(actions(l).list, 'Add policy="require"');
      assert.deepEqual(codes(a), ['cpu-feature-policy-missing']);
      assert.equal(applyWorkspaceEdit(l.doc, a.edit), l.text.replace('<feature name="vmx"/>', '<feature policy="require" name="vmx"/>'));
    });

    it('ignores diagnostics from other sources', () => {
      const l = load(fixture('seed-howto.xml').replace("current='20'>22", "current='24'>22"));
      const diags = domainDiagnostics(l.doc, l.domain, ctx()).map((d) => ({ ...d, source: 'xml' }));
      assert.deepEqual(domainCodeActions(l.doc, l.domain, rangeOf(l, '<name>'), diags, ctx()), []);
    });
  });
});
