/** One test per modprobe.d / command line finding, on realistic files; the severity rule in each. */
import * as assert from 'node:assert/strict';
import type { HostFacts } from '../../../shared/src/hostFacts';
import { cmdlineFindings, modprobeFindings, parseCmdline, parseModprobe, treeFindings, whichFilesWin, type ModprobeContext } from '../../../server/src/lang/modprobe';
import { asDiagnostics, fixture } from '../../helpers';

const EN: ModprobeContext = { locale: 'en' };

/** `severity code «covered text»` per finding, in document order. */
function summary(text: string, ctx: ModprobeContext = EN, kind: 'modprobe' | 'cmdline' = 'modprobe'): string[] {
  const findings = kind === 'modprobe' ? modprobeFindings(parseModprobe(text), ctx) : cmdlineFindings(parseCmdline(text), ctx);
  return [...findings].sort((a, b) => a.start - b.start || a.code.localeCompare(b.code)).map((f) => `${f.severity} ${f.code} «${text.slice(f.start, f.end)}»`);
}

function host(vendor: 'Intel' | 'AMD', module: string, enabled: boolean | null): HostFacts {
  return { host: 'compute-07', probedAt: '2026-12-01T10:00:00Z', arch: 'x86_64', cpu: { vendor, vmx: vendor === 'Intel', svm: vendor === 'AMD', hypervisor: false }, nested: { module, enabled } };
}

