/** The modprobe.d and kernel command line parsers: kmod's and the kernel's reading, with exact offsets. */
import * as assert from 'node:assert/strict';
import { effectiveOrder, parseCmdline, parseModprobe } from '../../../server/src/lang/modprobe';
import { fixture } from '../../helpers';

const at = (text: string, w: { start: number; end: number } | undefined): string => (w ? text.slice(w.start, w.end) : '<none>');

describe('modprobe.d parser', () => {
  it('reads the seed\'s two lines: command, module as written and normalised, parameter', () => {
    const text = fixture('modprobe', 'seed-dist.conf');
    const f = parseModprobe(text);
    assert.equal(f.directives.length, 2);
    const [intel, amd] = f.directives;
    assert.equal(intel.command, 'options');
    assert.equal(at(text, intel.module), 'kvm-intel');
    assert.equal(intel.moduleName, 'kvm_intel');
    assert.equal(at(text, intel.params[0].name), 'nested');
    assert.equal(at(text, intel.params[0].value), 'y');
    assert.equal(amd.moduleName, 'amd');
    assert.equal(amd.params[0].valueText, '1');
  });

  it('joins `\\` continuations, keeping each word\'s real offsets', () => {
    const text = 'options kvm_amd nested=1 \\\n\tnpt=0\n';
    const [d] = parseModprobe(text).directives;
    assert.deepEqual(d.params.map((p) => `${p.key}=${p.valueText}`), ['nested=1', 'npt=0']);
    assert.equal(at(text, d.params[1].name), 'npt');
    assert.equal(text.slice(d.start, d.end), 'options kvm_amd nested=1 \\\n\tnpt=0');
  });

  it('takes # as a comment only at the start of a line, and a comment ending in `\\` swallows the next line', () => {
    const text = '  # options kvm_intel nested=0\n# old: \\\nblacklist kvm_intel\noptions kvm_intel nested=1 # on\n';
    const f = parseModprobe(text);
    assert.equal(f.directives.length, 1, 'the blacklist line is part of the comment');
    assert.equal(f.swallowing.length, 1);
    const d = f.directives[0];
    assert.deepEqual(d.params.map((p) => p.name.text), ['nested', '#', 'on']);
    assert.equal(at(text, { start: d.hashAt!, end: d.hashAt! + 1 }), '#');
  });

  it('splits parameters as the kernel does: double quotes keep blanks', () => {
    const text = 'options kvm_intel vmentry_l1d_flush="cond" nested\n';
    const [d] = parseModprobe(text).directives;
    assert.equal(d.params[0].valueText, 'cond');
    assert.equal(at(text, d.params[0].value), '"cond"');
    assert.equal(d.params[1].value, undefined, 'a bare name has no value');
  });

  it('knows every kmod command, case-sensitively, and the module of alias and install', () => {
    const text = 'alias kvm-x kvm_intel\ninstall kvm_amd /bin/false\nsoftdep kvm pre: irqbypass\nOptions kvm nested=1\n';
    const f = parseModprobe(text);
    assert.deepEqual(f.directives.map((d) => d.command ?? `?${d.keyword.text}`), ['alias', 'install', 'softdep', '?Options']);
    assert.equal(f.directives[0].moduleName, 'kvm_intel');
    assert.equal(f.directives[1].shell?.text, '/bin/false');
  });

  it('handles CRLF files', () => {
    const text = 'options kvm_intel nested=0\r\noptions kvm_amd nested=1\r\n';
    const f = parseModprobe(text);
    assert.deepEqual(f.directives.map((d) => at(text, d.params[0].value)), ['0', '1']);
  });
});

describe('kernel command line parser', () => {
  it('finds module.param tokens inside the GRUB_CMDLINE_LINUX values of /etc/default/grub', () => {
    const text = fixture('modprobe', 'tree', 'etc', 'default', 'grub');
    const f = parseCmdline(text);
    assert.equal(f.kind, 'grub');
    assert.deepEqual(f.params.map((p) => `${at(text, p.module)}.${at(text, p.name)}=${at(text, p.value)} (${p.source})`), [
      'kvm-intel.nested=1 (GRUB_CMDLINE_LINUX_DEFAULT)',
      'kvm_amd.nested=y (GRUB_CMDLINE_LINUX)',
    ]);
    // grub-mkconfig puts GRUB_CMDLINE_LINUX first, then _DEFAULT.
    assert.deepEqual(effectiveOrder(f).map((p) => p.moduleName), ['kvm_amd', 'kvm_intel']);
  });

  it('follows shell quoting and self-extension: a later plain assignment replaces, "$VAR …" extends', () => {
    const text = `GRUB_CMDLINE_LINUX='kvm_intel.nested=0'\nGRUB_CMDLINE_LINUX="kvm_intel.ept=1"\nGRUB_CMDLINE_LINUX="\${GRUB_CMDLINE_LINUX} kvm_intel.nested=\\"1\\""\n`;
    const f = parseCmdline(text);
    assert.deepEqual(f.assignments.map((a) => a.extendsSelf), [false, false, true]);
    assert.deepEqual(effectiveOrder(f).map((p) => `${p.key}=${p.valueText}`), ['ept=1', 'nested=1']);
  });

  it('reads /etc/kernel/cmdline whole and stops at `--`', () => {
    const text = fixture('modprobe', 'tree', 'etc', 'kernel', 'cmdline').trimEnd() + ' -- kvm_amd.nested=0\n';
    const f = parseCmdline(text);
    assert.equal(f.kind, 'kernel-cmdline');
    assert.deepEqual(f.params.map((p) => `${p.moduleName}.${p.key}=${p.valueText}`), ['kvm_intel.nested=Y', 'kvm_amd.nested=1']);
  });
});
