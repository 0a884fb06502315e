/**
 * The parser against oslo.config 9.0's own parser. Every case below was run
 * through oslo_config.cfg.ConfigParser (test/fixtures/nova/oslo/oracle.py) and the
 * expected sections, values and errors are what oslo produced.
 */
import * as assert from 'node:assert/strict';
import { parseNovaConf, type NovaConfFile } from '../../../server/src/lang/nova';
import { lastEntry } from '../../../server/src/lang/nova/parser';

/** sections → key → values, as oslo's `sections` dict (raw names). */
function sections(file: NovaConfFile): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const s of file.sections) {
    out[s.name] ??= {};
    for (const e of s.entries) (out[s.name][e.key] ??= []).push(e.value);
  }
  return out;
}
const problems = (file: NovaConfFile): string[] => file.problems.map((p) => p.code);

describe('nova parser: oslo.config semantics', () => {
  it('treats # and ; as comments only in the first column; inline text stays in the value', () => {
    const f = parseNovaConf('[libvirt]\nvirt_type = kvm ; trailing\ninject_password = true # c\n; semicolon comment\n#hash\n');
    assert.deepEqual(sections(f), { libvirt: { virt_type: ['kvm ; trailing'], inject_password: ['true # c'] } });
    assert.equal(f.comments.length, 2);
    assert.deepEqual(problems(f), []);
  });

  it('continues a value on indented lines, even ones that start with #, and joins them with \\n', () => {
    const f = parseNovaConf('[libvirt]\ncpu_models = Haswell,\n  Skylake-Client\n    # indented hash\n\nvirt_type=kvm\n');
    assert.deepEqual(sections(f), { libvirt: { cpu_models: ['Haswell,\nSkylake-Client\n# indented hash'], virt_type: ['kvm'] } });
    const e = f.entries[0];
    assert.deepEqual(e.pieces.map((p) => [p.at, p.start, p.end]), [[0, 23, 31], [9, 34, 48], [24, 53, 68]]);
    assert.equal(e.valueEnd, 68);
  });

  it('starts a multi-line value on the next line when the first line is empty', () => {
    const f = parseNovaConf('[libvirt]\ncpu_models =\n  Haswell,\n  Skylake-Client\n\n');
    assert.equal(f.entries[0].value, '\nHaswell,\nSkylake-Client');
  });

  it('rejects a continuation after a comment, after a header, and tabs count as indentation', () => {
    assert.deepEqual(problems(parseNovaConf('[libvirt]\ncpu_models = Haswell\n# comment\n  Skylake\n')), ['unexpected-continuation']);
    const first = parseNovaConf('[libvirt]\n  cpu_mode = custom\n');
    assert.deepEqual(first.problems, [{ code: 'unexpected-continuation', start: 12, end: 29 }]);
    assert.equal(parseNovaConf('[libvirt]\nvirt_type\t=\tkvm\t\n\tcontinued\n').entries[0].value, 'kvm\ncontinued');
  });

  it('splits at = or :, whichever comes first', () => {
    const f = parseNovaConf('[libvirt]\nvirt_type: kvm\ncpu_mode = host-model:x\nkey:a=b\nkey2=a:b\n');
    assert.deepEqual(sections(f), { libvirt: { virt_type: ['kvm'], cpu_mode: ['host-model:x'], key: ['a=b'], key2: ['a:b'] } });
    assert.equal(f.entries[0].separator, ':');
  });

  it('strips one pair of matching quotes; a lone quote becomes empty; mismatched quotes stay', () => {
    const f = parseNovaConf(`[libvirt]\nvirt_type = "kvm"\ncpu_mode = 'custom'\nrescue_image_id = "abc'\ndisk_prefix = "\nsnapshots_directory = " x "\n`);
    assert.deepEqual(sections(f), {
      libvirt: { virt_type: ['kvm'], cpu_mode: ['custom'], rescue_image_id: [`"abc'`], disk_prefix: [''], snapshots_directory: [' x '] },
    });
    const vt = f.entries[0];
    assert.equal(vt.quoted, true);
    assert.equal(f.text.slice(vt.valueStart, vt.valueEnd), 'kvm');
  });

  it('keeps section names as written, normalises case except DEFAULT, and keeps keys case-sensitive', () => {
    const f = parseNovaConf('[ libvirt ]\nvirt_type=qemu\n[LIBVIRT]\ncpu_mode=custom\n[Libvirt]\ncpu_models=Haswell\n[default]\ndebug=true\n[DEFAULT]\nmy_ip=1.2.3.4\n');
    assert.deepEqual(f.sections.map((s) => [s.name, s.normalized]), [
      [' libvirt ', ' libvirt '], ['LIBVIRT', 'libvirt'], ['Libvirt', 'libvirt'], ['default', 'default'], ['DEFAULT', 'DEFAULT'],
    ]);
    const k = parseNovaConf('[libvirt]\nCPU_MODE = custom\ncpu_mode = host-model\n');
    assert.equal(lastEntry(k, 'libvirt', 'cpu_mode')?.value, 'host-model');
  });

  it('reports the errors that make oslo.config reject the file, with their ranges', () => {
    assert.deepEqual(parseNovaConf('virt_type = kvm\n[libvirt]\n').problems, [{ code: 'no-section', start: 0, end: 9 }]);
    assert.deepEqual(parseNovaConf('[libvirt] # c\nvirt_type=kvm\n').problems, [{ code: 'section-end-bracket', start: 0, end: 13 }]);
    assert.deepEqual(parseNovaConf('[]\n').problems, [{ code: 'empty-section-name', start: 0, end: 2 }]);
    assert.deepEqual(parseNovaConf('[libvirt]\n= value\n').problems, [{ code: 'empty-key', start: 10, end: 17 }]);
    assert.deepEqual(parseNovaConf('[libvirt]\njust a line\n').problems, [{ code: 'invalid-assignment', start: 10, end: 21 }]);
  });

  it('recovers `[libvirt] # c` as libvirt so the rest is still checked', () => {
    const f = parseNovaConf('[libvirt] # c\nvirt_type=kvm\n');
    assert.equal(f.sections[0].normalized, 'libvirt');
    assert.equal(f.sections[0].malformed, true);
    assert.equal(f.entries[0].section?.name, 'libvirt');
  });

  it('does not skip a UTF-8 BOM (oslo reads it as text) and strips Python whitespace such as U+00A0', () => {
    assert.deepEqual(problems(parseNovaConf('\ufeff[libvirt]\nvirt_type=kvm\n')), ['invalid-assignment', 'no-section']);
    // U+00A0 is not a space or tab: not a continuation, and not a key either.
    assert.deepEqual(problems(parseNovaConf('[libvirt]\nvirt_type = kvm\n\u00a0 nbsp\n')), ['invalid-assignment']);
    assert.equal(parseNovaConf('[libvirt]\nvirt_type = kvm\u00a0\n').entries[0].value, 'kvm');
  });

  it('accepts \\r\\n and lone \\r line ends, and whitespace-only lines end a value', () => {
    const f = parseNovaConf('[libvirt]\r\nvirt_type=kvm\r\n  \r\ncpu_mode=custom \r\n');
    assert.deepEqual(sections(f), { libvirt: { virt_type: ['kvm'], cpu_mode: ['custom'] } });
    assert.deepEqual(sections(parseNovaConf('[libvirt]\rvirt_type=qemu\r')), { libvirt: { virt_type: ['qemu'] } });
  });

  it('keeps repeated keys in order (oslo uses the last one for single-valued options)', () => {
    const f = parseNovaConf('[libvirt]\nvirt_type=qemu\nvirt_type=kvm\n');
    assert.deepEqual(sections(f).libvirt.virt_type, ['qemu', 'kvm']);
    assert.equal(lastEntry(f, 'libvirt', 'virt_type')?.value, 'kvm');
  });

  it('never throws on arbitrary input', () => {
    const samples = ['', '\n\n', '[', ']', '=', ':', ' ', '\t#', '[a]\n =\n', '\r', 'x'.repeat(1000), '[libvirt]\n' + '\u0000=\u0001\n'];
    for (const s of samples) assert.doesNotThrow(() => parseNovaConf(s));
  });
});
