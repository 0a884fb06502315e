/** Installs code-server into the cache (keyed by version) unless it is there: `tsx test/vscode/installCodeServer.ts`. */
import { ensureCodeServer } from './codeServer';

try {
  const dir = ensureCodeServer((s) => console.log(`[code-server] ${s}`));
  console.log(`[code-server] installed in ${dir}`);
} catch (err) {
  console.error(`[code-server] install failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
