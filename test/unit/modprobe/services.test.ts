/** Completion, hover, quick-fixes, snippets, document detection, manifest and generated data. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItemKind, type CodeAction, type MarkupContent } from 'vscode-languageserver-protocol';
import { classify } from '../../../server/src/facade/service';
import {
  MODPROBE_FILENAME_PATTERNS, MODPROBE_FILENAMES, cmdlineCompletion, cmdlineFindings, cmdlineHover, defaultFor, kvmParam, modprobeCodeActions,
  modprobeCompletion, modprobeFindings, modprobeHover, modprobeKindOfPath, modprobePlace, modprobeSnippetFileText, parseCmdline, parseModprobe,
  isLegacyModprobePath, looksLikeCmdline, looksLikeModprobe, type ModprobeContext,
} from '../../../server/src/lang/modprobe';
import { asDiagnostics, REPO } from '../../helpers';

const EN: ModprobeContext = { locale: 'en' };
const mdoc = (text: string, uri = 'file:///etc/modprobe.d/kvm.conf'): TextDocument => TextDocument.create(uri, 'modprobe-conf', 1, text);

function complete(withCaret: string, snippets = false): ReturnType<typeof modprobeCompletion> {
  const offset = withCaret.indexOf('|');
  const text = withCaret.replace('|', '');
  return modprobeCompletion(mdoc(text), text, offset, EN, { snippets });
}

function fixesFor(text: string): { doc: TextDocument; actions: CodeAction[] } {
  const doc = mdoc(text);
  const file = parseModprobe(text);
  return { doc, actions: modprobeCodeActions(doc, file, asDiagnostics(modprobeFindings(file, EN), text), EN) };
}

const apply = (doc: TextDocument, a: CodeAction): string => TextDocument.applyEdits(doc, a.edit?.changes?.[doc.uri] ?? []);

describe('modprobe.d completion', () => {
  it('offers the commands at the start of a line, and the nested snippets when the client wants them', () => {
    assert.deepEqual(complete('opt|').map((i) => i.label), ['options', 'blacklist', 'install', 'remove', 'softdep', 'alias', 'weakdep']);
    const snips = complete('|', true).filter((i) => i.kind === CompletionItemKind.Snippet);
    assert.deepEqual(snips.map((s) => s.label), ['nested-intel', 'nested-amd']);
  });

  it('offers the kvm modules after options, then their parameters with type and default, nested first', () => {
    assert.deepEqual(complete('options kvm|').map((i) => i.label), ['kvm', 'kvm_amd', 'kvm_intel']);
    const params = complete('options kvm_amd |');
    const nested = params.find((i) => i.label === 'nested')!;
    assert.equal(nested.detail, 'int, default 1');
    assert.equal(nested.textEdit && 'newText' in nested.textEdit ? nested.textEdit.newText : '', 'nested=');
    assert.equal([...params].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''))[0].label, 'nested');
    assert.equal(complete('options kvm-intel nes|').find((i) => i.label === 'nested')?.detail, 'bool, default Y');
  });

  it('offers values in the parameter\'s type: Y/N for kvm_intel, 1/0 for kvm_amd', () => {
    assert.deepEqual(complete('options kvm_intel nested=|').map((i) => i.label), ['Y', 'N', '1', '0']);
    assert.deepEqual(complete('options kvm_amd nested=|').map((i) => i.label), ['1', '0']);
    assert.deepEqual(complete('options kvm_intel vmentry_l1d_flush=|').map((i) => i.label), ['auto', 'never', 'cond', 'always']);
  });

  it('offers module.param on a kernel command line, inside GRUB_CMDLINE_LINUX only', () => {
    const text = 'GRUB_TIMEOUT=5\nGRUB_CMDLINE_LINUX="quiet kvm_intel.n"\n';
    const doc = TextDocument.create('file:///etc/default/grub', 'modprobe-conf', 1, text);
    const file = parseCmdline(text);
    const items = cmdlineCompletion(doc, file, text.indexOf('kvm_intel.n') + 11, EN);
    assert.ok(items.some((i) => i.label === 'kvm_intel.nested'));
    assert.deepEqual(cmdlineCompletion(doc, file, 5, EN), []);
    const v = 'kvm_amd.nested=';
    assert.deepEqual(cmdlineCompletion(doc, parseCmdline(v), v.length, EN).map((i) => i.label), ['1', '0']);
  });
});

describe('modprobe.d hover', () => {
  it('explains a parameter: type, default and its history, source file', () => {
    const text = 'options kvm_intel nested=1\n';
    const h = modprobeHover(mdoc(text), parseModprobe(text), text.indexOf('nested') + 2, EN);
    const v = (h?.contents as MarkupContent).value;
    assert.match(v, /\*\*kvm_intel\.nested\*\*/);
    assert.match(v, /Type: `bool`/);
    assert.match(v, /Default: `Y` \(`N` before Linux 4\.20\)/);
    assert.match(v, /arch\/x86\/kvm\/vmx\/vmx\.c/);
  });

  it('explains commands and modules; on a command line adds the built-in note', () => {
    const text = 'blacklist kvm_amd\n';
    assert.match((modprobeHover(mdoc(text), parseModprobe(text), 2, EN)?.contents as MarkupContent).value, /autoload|loaded automatically/);
    assert.match((modprobeHover(mdoc(text), parseModprobe(text), 12, EN)?.contents as MarkupContent).value, /Kernel module `kvm_amd`/);
    const c = 'ro kvm_amd.nested=1';
    const h = cmdlineHover(mdoc(c, 'file:///etc/kernel/cmdline'), parseCmdline(c), c.indexOf('nested'), EN);
    assert.match((h?.contents as MarkupContent).value, /built into the kernel/);
  });

  it('knows the default per kernel release', () => {
    const p = kvmParam('kvm-intel', 'nested')!;
    assert.equal(defaultFor(p, '4.19.0-26-amd64'), 'N');
    assert.equal(defaultFor(p, '4.20.0'), 'Y');
    assert.equal(defaultFor(p, '6.8.0-45-generic'), 'Y');
    assert.equal(kvmParam('kvm_amd', 'nested')?.type, 'int');
  });
});

