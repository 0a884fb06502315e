// eslint with typescript-eslint (type-aware), no floating promises, no console in the server.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Which engine folders each layer may not import. core → lang → facade; edge
 * converts findings; lsp and cli are entry points; the probe does I/O and is used
 * by lsp and cli only. The client talks to the server over LSP and imports only
 * shared/. Patterns match relative specifiers by folder name.
 */
const LAYERS = {
  'server/src/core': ['lang', 'facade', 'edge', 'lsp', 'cli', 'probe', 'io'],
  'server/src/lang': ['facade', 'edge', 'lsp', 'cli', 'probe', 'io'],
  'server/src/facade': ['edge', 'lsp', 'cli', 'probe', 'io'],
  'server/src/edge': ['lang', 'facade', 'lsp', 'cli', 'probe', 'io'],
  // io: file reading with type and size checks (cpu_map), for the entry points.
  'server/src/io': ['facade', 'edge', 'lsp', 'cli', 'probe'],
  'server/src/probe': ['facade', 'lsp', 'cli'],
  'server/src/lsp': ['cli'],
  'server/src/cli': ['lsp'],
  'shared/src': ['server', 'client'],
};
/** The LSP connection library stays in the glue; pure layers use protocol types only. */
const NO_CONNECTION = ['server/src/core', 'server/src/lang', 'server/src/facade', 'server/src/edge', 'server/src/probe', 'server/src/io'];

function layerRules() {
  return Object.entries(LAYERS).map(([dir, banned]) => ({
    files: [`${dir}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        paths: NO_CONNECTION.includes(dir) ? [{ name: 'vscode-languageserver', message: 'Only lsp/ talks to the connection; use vscode-languageserver-protocol types.' }] : [],
        patterns: [{
          group: banned.flatMap((b) => (dir.startsWith('server/src') && (b === 'server' || b === 'client') ? [] : [`**/${b}/*`, `**/${b}`, ...(dir === 'shared/src' ? [`**/${b}/src/*`] : [])])),
          message: `${dir} may not import ${banned.join(', ')} (see docs/DEVELOPING.md, Layers).`,
        }],
      }],
    },
  }));
}

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.scratch/**', 'test-results/**', '**/*.generated.*', 'test/fixtures/**', '.vscode-test/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'smart'],
      // No source file over 400 lines, every line counted.
      'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }],
    },
  },
  {
    // No function over 80 lines in the engine and the extension.
    files: ['server/src/**/*.ts', 'client/src/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }] },
  },
  {
    files: ['server/src/**/*.ts', 'shared/src/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // The client is thin: it talks to the server over LSP and never bundles the engine.
    files: ['client/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/src/*', '**/server/src/**'], message: 'The client imports shared/ only; the engine runs in the server.' }] }] },
  },
  // Layers (docs/DEVELOPING.md): each folder of the engine imports only the layers below it.
  ...layerRules(),
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