describe('modprobe.d findings', () => {
  it('the seed\'s exact lines: kvm-intel nested=y is fine, `amd` is no module (warning, did-you-mean kvm_amd)', () => {
    const text = fixture('modprobe', 'seed-dist.conf');
    assert.deepEqual(summary(text), ['warning modprobe-unknown-module «amd»']);
    const [f] = modprobeFindings(parseModprobe(text), EN);
    assert.match(f.message, /no module "amd".*Did you mean "kvm_amd"\?/);
    assert.deepEqual(f.data, { kind: 'replace', candidates: ['kvm_amd'] });
  });

  it('options kvm-amd nested=y is an error (nested is an int: the module does not load); options amd nested=1 a warning', () => {
    const text = fixture('modprobe', 'broken-amd.conf');
    assert.deepEqual(summary(text), ['error modprobe-bad-value «y»', 'warning modprobe-unknown-module «amd»']);
    const bad = modprobeFindings(parseModprobe(text), EN).find((f) => f.code === 'modprobe-bad-value')!;
    assert.match(bad.message, /"y" is not a valid int for kvm_amd "nested".*does not load/);
    assert.deepEqual(bad.data, { kind: 'replace', candidates: ['1'] });
    // Through the LSP edge: the range is the value, on line 2.
    const d = asDiagnostics(modprobeFindings(parseModprobe(text), EN), text).find((x) => x.code === 'modprobe-bad-value')!;
    assert.deepEqual(d.range, { start: { line: 1, character: 23 }, end: { line: 1, character: 24 } });
    assert.equal(d.severity, 1);
  });

  it('accepts every value the kernel accepts for bool and int parameters', () => {
    const text = 'options kvm_intel nested=Y ept=on vpid=0 pml=n enable_shadow_vmcs=1\noptions kvm_amd nested=0x1 npt=Y avic=1 pause_filter_count=65535\noptions kvm halt_poll_ns=0 ignore_msrs nx_huge_pages=off tdp_mmu=N\n';
    assert.deepEqual(summary(text), []);
  });

  it('rejects what the kernel rejects: bool words it does not know, a bare int, out-of-range ushort, negative uint', () => {
    const text = 'options kvm_intel nested=enable\noptions kvm_amd nested\noptions kvm_amd pause_filter_count=70000\noptions kvm halt_poll_ns=-1\n';
    assert.deepEqual(summary(text), [
      'error modprobe-bad-value «enable»',
      'error modprobe-missing-value «nested»',
      'error modprobe-bad-value «70000»',
      'error modprobe-bad-value «-1»',
    ]);
  });

  it('near misses of the module name get did-you-mean; real modules and unrelated names are left alone', () => {
    const text = 'options kvm-intl nested=1\noptions intel nested=1\nblacklist nouveau\nblacklist pcspkr\nblacklist snd_hda_codec_realtek\noptions kvmgt enable=1\noptions i915 enable_guc=3\noptions e1000e InterruptThrottleRate=3000\n';
    assert.deepEqual(summary(text), ['warning modprobe-unknown-module «kvm-intl»', 'warning modprobe-unknown-module «intel»']);
  });

  it('an unknown parameter of a kvm module is a warning (the kernel ignores it), with the nearest name', () => {
    const f = modprobeFindings(parseModprobe('options kvm_intel nestd=1\n'), EN);
    assert.deepEqual(f.map((x) => [x.severity, x.code]), [['warning', 'modprobe-unknown-param']]);
    assert.deepEqual(f[0].data, { kind: 'replace', candidates: ['nested'] });
  });

  it('a value set again later is overridden (warning on the earlier one, naming the line that wins)', () => {
    const text = 'options kvm_intel nested=1\noptions kvm_intel ept=1\noptions kvm-intel nested=Y\n';
    const f = modprobeFindings(parseModprobe(text), EN);
    assert.deepEqual(summary(text), ['warning modprobe-overridden «nested»']);
    assert.match(f[0].message, /set again on line 3/);
  });

  it('blacklist of a kvm module is a warning; install … /bin/false or /bin/true an error (never loads)', () => {
    const text = 'blacklist kvm_intel\nblacklist kvm\ninstall kvm_amd /bin/false\ninstall kvm /usr/bin/true\ninstall kvm_intel /sbin/modprobe --ignore-install kvm_intel nested=1\n';
    assert.deepEqual(summary(text), ['warning modprobe-blacklist-kvm «kvm_intel»', 'error modprobe-install-never «/bin/false»', 'error modprobe-install-never «/usr/bin/true»']);
  });

  it('nested=0 or N is information with the on-value of the parameter\'s type', () => {
    const f = modprobeFindings(parseModprobe('options kvm_intel nested=N\noptions kvm_amd nested=0\n'), EN);
    assert.deepEqual(f.filter((x) => x.code === 'modprobe-nested-off').map((x) => [x.severity, x.data]), [
      ['information', { kind: 'replace', candidates: ['Y'] }],
      ['information', { kind: 'replace', candidates: ['1'] }],
    ]);
  });

  it('kvm_intel and kvm_amd set differently is information', () => {
    const text = 'options kvm_intel nested=1\noptions kvm_amd nested=0\n';
    assert.ok(summary(text).includes('information modprobe-vendors-differ «nested»'));
  });

  it('a `#` after the options passes words to the module; kmod ignores unknown commands and short lines', () => {
    const text = 'options kvm_intel nested=1 # enable nesting\nenable kvm_intel\noptions kvm_amd\n';
    assert.deepEqual(summary(text), ['warning modprobe-inline-comment «# enable nesting»', 'warning modprobe-bad-line «enable»', 'warning modprobe-missing-args «options»']);
  });

  it('a comment ending in `\\` hides the next line', () => {
    assert.deepEqual(summary('# nested for AMD \\\noptions kvm_amd nested=1\n'), ['warning modprobe-comment-continues «# nested for AMD \\\noptions kvm_amd nested=1»']);
  });

  it('with a host: the other vendor\'s module is a warning; a value the live module lacks is a pending reload', () => {
    const text = 'options kvm_intel nested=1\noptions kvm_amd nested=1\n';
    const amdHost = host('AMD', 'kvm_amd', false);
    const s = summary(text, { locale: 'en', host: amdHost });
    assert.deepEqual(s, ['warning modprobe-other-vendor «kvm_intel»', 'information modprobe-reload-pending «1»']);
    assert.deepEqual(summary(text, { locale: 'en', host: host('AMD', 'kvm_amd', true) }), ['warning modprobe-other-vendor «kvm_intel»']);
  });

  it('speaks Chinese', () => {
    const [f] = modprobeFindings(parseModprobe('options amd nested=1\n'), { locale: 'zh-cn' });
    assert.match(f.message, /不存在模块 "amd".*"kvm_amd"/);
  });
});

