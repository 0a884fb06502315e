/**
 * The product version, from package.json only. esbuild replaces `__NESTED_VIRT_VERSION__`
 * with package.json's version (scripts/build.mjs `define`); code run from source (tsx in the
 * tests) has no define and reads package.json once instead.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

function fromPackageJson(): string {
  const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export const VERSION: string = typeof __NESTED_VIRT_VERSION__ === 'string' ? __NESTED_VIRT_VERSION__ : fromPackageJson();