describe('modprobe.d quick-fixes', () => {
  it('turns `options amd nested=1` into `options kvm_amd nested=1`', () => {
    const { doc, actions } = fixesFor('options amd nested=1\n');
    assert.equal(actions[0].title, 'Change to "kvm_amd"');
    assert.equal(actions[0].isPreferred, true);
    assert.equal(apply(doc, actions[0]), 'options kvm_amd nested=1\n');
  });

  it('writes the value in the parameter\'s type: 1 for kvm_amd, Y for kvm_intel nested=0', () => {
    const a = fixesFor('options kvm-amd nested=y\n');
    assert.equal(apply(a.doc, a.actions[0]), 'options kvm-amd nested=1\n');
    const b = fixesFor('options kvm_intel nested=0\n');
    assert.equal(apply(b.doc, b.actions[0]), 'options kvm_intel nested=Y\n');
  });

  it('removes a line that keeps kvm from loading, continuation included', () => {
    const { doc, actions } = fixesFor('install kvm_intel \\\n  /bin/false\noptions kvm_intel nested=1\n');
    assert.equal(actions[0].title, 'Remove this line');
    assert.equal(apply(doc, actions[0]), 'options kvm_intel nested=1\n');
  });

  it('fixes command lines too', () => {
    const text = 'GRUB_CMDLINE_LINUX="amd.nested=1"\n';
    const doc = TextDocument.create('file:///etc/default/grub', 'modprobe-conf', 1, text);
    const actions = modprobeCodeActions(doc, undefined, asDiagnostics(cmdlineFindings(parseCmdline(text), EN), text), EN);
    assert.equal(apply(doc, actions[0]), 'GRUB_CMDLINE_LINUX="kvm_amd.nested=1"\n');
  });
});