describe('modprobe.d trees: which file wins', () => {
  const tree = [
    { dir: '/usr/lib/modprobe.d', name: 'kvm.conf', text: fixture('modprobe', 'tree', 'usr', 'lib', 'modprobe.d', 'kvm.conf') },
    { dir: '/usr/lib/modprobe.d', name: 'zz-tuning.conf', text: fixture('modprobe', 'tree', 'usr', 'lib', 'modprobe.d', 'zz-tuning.conf') },
    { dir: '/etc/modprobe.d', name: 'kvm.conf', text: fixture('modprobe', 'tree', 'etc', 'modprobe.d', 'kvm.conf') },
    { dir: '/etc/modprobe.d', name: 'blacklist-gpu.conf', text: fixture('modprobe', 'tree', 'etc', 'modprobe.d', 'blacklist-gpu.conf') },
  ];

  it('/etc/modprobe.d/kvm.conf hides /usr/lib/modprobe.d/kvm.conf; the rest are read by file name', () => {
    const { read, hidden } = whichFilesWin(tree);
    assert.deepEqual(read.map((f) => `${f.dir}/${f.name}`), ['/etc/modprobe.d/blacklist-gpu.conf', '/etc/modprobe.d/kvm.conf', '/usr/lib/modprobe.d/zz-tuning.conf']);
    assert.deepEqual(hidden.map((h) => [`${h.file.dir}/${h.file.name}`, `${h.by.dir}/${h.by.name}`]), [['/usr/lib/modprobe.d/kvm.conf', '/etc/modprobe.d/kvm.conf']]);
  });

  it('says so in the hidden file, and marks a value a later file sets again', () => {
    const per = treeFindings(tree, 'en');
    assert.deepEqual(per[0].map((f) => [f.severity, f.code, f.message]), [['warning', 'modprobe-file-hidden', 'kmod does not read this file: /etc/modprobe.d/kvm.conf has the same name and comes first.']]);
    assert.deepEqual(per[1], []);
    const etc = per[2];
    assert.deepEqual(etc.map((f) => [f.code, tree[2].text.slice(f.start, f.end)]), [['modprobe-overridden-by-file', 'nested']]);
    assert.match(etc[0].message, /kvm_amd "nested" is set again in \/usr\/lib\/modprobe.d\/zz-tuning.conf/);
    assert.deepEqual(per[3], []);
  });

  it('is the same whatever order the files come in', () => {
    const a = whichFilesWin(tree);
    const b = whichFilesWin([...tree].reverse());
    assert.deepEqual(b.read.map((f) => f.text), a.read.map((f) => f.text));
    assert.deepEqual(b.hidden.map((h) => h.file.text), a.hidden.map((h) => h.file.text));
  });
});

describe('kernel command line findings', () => {
  it('/etc/default/grub: kvm_amd.nested=y is an error; the first kvm parameter gets the built-in note', () => {
    const text = fixture('modprobe', 'tree', 'etc', 'default', 'grub');
    assert.deepEqual(summary(text, EN, 'cmdline'), ['hint cmdline-builtin-note «kvm-intel»', 'error cmdline-bad-value «y»']);
    const note = cmdlineFindings(parseCmdline(text), EN).find((f) => f.code === 'cmdline-builtin-note')!;
    assert.match(note.message, /built into the kernel this is the only place that counts/);
  });

  it('amd.nested=1 on the command line is a warning with did-you-mean; a replaced assignment is a warning', () => {
    const text = 'GRUB_CMDLINE_LINUX="amd.nested=1 kvm_intel.nested=1"\nGRUB_CMDLINE_LINUX="quiet"\n';
    assert.deepEqual(summary(text, EN, 'cmdline').filter((s) => !s.includes('builtin-note')), ['warning cmdline-replaced «GRUB_CMDLINE_LINUX»', 'warning cmdline-unknown-module «amd»']);
  });

  it('/etc/kernel/cmdline: a later value overrides an earlier one; nested=0 is information', () => {
    const text = 'root=/dev/vda1 ro kvm_intel.nested=1 kvm-intel.nested=0\n';
    assert.deepEqual(summary(text, EN, 'cmdline').filter((s) => !s.includes('builtin-note')), ['warning cmdline-overridden «nested»', 'information cmdline-nested-off «0»']);
  });
});
