/**
 * explain(): variants of the same message, several problems in one text, host facts
 * choosing the cause, and the locator landing on the responsible line with a quick fix
 * the language service really offers there.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { HostFacts } from '../../../shared/src/hostFacts';
import { DEFAULT_SERVER_SETTINGS, type ServerSettings } from '../../../shared/src/settings';
import { LanguageService } from '../../../server/src/facade/service';
import { explain, locate, matchText } from '../../../server/src/lang/explain';
import { makeNovaComputeLog } from '../../logs/novaComputeLog';
import { asDiagnostics, FIXTURES } from '../../helpers';

const ids = (text: string, host?: HostFacts): string[] => explain(text, { locale: 'en', host }).map((e) => e.id);

function host(o: { nested?: boolean | null; vmx?: boolean; hypervisor?: boolean; vendor?: string }): HostFacts {
  return {
    host: 'compute-7',
    probedAt: '2026-12-02T10:00:00Z',
    arch: 'x86_64',
    cpu: { vendor: o.vendor ?? 'Intel', vmx: o.vmx ?? true, svm: false, hypervisor: o.hypervisor ?? false },
    nested: { module: 'kvm_intel', enabled: o.nested === undefined ? true : o.nested },
  };
}

describe('explain: variants', () => {
  it('tolerates quoting styles: straight, double, curly, backticks', () => {
    for (const q of [["'", "'"], ['"', '"'], ['‘', '’'], ['`', "'"]]) {
      const list = explain(`modprobe: ERROR: could not insert ${q[0]}kvm_intel${q[1]}: Operation not supported`, { locale: 'en' });
      assert.equal(list[0]?.id, 'kmod-insert-not-supported', q.join(''));
      assert.equal(list[0].captures.module, 'kvm_intel');
    }
    assert.equal(explain('CPU mode "host-passthrough" for x86_64 kvm domain on x86_64 host is not supported by hypervisor', { locale: 'en' })[0].captures.mode, 'host-passthrough');
    assert.equal(explain('kvm_amd: Unknown parameter "nestd"', { locale: 'en' })[0].captures.param, 'nestd');
  });

  it('tolerates log prefixes: journal, syslog, timestamps, host names, error:, CRLF', () => {
    const lines = [
      'Dec 02 10:00:01 compute-1.example.net kernel: kvm: disabled by bios',
      '<3>[   14.229805] kvm: disabled by bios',
      '2026-12-02T10:00:01.123456+00:00 compute-1 kernel: [   14.229805] kvm: disabled by bios\r',
      'error: kvm: disabled by bios',
    ];
    for (const l of lines) assert.deepEqual(ids(l), ['kernel-disabled-by-bios'], l);
    const log = '2026-12-02 10:01:02.003 2817 ERROR nova.compute.manager [req-1 - - - - - -] [instance: 0a1b] libvirt.libvirtError: operation failed: guest CPU doesn\'t match specification: missing features: vmx';
    assert.deepEqual(ids(log), ['libvirt-missing-features']);
  });

  it("tolerates libvirt's translated prefixes (zh_CN 错误：, de Fehler:)", () => {
    assert.deepEqual(ids("错误：操作失败：guest CPU doesn't match specification: missing features: vmx"), ['libvirt-missing-features']);
    assert.deepEqual(ids('错误：无效参数：could not find capabilities for domaintype=kvm'), ['libvirt-no-kvm-capabilities']);
    assert.deepEqual(ids("Fehler: Operation fehlgeschlagen: guest CPU doesn't match specification: missing features: svm"), ['libvirt-missing-features']);
  });

  it("tolerates the wordings nova used over the years for a wrong cpu_models name", () => {
    for (const l of ['Configured CPU model: Skylake-Foo is not supported by the hypervisor', "nova.exception.Invalid: Invalid CPU model 'Skylake-Foo'"]) {
      const [e] = explain(l, { locale: 'en' });
      assert.equal(e?.id, 'nova-cpu-model-not-correct', l);
      assert.equal(e.captures.model, 'Skylake-Foo');
    }
  });

  it('splits feature lists and keeps each distinct list a distinct problem', () => {
    const a = explain('missing features: x\nguest CPU doesn\'t match specification: missing features: vmx,pcid', { locale: 'en' });
    assert.deepEqual(a[0].captures.features, ['vmx', 'pcid']);
    const b = explain("guest CPU doesn't match specification: missing features: vmx\nguest CPU doesn't match specification: missing features: vmx\nguest CPU doesn't match specification: missing features: svm", { locale: 'en' });
    assert.deepEqual(b.map((e) => [e.captures.feature, e.occurrences]), [['vmx', 2], ['svm', 1]]);
  });

  it('a text with two problems gets both, most specific first, with lines and offsets', () => {
    const text = [
      "$ sudo modprobe -r kvm_intel",
      "modprobe: FATAL: Module kvm_intel is in use.",
      "$ virsh start nested-guest",
      "error: Failed to start domain 'nested-guest'",
      "error: operation failed: guest CPU doesn't match specification: missing features: vmx",
    ].join('\n');
    const list = explain(text, { locale: 'en' });
    assert.deepEqual(list.map((e) => [e.id, e.category, e.evidence.line]), [
      ['libvirt-missing-features', 'cpu-feature-unavailable', 5],
      ['kmod-module-in-use', 'module-in-use', 2],
    ]);
    for (const e of list) assert.equal(text.slice(e.evidence.start, e.evidence.end), e.evidence.text);
  });

  it('leaves out the generic modprobe error when the kernel log says why', () => {
    const text = "modprobe: ERROR: could not insert 'kvm_intel': Operation not supported\n[   14.2] kvm: disabled by bios";
    assert.deepEqual(ids(text), ['kernel-disabled-by-bios']);
  });

  it('finds nothing in a clean nova-compute log or in prose', () => {
    assert.deepEqual(ids(makeNovaComputeLog(200_000, false)), []);
    assert.deepEqual(ids('The CPU model and mode are documented in the libvirt manual; KVM is fast.'), []);
  });

  it('explains in Chinese with identifiers kept', () => {
    const [e] = explain("guest CPU doesn't match specification: missing features: vmx", { locale: 'zh-cn' });
    assert.match(e.message, /vmx/);
    assert.match(e.message, /嵌套虚拟化/);
    assert.match(e.fix, /kvm_intel/);
  });
});

describe('explain: host facts choose the cause', () => {
  const missing = "error: operation failed: guest CPU doesn't match specification: missing features: vmx";

  it('nested=N on the selected host → nested-off, naming the host and its module', () => {
    const [e] = explain(missing, { locale: 'en', host: host({ nested: false }) });
    assert.equal(e.category, 'nested-off');
    assert.equal(e.host, 'compute-7');
    assert.match(e.message, /On compute-7, kvm_intel has nested=N/);
  });

  it('nested on → the generic cause stays', () => {
    const [e] = explain(missing, { locale: 'en', host: host({ nested: true }) });
    assert.equal(e.category, 'cpu-feature-unavailable');
    assert.equal(e.host, undefined);
  });

  it('a VM without vmx → its L0 must pass it through', () => {
    const [e] = explain('[    5.1] kvm_intel: VMX not supported by CPU 0', { locale: 'en', host: host({ vmx: false, hypervisor: true }) });
    assert.equal(e.category, 'nested-off');
    assert.match(e.message, /compute-7 is itself a virtual machine/);
  });

  it('kvm_amd on an Intel host → the other vendor module', () => {
    const [e] = explain('modprobe: FATAL: Module kvm_amd not found in directory /lib/modules/6.1.0', { locale: 'en', host: host({}) });
    assert.equal(e.category, 'modprobe-config');
    assert.match(e.message, /other vendor: kvm_amd does not apply/);
  });
});

describe('explain: locating the responsible line', () => {
  const settings: ServerSettings = { ...DEFAULT_SERVER_SETTINGS, cpuMapPath: 'bundled' };
  const domain = fs.readFileSync(path.join(FIXTURES, 'explain', 'nested-guest.xml'), 'utf8');
  const nova = fs.readFileSync(path.join(FIXTURES, 'explain', 'nova.conf'), 'utf8');

  it('missing features: vmx → the <model> of the domain, with "Require vmx" offered there', () => {
    const [e] = explain("guest CPU doesn't match specification: missing features: vmx", { locale: 'en' });
    const [l] = locate(e, [{ uri: 'file:///ws/nested-guest.xml', text: domain, kind: 'domain' }], 'en');
    assert.equal(l.line, 8);
    assert.equal(domain.slice(l.start, l.end), 'Skylake-Client-IBRS');
    assert.equal(l.quickFixes[0], 'Require vmx for nested virtualization');
    // The language service offers exactly that quick fix at that range.
    const service = new LanguageService();
    const doc = TextDocument.create('file:///ws/nested-guest.xml', 'xml', 1, domain);
    const diagnostics = asDiagnostics(service.findings(doc, { settings, locale: 'en' }), domain);
    const range = { start: doc.positionAt(l.start), end: doc.positionAt(l.end) };
    const titles = service.codeActions(doc, range, diagnostics, { settings, locale: 'en' }).map((a) => a.title);
    assert.ok(titles.includes(l.quickFixes[0]), titles.join(' | '));
  });

  it("nova's wrong cpu_models name → the cpu_models line of nova.conf", () => {
    const [e] = explain('Configured CPU model: skylake-client is not correct, or your host CPU arch does not support this model.', { locale: 'en' });
    const [l] = locate(e, [{ uri: 'file:///etc/nova/nova.conf', text: nova, kind: 'nova' }, { uri: 'file:///ws/vm.xml', text: domain, kind: 'domain' }], 'en');
    assert.equal(l.uri, 'file:///etc/nova/nova.conf');
    assert.equal(nova.slice(l.start, l.end), 'cpu_models = skylake-client');
    assert.equal(l.line, 6);
  });

  it("a kernel 'Unknown parameter' → the options line in modprobe.d", () => {
    const conf = '# nested\noptions kvm_amd nestd=1\noptions kvm_amd npt=1\n';
    const [e] = explain("kvm_amd: Unknown parameter `nestd'", { locale: 'en' });
    const [l] = locate(e, [{ uri: 'file:///etc/modprobe.d/kvm.conf', text: conf, kind: 'modprobe' }], 'en');
    assert.equal(l.line, 1);
    assert.equal(conf.slice(l.start, l.end), 'options kvm_amd nestd=1');
  });

  it('a host-only problem (firmware) has no line in the files', () => {
    const [e] = explain('kvm: disabled by bios', { locale: 'en' });
    assert.deepEqual(locate(e, [{ uri: 'file:///ws/vm.xml', text: domain, kind: 'domain' }], 'en'), []);
  });
});

describe('explain: linear in the size of the input', () => {
  const best = (text: string): number => {
    let min = Infinity;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      explain(text, { locale: 'en' });
      min = Math.min(min, performance.now() - t);
    }
    return min;
  };

  it('4× the log is about 4× the work, never quadratic', () => {
    const small = makeNovaComputeLog(1024 * 1024);
    const large = makeNovaComputeLog(4 * 1024 * 1024);
    const s1 = { candidateLines: 0, patternRuns: 0, patternChars: 0 };
    const s4 = { candidateLines: 0, patternRuns: 0, patternChars: 0 };
    matchText(small, s1);
    matchText(large, s4);
    const work = s4.patternChars / s1.patternChars;
    assert.ok(work > 3 && work < 5, `pattern work ratio ${work}`);
    best(small); // warm up
    const ratio = best(large) / best(small);
    assert.ok(ratio < 10, `time ratio ${ratio.toFixed(2)} for 4× input (quadratic would be ~16)`);
  });

  it('a pathological long line costs no more than its capped length', () => {
    const line = "Host CPU does not provide required features: " + 'vmx, '.repeat(200_000);
    const stats = { candidateLines: 0, patternRuns: 0, patternChars: 0 };
    matchText(line, stats);
    assert.ok(stats.patternChars <= 4096 * stats.patternRuns, JSON.stringify(stats));
  });
});
