/** Outline, folding and selection ranges of nova.conf. */
import * as assert from 'node:assert/strict';
import { FoldingRangeKind, SymbolKind, type SelectionRange } from 'vscode-languageserver-protocol';
import { parseNovaConf } from '../../../server/src/lang/nova';
import { novaDocumentSymbols, novaFoldingRanges, novaSelectionRanges } from '../../../server/src/lang/nova/symbols';
import { novaDoc } from './helpers';

const TEXT = [
  '# nova.conf for compute-1', //            0
  '# managed by hand', //                    1
  '[DEFAULT]', //                            2
  'debug = true', //                         3
  '', //                                     4
  '[libvirt]', //                            5
  'virt_type = kvm', //                      6
  'cpu_mode = custom', //                    7
  'cpu_models = Haswell-noTSX,', //          8
  '  Skylake-Client', //                     9
  '# trailing note', //                      10
  '', //                                     11
  '', //                                     12
  '[workarounds]', //                        13
  'disable_rootwrap = false', //             14
  '',
].join('\n');

describe('nova.conf structure', () => {
  const file = parseNovaConf(TEXT);

  it('lists sections with their keys as children, for the Outline and breadcrumbs', () => {
    const symbols = novaDocumentSymbols(file);
    assert.deepEqual(symbols.map((s) => [s.name, s.kind]), [['DEFAULT', SymbolKind.Namespace], ['libvirt', SymbolKind.Namespace], ['workarounds', SymbolKind.Namespace]]);
    const libvirt = symbols[1];
    assert.deepEqual(libvirt.children?.map((c) => [c.name, c.detail]), [['virt_type', 'kvm'], ['cpu_mode', 'custom'], ['cpu_models', 'Haswell-noTSX, Skylake-Client']]);
    // The section ends at its last content (the comment), not at the blank lines before the next header.
    assert.deepEqual(libvirt.range, { start: { line: 5, character: 0 }, end: { line: 10, character: 15 } });
    assert.deepEqual(libvirt.selectionRange, { start: { line: 5, character: 1 }, end: { line: 5, character: 8 } });
    const models = libvirt.children?.[2];
    assert.equal(models?.range.end.line, 9, 'a multi-line value belongs to its key');
    assert.equal(models?.kind, SymbolKind.Property);
  });

  it('shows keys written before any section at the top level', () => {
    const symbols = novaDocumentSymbols(parseNovaConf('virt_type = kvm\n[libvirt]\n'));
    assert.deepEqual(symbols.map((s) => s.name), ['virt_type', 'libvirt']);
  });

  it('folds each section, each block of comments and each multi-line value', () => {
    const ranges = novaFoldingRanges(file);
    assert.deepEqual(ranges, [
      { startLine: 0, endLine: 1, kind: FoldingRangeKind.Comment },
      { startLine: 2, endLine: 3 },
      { startLine: 5, endLine: 10 },
      { startLine: 8, endLine: 9 },
      { startLine: 13, endLine: 14 },
    ]);
  });

  it('does not fold a lone comment line or a header without keys', () => {
    assert.deepEqual(novaFoldingRanges(parseNovaConf('# one\n[libvirt]\n\n[DEFAULT]\n')), []);
  });

  it('grows the selection from the word to the value, the entry, the section and the file', () => {
    const doc = novaDoc(TEXT);
    const at = doc.offsetAt({ line: 9, character: 5 }); // inside "Skylake-Client"
    const [sel] = novaSelectionRanges(file, [at]);
    const texts: string[] = [];
    for (let r: SelectionRange | undefined = sel; r; r = r.parent) texts.push(doc.getText(r.range));
    assert.deepEqual(texts.slice(0, 3), ['Skylake-Client', 'Haswell-noTSX,\n  Skylake-Client', 'cpu_models = Haswell-noTSX,\n  Skylake-Client']);
    assert.ok(texts[3].startsWith('[libvirt]') && texts[3].endsWith('# trailing note'));
    assert.equal(texts[4], TEXT);
    // Each range contains the one before it, as LSP requires.
    for (let r: SelectionRange | undefined = sel; r?.parent; r = r.parent) {
      assert.ok(doc.offsetAt(r.parent.range.start) <= doc.offsetAt(r.range.start) && doc.offsetAt(r.range.end) <= doc.offsetAt(r.parent.range.end));
    }
  });

  it('selects the key, then the entry, from a position in the key', () => {
    const doc = novaDoc(TEXT);
    const [sel] = novaSelectionRanges(file, [doc.offsetAt({ line: 6, character: 2 })]);
    assert.equal(doc.getText(sel.range), 'virt_type');
    assert.equal(doc.getText(sel.parent?.range ?? sel.range), 'virt_type = kvm');
  });
});
