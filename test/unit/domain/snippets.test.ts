import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDomain } from '../../../server/src/lang/domain/model';
import { DOMAIN_SNIPPETS, domainSnippetFileText } from '../../../server/src/lang/domain/snippets';

describe('domain snippets', () => {
  it('snippets/domain-xml.json is generated from server/src/lang/domain/snippets.ts', () => {
    const file = fs.readFileSync(path.join(__dirname, '../../../snippets/domain-xml.json'), 'utf8');
    assert.equal(file, domainSnippetFileText(), 'regenerate: npx tsx -e "process.stdout.write(require(\'./server/src/lang/domain/snippets\').domainSnippetFileText())" > snippets/domain-xml.json');
  });

  it('every snippet expands to XML the domain model reads', () => {
    for (const s of DOMAIN_SNIPPETS) {
      const body = s.body
        .join('\n')
        .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
        .replace(/\$\{\d+:([^}]*)\}/g, '$1')
        .replace(/\$\d+/g, '');
      const xml = s.parent === 'domain' ? `<domain type='kvm'>${body}</domain>` : `<domain type='kvm'><cpu mode='host-passthrough'>${body}</cpu></domain>`;
      const { xml: doc, domain } = parseDomain(xml);
      assert.deepEqual(doc.errors, [], s.prefix);
      assert.equal(domain?.cpus.length, 1, s.prefix);
    }
  });
});
