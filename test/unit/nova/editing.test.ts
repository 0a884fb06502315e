/** Key completion that leads into the value, value completion mid-value, and did-you-mean ranking. */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-protocol';
import { novaCodeActions, novaCompletion, parseNovaConf } from '../../../server/src/lang/nova';
import { novaDiagnostics } from '../../helpers';
import { msg, novaCtx, novaDoc, only } from './helpers';

function complete(marked: string, snippets = false): { doc: TextDocument; items: CompletionItem[] } {
  const offset = marked.indexOf('|');
  const text = marked.replace('|', '');
  const doc = novaDoc(text);
  return { doc, items: novaCompletion(doc, parseNovaConf(text), offset, novaCtx(), { snippets }) };
}

function accept(doc: TextDocument, item: CompletionItem): string {
  return TextDocument.applyEdits(doc, [item.textEdit as TextEdit]);
}

describe('nova key completion leads into the value', () => {
  it('inserts "key = " and asks VS Code to open the value list', () => {
    const { doc, items } = complete('[libvirt]\ncpu_mo|\n');
    const mode = items.find((i) => i.label === 'cpu_mode');
    assert.ok(mode);
    assert.equal(accept(doc, mode), '[libvirt]\ncpu_mode = \n');
    assert.deepEqual(mode.command, { title: 'Suggest values', command: 'editor.action.triggerSuggest' });
    // The value list that follows, at the cursor after "cpu_mode = ".
    const values = complete('[libvirt]\ncpu_mode = |\n').items.map((i) => i.label);
    assert.deepEqual(values, ['host-model', 'host-passthrough', 'custom', 'none']);
  });

  it('does not re-trigger for free-text options, nor for editors that cannot run VS Code commands', () => {
    const { items } = complete('[libvirt]\nimages_rbd_po|\n');
    const pool = items.find((i) => i.label === 'images_rbd_pool');
    assert.equal((pool?.textEdit as TextEdit).newText, 'images_rbd_pool = ');
    assert.equal(pool?.command, undefined);
    const other = complete('[libvirt]\ncpu_mo|\n', true).items.find((i) => i.label === 'cpu_mode');
    assert.equal(other?.command, undefined);
    assert.equal((other?.textEdit as TextEdit).newText, 'cpu_mode = ');
  });

  it('renaming the key of an existing line keeps its value and inserts no second " = "', () => {
    const { doc, items } = complete('[libvirt]\ncpu_mo| = custom\n');
    const mode = items.find((i) => i.label === 'cpu_mode');
    assert.ok(mode);
    assert.equal(accept(doc, mode), '[libvirt]\ncpu_mode = custom\n');
    assert.equal(mode.command, undefined);
  });

  it('completes a value while the cursor is inside an existing value, replacing all of it', () => {
    const { doc, items } = complete('[libvirt]\ncpu_mode = host-pa|ssthru\n');
    const pt = items.find((i) => i.label === 'host-passthrough');
    assert.ok(pt);
    assert.equal(doc.getText((pt.textEdit as TextEdit).range), 'host-passthru');
    assert.equal(accept(doc, pt), '[libvirt]\ncpu_mode = host-passthrough\n');
  });
});

describe('nova did-you-mean', () => {
  it('ranks the key whose type takes the value first: cpu_modle = Haswell → cpu_models', () => {
    const text = '[libvirt]\ncpu_mode = custom\ncpu_modle = Haswell\n';
    const doc = novaDoc(text);
    const file = parseNovaConf(text);
    const diags = novaDiagnostics(doc, file, novaCtx());
    const [d] = only(diags, 'nova-unknown-key');
    assert.match(msg(d), /Did you mean "cpu_models"\?$/);
    const actions = novaCodeActions(doc, file, d.range, [d], novaCtx());
    assert.equal(actions[0].title, 'Change to "cpu_models"');
    assert.equal(actions[0].isPreferred, true);
    // cpu_mode is close in name but rejects "Haswell" and is already set: last, and its title says so.
    const mode = actions.find((a) => a.title.includes('"cpu_mode"'));
    assert.ok(mode, actions.map((a) => a.title).join(' | '));
    assert.equal(mode.title, 'Change to "cpu_mode" (already set on line 2: this makes a duplicate)');
    assert.ok(actions.indexOf(mode) > 0);
  });

  it('suggests the current name, not a deprecated one, and says when the best is already set', () => {
    const text = '[libvirt]\nvirt_type = kvm\nvirt_typ = qemu\n';
    const doc = novaDoc(text);
    const [d] = only(novaDiagnostics(doc, parseNovaConf(text), novaCtx()), 'nova-unknown-key');
    assert.match(msg(d), /Did you mean "virt_type"\? It is already set on line 2\.$/);
    const actions = novaCodeActions(doc, parseNovaConf(text), d.range, [d], novaCtx());
    assert.ok(!actions.some((a) => a.isPreferred), 'a fix that makes a duplicate is never preferred');
  });

  it('a value that fits a boolean option ranks it above a closer string option', () => {
    const text = '[libvirt]\ninject_pasword = true\n';
    const [d] = only(novaDiagnostics(novaDoc(text), parseNovaConf(text), novaCtx()), 'nova-unknown-key');
    assert.match(msg(d), /Did you mean "inject_password"\?/);
  });
});
