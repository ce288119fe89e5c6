// Builds the CLI bundle (and, when present, the web app). Runs on `npm ci` through `prepare`.
import { build } from 'esbuild';
import { readFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const { version } = JSON.parse(readFileSync(new URL('../packages/cli/package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['packages/cli/src/bin.ts'],
  outfile: 'packages/cli/dist/threatwright.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  splitting: false,
  sourcemap: 'linked',
  legalComments: 'none',
  define: { __THREATWRIGHT_VERSION__: JSON.stringify(version) },
  // Packages with native or WASM payloads stay external and load from node_modules.
  external: ['playwright-core', '@hpcc-js/wasm-graphviz', 'elkjs'],
  banner: { js: "import { createRequire as __twCreateRequire } from 'node:module'; const require = __twCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});

if (existsSync('packages/web/vite.config.ts') && process.env.THREATWRIGHT_SKIP_WEB !== '1') {
  const r = spawnSync('npx', ['vite', 'build', '--config', 'packages/web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
