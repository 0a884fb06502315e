// Bundles the client, the server and the CLI with esbuild. `tsc -b` type-checks separately.
//   node scripts/build.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
  // The one version: package.json's (read by server/src/core/version.ts).
  define: { __NESTED_VIRT_VERSION__: JSON.stringify(version) },
};

const shebang = { js: '#!/usr/bin/env node' };
const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/server.js', banner: shebang },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: shebang },
];

function copyAssets() {
  const probe = path.join(root, 'server/src/probe/probe.sh');
  if (fs.existsSync(probe)) fs.copyFileSync(probe, path.join(root, 'dist/probe.sh'));
  for (const f of ['dist/cli.js', 'dist/server.js']) fs.chmodSync(path.join(root, f), 0o755);
}

fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context({ ...common, ...b })));
  await Promise.all(contexts.map((c) => c.watch()));
  process.stdout.write('esbuild: watching\n');
} else {
  await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b })));
  copyAssets();
  for (const b of builds) {
    const size = fs.statSync(path.join(root, b.outfile)).size;
    process.stdout.write(`${b.outfile}  ${(size / 1024).toFixed(0)} KiB\n`);
  }
}
