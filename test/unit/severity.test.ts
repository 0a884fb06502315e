/**
 * The severity rule (README "Severity"), applied everywhere and checked two ways:
 *  - every finding code the sources of lang/domain and lang/nova emit has a class in
 *    lang/severity.ts, and the table lists no code that nothing emits;
 *  - over realistic documents (every fixture, the examples, libvirt's corpus, the nova configs of
 *    devstack, kolla and the how-to), each finding's severity is its code's class, and the words
 *    agree: a message that says something is ignored/deprecated/has no effect is never an error,
 *    and one that says libvirt refuses / nova-compute will not start is always an error.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../../server/src/core/finding';
import { bundledCatalog } from '../../server/src/lang/cpumap/provider';
import { domainFindings } from '../../server/src/lang/domain/diagnostics';
import { parseDomain } from '../../server/src/lang/domain/model';
import { novaFindings, parseNovaConf } from '../../server/src/lang/nova';
import { REASON_OF_CODE, SEVERITY_OF_REASON, severityOf } from '../../server/src/lang/severity';
import { FIXTURES, REPO } from '../helpers';
import { novaCtx } from './nova/helpers';

function filesUnder(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop()!;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (ext.test(e.name)) out.push(p);
    }
  }
  return out.sort();
}

/** Code literals where the sources make findings: `code: '…'`, `c.add('…'`, `unknownName(c, '…'`, checkEnum's last argument, PARSE table, value problems. */
/** Public finding codes; the nova parser's own problem codes ('no-section'…) are mapped through a table first. */
const PREFIX = /^(xml|cpu|cpuset|cputune|nova|numa|vcpu|vcpus|nested|host|domain|number|findings|document)-/;

function emittedCodes(): Set<string> {
  const codes = new Set<string>();
  const patterns = [
    /code: '([a-z0-9-]+)'/g,
    /c\.add\('([a-z0-9-]+)'/g,
    /unknownName\(c, '([a-z0-9-]+)'/g,
    /checkEnum\([^;]*, '([a-z0-9-]+)'\)/g,
    /code: bom \? '([a-z0-9-]+)'/g,
    /'(nova-invalid-[a-z-]+|nova-value-out-of-range)'/g,
    /\| '(xml-[a-z-]+)'/g,
    /warnLast\('([a-z0-9-]+)'/g,
    /\? '(nova-[a-z0-9-]+)' :/g,
    /: '(nova-[a-z0-9-]+)', severity/g,
  ];
  for (const dir of ['lang/domain', 'lang/nova', 'lang/xml', 'facade']) {
    for (const file of filesUnder(path.join(REPO, 'server', 'src', ...dir.split('/')), /\.ts$/)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const re of patterns) for (const m of text.matchAll(re)) if (PREFIX.test(m[1])) codes.add(m[1]);
    }
  }
  return codes;
}

const IGNORED_WORDS = /\bignore[sd]?\b|\bdeprecated\b|does nothing|no effect|logs a warning/i;
const REFUSED_WORDS = /libvirt (refuses|rejects)|will not start|rejects the whole file|NoSuchOptError/;

describe('severity rule', () => {
  it('every code the sources emit has a class, and the table names only emitted codes', () => {
    const emitted = emittedCodes();
    const missing = [...emitted].filter((c) => !REASON_OF_CODE.has(c));
    const stale = [...REASON_OF_CODE.keys()].filter((c) => !emitted.has(c));
    assert.deepEqual(missing, [], 'codes without a severity class');
    assert.deepEqual(stale, [], 'classes for codes nothing emits');
    assert.ok(emitted.size > 100, `${emitted.size} codes`);
  });

  it('the classes the issue names', () => {
    const expected: Record<string, string> = {
      'nova-unknown-key': 'warning', // nova ignores it
      'nova-key-not-in-release': 'warning',
      'nova-deprecated-name': 'warning',
      'nova-duplicate-key': 'warning',
      'nova-file-backed-memory-ratio': 'error',
      'nova-interpolation-unknown': 'error',
      'nova-malformed-line': 'error',
      'cpu-model-unknown': 'error', // x86: libvirt refuses it
      'cpu-model-unverified': 'warning', // ARM/ppc64: QEMU decides
      'cpu-model-ignored': 'warning',
      'numa-cells-overlap': 'error',
      'nested-no-cpu': 'information',
    };
    for (const [code, sev] of Object.entries(expected)) assert.equal(severityOf(code), sev, code);
    for (const [reason, sev] of Object.entries(SEVERITY_OF_REASON)) {
      if (/refuses|start|fails|rejects|malformed/.test(reason)) assert.equal(sev, 'error', reason);
      else if (reason === 'advice') assert.equal(sev, 'information', reason);
      else assert.equal(sev, 'warning', reason);
    }
  });

  it('on realistic documents, severity is the class and the words agree', function () {
    this.timeout(120000);
    const all: { file: string; f: Finding }[] = [];
    const xmls = [
      ...filesUnder(path.join(FIXTURES, 'domain'), /\.xml$/),
      path.join(REPO, 'examples', 'vm.xml'),
      ...filesUnder(path.join(REPO, 'vendor', 'libvirt', 'tests', 'qemuxmlconfdata'), /^[^.]+\.xml$/),
    ];
    for (const file of xmls) {
      const { domain } = parseDomain(fs.readFileSync(file, 'utf8'));
      if (domain) for (const f of domainFindings(domain, { catalog: bundledCatalog(), locale: 'en' })) all.push({ file, f });
    }
    const confs = [...filesUnder(path.join(FIXTURES, 'nova'), /\.conf$/), ...filesUnder(path.join(REPO, 'examples', 'etc', 'nova'), /\.conf$/)];
    for (const file of confs) {
      for (const release of ['queens', 'wallaby', '2026.1'] as const) {
        for (const f of novaFindings(parseNovaConf(fs.readFileSync(file, 'utf8')), novaCtx({ release }))) all.push({ file, f });
      }
    }
    const wrong: string[] = [];
    for (const { file, f } of all) {
      const where = `${path.relative(REPO, file)}: ${f.code}`;
      // Words in backticks or quotes are values (`ignore` is a choice of hw_disk_discard), not verdicts.
      const words = f.message.replace(/`[^`]*`|"[^"]*"/g, '');
      if (f.severity !== severityOf(f.code)) wrong.push(`${where} is ${f.severity}, its class says ${severityOf(f.code)}`);
      if (f.severity === 'error' && IGNORED_WORDS.test(words) && !REFUSED_WORDS.test(words)) wrong.push(`${where}: error, but the message says it is ignored: ${f.message}`);
      if (f.severity !== 'error' && REFUSED_WORDS.test(words)) wrong.push(`${where}: ${f.severity}, but the message says it is refused: ${f.message}`);
    }
    assert.deepEqual(wrong, []);
    assert.ok(new Set(all.map((x) => x.f.code)).size > 40, 'the documents exercise many codes');
  });
});
