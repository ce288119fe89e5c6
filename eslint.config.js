// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';

/** Which workspace packages each package may import (the layering in docs/architecture.md). */
const layers = {
  core: [],
  formats: ['core'],
  render: ['core'],
  server: ['core', 'formats', 'render'],
  cli: ['core', 'formats', 'render', 'server'],
  web: ['core', 'server'],
};
const all = Object.keys(layers);
const nodeIo = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'child_process', 'node:child_process', 'net', 'node:net', 'http', 'node:http', 'https', 'node:https'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'coverage/**', 'tmp/**', 'packages/web/e2e/**/*.js', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-cycle': ['error', { maxDepth: 8, ignoreExternal: true }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='eval']", message: 'Nothing is ever evaluated as code.' },
        // A list spread into a call passes every item as an argument: past about 100 000 items the
        // call overflows the stack, and a model or an imported file can be that long.
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name=/^(min|max)$/] > SpreadElement", message: 'No list is spread into Math.min/max: loop over it (a model-sized list overflows the call).' },
        { selector: "CallExpression[callee.property.name=/^(push|unshift|fromCharCode|fromCodePoint)$/] > SpreadElement", message: 'No list is spread into a call: append in a loop (a model-sized list overflows the call).' },
      ],
      'no-new-func': 'error',
      'no-eval': 'error',
    },
  },
  ...all.map((pkg) => {
    const pure = ['core', 'formats', 'render'].includes(pkg);
    return {
      files: [`packages/${pkg}/src/**/*.{ts,tsx}`],
      ignores: pure ? ['**/*.test.ts'] : [],
      rules: {
        'no-restricted-imports': ['error', {
          paths: pure ? nodeIo.map((name) => ({ name, message: 'core, formats and render are pure: only the CLI and the server touch files, processes and the network.' })) : [],
          patterns: [
            { group: all.filter((p) => p !== pkg && !layers[pkg].includes(p)).map((p) => `@threatwright/${p}`).concat(pkg === 'cli' ? [] : ['threatwright']), message: `packages/${pkg} may import only: ${layers[pkg].join(', ') || 'nothing from other packages'} (see docs/architecture.md).` },
            { group: ['../../*/src/*', '../../../*/src/*'], message: 'Import other packages by their package name.' },
          ],
        }],
        ...(pure ? { 'no-restricted-globals': ['error', { name: 'process', message: 'Only the CLI and the server touch process.' }] } : {}),
      },
    };
  }),
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
