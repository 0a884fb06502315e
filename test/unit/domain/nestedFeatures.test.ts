/** Feature completion ranked for nested virtualization, with the hover as documentation. */
import * as assert from 'node:assert/strict';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver';
import { domainCompletion } from '../../../server/src/lang/domain/completion';
import { domainHover } from '../../../server/src/lang/domain/hover';
import { caret, ctx } from './helpers';
import { INTEL_HOST } from '../nova/helpers';

const HEAD = "<domain type='kvm'>\n  <name>t</name>\n  <vcpu placement='static'>4</vcpu>\n";

/** The order VS Code shows items in once the typed prefix filters them equally: by sortText. */
function ranked(marked: string, extra: Parameters<typeof ctx>[0] = {}): CompletionItem[] {
  const c = caret(marked);
  return domainCompletion(c.doc, c.domain, c.offset, ctx(extra)).sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
}

const startingWith = (items: CompletionItem[], prefix: string): string[] => items.map((i) => i.label).filter((l) => l.startsWith(prefix));

describe('feature completion for nested virtualization', () => {
  it("name='v in an Intel core2duo guest: vmx first, AMD's svm features last", () => {
    const items = ranked(HEAD + "  <cpu mode='custom'>\n    <model>core2duo</model>\n    <feature policy='require' name='v|'/>\n  </cpu>\n</domain>");
    const v = startingWith(items, 'v');
    assert.equal(v[0], 'vmx');
    assert.equal(items.find((i) => i.label === 'vmx')?.preselect, true);
    const vmcb = v.indexOf('vmcb-clean');
    const vgif = v.indexOf('vgif');
    assert.ok(vmcb > v.indexOf('vme') && vgif > v.indexOf('vme'), `AMD features after the others: ${v.join(' ')}`);
    assert.equal(items.find((i) => i.label === 'vmcb-clean')?.detail, 'CPU feature of AMD CPUs');
    assert.ok(startingWith(items, 's').indexOf('svm') > startingWith(items, 's').indexOf('sse2'));
  });

  it('an AMD model puts svm first and the vmx-* controls last', () => {
    const items = ranked(HEAD + "  <cpu mode='custom'>\n    <model>EPYC-Rome</model>\n    <feature policy='require' name='|'/>\n  </cpu>\n</domain>");
    assert.equal(items[0].label, 'svm');
    const idx = (l: string): number => items.findIndex((i) => i.label === l);
    // xsave is a neutral feature whose name sorts last: Intel's features come after it.
    assert.ok(idx('vmx') > idx('xsave') && idx('vmx-invvpid') > idx('xsave'));
    assert.equal(items[idx('vmx-invvpid')].detail, 'CPU feature of Intel CPUs');
  });

  it('host-passthrough names no vendor: the selected host decides', () => {
    const items = ranked(HEAD + "  <cpu mode='host-passthrough'>\n    <feature policy='require' name='|'/>\n  </cpu>\n</domain>", { host: INTEL_HOST });
    assert.equal(items[0].label, 'vmx');
    const none = ranked(HEAD + "  <cpu mode='host-passthrough'>\n    <feature policy='require' name='|'/>\n  </cpu>\n</domain>");
    assert.deepEqual(none.slice(0, 2).map((i) => i.label).sort(), ['svm', 'vmx']);
  });

  it('each feature item carries its hover as documentation', () => {
    const items = ranked(HEAD + "  <cpu mode='custom'>\n    <model>core2duo</model>\n    <feature policy='require' name='|'/>\n  </cpu>\n</domain>");
    const doc = (items.find((i) => i.label === 'avx2')?.documentation as MarkupContent).value;
    assert.match(doc, /^\*\*avx2\*\*/);
    assert.match(doc, /CPUID leaf 0x7/);
  });
});

describe('hover on vmx and svm', () => {
  const at = (name: string): string => {
    const c = caret(`${HEAD}  <cpu mode='custom'>\n    <model>Haswell</model>\n    <feature policy='require' name='${name[0]}|${name.slice(1)}'/>\n  </cpu>\n</domain>`);
    return (domainHover(c.doc, c.domain, c.offset, ctx())?.contents as MarkupContent).value;
  };
  it('explains the role in nested virtualization and the host-side requirements', () => {
    const vmx = at('vmx');
    assert.match(vmx, /Nested virtualization \(Intel VT-x\)/);
    assert.match(vmx, /kvm_intel loaded with nested=1/);
    assert.match(vmx, /vmx in the host's \/proc\/cpuinfo/);
    assert.match(vmx, /host-passthrough/);
    const svm = at('svm');
    assert.match(svm, /kvm_amd loaded with nested=1/);
    assert.match(svm, /name="svm"/);
  });
});
