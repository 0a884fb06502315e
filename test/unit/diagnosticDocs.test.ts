/** docs/diagnostics.md: generated, fresh, and covering every code the services emit; each diagnostic links to it. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codeHref, DIAGNOSTICS_DOC_URL } from '../../server/src/core/docs';
import { LineIndex } from '../../server/src/core/lines';
import { toDiagnostic } from '../../server/src/edge/diagnostics';
import { CODE_DOCS, diagnosticsDocText } from '../../server/src/lang/diagnosticDocs';
import { REPO } from '../helpers';

const DIAGNOSTICS_DOC = path.join(REPO, 'docs', 'diagnostics.md');

/** Every code literal the language services can emit, read from their sources. */
function emittedCodes(): Set<string> {
  const out = new Set<string>();
  const dirs = ['server/src/lang/domain', 'server/src/lang/nova', 'server/src/lang/xml'];
  for (const dir of dirs) {
    for (const f of fs.readdirSync(path.join(REPO, dir))) {
      if (!f.endsWith('.ts') || f === 'messages.ts' || f === 'snippets.ts') continue;
      const src = fs.readFileSync(path.join(REPO, dir, f), 'utf8');
      for (const m of src.matchAll(/c\.add\((?:\w, )?'([a-z0-9-]+)'/g)) out.add(m[1]);
      for (const m of src.matchAll(/checkEnum\([^;]*?'([a-z0-9-]+-invalid)'\)/g)) out.add(m[1]);
      for (const m of src.matchAll(/code: '(nova-[a-z0-9-]+)'/g)) out.add(m[1]);
      for (const m of src.matchAll(/\| '(nova-[a-z0-9-]+)'/g)) out.add(m[1]);
      for (const m of src.matchAll(/unknownName\(c, '([a-z0-9-]+)'/g)) out.add(m[1]);
      for (const m of src.matchAll(/this\.error\('(xml-[a-z0-9-]+)'/g)) out.add(m[1]);
      for (const m of src.matchAll(/\? '(nova-[a-z0-9-]+)' :/g)) out.add(m[1]);
      for (const m of src.matchAll(/warnLast\('(nova-[a-z0-9-]+)'/g)) out.add(m[1]);
      for (const m of src.matchAll(/: '(nova-[a-z0-9-]+)', severity/g)) out.add(m[1]);
    }
  }
  return out;
}

describe('diagnostic documentation', () => {
  it('docs/diagnostics.md is what the generator makes now (run npm run gen)', () => {
    assert.equal(fs.readFileSync(DIAGNOSTICS_DOC, 'utf8'), diagnosticsDocText());
  });

  it('documents every code the domain and nova services emit, and nothing else', () => {
    const emitted = emittedCodes();
    assert.ok(emitted.size > 70, `found only ${emitted.size} codes: the scan is broken`);
    const documented = new Set(Object.keys(CODE_DOCS));
    assert.deepEqual([...emitted].filter((c) => !documented.has(c)).sort(), [], 'codes without a section');
    const ownScan = (c: string): boolean => c.startsWith('modprobe-') || c.startsWith('cmdline-');
    assert.deepEqual([...documented].filter((c) => !emitted.has(c) && !ownScan(c)).sort(), [], 'sections for codes nothing emits');
  });

  it('documents every modprobe.d and kernel command line code', () => {
    // lang/modprobe composes codes as `${prefix}-${code}`; each code needs a section under one prefix at least.
    const src = ['diagnostics.ts', 'files.ts'].map((f) => fs.readFileSync(path.join(REPO, 'server', 'src', 'lang', 'modprobe', f), 'utf8')).join('\n');
    const codes = new Set([...src.matchAll(/add\(a, '([a-z-]+)'/g)].map((m) => m[1]));
    for (const m of src.matchAll(/code: '(modprobe-[a-z-]+)'/g)) codes.add(m[1].replace(/^modprobe-/, ''));
    assert.ok(codes.size > 15, `found only ${codes.size} codes: the scan is broken`);
    const documented = new Set(Object.keys(CODE_DOCS));
    const missing = [...codes].filter((c) => !documented.has(`modprobe-${c}`) && !documented.has(`cmdline-${c}`));
    assert.deepEqual(missing, [], 'modprobe/cmdline codes without a section');
  });

  it('has one "### <code>" heading per code, the anchor codeHref links to', () => {
    const text = diagnosticsDocText();
    for (const code of Object.keys(CODE_DOCS)) {
      assert.equal(text.split('\n').filter((l) => l === `### ${code}`).length, 1, code);
      assert.equal(codeHref(code), `${DIAGNOSTICS_DOC_URL}#${code}`);
    }
    assert.match(text, /### nova-unknown-key\n\n\*\*Message:\*\* Unknown option "…" in \[libvirt\]; nova ignores it\.\n\n\*\*Source:\*\* .*nova\/conf\/libvirt\.py/);
  });

  it('every LSP diagnostic links its code to the section', () => {
    const d = toDiagnostic({ code: 'nova-unknown-key', severity: 'error', start: 10, end: 19, message: 'x' }, new LineIndex('[libvirt]\ncpu_modle = Haswell\n'));
    assert.deepEqual(d.codeDescription, { href: `${DIAGNOSTICS_DOC_URL}#nova-unknown-key` });
    assert.deepEqual(d.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 9 } });
  });
});
