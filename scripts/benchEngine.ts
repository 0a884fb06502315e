/**
 * What `npm run bench` times in process. scripts/bench.ts bundles this file with esbuild
 * the way scripts/build.mjs bundles dist/server.js, so the in-process figures are those of
 * the shipped code rather than of tsx's file-by-file transform.
 */
export { LanguageService } from '../server/src/facade/service';
export { explain } from '../server/src/lang/explain';
export { cliStacks, lintStacks } from '../server/src/cli/stacks';