describe('modprobe-conf documents and manifest', () => {
  it('recognises files by path with one function, for the server and the CLI', () => {
    assert.equal(modprobeKindOfPath('/etc/modprobe.d/kvm.conf'), 'modprobe');
    assert.equal(modprobeKindOfPath('roles/kvm/files/modprobe.d/nested.conf'), 'modprobe');
    assert.equal(modprobeKindOfPath('/etc/modprobe.conf'), 'modprobe');
    assert.equal(modprobeKindOfPath('/etc/default/grub'), 'cmdline');
    assert.equal(modprobeKindOfPath('image/etc/kernel/cmdline'), 'cmdline');
    assert.equal(modprobeKindOfPath('/etc/modprobe.d/README'), undefined);
    assert.equal(modprobeKindOfPath('/etc/default/keyboard'), undefined);
    assert.deepEqual(modprobePlace('/srv/img/usr/local/lib/modprobe.d/a.conf'), { root: '/srv/img', dir: '/usr/local/lib/modprobe.d', name: 'a.conf' });
    assert.deepEqual(modprobePlace('/srv/img/lib/modprobe.d/b.conf'), { root: '/srv/img', dir: '/lib/modprobe.d', name: 'b.conf' });
  });

  it('tells modprobe.d text and a /proc/cmdline apart from nova.conf without a path (stdin)', () => {
    assert.equal(looksLikeModprobe('# nested\noptions kvm_amd nested=1\n'), true);
    assert.equal(looksLikeModprobe('options kvm_amd nested=y \\\n  npt=1\nblacklist pcspkr\n'), true, 'a continued line is part of its command');
    assert.equal(looksLikeModprobe('[libvirt]\noptions = x\n'), false);
    assert.equal(looksLikeModprobe('options kvm_amd nested=1\ncpu_mode = custom\n'), false, 'an INI line makes it not modprobe.d');
    assert.equal(looksLikeModprobe('debug = true\n'), false);
    for (const line of ['BOOT_IMAGE=/vmlinuz-6.1.0-28-amd64 root=UUID=0b1c ro quiet', 'root=/dev/sda1 ro kvm-amd.nested=y', 'root=/dev/vda1 console=ttyS0 quiet', 'BOOT_IMAGE=/boot/vmlinuz']) {
      assert.equal(looksLikeCmdline(line + '\n'), true, line);
    }
    for (const text of ['options kvm_amd nested=1\n', 'cpu_mode = custom\n', '[libvirt]\n', 'root=/dev/sda1\n', 'a=1 b=2\nc=3\n', '# root=/dev/sda1 ro\n']) {
      assert.equal(looksLikeCmdline(text), false, text);
    }
    assert.equal(isLegacyModprobePath('/etc/modprobe.conf'), true);
    assert.equal(isLegacyModprobePath('image/etc/modprobe.conf'), true);
    assert.equal(isLegacyModprobePath('/etc/modprobe.d/modprobe.conf'), false);
  });

  it('classifies by language id or path; the language id picks grub by content', () => {
    assert.equal(classify('modprobe-conf', 'options kvm_intel nested=1\n'), 'modprobe');
    assert.equal(classify('modprobe-conf', 'GRUB_CMDLINE_LINUX=""\n'), 'cmdline');
    assert.equal(classify('shellscript', 'GRUB_CMDLINE_LINUX=""\n', 'file:///etc/default/grub'), 'cmdline');
    assert.equal(classify('properties', 'options kvm_amd nested=1\n', 'file:///etc/modprobe.d/kvm.conf'), 'modprobe');
    assert.equal(classify('plaintext', 'options kvm_amd nested=1\n', 'file:///notes.txt'), 'none');
  });

  it('package.json declares the language as paths.ts detects it, with grammar, snippets and activation', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const lang = pkg.contributes.languages.find((l: { id: string }) => l.id === 'modprobe-conf');
    assert.deepEqual(lang.filenames, [...MODPROBE_FILENAMES]);
    assert.deepEqual(lang.filenamePatterns, [...MODPROBE_FILENAME_PATTERNS]);
    assert.ok(pkg.activationEvents.includes('onLanguage:modprobe-conf'));
    assert.ok(pkg.contributes.grammars.some((g: { language: string }) => g.language === 'modprobe-conf'));
    assert.equal(fs.readFileSync(path.join(REPO, 'snippets', 'modprobe-conf.json'), 'utf8'), modprobeSnippetFileText());
  });

});
