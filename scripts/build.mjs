// Builds the CLI bundle (and, when present, the web app). Runs on `npm ci` through `prepare`.
// Set THREATWRIGHT_SKIP_WEB=1 to build only the CLI.
import { build } from 'esbuild';
import { readFileSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

// Work from the repository root whatever the current folder is.
const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../packages/cli/package.json', import.meta.url), 'utf8'));

// Packages that few runs need are left out of the bundle and loaded from node_modules the first
// time they are used: the CVSS calculator (only a threat with a CVSS vector needs it), the XML
// parser and validator (only JUnit results and Microsoft Threat Modeling Tool files), and the yaml
// library (a valid model is read with js-yaml and placed by scanning its lines; yaml builds documents
// for syntax errors, unusual YAML and writing). The code using them is synchronous and shared with
// the browser, so it keeps its static imports; in the bundle each import gets a stand-in that
// `require`s the package on first use. Parsing them on every start cost `analyze` about 30 ms.
const ON_DEMAND = ['ae-cvss-calculator', 'fast-xml-parser', 'fast-xml-validator', 'yaml'];
const requireFromRoot = createRequire(path.join(root, 'package.json'));

/** The stand-in module for an on-demand package: each export forwards to the package, loaded on first use. */
function standInFor(name) {
  const exports = requireFromRoot(name);
  const names = Object.keys(exports).filter((key) => /^[A-Za-z_$][\w$]*$/.test(key) && key !== 'default' && key !== '__esModule');
  return [
    "import { createRequire } from 'node:module';",
    'let loaded;',
    `const load = () => (loaded ??= createRequire(import.meta.url)(${JSON.stringify(name)}));`,
    'function onDemand(get) {',
    '  const standIn = new Proxy(function () {}, {',
    '    get: (_, key) => Reflect.get(get(), key),',
    '    has: (_, key) => Reflect.has(get(), key),',
    '    apply: (_, self, args) => Reflect.apply(get(), self, args),',
    '    construct: (_, args, newTarget) => Reflect.construct(get(), args, newTarget === standIn ? get() : newTarget),',
    '  });',
    '  return standIn;',
    '}',
    ...names.map((key) => `export const ${key} = onDemand(() => load()[${JSON.stringify(key)}]);`),
    'export default onDemand(load);',
  ].join('\n');
}

/** @type {import('esbuild').Plugin} */
const onDemandPackages = {
  name: 'on-demand-packages',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(${ON_DEMAND.join('|')})$`) }, (args) => ({ path: args.path, namespace: 'on-demand' }));
    b.onLoad({ filter: /.*/, namespace: 'on-demand' }, (args) => ({ contents: standInFor(args.path), loader: 'js', resolveDir: root }));
  },
};

/**
 * zod's `z` namespace carries its error messages in some 40 languages (about 300 KB, a sixth of
 * the core code). Threatwright words its own messages and uses zod's English ones only, so the bundle
 * keeps English alone.
 */
/** @type {import('esbuild').Plugin} */
const englishZodOnly = {
  name: 'english-zod-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({ contents: "export { default as en } from './en.js';", loader: 'js' }));
  },
};

/**
 * A digest of each committed schema (equal to the generated one: a core test checks it), by `$id`, so
 * `validate` tells whether a model's schema copy is this version's by hashing it, instead of
 * generating the schema from zod at every start (a tenth of a second).
 */
function schemaDigests() {
  const out = {};
  for (const name of ['threatwright.schema.json', 'threatwright-include.schema.json']) {
    const data = JSON.parse(readFileSync(path.join(root, 'schema', name), 'utf8'));
    out[data.$id] = createHash('sha256').update(JSON.stringify(data)).digest('hex');
  }
  return out;
}

const started = performance.now();
const result = await build({
  metafile: true,
  absWorkingDir: root,
  entryPoints: { threatwright: 'packages/cli/src/bin.ts' },
  outdir: 'packages/cli/dist',
  // Each lazily imported command becomes its own chunk, so `validate` does not load the server or the renderers.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  // Less text to parse on every start (names are kept, so stack traces stay readable).
  minifyWhitespace: true,
  minifySyntax: true,
  define: { __THREATWRIGHT_VERSION__: JSON.stringify(version), __THREATWRIGHT_SCHEMA_DIGESTS__: JSON.stringify(schemaDigests()) },
  // Packages with native or WASM payloads stay external and load from node_modules.
  external: ['playwright-core', '@hpcc-js/wasm-graphviz', 'elkjs'],
  plugins: [onDemandPackages, englishZodOnly],
  banner: { js: "import { createRequire as __twCreateRequire } from 'node:module'; const require = __twCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
// Chunk names carry content hashes: remove the chunks of earlier builds (after writing the new
// ones, so a running `threatwright` never finds its bundle missing).
const chunks = path.join(root, 'packages/cli/dist/chunks');
const current = new Set(Object.keys(result.metafile.outputs).map((f) => path.resolve(root, f)));
for (const name of existsSync(chunks) ? readdirSync(chunks) : []) {
  if (!current.has(path.join(chunks, name))) rmSync(path.join(chunks, name), { force: true });
}
if (process.env.THREATWRIGHT_BUILD_QUIET !== '1') {
  process.stderr.write(`built packages/cli/dist/threatwright.js in ${Math.round(performance.now() - started)} ms\n`);
}

if (existsSync(new URL('../packages/web/vite.config.ts', import.meta.url)) && process.env.THREATWRIGHT_SKIP_WEB !== '1') {
  const r = spawnSync('npx', ['vite', 'build', '--config', 'packages/web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
