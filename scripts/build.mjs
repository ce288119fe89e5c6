// Builds the CLI bundle (and, when present, the web app). Runs on `npm ci` through `prepare`.
// Set THREATWRIGHT_SKIP_WEB=1 to build only the CLI.
import { build } from 'esbuild';
import { readFileSync, readdirSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Work from the repository root whatever the current folder is.
const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../packages/cli/package.json', import.meta.url), 'utf8'));

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
  define: { __THREATWRIGHT_VERSION__: JSON.stringify(version) },
  // Packages with native or WASM payloads stay external and load from node_modules.
  external: ['playwright-core', '@hpcc-js/wasm-graphviz', 'elkjs'],
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
