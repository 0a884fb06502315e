/**
 * Writes docs/diagnostics.md from the diagnostic code table and the English message
 * catalogs. `--check` only compares and exits 1 when the file is stale.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diagnosticsDocText } from '../server/src/lang/diagnosticDocs';

const DIAGNOSTICS_DOC = path.resolve(__dirname, '..', 'docs', 'diagnostics.md');

{
  const text = diagnosticsDocText();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(DIAGNOSTICS_DOC) ? fs.readFileSync(DIAGNOSTICS_DOC, 'utf8') : '';
    if (current !== text) {
      process.stderr.write('docs/diagnostics.md is stale: run npx tsx scripts/gen-diagnostics-doc.ts\n');
      process.exit(1);
    }
  } else {
    fs.writeFileSync(DIAGNOSTICS_DOC, text);
  }
}
