// eslint with typescript-eslint (type-aware), no floating promises, no console in the server.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
    // The pure services must not depend on the protocol glue.
    files: ['server/src/lang/domain/**/*.ts', 'server/src/lang/nova/**/*.ts', 'server/src/lang/cpumap/**/*.ts', 'server/src/lang/xml/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/handlers/*', '**/server', '**/cli/*'], message: 'Language services stay free of protocol and CLI code.' }] }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
