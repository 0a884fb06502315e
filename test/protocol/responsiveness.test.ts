/**
 * A pathological document does not freeze the editor: while the server computes its
 * diagnostics (in the diagnostics worker), hovers on another, small document keep answering.
 * Asserts order, not time: once the server logs that it is checking the big document, several
 * hovers, each sent after the previous answered, all come back before its diagnostics. Were
 * diagnostics computed on the main thread (NESTED_VIRT_DIAGNOSTICS_IN_PROCESS=1), the first
 * hover would wait for them.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { REPO } from '../helpers';
import { TestClient } from './lspClient';

describe('language server over stdio: a huge document does not block requests', function () {
  this.timeout(120000);

  it('hovers on a small document answer before the huge document’s diagnostics arrive', async () => {
    const client = await TestClient.start();
    try {
      await client.ready;
      const small = fs.readFileSync(path.join(REPO, 'examples', 'vm.xml'), 'utf8');
      const smallUri = 'file:///work/small.xml';
      await client.open(smallUri, 'xml', small);
      await client.diagnosticsFor(smallUri, (d) => d.length > 0);
      const lines = small.split('\n');
      const line = lines.findIndex((l) => l.includes('<model'));
      const position = { line, character: lines[line].indexOf('>') + 3 };

      // 150,000 unknown features: seconds of parsing and checking.
      const features = Array.from({ length: 150000 }, (_, i) => `    <feature policy='require' name='feat${i}'/>\n`).join('');
      const huge = `<domain type='kvm'>\n  <vcpu>2</vcpu>\n  <cpu mode='custom'>\n    <model>Haswell</model>\n${features}  </cpu>\n</domain>\n`;
      const hugeUri = 'file:///work/huge.xml';
      const events: string[] = [];
      await client.open(hugeUri, 'xml', huge);
      // The server logs when it starts checking a big document; ask only from then on.
      await client.waitFor(() => client.logs.some((l) => l.includes(`checking ${hugeUri}`)), () => `the server to start checking ${hugeUri}`, 60000);
      const diagnostics = client.diagnosticsFor(hugeUri, (d) => d.length > 0, 110000).then(() => events.push('huge diagnostics'));
      for (let i = 0; i < 5; i++) {
        const h = await client.hover(smallUri, position);
        assert.match((h?.contents as MarkupContent).value, /Skylake|Haswell|EPYC|model/i);
        events.push(`hover ${i}`);
      }
      await diagnostics;
      assert.deepEqual(events, ['hover 0', 'hover 1', 'hover 2', 'hover 3', 'hover 4', 'huge diagnostics']);
    } finally {
      await client.stop();
    }
  });
});
