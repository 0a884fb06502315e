/**
 * Growth, not speed: each pathological family from the "Trust" issue is linted at two sizes,
 * n and 2n, through the same façade the editor and the CLI use, and the time must grow
 * about linearly (ratio below 3.3; quadratic work gives 4). Each size takes the best CPU time
 * of seven alternating runs after a warm-up at full size, so a busy machine slows both sides alike.
 * Absolute speed is scripts/bench.ts's job.
 */
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SERVER_SETTINGS } from '../../shared/src/settings';
import { LanguageService, MAX_FINDINGS } from '../../server/src/facade/service';
import { toDiagnostics } from '../../server/src/edge/diagnostics';

const service = new LanguageService();
const opts = { settings: { ...DEFAULT_SERVER_SETTINGS, cpuMapPath: 'bundled' }, locale: 'en' as const };
let version = 0;

/** Lints as the server does: findings, then LSP diagnostics through the document's line index. */
function lint(text: string, languageId: string): number {
  const doc = TextDocument.create(languageId === 'xml' ? 'file:///s/vm.xml' : 'file:///s/nova.conf', languageId, ++version, text);
  const findings = service.findings(doc, opts);
  return toDiagnostics(findings, service.lines(doc)).length;
}

// A full collection before each run, so one run does not pay for the garbage of the last.
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

/** CPU time (user + system) of one run after a full collection: CPU time, not wall time, so other processes do not count. */
function cpuTime(run: () => unknown): number {
  collect();
  const t0 = process.cpuUsage();
  run();
  const d = process.cpuUsage(t0);
  return d.user + d.system;
}

/**
 * time(2n)/time(n), each the best of `reps` runs. Small and large runs alternate, so a busy
 * spell on the machine falls on both sizes alike.
 */
function growth(make: (n: number) => () => unknown, n: number, reps = 7): number {
  const small = make(n);
  const large = make(2 * n);
  small(); // warm-up at full size: JIT, caches, heap growth
  large();
  // Noise only ever inflates a ratio, while quadratic work keeps it near 4 every time: a
  // second and third look are taken only when the first is not clearly linear.
  let best = Infinity;
  for (let attempt = 0; attempt < 3 && best >= 2.6; attempt++) {
    let s = Infinity;
    let l = Infinity;
    for (let i = 0; i < reps; i++) {
      s = Math.min(s, cpuTime(small));
      l = Math.min(l, cpuTime(large));
    }
    best = Math.min(best, l / s);
  }
  return best;
}

const domain = (body: string, cpu = ''): string => `<domain type='kvm'>\n  <name>s</name>\n  <vcpu>2</vcpu>\n  <os><type arch='x86_64' machine='q35'>hvm</type></os>\n  ${cpu}${body}\n</domain>\n`;
const range = (n: number, f: (i: number) => string): string => Array.from({ length: n }, (_, i) => f(i)).join('');

describe('linear growth on pathological documents', function () {
  this.timeout(600000);

  const families: { name: string; n: number; make: (n: number) => string; lang: string }[] = [
    { name: '20k duplicate nova keys', n: 20000, lang: 'nova-conf', make: (n) => '[libvirt]\n' + 'cpu_mode = host-model\n'.repeat(n) },
    { name: '10k repeated [libvirt] sections', n: 40000, lang: 'nova-conf', make: (n) => '[libvirt]\ncpu_mode = custom\n'.repeat(n) },
    { name: '100k attributes on one element', n: 50000, lang: 'xml', make: (n) => domain('', `<cpu mode='host-passthrough' ${range(n, (i) => `a${i}='x' `)}/>\n`) },
    { name: '40k mismatched end tags', n: 80000, lang: 'xml', make: (n) => domain(`${'<a>'.repeat(n)}${'</b>'.repeat(n)}`) },
    { name: '50k unknown features', n: 25000, lang: 'xml', make: (n) => domain('', `<cpu mode='custom'><model>Haswell</model>${range(n, (i) => `<feature policy='require' name='f${i}x'/>\n`)}</cpu>\n`) },
    { name: '100k-item cpu_model_extra_flags', n: 50000, lang: 'nova-conf', make: (n) => `[libvirt]\ncpu_mode = custom\ncpu_models = Haswell\ncpu_model_extra_flags = ${range(n, (i) => `flag${i},`)}vmx\n` },
  ];

  for (const f of families) {
    it(`${f.name}: time(2n)/time(n) < 3, findings capped`, () => {
      const count = lint(f.make(f.n), f.lang);
      assert.ok(count <= MAX_FINDINGS + 1, `${count} diagnostics`);
      const ratio = growth((n) => {
        const text = f.make(n);
        return () => lint(text, f.lang);
      }, f.n);
      assert.ok(ratio < 3.3, `${f.name}: ratio ${ratio.toFixed(2)}`);
    });
  }

  it('XML nested ~3,000 deep: completion and code actions answer (no RangeError) and grow linearly', () => {
    const deep = (n: number): { doc: TextDocument; offset: number } => {
      const text = domain(`<cpu mode='custom'>${'<x>'.repeat(n)}<model>Haswel</model>${'</x>'.repeat(n)}</cpu>`);
      const doc = TextDocument.create('file:///s/deep.xml', 'xml', ++version, text);
      return { doc, offset: text.indexOf('Haswel') + 3 };
    };
    const ask = ({ doc, offset }: { doc: TextDocument; offset: number }): void => {
      service.completion(doc, offset, opts);
      const diagnostics = toDiagnostics(service.findings(doc, opts), service.lines(doc));
      const at = doc.positionAt(offset);
      service.codeActions(doc, { start: at, end: at }, diagnostics, opts);
      service.hover(doc, offset, opts);
    };
    ask(deep(3000));
    // Growth measured deeper (20,000 and 40,000), best of nine, so each run is long enough to time; parsing included.
    const ratio = growth((n) => () => ask(deep(n)), 20000, 9);
    assert.ok(ratio < 3.3, `deep nesting: ratio ${ratio.toFixed(2)}`);
  });
});
