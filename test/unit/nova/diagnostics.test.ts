/** nova.conf diagnostics on realistic files, with exact ranges, plus the oslo fidelity fixtures. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { codes, lint, msg, only, rangeOf } from './helpers';

const FIX = path.resolve(__dirname, '..', '..', 'fixtures', 'nova');
const read = (...p: string[]): string => fs.readFileSync(path.join(FIX, ...p), 'utf8');

describe('nova diagnostics: realistic files', () => {
  it('the seed how-to ([libvirt] cpu_mode=host-passthrough, virt_type=kvm) is clean in every release', () => {
    for (const release of ['pike', 'train', 'wallaby', 'zed', '2026.1', 'master'] as const) {
      assert.deepEqual(codes(lint(read('seed-howto.conf'), { release }).diags), [], release);
    }
  });

  it('a kolla-style override with custom models, +vmx/-mpx and a continuation line is clean for 2026.1', () => {
    assert.deepEqual(codes(lint(read('kolla', 'config', 'nova', 'nova-compute.conf')).diags), []);
  });

  it('a key deprecated for removal with no known version says so without "since ?"', () => {
    const { diags } = lint('[libvirt]\nlive_migration_progress_timeout = 0\n', { release: 'queens' });
    assert.deepEqual(codes(diags), ['nova-deprecated-for-removal']);
    assert.equal(diags[0].message, '"live_migration_progress_timeout" is deprecated for removal; a later release may ignore it.');
  });

  it('a devstack nova-cpu.conf only gets the deprecated-for-removal live_migration_uri warning', () => {
    const { doc, diags } = lint(read('devstack', 'etc', 'nova', 'nova-cpu.conf'));
    assert.deepEqual(codes(diags), ['nova-deprecated-for-removal']);
    assert.deepEqual(diags[0].range, rangeOf(doc, 'live_migration_uri'));
    assert.equal(diags[0].severity, DiagnosticSeverity.Warning);
    assert.equal(diags[0].source, 'nested-virt');
    assert.match(msg(diags[0]), /since ocata/);
  });

  it('a broken file gets one diagnostic per problem, each on the exact text', () => {
    const { doc, diags } = lint(read('broken.conf'), { release: 'zed' });
    const at = (code: string): string[] => only(diags, code).map((d) => doc.getText(d.range));
    assert.deepEqual(at('nova-key-before-section'), ['debug']);
    assert.deepEqual(at('nova-malformed-section'), ['[libvirt] # compute settings']);
    assert.deepEqual(at('nova-invalid-choice'), ['KVM', '300']);
    assert.deepEqual(at('nova-deprecated-name'), ['cpu_model']);
    assert.deepEqual(at('nova-cpu-models-without-custom'), ['cpu_model']);
    assert.deepEqual(at('nova-extra-flag-conflict'), ['+vmx', '-vmx']);
    assert.deepEqual(at('nova-unknown-cpu-feature'), ['avx9']);
    assert.deepEqual(at('nova-unknown-key'), ['virt_typo']);
    assert.deepEqual(at('nova-value-out-of-range'), ['29']);
    assert.deepEqual(at('nova-invalid-boolean'), ['maybe']);
    assert.deepEqual(at('nova-rbd-force-raw'), ['rbd']);
    assert.deepEqual(at('nova-deprecated-for-removal'), ['live_migration_tunnelled']);
    assert.deepEqual(at('nova-tunnelled-with-tls'), ['true']);
    assert.deepEqual(at('nova-machine-type-arch'), ['amd64']);
    assert.deepEqual(at('nova-machine-type-item'), ['x86_64']);
    assert.deepEqual(at('nova-key-not-in-release'), ['tb_cache_size']);
    assert.deepEqual(at('nova-malformed-line'), ['no equals here']);
    assert.deepEqual(at('nova-unexpected-continuation'), ['# indented note']);
    assert.deepEqual(at('nova-section-whitespace'), [' libvirt ']);
    assert.equal(diags.length, 21);
    const kvm = only(diags, 'nova-invalid-choice')[0];
    assert.deepEqual(kvm.range, { start: { line: 4, character: 12 }, end: { line: 4, character: 15 } });
    assert.match(msg(kvm), /case-sensitively\. Did you mean "kvm"\?$/);
    assert.deepEqual(kvm.data, { kind: 'replace', candidates: ['kvm'] });
    assert.match(msg(only(diags, 'nova-key-not-in-release')[0]), /added in 2023\.2 \(bobcat\)/);
    assert.match(msg(only(diags, 'nova-machine-type-arch')[0]), /Did you mean "x86_64"\?/);
  });

  it('uses the release: cpu_models is "added in train" for stein, cpu_model is deprecated from train', () => {
    const text = '[libvirt]\ncpu_mode = custom\ncpu_models = Haswell\n';
    const stein = lint(text, { release: 'stein' }).diags;
    assert.deepEqual(codes(stein), ['nova-custom-without-models', 'nova-key-not-in-release']);
    assert.match(msg(stein[1]), /added in train/);
    const old = lint('[libvirt]\ncpu_mode = custom\ncpu_model = Haswell\n', { release: 'train' });
    assert.deepEqual(codes(old.diags), ['nova-deprecated-name', 'nova-no-nested-flag']);
    assert.deepEqual(old.diags[0].data, { kind: 'rename', to: 'cpu_models' });
    const removed = lint('[libvirt]\nuse_usb_tablet = true\n', { release: '2024.1' }).diags;
    assert.match(msg(removed[0]), /removed in wallaby/);
  });

  it('a deprecated name next to the new one is reported as ignored (nova reads the new name first)', () => {
    const { doc, diags } = lint('[libvirt]\ncpu_mode = custom\ncpu_model = Haswell\ncpu_models = Skylake-Client\ncpu_model_extra_flags = +vmx\n');
    assert.deepEqual(codes(diags), ['nova-deprecated-name-ignored']);
    assert.deepEqual(diags[0].range, rangeOf(doc, 'cpu_model '.trim()));
  });

  it('flags duplicate keys on the lines nova ignores, across [libvirt] and [LIBVIRT]', () => {
    const { doc, diags } = lint('[libvirt]\nvirt_type = qemu\n[LIBVIRT]\nvirt_type = kvm\n');
    assert.deepEqual(codes(diags), ['nova-duplicate-key']);
    assert.deepEqual(diags[0].range, { start: { line: 1, character: 0 }, end: { line: 1, character: 9 } });
    assert.match(msg(diags[0]), /line 4/);
    assert.equal(doc.getText(diags[0].range), 'virt_type');
  });

  it('checks only the value nova reads: an ignored earlier duplicate is not type-checked', () => {
    assert.deepEqual(codes(lint('[libvirt]\nvirt_type = bogus\nvirt_type = kvm\n').diags), ['nova-duplicate-key']);
  });

  it('says a virt_type choice was removed in wallaby', () => {
    const d = lint('[libvirt]\nvirt_type = xen\n', { release: 'zed' }).diags;
    assert.deepEqual(codes(d), ['nova-invalid-choice']);
    assert.match(msg(d[0]), /removed in wallaby/);
  });

  it('reads [DEFAULT]/[default] and other sections without flagging their keys', () => {
    const { doc, diags } = lint('[DEFAULT]\nanything_at_all = 1\n[default]\nx = 1\n[glance]\napi_servers = http://g:9292\n');
    assert.deepEqual(codes(diags), ['nova-section-default-case']);
    assert.deepEqual(diags[0].range, rangeOf(doc, 'default'));
  });

  it('a [libvirt] key moved to [image_cache] is a warning from ussuri', () => {
    const text = '[libvirt]\nremove_unused_resized_minimum_age_seconds = 3600\n';
    assert.deepEqual(codes(lint(text, { release: 'ussuri' }).diags), ['nova-moved-key']);
    assert.deepEqual(codes(lint(text, { release: 'train' }).diags), []);
  });

  it('warns that the UTF-8 BOM makes oslo reject the file', () => {
    const d = lint('\ufeff[libvirt]\nvirt_type = kvm\n').diags;
    assert.equal(d[0].code, 'nova-bom');
  });

  it('speaks Chinese with the same codes', () => {
    const en = lint('[libvirt]\ncpu_mode = custom\n').diags;
    const zh = lint('[libvirt]\ncpu_mode = custom\n', { locale: 'zh-cn' }).diags;
    assert.deepEqual(codes(zh), codes(en));
    assert.match(msg(zh[0]), /nova-compute 将无法启动/);
  });
});

describe('nova diagnostics: oslo fidelity (oslo-config-generator, nova 26 / zed)', () => {
  const verdicts = JSON.parse(read('oslo', 'zed-oslo-verdicts.json')) as Record<string, string[]>;

  it('every [libvirt] option at its default: no error under zed, warnings only where nova marks deprecated for removal', () => {
    const { doc, diags } = lint(read('oslo', 'zed-libvirt-defaults.conf'), { release: 'zed' });
    assert.deepEqual(verdicts['zed-libvirt-defaults.conf'], []);
    assert.deepEqual(diags.filter((d) => d.severity === DiagnosticSeverity.Error), []);
    assert.deepEqual(diags.map((d) => [d.code, doc.getText(d.range)]), [
      ['nova-deprecated-for-removal', 'live_migration_uri'],
      ['nova-deprecated-for-removal', 'live_migration_tunnelled'],
      ['nova-deprecated-for-removal', 'sparse_logical_volumes'],
    ]);
  });

  it('the literal sample (`<None>` uncommented): errors on exactly the options oslo.config rejects', () => {
    const text = read('oslo', 'zed-libvirt-literal.conf');
    const { doc, diags } = lint(text, { release: 'zed' });
    const keyOf = (line: number): string => doc.getText({ start: { line, character: 0 }, end: { line, character: 200 } }).split(/\s*=/)[0];
    const errors = diags.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => keyOf(d.range.start.line)).sort();
    assert.deepEqual(errors, verdicts['zed-libvirt-literal.conf']);
  });
});
