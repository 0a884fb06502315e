import * as assert from 'node:assert/strict';
import { parseDomain } from '../../../server/src/lang/domain/model';
import { DOMAIN_SNIPPETS } from '../../../server/src/lang/domain/snippets';

describe('domain snippets', () => {
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
