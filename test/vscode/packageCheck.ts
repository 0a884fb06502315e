/**
 * Checks a built .vsix: only allow-listed files (.vscodeignore), everything the manifest refers
 * to present, and the manifest fields the marketplace and issue 5 ask for.
 *
 *   tsx test/vscode/packageCheck.ts nested-virt-<version>.vsix
 */
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';

/** Entries of a zip archive, read from its central directory. */
export function zipEntries(buf: Buffer): Map<string, () => Buffer> {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, () => Buffer>();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    out.set(name, () => {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return method === 0 ? Buffer.from(data) : zlib.inflateRawSync(data);
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** What .vscodeignore lets through, as vsce names it under extension/. */
const ALLOWED: readonly RegExp[] = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/dist\/(client|server|cli)\.js$/,
  /^extension\/dist\/probe\.sh$/,
  /^extension\/syntaxes\/[^/]+\.json$/,
  /^extension\/snippets\/[^/]+\.json$/,
  /^extension\/[^/]*language-configuration\.json$/,
  /^extension\/package\.nls(\.[a-z-]+)?\.json$/,
  /^extension\/l10n\/[^/]+\.json$/,
  /^extension\/readme\.md$/i,
  /^extension\/changelog\.md$/i,
  /^extension\/license(\.txt)?$/i,
  /^extension\/images\/icon\.png$/,
  /^extension\/walkthrough\/.+\.md$/,
  /^extension\/examples\/vm\.xml$/,
  /^extension\/examples\/etc\/nova\/nova\.conf$/,
  /^extension\/docs\/images\/[a-z0-9-]+\.png$/,
];

/**
 * The packaged readme is the user-facing one (docs/MARKETPLACE.md): no build steps or npm commands, and
 * every image a relative path to a file inside the package, so the extension page renders offline.
 */
export function checkReadme(readme: string, has: (rel: string) => boolean): string[] {
  const problems: string[] = [];
  if (/\bnpm (ci|install|run|test)\b|\bnpx\b/.test(readme)) problems.push('readme.md shows npm/npx commands (build steps belong in the repository README)');
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
  if (!images.length) problems.push('readme.md has no screenshots');
  for (const src of images) {
    if (/^[a-z]+:/i.test(src) || src.startsWith('/')) problems.push(`readme.md image ${src} is not a relative path`);
    else if (!has(src)) problems.push(`readme.md image ${src} is not in the package`);
  }
  return problems;
}

interface Manifest {
  name: string; version: string; publisher: string; main: string; icon?: string; l10n?: string;
  engines: { vscode: string }; activationEvents?: string[]; categories?: string[]; keywords?: string[];
  capabilities?: { untrustedWorkspaces?: { supported: boolean | 'limited'; description?: string } };
  contributes?: {
    commands?: { command: string; title: string; category?: string }[];
    configuration?: unknown;
    snippets?: { path: string }[];
    grammars?: { path: string }[];
    languages?: { configuration?: string }[];
    walkthroughs?: { steps: { id: string; media?: { markdown?: string; image?: unknown } }[] }[];
  };
}

function minorOf(range: string): number | undefined {
  const m = /(\d+)\.(\d+)/.exec(range);
  return m ? Number(m[1]) * 1000 + Number(m[2]) : undefined;
}

/** Problems with the .vsix; empty when it is fine. */
export function checkVsix(file: string): { files: string[]; problems: string[] } {
  const entries = zipEntries(fs.readFileSync(file));
  const files = [...entries.keys()].filter((f) => !f.endsWith('/')).sort();
  const problems: string[] = [];
  for (const f of files) if (!ALLOWED.some((re) => re.test(f))) problems.push(`not allow-listed: ${f}`);
  const pkgEntry = entries.get('extension/package.json');
  if (!pkgEntry) return { files, problems: [...problems, 'no extension/package.json'] };
  const pkg = JSON.parse(pkgEntry().toString('utf8')) as Manifest;
  const has = (rel: string): boolean => entries.has(`extension/${rel.replace(/^\.\//, '')}`);
  const need = (rel: string | undefined, what: string): void => {
    if (!rel) problems.push(`manifest has no ${what}`);
    else if (!has(rel)) problems.push(`${what} ${rel} is not in the package`);
  };
  need(pkg.main.endsWith('.js') ? pkg.main : `${pkg.main}.js`, 'main');
  need('dist/server.js', 'language server bundle');
  need(pkg.icon, 'icon');
  for (const f of ['readme.md', 'changelog.md']) if (!files.some((x) => x.toLowerCase() === `extension/${f}`)) problems.push(`${f} missing`);
  const readme = files.find((x) => x.toLowerCase() === 'extension/readme.md');
  if (readme) problems.push(...checkReadme(entries.get(readme)!().toString('utf8'), has));
  for (const ex of ['examples/vm.xml', 'examples/etc/nova/nova.conf']) need(ex, 'example opened by nestedVirt.openExample');
  if (!files.some((x) => /^extension\/license/i.test(x))) problems.push('LICENSE missing');
  for (const s of pkg.contributes?.snippets ?? []) need(s.path, 'snippets');
  for (const g of pkg.contributes?.grammars ?? []) need(g.path, 'grammar');
  for (const l of pkg.contributes?.languages ?? []) if (l.configuration) need(l.configuration, 'language configuration');
  // Walkthrough media may be localized: %key% resolved in every package.nls*.json.
  const nls = files.filter((f) => /^extension\/package\.nls(\.[a-z-]+)?\.json$/.test(f))
    .map((f) => JSON.parse(entries.get(f)!().toString('utf8')) as Record<string, string>);
  const resolve = (v: string): string[] => {
    const m = /^%(.+)%$/.exec(v);
    return m ? nls.map((n) => n[m[1]]).filter((x): x is string => typeof x === 'string') : [v];
  };
  for (const w of pkg.contributes?.walkthroughs ?? []) {
    for (const step of w.steps) {
      const md = step.media?.markdown;
      if (!md) continue;
      const paths = resolve(md);
      if (paths.length === 0) problems.push(`walkthrough step ${step.id}: ${md} has no value in package.nls*.json`);
      for (const rel of paths) need(rel, `walkthrough step ${step.id} media`);
    }
  }
  const l10n = pkg.l10n?.replace(/^\.\//, '');
  if (l10n && !files.some((x) => x.startsWith(`extension/${l10n}/`))) problems.push(`l10n folder ${l10n} is empty or missing`);
  const engine = minorOf(pkg.engines.vscode);
  if (engine === undefined || engine > 1100) problems.push(`engines.vscode ${pkg.engines.vscode} is newer than 1.100`);
  if (!pkg.activationEvents?.length) problems.push('no activationEvents');
  const trust = pkg.capabilities?.untrustedWorkspaces;
  if (!trust) problems.push('capabilities.untrustedWorkspaces not declared');
  else if (trust.supported !== true && !trust.description) problems.push('capabilities.untrustedWorkspaces needs a description when not fully supported');
  if (!pkg.categories?.length) problems.push('no categories');
  if (!pkg.keywords?.length) problems.push('no keywords');
  if (!pkg.contributes?.configuration) problems.push('no contributes.configuration');
  for (const c of pkg.contributes?.commands ?? []) if (!c.category) problems.push(`command ${c.command} has no category`);
  return { files, problems };
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: packageCheck.ts <file.vsix>');
  const { files, problems } = checkVsix(file);
  for (const f of files) console.log(`  ${f}`);
  for (const p of problems) console.error(`PROBLEM: ${p}`);
  console.log(problems.length ? `${problems.length} problem(s)` : `${files.length} files, all allow-listed`);
  process.exitCode = problems.length ? 1 : 0;
}
